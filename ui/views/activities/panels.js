// panels.js: the activities area's subpanels that other areas' pages show.
// The profile page (ui/views/people/) renders every entry of profilePanels, the case page every entry of
// casePanels, in order, below their own content: "Vista de contacto típico" gathers everything related
// in one place without the people area importing the activities area's views one by one.
// Each entry: { key, render: ({ kind: 'profile' | 'case', id, record }) => HTMLElement }.
export const profilePanels = [];
export const casePanels = [];
