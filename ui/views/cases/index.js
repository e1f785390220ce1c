// index.js: the pages of this area, for the router in ../../app.js.
// Each entry: { path: '/casos/:id', titleKey, section, roles, view: (params) => view }.
// Fixed paths come before ":id" ones: the router takes the first match.
import { casePageView, caseNewView, casesListView } from './cases_view.js';

export const routes = [
  { path: '/casos', titleKey: 'nav.cases', section: '/casos', view: () => casesListView() },
  { path: '/casos/nuevo/:profile', titleKey: 'cases.new', section: '/casos', view: (p) => caseNewView(p) },
  { path: '/casos/:id', titleKey: 'cases.case', section: '/casos', view: (p) => casePageView(p) },
];
