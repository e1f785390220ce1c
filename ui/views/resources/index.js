// index.js: the pages of this area, for the router in ../../app.js.
// Each entry: { path: '/perfiles/:id', titleKey, section, roles, view: (params) => view }.

import { h } from '../../dom.js';
import { adminDirectoryView } from './admin_directory.js';
import { recordPageView } from './record_page.js';

const ADMINS = ['admin'];

document.head.appendChild(h('link', { rel: 'stylesheet', href: '/assets/views/resources/resources.css' }));

export const routes = [
  { path: '/admin/directorio', titleKey: 'res.admin.directory', roles: ADMINS, section: '/admin', view: () => adminDirectoryView() },
  { path: '/admin/directorio/:page/:id', titleKey: 'res.admin.directory', roles: ADMINS, section: '/admin', view: (p) => recordPageView(p) },
];
