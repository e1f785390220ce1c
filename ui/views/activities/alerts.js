// alerts.js: the live pop-ups: a due reminder (open, snooze, dismiss) for its
// agent, and a new Activar Ruta request for every signed-in coordinator; the
// requester hears when the request moves on. Events carry ids; the details
// come from authorised GETs.

import { api, seg } from '../../api.js';
import { h } from '../../dom.js';
import { errorMessage, formatDateTime, t } from '../../i18n.js';
import { listen, state } from '../../state.js';
import { toast } from '../../components/toast.js';
import { changed, ensureStyles } from './common.js';
import { openCallForm, openTaskForm, routeButtons } from './forms.js';

const SNOOZE = [5, 10, 15, 30, 60];

function layer() {
  let el = document.getElementById('act-popups');
  if (!el) {
    el = h('div', { id: 'act-popups', class: 'act-popups', 'aria-live': 'assertive' });
    document.body.appendChild(el);
  }
  return el;
}

function popup({ className, title, lines, buttons, dataset }) {
  ensureStyles();
  const el = h('section', { class: ['act-popup', className], role: 'alertdialog', 'aria-label': title, dataset }, h('h2', null, title), lines.map((l) => h('p', null, l)), h('div', { class: 'actions' }, buttons));
  layer().appendChild(el);
  return el;
}

async function onReminder(ev) {
  let r;
  try {
    r = (await api.get(`/api/v1/reminders/${seg(ev.ref_id)}`)).reminder;
  } catch {
    return; // not ours, or gone
  }
  if (r.fired_ms) showReminder(r);
}

/** the pending reminders of this agent (fired while the page was closed or before a reload) */
async function showPending() {
  try {
    const res = await api.get('/api/v1/reminders');
    for (const r of res.items || []) showReminder(r);
  } catch {
    // the next live event or reload tries again
  }
}

function dismissReminder(r) {
  api.post(`/api/v1/reminders/${seg(r.id)}/dismiss`).catch(() => {});
}

function showReminder(r) {
  if (document.querySelector(`.act-popup[data-reminder="${r.id}"]`)) return;
  const what = r.owner_type === 'call' ? t('act.call') : t('act.task');
  const close = () => el.remove();
  const open = h('button', { type: 'button', class: 'button button-primary' }, t('act.popup.open'));
  open.addEventListener('click', () => {
    close();
    dismissReminder(r);
    if (r.owner_type === 'call') openCallForm({ mode: 'edit', id: r.owner_id });
    else openTaskForm({ id: r.owner_id });
  });
  const sid = `act-snooze-${r.id}`;
  const minutes = h('select', { id: sid, name: 'snooze' }, SNOOZE.map((n) => h('option', { value: n }, t('act.popup.snooze_minutes', { n }))));
  const snooze = h('button', { type: 'button', class: 'button' }, t('act.popup.snooze'));
  snooze.addEventListener('click', async () => {
    snooze.disabled = true;
    try {
      const n = Number(minutes.value);
      await api.post(`/api/v1/reminders/${seg(r.id)}/snooze`, { minutes: n });
      close();
      toast({ kind: 'ok', text: t('act.popup.snoozed', { n }) });
    } catch (err) {
      snooze.disabled = false;
      toast({ kind: 'error', text: errorMessage(err) });
    }
  });
  const dismiss = h('button', { type: 'button', class: 'button', onclick: () => { close(); dismissReminder(r); } }, t('act.popup.dismiss'));
  const el = popup({
    className: 'act-popup-reminder',
    title: `${t('act.popup.reminder')}: ${r.title}`,
    lines: [t('act.popup.when', { what, time: formatDateTime(r.at_ms) })],
    buttons: [open, h('label', { class: 'visually-hidden', for: sid }, t('act.popup.snooze_for')), minutes, snooze, dismiss],
    dataset: { reminder: r.id },
  });
  open.focus();
}

async function onRoute(ev) {
  if (ev.ref_type !== 'task') return;
  changed();
  let task;
  try {
    task = (await api.get(`/api/v1/tasks/${seg(ev.ref_id)}`)).task;
  } catch {
    return;
  }
  if (!task.route) return;
  const me = state.user;
  if (task.route.state !== 'requested') {
    const stale = document.querySelector(`.act-popup[data-route="${task.id}"]`);
    if (stale) stale.remove(); // another coordinator took it
  }
  if (task.route.state === 'requested' && me.role === 'coordinator') {
    if (document.querySelector(`.act-popup[data-route="${task.id}"]`)) return;
    const close = () => el.remove();
    const open = h('button', { type: 'button', class: 'button button-primary' }, t('act.popup.open'));
    open.addEventListener('click', () => {
      close();
      openTaskForm({ id: task.id });
    });
    const el = popup({
      className: 'act-popup-route',
      title: t('act.popup.route_title'),
      lines: [`${t(`act.route.${task.route.type}`)} — ${task.subject}`, task.case ? task.case.number : '', t('act.popup.route_by', { name: task.created_by_name || '', time: formatDateTime(task.route.requested_ms) })].filter(Boolean),
      buttons: [open, routeButtons(task, close), h('button', { type: 'button', class: 'button', onclick: close }, t('act.popup.dismiss'))],
      dataset: { route: task.id },
    });
    return;
  }
  if (task.created_by === me.id && task.route.state !== 'requested') {
    toast({ kind: 'ok', title: t('act.field.route_activate'), text: t('act.route.changed', { subject: task.subject, state: t(`act.route_state.${task.route.state}`) }) });
  }
}

let installed = false;
/** installAlerts(): listens for the live events once per page load. */
export function installAlerts() {
  if (installed) return;
  installed = true;
  listen('live:reminder', onReminder);
  // each time the stream opens (sign-in, reconnect) the agent sees what fired meanwhile
  listen('live', (status) => {
    if (status === 'open' && state.user) showPending();
  });
  listen('live:route_activation', onRoute);
  listen('live:activity', () => changed());
}
