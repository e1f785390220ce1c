// panels.js: the activities area's subpanels that other areas' pages show.
// The profile page (ui/views/people/) renders every entry of profilePanels, the case page (ui/views/cases/) every entry of
// casePanels, in order, below their own content: "Vista de contacto típico" gathers everything related
// in one place without the people area importing the activities area's views one by one.
// Each entry: { key, render: ({ kind: 'profile' | 'case', id, record }) => HTMLElement }.

import { api, seg } from '../../api.js';
import { h, replace } from '../../dom.js';
import { errorMessage, t } from '../../i18n.js';
import { listen } from '../../state.js';
import { ensureStyles, itemRow } from './common.js';
import { openCallForm, openItem, openTaskForm } from './forms.js';

/**
 * activitiesPanel({kind, id, record}): Actividades (planned calls, open tasks,
 * soonest first) and Historial (held calls, completed tasks, newest first),
 * with "Registrar Llamada", "Programar llamada" and "Crear tarea".
 */
function activitiesPanel({ kind, id, record }) {
  ensureStyles();
  const profileId = kind === 'profile' ? id : record && (record.profile_id || (record.profile && record.profile.id));
  const caseId = kind === 'case' ? id : null;
  const openList = h('ul', { class: 'act-list', dataset: { list: 'activities' } });
  const histList = h('ul', { class: 'act-list', dataset: { list: 'history' } });
  const status = h('p', { class: 'muted', role: 'status' }, t('common.loading'));
  const load = async () => {
    try {
      const q = kind === 'case' ? `case_id=${seg(id)}` : `profile_id=${seg(id)}`;
      const v = await api.get(`/api/v1/activities?${q}`);
      replace(openList, v.activities.length ? v.activities.map((x) => itemRow(x, (it) => openItem(it))) : h('li', { class: 'muted' }, t('act.none_open')));
      replace(histList, v.history.length ? v.history.map((x) => itemRow(x, (it) => openItem(it))) : h('li', { class: 'muted' }, t('act.none_history')));
      status.textContent = '';
    } catch (err) {
      status.textContent = errorMessage(err);
    }
  };
  const action = (label, fn) => h('button', { type: 'button', class: 'button', onclick: fn }, label);
  const node = h(
    'section',
    { class: 'card act-panel', 'aria-labelledby': `act-open-${kind}-${id}`, dataset: { panel: 'activities' } },
    h('h2', { id: `act-open-${kind}-${id}` }, t('act.activities')),
    h(
      'div',
      { class: 'act-actions' },
      action(t('act.register_call'), () => openCallForm({ mode: 'register', profileId, caseId })),
      action(t('act.schedule_call'), () => openCallForm({ mode: 'plan', profileId, caseId })),
      action(t('act.create_task'), () => openTaskForm({ profileId, caseId })),
    ),
    status,
    openList,
    h('h2', null, t('act.history')),
    histList,
  );
  // reload on saves here and on live changes; once the page that showed the panel is gone, stop listening
  let everShown = false;
  const offs = [];
  const reload = () => {
    if (!node.isConnected) {
      if (everShown) offs.forEach((off) => off());
      return;
    }
    everShown = true;
    load();
  };
  offs.push(listen('activities:changed', reload), listen('live:activity', reload), listen('live:route_activation', reload));
  load();
  return node;
}

export const profilePanels = [{ key: 'activities', render: activitiesPanel }];
export const casePanels = [{ key: 'activities', render: activitiesPanel }];
