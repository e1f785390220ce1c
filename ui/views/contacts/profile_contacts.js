// profile_contacts.js: a profile's contacts on its page (newest first; each
// opens read-only once closed).

import { api, seg } from '../../api.js';
import { h, replace } from '../../dom.js';
import { errorMessage, t } from '../../i18n.js';
import { historyTable } from './details.js';

/** profileContacts(profile) -> the "Contactos" section of a profile's page. */
export function profileContacts(p) {
  const body = h('div', null, h('p', { class: 'muted' }, t('common.loading')));
  api
    .get(`/api/v1/contacts?profile_id=${seg(p.id)}&limit=50`)
    .then((res) => {
      const items = res.items.filter((c) => c.profile && c.profile.id === p.id);
      replace(body, items.length ? historyTable(items) : h('p', { class: 'muted' }, t('contacts.history.none')));
    })
    .catch((e) => replace(body, h('p', { class: 'form-error' }, errorMessage(e))));
  return h('section', { class: 'card', 'aria-labelledby': `contacts-of-${p.id}` }, h('h2', { id: `contacts-of-${p.id}`, class: 'section-title' }, t('nav.contacts')), body);
}
