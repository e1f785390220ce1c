// home_panels.js: Inicio's contact panels: the agent's open contacts and, for
// supervisors and admins, the pending force-close requests to approve or
// decline. Live events refresh them.

import { api, seg } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { openDialog } from '../../components/dialog.js';
import { errorMessage, formatDateTime, t } from '../../i18n.js';
import { hasRole, listen } from '../../state.js';
import { callerText, channelText, contactHref, ensureCss, lineText } from './common.js';
import { openNewContact } from './new_contact.js';

function declineDialog(req, onDone) {
  const id = uid('ct-decline');
  const reason = h('textarea', { id, rows: 3, maxlength: 500 });
  const err = h('p', { class: 'form-error', role: 'alert' });
  const ok = h('button', { type: 'submit', class: 'button button-danger' }, t('contacts.force.decline'));
  const form = h('form', { novalidate: true }, h('div', { class: 'field' }, h('label', { for: id }, t('contacts.force.decline_reason')), reason), err, h('div', { class: 'actions' }, ok));
  const dlg = openDialog({ title: t('contacts.force.decline'), body: form });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!reason.value.trim()) {
      err.textContent = t('contacts.force.reason_needed');
      return;
    }
    ok.disabled = true;
    try {
      await api.post(`/api/v1/contacts/force-close-requests/${seg(req.id)}/decline`, { reason: reason.value.trim() });
      dlg.close();
      onDone();
    } catch (ex) {
      ok.disabled = false;
      err.textContent = errorMessage(ex);
    }
  });
}

/** contactPanels() -> {node, dispose}. */
export function contactPanels() {
  ensureCss();
  const mine = h('ul', { class: 'act-list' });
  const nuevo = h('button', { type: 'button', class: 'button button-small', 'aria-keyshortcuts': 'Alt+N' }, t('contacts.new.title'));
  nuevo.addEventListener('click', () => openNewContact());
  const mineCard = h('section', { class: 'card', 'aria-labelledby': 'home-ct-open', dataset: { panel: 'open_contacts' } }, h('div', { class: 'people-head' }, h('h2', { id: 'home-ct-open' }, t('contacts.home.open')), nuevo), mine);
  const supervisor = hasRole(['supervisor', 'admin']);
  const reqs = h('ul', { class: 'act-list' });
  const reqCard = supervisor ? h('section', { class: 'card', 'aria-labelledby': 'home-ct-force', dataset: { panel: 'force_close' } }, h('h2', { id: 'home-ct-force' }, t('contacts.home.force_requests')), reqs) : null;
  let disposed = false;

  const loadMine = async () => {
    try {
      const res = await api.get('/api/v1/contacts/mine/open');
      if (disposed) return;
      replace(mine, res.items.length ? res.items.map((c) => h('li', { class: 'act-item', dataset: { id: c.id } },
        h('div', { class: 'act-line' }, h('a', { href: contactHref(c.id) }, callerText(c))),
        h('div', { class: 'act-meta' }, h('span', null, channelText(c.channel)), h('span', null, lineText(c.line)), h('span', null, formatDateTime(c.started_ms)))))
        : h('li', { class: 'muted' }, t('contacts.home.none_open')));
    } catch (e) {
      replace(mine, h('li', { class: 'form-error' }, errorMessage(e)));
    }
  };
  const loadReqs = async () => {
    if (!supervisor) return;
    try {
      const res = await api.get('/api/v1/contacts/force-close-requests?status=pending');
      if (disposed) return;
      replace(reqs, res.items.length ? res.items.map((r) => {
        const approve = h('button', { type: 'button', class: 'button button-small button-primary' }, t('contacts.force.approve'));
        const decline = h('button', { type: 'button', class: 'button button-small' }, t('contacts.force.decline'));
        approve.addEventListener('click', async () => {
          approve.disabled = true;
          try {
            await api.post(`/api/v1/contacts/force-close-requests/${seg(r.id)}/approve`, {});
            loadReqs();
          } catch (e) {
            approve.disabled = false;
            replace(reqs, h('li', { class: 'form-error' }, errorMessage(e)));
          }
        });
        decline.addEventListener('click', () => declineDialog(r, loadReqs));
        return h('li', { class: 'act-item', dataset: { id: r.id } },
          h('div', { class: 'act-line' }, h('a', { href: contactHref(r.contact_id) }, r.contact ? callerText(r.contact) : `#${r.contact_id}`), ` · ${r.agent_name || ''}`),
          h('p', null, t('contacts.force.reason_is', { reason: r.reason })),
          h('div', { class: 'act-meta' }, h('span', null, formatDateTime(r.requested_ms))),
          h('div', { class: 'actions' }, decline, approve));
      }) : h('li', { class: 'muted' }, t('contacts.home.none_requests')));
    } catch (e) {
      replace(reqs, h('li', { class: e.code === 'not_found' ? 'muted' : 'form-error' }, e.code === 'not_found' ? t('contacts.home.none_requests') : errorMessage(e)));
    }
  };
  const offs = [
    listen('live:contact', loadMine), listen('live:contact_closed', () => { loadMine(); loadReqs(); }),
    listen('live:force_close_request', loadReqs), listen('live:force_close_decided', () => { loadMine(); loadReqs(); }),
  ];
  loadMine();
  loadReqs();
  return {
    node: h('div', { class: 'act-panels ct-home' }, mineCard, reqCard),
    dispose() {
      disposed = true;
      offs.forEach((off) => off());
    },
  };
}
