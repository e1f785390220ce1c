// index.js: the pages of this area, for the router in ../../app.js.
// Each entry: { path: '/perfiles/:id', titleKey, section, roles, view: (params) => view }.
// Importing it also starts the live pop-ups (reminders, Activar Ruta) for the signed-in user.

import { adminOutboxView } from './admin_outbox.js';
import { installAlerts } from './alerts.js';
import { planningView } from './planning.js';

installAlerts();

export const routes = [
  { path: '/planificacion', titleKey: 'nav.planning', key: 'l', view: () => planningView() },
  { path: '/admin/correo', titleKey: 'act.admin.mail_title', roles: ['admin'], section: '/admin', view: () => adminOutboxView() },
];
