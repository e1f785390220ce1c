// home_panels.js: the home page's work panels: my planned calls today, my
// open tasks, what is overdue, my open cases, and (for coordinators and
// leads) the open Activar Ruta requests. Live events refresh them.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { errorMessage, formatDateTime, t } from '../../i18n.js';
import { listen } from '../../state.js';
import { addDays, ensureStyles, itemRow, startOfDay } from './common.js';
import { openItem } from './forms.js';

function panel(key, titleKey) {
  const list = h('ul', { class: 'act-list' });
  const node = h('section', { class: 'card act-home', 'aria-labelledby': `home-${key}`, dataset: { panel: key } }, h('h2', { id: `home-${key}` }, t(titleKey)), list);
  return { node, list };
}

function fill(list, items, row) {
  replace(list, items && items.length ? items.map(row) : h('li', { class: 'muted' }, t('act.home.empty')));
}

function caseRow(c) {
  return h('li', { class: 'act-item', dataset: { kind: 'case', id: c.id } }, h('div', { class: 'act-line' }, h('a', { href: `#/casos/${encodeURIComponent(c.id)}` }, `${c.number} · ${c.subject}`)), h('div', { class: 'act-meta' }, h('span', null, c.profile_name || ''), h('span', null, formatDateTime(c.created_ms))));
}

/** homePanels() -> {node, dispose}. */
export function homePanels() {
  ensureStyles();
  const today = panel('calls_today', 'act.home.calls_today');
  const tasks = panel('open_tasks', 'act.home.open_tasks');
  const late = panel('overdue', 'act.home.overdue');
  const cases = panel('open_cases', 'act.home.open_cases');
  const routes = panel('routes', 'act.home.routes');
  routes.node.hidden = true;
  const status = h('p', { class: 'muted', role: 'status' });
  const row = (x) => itemRow(x, (it) => openItem(it));
  const load = async () => {
    const d0 = startOfDay(Date.now());
    try {
      const v = await api.get(`/api/v1/activities/home?day_start=${d0}&day_end=${addDays(d0, 1)}`);
      fill(today.list, v.calls_today, row);
      fill(tasks.list, v.open_tasks, row);
      fill(late.list, v.overdue, row);
      fill(cases.list, v.open_cases, caseRow);
      routes.node.hidden = v.routes === null;
      if (v.routes) fill(routes.list, v.routes, row);
      status.textContent = '';
    } catch (err) {
      status.textContent = errorMessage(err);
    }
  };
  const node = h('div', { class: 'act-home-work' }, status, h('div', { class: 'act-panels' }, routes.node, today.node, late.node, tasks.node, cases.node));
  const offs = [listen('activities:changed', load), listen('live:activity', load), listen('live:route_activation', load), listen('live:reminder', load)];
  load();
  return { node, dispose: () => offs.forEach((off) => off()) };
}
