// common.js: what the activities views share: labels, local date-time inputs,
// the pickers' data (newest case first, active users) and one list row for a
// call or a task.

import { api, seg } from '../../api.js';
import { h } from '../../dom.js';
import { formatDateTime, t } from '../../i18n.js';
import { emit } from '../../state.js';

export const ROUTE_TYPES = ['mental_health', 'suicide_risk', 'gender_violence', 'child_protection', 'substance_use', 'health_services', 'social_services', 'other'];
export const REMINDERS = [null, 0, 5, 10, 15, 30, 60, 1440];

/** reminderLabel(n): the text of a reminder choice (null: none). */
export function reminderLabel(n) {
  if (n === null || n === undefined) return t('act.reminder.none');
  if (n === 0) return t('act.reminder.at_time');
  if (n === 60) return t('act.reminder.hour');
  if (n === 1440) return t('act.reminder.day');
  return t('act.reminder.minutes', { n });
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/** toLocalInput(ms): the value of an <input type="datetime-local"> in the browser's zone. */
export function toLocalInput(ms) {
  if (!ms) return '';
  const d = new Date(Number(ms));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** fromLocalInput(s): epoch ms of a datetime-local value, or null when empty/invalid. */
export function fromLocalInput(s) {
  if (!s) return null;
  const ms = new Date(s).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** startOfDay(ms): local midnight of the day of ms. */
export function startOfDay(ms) {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** addDays(ms, n): the same local time n days later (DST-safe). */
export function addDays(ms, n) {
  const d = new Date(ms);
  d.setDate(d.getDate() + n);
  return d.getTime();
}

/** loadCases(profileId): the "Relacionado con" choices, newest case first. */
export async function loadCases(profileId) {
  const q = profileId ? `?profile_id=${seg(profileId)}` : '';
  const res = await api.get(`/api/v1/activities/cases${q}`);
  return res.items || [];
}

let assignees = null;
/** loadAssignees(): active staff (cached for the page's life; a reload refreshes). */
export async function loadAssignees() {
  if (!assignees) assignees = api.get('/api/v1/activities/assignees').then((r) => r.items || []);
  try {
    return await assignees;
  } catch (err) {
    assignees = null;
    throw err;
  }
}

/** itemTime(x): the time a call or task is shown at. */
export function itemTime(x) {
  if (x.kind === 'call') return x.start_ms;
  if (x.status === 'completed' && x.completed_ms) return x.completed_ms;
  return x.due_ms || x.created_ms;
}

/** statusLabel(x): the translated status of a call or task. */
export function statusLabel(x) {
  return t(x.kind === 'call' ? `act.call_status.${x.status}` : `act.task_status.${x.status}`);
}

/** routeBadge(task): "Activar Ruta: Salud mental · Solicitada", or null. */
export function routeBadge(x) {
  if (!x.route) return null;
  return h('span', { class: ['act-badge', `act-route-${x.route.state}`] }, t('act.route_badge', { type: t(`act.route.${x.route.type}`), state: t(`act.route_state.${x.route.state}`) }));
}

/**
 * itemRow(x, onOpen): one list entry: kind, subject (a button that opens it),
 * time, status, related case and person.
 */
export function itemRow(x, onOpen) {
  const when = x.kind === 'task' && !x.due_ms && x.status !== 'completed' ? t('act.due_none') : formatDateTime(itemTime(x));
  const kind = x.kind === 'call' ? `${t('act.call')} · ${t(`act.direction.${x.direction}`)}` : t('act.task');
  const open = h('button', { type: 'button', class: 'act-open link-button', dataset: { kind: x.kind, id: x.id } }, x.subject);
  open.addEventListener('click', () => onOpen(x));
  return h(
    'li',
    { class: ['act-item', `act-${x.kind}`], dataset: { kind: x.kind, id: x.id } },
    h('div', { class: 'act-line' }, h('span', { class: 'act-kind' }, kind), open, routeBadge(x)),
    h(
      'div',
      { class: 'act-meta' },
      h('span', null, when),
      h('span', { class: 'act-status' }, statusLabel(x)),
      x.case ? h('span', null, x.case.number) : null,
      x.assigned_user ? h('span', null, x.assigned_user.display_name) : null,
    ),
  );
}

/** changed(): tells every activities view to reload (after a save or a live event). */
export function changed() {
  emit('activities:changed', null);
}

let cssAdded = false;
/** ensureStyles(): adds this area's stylesheet once (the CSP allows same-origin styles only). */
export function ensureStyles() {
  if (cssAdded) return;
  cssAdded = true;
  document.head.appendChild(h('link', { rel: 'stylesheet', href: '/assets/views/activities/activities.css' }));
}
