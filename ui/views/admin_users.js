// views/admin_users.js: Administración → Usuarios: list, create, edit (with
// optimistic locking on `version`), disable/enable, end a user's sessions.

import { api, seg } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { confirmDialog, openDialog } from '../components/dialog.js';
import { staleText } from '../components/save_form.js';
import { errorDetail, errorMessage, LANGS, t } from '../i18n.js';
import { ROLES, state } from '../state.js';
import { adminFrame, statusBox } from './admin_common.js';

function field(label, input, hint) {
  const hintId = hint ? uid('hint') : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hint ? h('p', { id: hintId, class: 'field-hint' }, hint) : null);
}

function roleSelect(id, value) {
  const el = h('select', { id, name: 'role', required: true }, ROLES.map((r) => h('option', { value: r }, t(`role.${r}`))));
  el.value = value;
  return el;
}

function langSelect(id, value) {
  const el = h('select', { id, name: 'language' }, LANGS.map((l) => h('option', { value: l }, t(`lang.${l}`))));
  el.value = value;
  return el;
}

/** randomPassword(): 20 characters from a 56-symbol alphabet (~116 bits), via crypto.getRandomValues. */
function randomPassword() {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const out = [];
  const bytes = new Uint8Array(64);
  while (out.length < 20) {
    crypto.getRandomValues(bytes);
    for (const b of bytes) {
      if (b < 224 && out.length < 20) out.push(alphabet[b % 56]);
    }
  }
  return out.join('');
}

/** adminUsersView() -> view. */
export function adminUsersView() {
  const status = statusBox();
  const tbody = h('tbody');
  const tableNote = h('p', { class: 'muted' }, t('common.loading'));
  let users = [];

  const showError = (err) => status.error(errorMessage(err), errorDetail(err));

  // someone saved first: reload the list, say who and when
  const onStale = async (err) => {
    await load();
    status.error(t('users.stale'), staleText(err));
  };

  const patchUser = async (u, changes, okMsg) => {
    try {
      await api.patch(`/api/v1/admin/users/${seg(u.id)}`, { version: u.version, ...changes });
      await load();
      status.ok(okMsg);
      return true;
    } catch (err) {
      if (err.code === 'stale_version') await onStale(err);
      else showError(err);
      return false;
    }
  };

  const editUser = (u) => {
    const ids = { name: uid('eu-name'), email: uid('eu-email'), role: uid('eu-role'), lang: uid('eu-lang') };
    const name = h('input', { id: ids.name, type: 'text', value: u.display_name || '', required: true, maxlength: 200, autocomplete: 'off' });
    const email = h('input', { id: ids.email, type: 'email', value: u.email || '', maxlength: 254, autocomplete: 'off' });
    const role = roleSelect(ids.role, u.role);
    const lang = langSelect(ids.lang, u.language || 'es');
    const err = h('p', { class: 'form-error', role: 'alert' });
    const save = h('button', { type: 'submit', class: 'button button-primary' }, t('common.save'));
    const cancel = h('button', { type: 'button', class: 'button' }, t('common.cancel'));
    const form = h(
      'form',
      { novalidate: true },
      h('p', { class: 'muted' }, t('users.editing', { username: u.username })),
      field(t('users.display_name'), name),
      field(t('users.email'), email, t('users.email_hint')),
      field(t('users.role'), role),
      field(t('users.language'), lang),
      err,
      h('div', { class: 'actions' }, cancel, save),
    );
    const dlg = openDialog({ title: t('users.edit_title'), body: form });
    cancel.addEventListener('click', () => dlg.close());
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      err.textContent = '';
      const changes = {};
      const newName = name.value.trim();
      if (!newName) {
        err.textContent = t('users.name_required');
        name.focus();
        return;
      }
      if (newName !== (u.display_name || '')) changes.display_name = newName;
      if (email.value.trim() !== (u.email || '')) changes.email = email.value.trim() || null;
      if (role.value !== u.role) changes.role = role.value;
      if (lang.value !== (u.language || 'es')) changes.language = lang.value;
      if (!Object.keys(changes).length) {
        dlg.close();
        return;
      }
      save.disabled = true;
      try {
        await api.patch(`/api/v1/admin/users/${seg(u.id)}`, { version: u.version, ...changes });
        dlg.close();
        await load();
        status.ok(t('users.saved', { username: u.username }));
      } catch (e) {
        if (e.code === 'stale_version') {
          dlg.close();
          await onStale(e);
          return;
        }
        save.disabled = false;
        err.textContent = [errorMessage(e), errorDetail(e)].filter(Boolean).join(' ');
      }
    });
  };

  const toggleDisabled = async (u) => {
    if (!u.disabled) {
      const yes = await confirmDialog(t('users.disable_confirm', { username: u.username }), { confirmLabel: t('users.disable'), danger: true });
      if (!yes) return;
      await patchUser(u, { disabled: true }, t('users.disabled_done', { username: u.username }));
    } else {
      await patchUser(u, { disabled: false }, t('users.enabled_done', { username: u.username }));
    }
  };

  const revoke = async (u) => {
    const yes = await confirmDialog(t('users.revoke_confirm', { username: u.username }), { confirmLabel: t('users.revoke'), danger: true });
    if (!yes) return;
    try {
      await api.post(`/api/v1/admin/users/${seg(u.id)}/revoke-sessions`);
      status.ok(t('users.revoked', { username: u.username }));
    } catch (err) {
      showError(err);
    }
  };

  const row = (u) => {
    const self = state.user && String(state.user.id) === String(u.id);
    return h(
      'tr',
      { dataset: { username: u.username } },
      h('td', null, u.username),
      h('td', null, u.display_name),
      h('td', null, t(`role.${u.role}`)),
      h('td', null, t(`lang.${u.language || 'es'}`)),
      h('td', null, h('span', { class: ['mark', u.disabled ? 'mark-off' : 'mark-ok'] }, u.disabled ? t('users.state_disabled') : t('users.state_active'))),
      h(
        'td',
        { class: 'row-actions' },
        h('button', { type: 'button', class: 'button button-small', 'aria-label': t('users.edit_aria', { username: u.username }), onclick: () => editUser(u) }, t('users.edit')),
        self
          ? null
          : h(
              'button',
              { type: 'button', class: 'button button-small', 'aria-label': t(u.disabled ? 'users.enable_aria' : 'users.disable_aria', { username: u.username }), onclick: () => toggleDisabled(u) },
              u.disabled ? t('users.enable') : t('users.disable'),
            ),
        h('button', { type: 'button', class: 'button button-small', 'aria-label': t('users.revoke_aria', { username: u.username }), onclick: () => revoke(u) }, t('users.revoke')),
      ),
    );
  };

  async function load() {
    try {
      const res = await api.get('/api/v1/admin/users');
      users = Array.isArray(res && res.items) ? res.items : [];
      replace(tbody, users.map(row));
      tableNote.hidden = users.length > 0;
      tableNote.textContent = users.length ? '' : t('users.none');
    } catch (err) {
      tableNote.hidden = false;
      tableNote.textContent = errorMessage(err);
    }
  }

  const table = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data-table' },
      h('caption', { class: 'visually-hidden' }, t('users.table_caption')),
      h(
        'thead',
        null,
        h('tr', null, ['users.username', 'users.display_name', 'users.role', 'users.language', 'users.state'].map((k) => h('th', { scope: 'col' }, t(k))), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('users.actions')))),
      ),
      tbody,
    ),
  );

  const node = adminFrame(
    '/admin/usuarios',
    h('h2', { class: 'section-title' }, t('admin.users')),
    status.el,
    tableNote,
    table,
    createForm(async (created) => {
      await load();
      status.ok(t('users.created', { username: created.username }));
    }),
  );
  load();
  return { node, title: t('admin.users') };
}

function createForm(onCreated) {
  const ids = { user: uid('nu-user'), name: uid('nu-name'), email: uid('nu-email'), role: uid('nu-role'), lang: uid('nu-lang'), pass: uid('nu-pass') };
  const username = h('input', { id: ids.user, name: 'username', type: 'text', required: true, maxlength: 64, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
  const name = h('input', { id: ids.name, name: 'display_name', type: 'text', required: true, maxlength: 200, autocomplete: 'off' });
  const email = h('input', { id: ids.email, name: 'email', type: 'email', maxlength: 254, autocomplete: 'off' });
  const role = roleSelect(ids.role, 'agent');
  const lang = langSelect(ids.lang, 'es');
  const pass = h('input', { id: ids.pass, name: 'password', type: 'password', required: true, maxlength: 1024, autocomplete: 'new-password' });
  const gen = h('button', { type: 'button', class: 'button button-small' }, t('users.generate_password'));
  const err = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, t('users.create'));
  gen.addEventListener('click', () => {
    pass.value = randomPassword();
    pass.type = 'text';
    pass.focus();
    pass.select();
  });
  const form = h(
    'form',
    { class: 'grid-form', novalidate: true, 'aria-labelledby': 'new-user-title' },
    field(t('users.username'), username),
    field(t('users.display_name'), name),
    field(t('users.email'), email, t('users.email_hint')),
    field(t('users.role'), role),
    field(t('users.language'), lang),
    h('div', { class: 'field' }, h('label', { for: ids.pass }, t('users.initial_password')), h('div', { class: 'input-with-button' }, pass, gen), h('p', { class: 'field-hint' }, t('users.password_hint'))),
    err,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    const body = { username: username.value.trim(), display_name: name.value.trim(), role: role.value, language: lang.value, password: pass.value };
    if (email.value.trim()) body.email = email.value.trim();
    if (!body.username || !body.display_name || !body.password) {
      err.textContent = t('users.fill_required');
      (!body.username ? username : !body.display_name ? name : pass).focus();
      return;
    }
    submit.disabled = true;
    try {
      const res = await api.post('/api/v1/admin/users', body);
      form.reset();
      pass.type = 'password';
      await onCreated((res && res.user) || body);
      username.focus();
    } catch (e) {
      err.textContent = e.code === 'conflict' ? t('users.username_taken') : [errorMessage(e), errorDetail(e)].filter(Boolean).join(' ');
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'new-user-title' }, h('h2', { id: 'new-user-title' }, t('users.new')), form);
}
