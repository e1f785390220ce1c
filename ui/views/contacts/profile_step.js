// profile_step.js: a contact without a profile yet: look the caller's number
// up (one match preselected to confirm, several listed, none: search), search
// by name, phone or email, or "Crear nuevo perfil" (name, phone, optional
// email, address and postal code, the number prefilled); then link it.

import { api } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { openDialog } from '../../components/dialog.js';
import { t } from '../../i18n.js';
import { errorText, field, input, profileName } from '../people/common.js';

function hitRow(p, onPick, preselected) {
  const pick = h('button', { type: 'button', class: ['button', 'button-small', preselected ? 'button-primary' : null], dataset: { profileId: p.id } }, preselected ? t('contacts.profile.confirm') : t('contacts.profile.select'));
  pick.addEventListener('click', () => onPick(p.id));
  return h('li', { class: 'ct-hit' }, h('strong', null, profileName(p)), p.phone ? h('span', { class: 'muted' }, ` · ${p.phone}`) : null, p.postal_code ? h('span', { class: 'muted' }, ` · ${p.postal_code}`) : null, ' ', pick);
}

/** openCreateProfile({phone, onCreated(id)}): the quick "Crear nuevo perfil" dialog. */
export function openCreateProfile({ phone = '', name = '', onCreated }) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = input({ maxlength: 100, value: words.slice(0, 1).join(' ') });
  const last = input({ maxlength: 100, value: words.slice(1).join(' ') });
  const number = input({ maxlength: 40, value: phone, inputmode: 'tel' });
  const email = input({ maxlength: 200, type: 'email' });
  const address = input({ maxlength: 200 });
  const postal = input({ maxlength: 12 });
  const err = h('p', { class: 'form-error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'button button-primary' }, t('contacts.profile.create_and_link'));
  const form = h('form', { class: 'grid-form', novalidate: true },
    field(t('people.field.first_name'), first), field(t('people.field.last_name'), last),
    field(t('people.field.phone'), number), field(t('contacts.profile.email'), email),
    field(t('people.field.address'), address), field(t('contacts.field.postal_code'), postal),
    err, h('div', { class: 'actions' }, save));
  const dlg = openDialog({ title: t('contacts.profile.create'), body: form });
  first.focus();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = {};
    if (first.value.trim()) body.first_name = first.value.trim();
    if (last.value.trim()) body.last_name = last.value.trim();
    if (number.value.trim()) body.phones = [{ number: number.value.trim(), type: 'mobile' }];
    if (email.value.trim()) body.emails = [email.value.trim()];
    if (address.value.trim()) body.address = address.value.trim();
    if (postal.value.trim()) body.postal_code = postal.value.trim();
    save.disabled = true;
    err.textContent = '';
    try {
      const res = await api.post('/api/v1/profiles', body);
      dlg.close();
      onCreated(res.profile.id);
    } catch (e) {
      save.disabled = false;
      err.textContent = errorText(e);
    }
  });
}

/** profileStep({contact, onPick(profileId)}) -> Node. */
export function profileStep({ contact, onPick }) {
  const qid = uid('ct-pq');
  const q = h('input', { id: qid, type: 'search', maxlength: 200, autocomplete: 'off', dataset: { field: 'profile_id' } });
  const results = h('div', { class: 'ct-hits', 'aria-live': 'polite' });
  const create = h('button', { type: 'button', class: 'button' }, t('contacts.profile.create'));
  let lastQuery = contact.caller_number || '';
  create.addEventListener('click', () => {
    const isPhone = /^[+\d\s().-]+$/.test(lastQuery);
    openCreateProfile({ phone: isPhone ? lastQuery : contact.caller_number || '', name: isPhone || /@/.test(lastQuery) ? '' : lastQuery, onCreated: onPick });
  });
  const show = (items, emptyText, preselect) => {
    if (!items.length) replace(results, h('p', { class: 'calm-note' }, emptyText));
    else replace(results, preselect && items.length === 1 ? h('p', null, t('contacts.profile.one_match')) : null, h('ul', { class: 'ct-hit-list' }, items.map((p) => hitRow(p, onPick, preselect && items.length === 1))));
  };
  const form = h('form', { role: 'search', class: 'people-search', novalidate: true },
    h('label', { for: qid }, t('people.search_label')),
    h('div', { class: 'input-with-button' }, q, h('button', { type: 'submit', class: 'button button-primary' }, t('people.search'))),
    h('p', { class: 'field-hint' }, t('people.search_hint')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    lastQuery = q.value.trim();
    if (!lastQuery) return;
    replace(results, h('p', { class: 'muted' }, t('common.loading')));
    try {
      const res = await api.post('/api/v1/profiles/search', { q: lastQuery });
      show(res.items, t('people.no_match', { q: lastQuery }), false);
    } catch (err) {
      replace(results, h('p', { class: 'form-error', role: 'alert' }, errorText(err)));
    }
  });
  if (contact.caller_number) {
    replace(results, h('p', { class: 'muted' }, t('common.loading')));
    api.get(`/api/v1/profiles/lookup?phone=${encodeURIComponent(contact.caller_number)}`)
      .then((res) => show(res.items, t('people.no_profile_has_number', { phone: contact.caller_number }), true))
      .catch((err) => replace(results, h('p', { class: 'form-error' }, errorText(err))));
  }
  return h('section', { class: 'card ct-profile-step', 'aria-labelledby': 'ct-profile-step-t' },
    h('h2', { id: 'ct-profile-step-t' }, t('contacts.profile.title')),
    h('p', { class: 'field-hint' }, t('contacts.help.profile')),
    form, results, h('div', { class: 'toolbar' }, create));
}
