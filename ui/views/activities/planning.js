// planning.js: Planificación: a day or week calendar of planned calls and
// tasks per agent (supervisors and admins pick anyone, or everyone). A call
// can be opened, rescheduled or marked held from the calendar.

import { api, seg } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { errorMessage, formatTime, getLang, t } from '../../i18n.js';
import { hasRole, listen } from '../../state.js';
import { staleText } from '../../components/save_form.js';
import { toast } from '../../components/toast.js';
import { addDays, changed, ensureStyles, itemTime, loadAssignees, routeBadge, startOfDay, statusLabel } from './common.js';
import { openCallForm, openItem, openTaskForm } from './forms.js';

function dayTitle(ms) {
  return new Intl.DateTimeFormat(getLang() === 'es' ? 'es-ES' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(ms));
}

/** the Monday of ms's week */
function weekStart(ms) {
  const d = new Date(startOfDay(ms));
  const back = (d.getDay() + 6) % 7;
  return addDays(d.getTime(), -back);
}

async function markHeld(x) {
  try {
    await api.patch(`/api/v1/calls/${seg(x.id)}`, { status: 'held', version: x.version });
    toast({ kind: 'ok', text: t('act.saved') });
    changed();
  } catch (err) {
    toast({ kind: 'error', text: err.code === 'stale_version' ? `${staleText(err)} ${t('act.stale')}` : errorMessage(err) });
  }
}

function planItem(x, lead) {
  const time = x.kind === 'call' || x.due_ms ? formatTime(itemTime(x)) : t('act.due_none');
  const buttons = [h('button', { type: 'button', class: 'button button-small', onclick: () => openItem(x) }, t('act.planning.open'))];
  if (x.kind === 'call' && x.status === 'planned') {
    buttons.push(h('button', { type: 'button', class: 'button button-small', onclick: () => openCallForm({ mode: 'edit', id: x.id }) }, t('act.planning.reschedule')));
    buttons.push(h('button', { type: 'button', class: 'button button-small', dataset: { action: 'held' }, onclick: () => markHeld(x) }, t('act.planning.mark_held')));
  }
  return h(
    'li',
    { class: ['plan-item', `act-${x.kind}`], dataset: { kind: x.kind, id: x.id } },
    h('div', null, h('span', { class: 'plan-time' }, time), h('span', { class: 'act-kind' }, x.kind === 'call' ? t('act.call') : t('act.task')), ' ', h('strong', null, x.subject)),
    h('div', { class: 'act-meta' }, h('span', { class: 'act-status' }, statusLabel(x)), x.case ? h('span', null, x.case.number) : null, lead && x.assigned_user ? h('span', null, x.assigned_user.display_name) : null, routeBadge(x)),
    h('div', { class: 'actions' }, buttons),
  );
}

/** planningView() -> {node, title, dispose}. */
export function planningView() {
  ensureStyles();
  const lead = hasRole(['supervisor', 'admin']);
  let mode = 'week';
  let anchor = Date.now();
  let user = '';
  const grid = h('div', { class: 'plan-grid', role: 'region', 'aria-live': 'polite' });
  const status = h('p', { class: 'muted', role: 'status' });
  const range = h('p', { class: 'plan-range' });
  const viewId = uid('plan-view');
  const modeSel = h('select', { id: viewId, name: 'view' }, h('option', { value: 'day' }, t('act.planning.day')), h('option', { value: 'week', selected: true }, t('act.planning.week')));
  const userId = uid('plan-user');
  const userSel = h('select', { id: userId, name: 'user' }, h('option', { value: '' }, t('act.planning.everyone')));
  const bounds = () => {
    const from = mode === 'day' ? startOfDay(anchor) : weekStart(anchor);
    return { from, to: addDays(from, mode === 'day' ? 1 : 7), days: mode === 'day' ? 1 : 7 };
  };
  const load = async () => {
    const { from, to, days } = bounds();
    range.textContent = t('act.planning.range', { from: dayTitle(from), to: dayTitle(addDays(to, -1)) });
    status.textContent = t('common.loading');
    try {
      const q = `from=${from}&to=${to}${lead && user ? `&user_id=${seg(user)}` : ''}`;
      const res = await api.get(`/api/v1/planning?${q}`);
      const cols = [];
      for (let i = 0; i < days; i++) {
        const d0 = addDays(from, i);
        const d1 = addDays(from, i + 1);
        const items = res.items.filter((x) => {
          const tm = itemTime(x);
          return tm >= d0 && tm < d1;
        });
        const today = Date.now() >= d0 && Date.now() < d1;
        cols.push(h('section', { class: ['plan-day', today ? 'is-today' : null], dataset: { day: d0 } }, h('h2', null, dayTitle(d0)), items.length ? h('ul', { class: 'act-list' }, items.map((x) => planItem(x, lead))) : h('p', { class: 'muted' }, t('act.planning.empty'))));
      }
      grid.classList.toggle('is-week', days > 1);
      replace(grid, cols);
      status.textContent = '';
    } catch (err) {
      status.textContent = errorMessage(err);
    }
  };
  const step = (n) => {
    anchor = addDays(anchor, n * (mode === 'day' ? 1 : 7));
    load();
  };
  modeSel.addEventListener('change', () => {
    mode = modeSel.value;
    load();
  });
  userSel.addEventListener('change', () => {
    user = userSel.value;
    load();
  });
  if (lead) {
    loadAssignees()
      .then((us) => {
        for (const u of us) userSel.appendChild(h('option', { value: u.id }, u.display_name));
      })
      .catch(() => {});
  }
  const node = h(
    'div',
    { class: 'page page-planning' },
    h('h1', { class: 'page-title', tabindex: '-1' }, t('act.planning.title')),
    h(
      'div',
      { class: 'plan-toolbar' },
      h('div', { class: 'field' }, h('label', { for: viewId }, t('act.planning.view')), modeSel),
      lead ? h('div', { class: 'field' }, h('label', { for: userId }, t('act.planning.agent')), userSel) : null,
      h('button', { type: 'button', class: 'button', onclick: () => step(-1) }, t('act.planning.prev')),
      h('button', { type: 'button', class: 'button', onclick: () => { anchor = Date.now(); load(); } }, t('act.planning.today')),
      h('button', { type: 'button', class: 'button', onclick: () => step(1) }, t('act.planning.next')),
      h('button', { type: 'button', class: 'button button-primary', onclick: () => openCallForm({ mode: 'plan' }) }, t('act.schedule_call')),
      h('button', { type: 'button', class: 'button', onclick: () => openTaskForm({}) }, t('act.create_task')),
    ),
    range,
    status,
    grid,
  );
  const offs = [listen('activities:changed', load), listen('live:activity', load)];
  load();
  return { node, title: t('act.planning.title'), dispose: () => offs.forEach((off) => off()) };
}
