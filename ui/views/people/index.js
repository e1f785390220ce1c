// index.js: the pages of this area, for the router in ../../app.js.
// Each entry: { path: '/perfiles/:id', titleKey, section, roles, view: (params) => view }.
// Fixed paths come before ":id" ones: the router takes the first match.
import { profileFormView } from './profile_form.js';
import { profilePageView } from './profile_page.js';
import { profilesView } from './profiles_view.js';

export const routes = [
  { path: '/perfiles', titleKey: 'nav.profiles', section: '/perfiles', view: () => profilesView() },
  { path: '/perfiles/nuevo', titleKey: 'people.new_profile', section: '/perfiles', view: () => profileFormView() },
  // the phone system (or a screen pop) opens the profiles of a number: #/perfiles/telefono/3001234567
  { path: '/perfiles/telefono/:phone', titleKey: 'nav.profiles', section: '/perfiles', view: (p) => profilesView({ phone: p.phone }) },
  { path: '/perfiles/:id', titleKey: 'people.profile', section: '/perfiles', view: (p) => profilePageView(p) },
  { path: '/perfiles/:id/editar', titleKey: 'people.edit_profile', section: '/perfiles', view: (p) => profileFormView(p) },
];
