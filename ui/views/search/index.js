// index.js: the pages of this area, for the router in ../../app.js.
// Each entry: { path: '/perfiles/:id', titleKey, section, roles, view: (params) => view }.
import { serviceDetailView } from './detail.js';
import { searchPageView } from './page.js';

export const routes = [
  { path: '/recursos', titleKey: 'nav.resources', section: '/recursos', view: () => searchPageView() },
  { path: '/recursos/servicio/:id', titleKey: 'search.detail_title', section: '/recursos', view: (p) => serviceDetailView(p.id) },
];
