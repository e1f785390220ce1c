// views/admin_audit.js: Administración → Auditoría: the audit log, newest
// first, paged with the server's `before` cursor, and the chain check.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { errorMessage, formatDateTime, has, t } from '../i18n.js';
import { adminFrame, statusBox } from './admin_common.js';

const PAGE = 50;

function detailText(detail) {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  const keys = Object.keys(detail);
  if (!keys.length) return '';
  return keys.map((k) => `${k}: ${typeof detail[k] === 'object' ? JSON.stringify(detail[k]) : String(detail[k])}`).join(', ');
}

function actionLabel(action) {
  const key = `audit.action.${action}`;
  return has(key) ? t(key) : String(action || '');
}

function objectLabel(type, id) {
  const key = `audit.object.${type}`;
  const name = type ? (has(key) ? t(key) : String(type)) : '';
  return [name, id].filter((x) => x !== null && x !== undefined && x !== '').join(' ');
}

/** adminAuditView() -> view. */
export function adminAuditView() {
  const status = statusBox();
  const tbody = h('tbody');
  const note = h('p', { class: 'muted' }, t('common.loading'));
  const newer = h('button', { type: 'button', class: 'button', disabled: true }, t('audit.newer'));
  const older = h('button', { type: 'button', class: 'button', disabled: true }, t('audit.older'));
  const verify = h('button', { type: 'button', class: 'button button-primary' }, t('audit.verify'));
  const pageInfo = h('span', { class: 'muted pager-info' });
  const cursors = [null]; // cursors[i] = `before` used for page i
  let page = 0;
  let next = null;

  const load = async () => {
    newer.disabled = true;
    older.disabled = true;
    const before = cursors[page];
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (before !== null && before !== undefined) q.set('before', String(before));
    try {
      const res = await api.get(`/api/v1/admin/audit?${q}`);
      const items = Array.isArray(res && res.items) ? res.items : [];
      next = res && res.next_before !== undefined ? res.next_before : null;
      replace(
        tbody,
        items.map((ev) =>
          h(
            'tr',
            null,
            h('td', { class: 'num' }, String(ev.seq)),
            h('td', { class: 'nowrap' }, formatDateTime(ev.ts_ms)),
            h('td', null, ev.actor === null || ev.actor === undefined ? t('audit.system') : String(ev.actor)),
            h('td', { title: String(ev.action || '') }, actionLabel(ev.action)),
            h('td', null, objectLabel(ev.object_type, ev.object_id)),
            h('td', { class: 'detail' }, detailText(ev.detail)),
          ),
        ),
      );
      note.hidden = items.length > 0;
      note.textContent = items.length ? '' : t('audit.none');
      pageInfo.textContent = t('audit.page', { n: page + 1 });
      newer.disabled = page === 0;
      older.disabled = next === null || next === undefined || items.length === 0;
    } catch (err) {
      note.hidden = false;
      note.textContent = errorMessage(err);
      newer.disabled = page === 0;
    }
  };

  newer.addEventListener('click', () => {
    if (page > 0) page -= 1;
    load();
  });
  older.addEventListener('click', () => {
    if (next === null || next === undefined) return;
    cursors[page + 1] = next;
    page += 1;
    load();
  });
  verify.addEventListener('click', async () => {
    verify.disabled = true;
    status.info(t('audit.verifying'));
    try {
      const res = await api.post('/api/v1/admin/audit/verify');
      if (res && res.ok) status.ok(t('audit.verify_ok', { checked: res.checked }));
      else status.error(t('audit.verify_broken', { seq: res && res.first_broken_seq, checked: res && res.checked }));
    } catch (err) {
      status.error(errorMessage(err));
    } finally {
      verify.disabled = false;
    }
  });

  const table = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data-table' },
      h('caption', { class: 'visually-hidden' }, t('audit.table_caption')),
      h('thead', null, h('tr', null, ['audit.seq', 'audit.time', 'audit.actor', 'audit.action', 'audit.object', 'audit.detail'].map((k) => h('th', { scope: 'col' }, t(k))))),
      tbody,
    ),
  );

  const node = adminFrame(
    '/admin/auditoria',
    h('h2', { class: 'section-title' }, t('admin.audit')),
    h('div', { class: 'toolbar' }, verify),
    status.el,
    note,
    table,
    h('div', { class: 'pager' }, newer, pageInfo, older),
  );
  load();
  return { node, title: t('admin.audit') };
}
