// new_contact.js: "Nuevo contacto": a contact started by hand (walk-ins,
// callbacks, chats) with its channel and source line, optionally for a
// profile already on screen; then the contact screen opens.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { openDialog } from '../../components/dialog.js';
import { errorMessage, t } from '../../i18n.js';
import { field } from '../people/common.js';
import { CHANNELS, channelText, contactHref, contactOptions, lineText } from './common.js';

let openNow = null;

/** openNewContact({profileId}): the dialog (one at a time). */
export function openNewContact({ profileId = null } = {}) {
  if (openNow) return;
  const channel = h('select', { id: 'ct-new-channel' }, CHANNELS.map((c) => h('option', { value: c }, channelText(c))));
  const line = h('select', { id: 'ct-new-line' }, h('option', { value: '' }, t('contacts.no_line')));
  const direction = h('select', { id: 'ct-new-direction' }, ['inbound', 'outbound'].map((d) => h('option', { value: d }, t(`contacts.direction.${d}`))));
  const err = h('p', { class: 'form-error', role: 'alert' });
  const start = h('button', { type: 'submit', class: 'button button-primary' }, t('contacts.new.start'));
  const form = h('form', { class: 'grid-form', novalidate: true },
    field(t('contacts.field.channel'), channel), field(t('contacts.field.line'), line, t('contacts.help.line')),
    field(t('contacts.field.direction'), direction), err, h('div', { class: 'actions' }, start));
  const dlg = openDialog({ title: t('contacts.new.title'), body: form, onClose: () => (openNow = null) });
  openNow = dlg;
  contactOptions()
    .then((o) => {
      replace(line, h('option', { value: '' }, t('contacts.no_line')), o.lines.map((l) => h('option', { value: String(l.id) }, lineText(l))));
      if (o.lines.length) line.value = String(o.lines[0].id);
    })
    .catch((e) => (err.textContent = errorMessage(e)));
  channel.focus();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    start.disabled = true;
    err.textContent = '';
    const body = { channel: channel.value, direction: direction.value };
    if (line.value) body.source_line_id = Number(line.value);
    if (profileId) body.profile_id = Number(profileId);
    try {
      const res = await api.post('/api/v1/contacts', body);
      dlg.close();
      location.hash = contactHref(res.contact.id);
    } catch (e) {
      start.disabled = false;
      err.textContent = errorMessage(e);
    }
  });
}
