// admin_outbox.js: Administración → Correo: every outgoing message with its
// status, attempts and last error; a test message; retrying a failed one.

import { api, seg } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { errorMessage, formatDateTime, t } from '../../i18n.js';
import { adminFrame, statusBox } from '../admin_common.js';

/** adminOutboxView() -> {node, title}. */
export function adminOutboxView() {
  const box = statusBox();
  const body = h('tbody');
  const empty = h('p', { class: 'muted', hidden: true }, t('act.admin.empty'));
  const filterId = uid('mail-status');
  const filter = h('select', { id: filterId, name: 'status' }, h('option', { value: '' }, t('act.admin.all')), ['queued', 'sending', 'sent', 'failed'].map((s) => h('option', { value: s }, t(`act.mail_status.${s}`))));
  const load = async () => {
    try {
      const res = await api.get(`/api/v1/admin/outbox${filter.value ? `?status=${seg(filter.value)}` : ''}`);
      empty.hidden = res.items.length > 0;
      replace(
        body,
        res.items.map((m) => {
          const retry = m.status === 'failed' ? h('button', { type: 'button', class: 'button button-small', onclick: () => requeue(m) }, t('act.admin.retry')) : null;
          return h(
            'tr',
            { dataset: { id: m.id, status: m.status } },
            h('td', { class: 'nowrap' }, formatDateTime(m.created_ms)),
            h('td', null, t(`act.mail_kind.${m.kind}`)),
            h('td', null, m.to),
            h('td', null, m.subject),
            h('td', null, t(`act.mail_status.${m.status}`)),
            h('td', { class: 'num' }, m.attempts),
            h('td', { class: 'detail' }, m.last_error || ''),
            h('td', { class: 'nowrap' }, m.sent_ms ? formatDateTime(m.sent_ms) : ''),
            h('td', null, retry),
          );
        }),
      );
    } catch (err) {
      box.error(errorMessage(err));
    }
  };
  const requeue = async (m) => {
    try {
      await api.post(`/api/v1/admin/outbox/${seg(m.id)}/retry`);
      box.ok(t('act.admin.requeued'));
      load();
    } catch (err) {
      box.error(errorMessage(err));
    }
  };
  const toId = uid('mail-to');
  const to = h('input', { type: 'email', id: toId, name: 'to', required: true, maxlength: 254 });
  const form = h('form', { class: 'toolbar', novalidate: true }, h('div', { class: 'field' }, h('label', { for: toId }, t('act.admin.test_to')), h('div', { class: 'input-with-button' }, to, h('button', { type: 'submit', class: 'button button-primary' }, t('act.admin.test_send')))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.post('/api/v1/admin/outbox/test', { to: to.value.trim() });
      box.ok(t('act.admin.test_queued'));
      to.value = '';
      load();
    } catch (err) {
      box.error(errorMessage(err));
      to.focus();
    }
  });
  filter.addEventListener('change', load);
  const cols = ['created', 'kind', 'to', 'subject', 'status', 'attempts', 'error', 'sent'].map((c) => h('th', { scope: 'col' }, t(`act.admin.col.${c}`)));
  const node = adminFrame(
    '/admin/correo',
    h('h2', { class: 'section-title' }, t('act.admin.mail_title')),
    box.el,
    form,
    h('div', { class: 'field' }, h('label', { for: filterId }, t('act.admin.status_filter')), filter),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data-table' }, h('thead', null, h('tr', null, cols, h('th', null, ''))), body)),
    empty,
  );
  load();
  return { node, title: t('act.admin.mail_title') };
}
