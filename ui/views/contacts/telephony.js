// telephony.js: Administración → Telefonía (the phone systems allowed to send
// events, each secret shown once; the extension -> user map) and, for
// supervisors, the missed calls and the events no agent or line could take
// (docs/api-telephony.md), from which a callback is planned as a call.

import { api, seg } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { confirmDialog } from '../../components/dialog.js';
import { staleText } from '../../components/save_form.js';
import { errorMessage, formatDateTime, t } from '../../i18n.js';
import { listen } from '../../state.js';
import { adminFrame, statusBox } from '../admin_common.js';
import { channelText, contactHref, ensureCss } from './common.js';

function integrationsCard(status) {
  const list = h('tbody');
  const secretBox = h('div', { class: 'status-box status-ok', role: 'status', hidden: true });
  const nameId = uid('tel-name');
  const name = h('input', { id: nameId, type: 'text', maxlength: 80, autocomplete: 'off' });
  const add = h('button', { type: 'submit', class: 'button button-primary' }, t('contacts.tel.create'));
  const load = async () => {
    try {
      const res = await api.get('/api/v1/admin/telephony/integrations');
      replace(list, res.items.map((x) => {
        const retire = x.active ? h('button', { type: 'button', class: 'button button-small' }, t('contacts.tel.retire')) : null;
        if (retire) retire.addEventListener('click', async () => {
          if (!(await confirmDialog(t('contacts.tel.retire_confirm', { name: x.name }), { danger: true, confirmLabel: t('contacts.tel.retire') }))) return;
          try {
            await api.del(`/api/v1/admin/telephony/integrations/${seg(x.id)}`);
            load();
          } catch (e) {
            status.error(errorMessage(e));
          }
        });
        return h('tr', { dataset: { id: x.id } }, h('td', null, String(x.id)), h('td', null, x.name), h('td', null, x.active ? t('contacts.tel.active') : t('contacts.tel.retired', { when: formatDateTime(x.retired_ms) })), h('td', null, formatDateTime(x.created_ms)), h('td', null, retire));
      }));
    } catch (e) {
      status.error(errorMessage(e));
    }
  };
  const form = h('form', { class: 'input-with-button', novalidate: true }, name, add);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!name.value.trim()) return;
    add.disabled = true;
    try {
      const res = await api.post('/api/v1/admin/telephony/integrations', { name: name.value.trim() });
      name.value = '';
      // the secret is answered this once: shown for the admin to copy, never kept
      replace(secretBox, h('p', null, t('contacts.tel.secret_once', { id: res.integration.id })), h('pre', { class: 'ct-pre', 'aria-label': t('contacts.tel.secret') }, res.secret));
      secretBox.hidden = false;
      load();
    } catch (err) {
      status.error(errorMessage(err));
    } finally {
      add.disabled = false;
    }
  });
  load();
  return h('section', { class: 'card' }, h('h2', { class: 'section-title' }, t('contacts.tel.integrations')), h('p', { class: 'field-hint' }, t('contacts.tel.integrations_help')),
    h('label', { for: nameId }, t('contacts.tel.name')), form, secretBox,
    h('table', { class: 'table' }, h('thead', null, h('tr', null, ['Id', t('contacts.tel.name'), t('contacts.col.status'), t('contacts.tel.created'), ''].map((x) => h('th', { scope: 'col' }, x)))), list));
}

function extensionsCard(status) {
  const rows = h('tbody');
  let users = [];
  const addRow = (ext = '', userId = '') => {
    const e = h('input', { type: 'text', inputmode: 'numeric', maxlength: 16, value: ext, 'aria-label': t('contacts.tel.extension'), dataset: { key: 'extension' } });
    const u = h('select', { 'aria-label': t('contacts.col.agent'), dataset: { key: 'user' } }, h('option', { value: '' }, '—'), users.map((x) => h('option', { value: String(x.id) }, `${x.display_name || x.username} (${x.username})`)));
    u.value = String(userId || '');
    const rm = h('button', { type: 'button', class: 'button button-small' }, t('contacts.admin.remove'));
    const tr = h('tr', null, h('td', null, e), h('td', null, u), h('td', null, rm));
    rm.addEventListener('click', () => tr.remove());
    rows.appendChild(tr);
  };
  const add = h('button', { type: 'button', class: 'button' }, t('contacts.admin.add'));
  add.addEventListener('click', () => addRow());
  const save = h('button', { type: 'button', class: 'button button-primary' }, t('common.save'));
  save.addEventListener('click', async () => {
    const extensions = [...rows.children].map((tr) => ({ extension: tr.querySelector('[data-key=extension]').value.trim(), user_id: Number(tr.querySelector('[data-key=user]').value) })).filter((x) => x.extension);
    save.disabled = true;
    try {
      const res = await api.put('/api/v1/admin/telephony/extensions', { version, extensions });
      version = res.version;
      status.ok(t('contacts.admin.saved'));
    } catch (e) {
      if (e.code === 'stale_version') {
        // another admin saved the map first: show theirs, say who, and let this one redo the change
        await load();
        status.error(staleText(e));
      } else status.error(errorMessage(e));
    } finally {
      save.disabled = false;
    }
  });
  let version = 0;
  async function load() {
    try {
      if (!users.length) users = ((await api.get('/api/v1/admin/users')).items || []).filter((x) => !x.disabled);
      const res = await api.get('/api/v1/admin/telephony/extensions');
      version = res.version;
      replace(rows);
      res.extensions.forEach((x) => addRow(x.extension, x.user && x.user.id));
    } catch (e) {
      status.error(errorMessage(e));
    }
  }
  load();
  return h('section', { class: 'card' }, h('h2', { class: 'section-title' }, t('contacts.tel.extensions')), h('p', { class: 'field-hint' }, t('contacts.tel.extensions_help')),
    h('table', { class: 'table' }, h('thead', null, h('tr', null, [t('contacts.tel.extension'), t('contacts.col.agent'), ''].map((x) => h('th', { scope: 'col' }, x)))), rows),
    h('div', { class: 'actions' }, add, save));
}

/** adminTelephonyView() -> view. */
export function adminTelephonyView() {
  ensureCss();
  const status = statusBox();
  const node = adminFrame('/admin/telefonia', status.el, integrationsCard(status), extensionsCard(status));
  return { node, title: t('contacts.tel.tab') };
}

/** missedCallsView() -> view: supervisors' list of missed and unassigned calls. */
export function missedCallsView() {
  ensureCss();
  const title = t('contacts.tel.missed');
  const pending = h('input', { type: 'checkbox', id: uid('tel-p'), checked: true });
  const summary = h('p', { class: 'muted', role: 'status' });
  const tbody = h('tbody');
  const node = h('div', { class: 'page' }, h('h1', { class: 'page-title', tabindex: '-1' }, title),
    h('p', null, h('a', { href: '#/contactos' }, t('nav.contacts'))),
    h('label', { for: pending.id, class: 'ct-inline' }, pending, ' ', t('contacts.tel.only_pending')), summary,
    h('table', { class: 'table ct-table' }, h('thead', null, h('tr', null, [t('contacts.tel.received'), t('contacts.tel.from'), t('contacts.tel.to'), t('contacts.col.agent'), t('contacts.col.channel'), t('contacts.tel.reason'), ''].map((x) => h('th', { scope: 'col' }, x)))), tbody));
  let disposed = false;
  const handled = async (x) => {
    await api.post(`/api/v1/telephony/missed/${seg(x.id)}/handled`, {});
    load();
  };
  const row = (x) => {
    const done = h('button', { type: 'button', class: 'button button-small' }, t('contacts.tel.handled'));
    done.addEventListener('click', () => handled(x).catch((e) => (summary.textContent = errorMessage(e))));
    const callback = h('button', { type: 'button', class: 'button button-small button-primary' }, t('contacts.tel.callback'));
    callback.addEventListener('click', async () => {
      callback.disabled = true;
      try {
        await api.post('/api/v1/calls', { subject: t('contacts.tel.callback_subject', { number: x.from || '—' }), direction: 'outbound', status: 'planned' });
        await handled(x);
      } catch (e) {
        callback.disabled = false;
        summary.textContent = errorMessage(e);
      }
    });
    return h('tr', { dataset: { id: x.id } }, h('td', null, formatDateTime(x.received_ms)), h('td', null, x.from || '—'), h('td', null, x.to || '—'),
      h('td', null, x.agent_user ? x.agent_user.name : x.agent || '—'), h('td', null, channelText(x.channel)), h('td', null, t(`contacts.tel.reason.${x.reason}`)),
      h('td', null, x.contact_id ? h('a', { href: contactHref(x.contact_id) }, t('contacts.title')) : null, ' ', x.handled_ms ? t('contacts.tel.handled_by', { name: (x.handled_by && x.handled_by.name) || '—', when: formatDateTime(x.handled_ms) }) : [callback, ' ', done]));
  };
  async function load() {
    try {
      const res = await api.get(`/api/v1/telephony/missed?pending=${pending.checked ? 1 : 0}&limit=200`);
      if (disposed) return;
      replace(tbody, res.items.map(row));
      summary.textContent = res.items.length ? '' : t('contacts.tel.none');
    } catch (e) {
      summary.textContent = errorMessage(e);
    }
  }
  pending.addEventListener('change', load);
  const off = listen('live:telephony_attention', load);
  load();
  return { node, title, dispose: () => { disposed = true; off(); } };
}
