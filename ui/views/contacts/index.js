// index.js: the pages of this area, for the router in ../../app.js.
// Each entry: { path: '/perfiles/:id', titleKey, section, roles, view: (params) => view }.
import { contactView } from './contact_view.js';
import { contactsListView } from './list.js';
import { adminContactSettingsView } from './admin_settings.js';
import { adminTelephonyView, missedCallsView } from './telephony.js';
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { slots } from '../search/detail.js';
import { active, callerText, contactHref } from './common.js';
import { referButton } from './referrals.js';

export const routes = [
  { path: '/contactos', titleKey: 'nav.contacts', section: '/contactos', view: () => contactsListView() },
  { path: '/admin/contactos', titleKey: 'contacts.admin.title', roles: ['admin'], section: '/admin', view: () => adminContactSettingsView() },
  { path: '/admin/telefonia', titleKey: 'contacts.tel.tab', roles: ['admin'], section: '/admin', view: () => adminTelephonyView() },
  { path: '/contactos/perdidas', titleKey: 'contacts.tel.missed', roles: ['supervisor', 'admin'], section: '/contactos', view: () => missedCallsView() },
  { path: '/contactos/:id', titleKey: 'contacts.title', section: '/contactos', view: (p) => contactView(p) },
];

// the service detail page's Derivar slot: refers to the open contact the agent last had on screen
slots.referral = (svc) => {
  const c = active.contact;
  if (!c || c.status !== 'open') return null;
  const back = h('a', { class: 'button', href: contactHref(c.id) }, t('contacts.back_to', { name: callerText(c) }));
  return h('div', { class: 'ct-detail-refer' }, referButton(c, svc, (next) => (active.contact = next)), ' ', back);
};
