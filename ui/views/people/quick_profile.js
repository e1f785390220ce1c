// quick_profile.js: "Crear → Crear perfil" opens this quick form (seed 000: new
// records open in quick mode); "Formulario completo" carries what was typed to
// the full form.

import { api, seg } from '../../api.js';
import { h } from '../../dom.js';
import { openDialog } from '../../components/dialog.js';
import { t } from '../../i18n.js';
import { PHONE_TYPES, errorText, field, input, select, setDraft } from './common.js';

/** openQuickProfile({phone, name}): the dialog; saving opens the new profile's page. */
export function openQuickProfile({ phone = '', name = '' } = {}) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = input({ maxlength: 100, value: words.slice(0, Math.ceil(words.length / 2)).join(' ') });
  const last = input({ maxlength: 100, value: words.slice(Math.ceil(words.length / 2)).join(' ') });
  const alias = input({ maxlength: 100 });
  const anon = h('input', { type: 'checkbox', id: 'qp-anon' });
  const number = input({ maxlength: 40, value: phone, inputmode: 'tel' });
  const type = select(PHONE_TYPES, 'people.phone_type', 'mobile');
  const err = h('p', { class: 'form-error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'button button-primary' }, t('common.save'));
  const full = h('button', { type: 'button', class: 'button' }, t('people.full_form'));
  const cancel = h('button', { type: 'button', class: 'button' }, t('common.cancel'));
  const values = () => {
    const body = {};
    for (const [k, el] of [['first_name', first], ['last_name', last], ['alias', alias]]) if (el.value.trim()) body[k] = el.value.trim();
    if (anon.checked) body.anonymous = true;
    if (number.value.trim()) body.phones = [{ number: number.value.trim(), type: type.value }];
    return body;
  };
  const form = h(
    'form',
    { class: 'grid-form', novalidate: true },
    field(t('people.field.first_name'), first),
    field(t('people.field.last_name'), last),
    field(t('people.field.alias'), alias, t('people.alias_hint')),
    h('div', { class: 'field' }, h('label', { for: 'qp-anon' }, anon, ' ', t('people.field.anonymous'))),
    field(t('people.field.phone'), number, t('people.phone_hint')),
    field(t('people.field.phone_type'), type),
    err,
    h('div', { class: 'actions' }, cancel, full, save),
  );
  const dlg = openDialog({ title: t('people.create_profile'), body: form });
  first.focus();
  cancel.addEventListener('click', () => dlg.close());
  full.addEventListener('click', () => {
    setDraft(values());
    dlg.close();
    location.hash = '#/perfiles/nuevo';
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    save.disabled = true;
    try {
      const res = await api.post('/api/v1/profiles', values());
      dlg.close();
      location.hash = `#/perfiles/${seg(res.profile.id)}`;
    } catch (e) {
      save.disabled = false;
      err.textContent = errorText(e);
    }
  });
  return dlg;
}

/** createMenu({phone, name}) -> the seed's "Crear" button with its "Crear perfil" item. */
export function createMenu(prefill = () => ({})) {
  const menuId = `create-menu-${Math.random().toString(36).slice(2, 8)}`;
  const item = h('button', { type: 'button', class: 'menu-item', role: 'menuitem' }, t('people.create_profile'));
  const menu = h('div', { id: menuId, class: 'menu people-menu', role: 'menu', hidden: true }, item);
  const button = h('button', { type: 'button', class: 'button', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': menuId }, t('people.create'), ' ▾');
  const close = () => {
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
  };
  button.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
    button.setAttribute('aria-expanded', String(!menu.hidden));
    if (!menu.hidden) item.focus();
  });
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
      button.focus();
    }
  });
  item.addEventListener('click', () => {
    close();
    openQuickProfile(prefill());
  });
  return h('div', { class: 'user-menu people-create' }, button, menu);
}
