// index.js: the pages of this area, for the router in ../../app.js.
// Each entry: { path: '/perfiles/:id', titleKey, section, roles, view: (params) => view }.
export const routes = [];
