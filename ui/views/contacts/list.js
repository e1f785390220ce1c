// list.js: "Contactos" in the main menu: the contacts, newest first, filtered
// by date, agent, line, channel, status, tag and need; agents see their own.

import { api } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { errorMessage, formatDateTime, t } from '../../i18n.js';
import { hasRole } from '../../state.js';
import { CHANNELS, STATUSES, callerText, channelText, contactHref, contactOptions, ensureCss, label, statusText } from './common.js';
import { openNewContact } from './new_contact.js';

function labelled(text, el) {
  if (!el.id) el.id = uid('ctl');
  return h('div', { class: 'field' }, h('label', { for: el.id }, text), el);
}

function dayStart(v) {
  const [y, m, d] = v.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

/** contactsListView() -> view. */
export function contactsListView() {
  ensureCss();
  const title = t('nav.contacts');
  const from = h('input', { type: 'date' });
  const to = h('input', { type: 'date' });
  const agent = h('select', null, h('option', { value: '' }, t('contacts.filter.any')));
  const line = h('select', null, h('option', { value: '' }, t('contacts.filter.any')));
  const channel = h('select', null, h('option', { value: '' }, t('contacts.filter.any')), CHANNELS.map((c) => h('option', { value: c }, channelText(c))));
  const status = h('select', null, h('option', { value: '' }, t('contacts.filter.any')), STATUSES.map((s) => h('option', { value: s }, statusText(s))));
  const tag = h('select', null, h('option', { value: '' }, t('contacts.filter.any')));
  const need = h('select', null, h('option', { value: '' }, t('contacts.filter.any')));
  const supervisor = hasRole(['supervisor', 'admin']);
  const form = h('form', { class: 'ct-filters', novalidate: true, 'aria-label': t('contacts.filter.title') },
    labelled(t('contacts.filter.from'), from), labelled(t('contacts.filter.to'), to),
    supervisor ? labelled(t('contacts.col.agent'), agent) : null,
    labelled(t('contacts.col.line'), line), labelled(t('contacts.col.channel'), channel),
    labelled(t('contacts.col.status'), status), labelled(t('contacts.field.tags'), tag), labelled(t('contacts.field.needs'), need));
  const summary = h('p', { class: 'muted', role: 'status' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'button', hidden: true }, t('contacts.more'));
  const nuevo = h('button', { type: 'button', class: 'button button-primary', 'aria-keyshortcuts': 'Alt+N' }, t('contacts.new.title'));
  nuevo.addEventListener('click', () => openNewContact());
  const table = h('table', { class: 'table ct-table' },
    h('thead', null, h('tr', null, [t('contacts.col.started'), t('contacts.col.caller'), t('contacts.col.channel'), t('contacts.col.line'), t('contacts.col.agent'), t('contacts.col.status')].map((x) => h('th', { scope: 'col' }, x)))), tbody);
  const node = h('div', { class: 'page page-contacts' }, h('div', { class: 'people-head' }, h('h1', { class: 'page-title', tabindex: '-1' }, title), h('div', { class: 'toolbar' }, supervisor ? h('a', { class: 'button', href: '#/contactos/perdidas' }, t('contacts.tel.missed')) : null, nuevo)), h('section', { class: 'card' }, form), summary, table, h('div', { class: 'actions' }, more));
  let next = null;
  let disposed = false;

  const row = (c) => h('tr', { dataset: { id: c.id } },
    h('td', null, h('a', { href: contactHref(c.id) }, formatDateTime(c.started_ms))),
    h('td', null, callerText(c)), h('td', null, channelText(c.channel)), h('td', null, c.line ? c.line.name : '—'),
    h('td', null, c.agent ? c.agent.name : '—'), h('td', null, statusText(c.status)));

  async function load(append) {
    const q = new URLSearchParams();
    if (from.value) q.set('from', String(dayStart(from.value)));
    if (to.value) q.set('to', String(dayStart(to.value) + 86400000));
    for (const [k, el] of [['agent', agent], ['line', line], ['channel', channel], ['status', status], ['tag', tag], ['need', need]]) if (el.value) q.set(k, el.value);
    if (append && next) q.set('before', String(next));
    q.set('limit', '50');
    summary.textContent = t('common.loading');
    try {
      const res = await api.get(`/api/v1/contacts?${q}`);
      if (disposed) return;
      if (append) res.items.forEach((c) => tbody.appendChild(row(c)));
      else replace(tbody, res.items.map(row));
      next = res.next_before;
      more.hidden = !next;
      summary.textContent = tbody.children.length ? t('contacts.count', { n: tbody.children.length }) : t('contacts.none');
    } catch (e) {
      summary.textContent = errorMessage(e);
    }
  }
  contactOptions().then((o) => {
    for (const l of o.lines) line.appendChild(h('option', { value: String(l.id) }, l.name));
    for (const x of o.tags) tag.appendChild(h('option', { value: String(x.id) }, label(x)));
  }).catch(() => {});
  if (supervisor) api.get('/api/v1/cases/assignees').then((r) => r.items.forEach((u) => agent.appendChild(h('option', { value: String(u.id) }, u.name)))).catch(() => {});
  // needs to filter by: the directory's terms in use
  api.get('/api/v1/search/filters').then((f) => f.categories.forEach((c) => need.appendChild(h('option', { value: c.id }, c.name)))).catch(() => {});
  form.addEventListener('change', () => load(false));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load(false);
  });
  more.addEventListener('click', () => load(true));
  load(false);
  return { node, title, dispose: () => (disposed = true) };
}
