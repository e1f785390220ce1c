// forms.js: the call and task dialogs: "Registrar Llamada" (held, inbound),
// "Programar llamada" (planned, with a reminder), "Crear tarea" (with Activar
// Ruta), and editing any of them with the version it was read at (409 → reload).

import { api, seg } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { errorMessage, t } from '../../i18n.js';
import { state } from '../../state.js';
import { openDialog } from '../../components/dialog.js';
import { staleText } from '../../components/save_form.js';
import { toast } from '../../components/toast.js';
import { REMINDERS, ROUTE_TYPES, changed, fromLocalInput, loadAssignees, loadCases, reminderLabel, routeBadge, toLocalInput } from './common.js';

function field(label, control, hint) {
  const id = control.id || uid('act');
  control.id = id;
  return h('div', { class: 'field', dataset: { field: control.name } }, h('label', { for: id }, label), control, hint ? h('p', { class: 'field-hint' }, hint) : null);
}

function select(name, options, value) {
  return h('select', { name }, options.map(([v, label]) => h('option', { value: v === null ? '' : String(v), selected: String(v ?? '') === String(value ?? '') }, label)));
}

async function pickers(profileId, record) {
  const [cases, users] = await Promise.all([loadCases(profileId), loadAssignees()]);
  // the record's own case stays a choice even when it is not among the newest
  if (record && record.case && !cases.some((c) => c.id === record.case.id)) cases.push({ id: record.case.id, number: record.case.number, subject: record.case.subject || '' });
  return { cases, users };
}

function caseOptions(cases) {
  return [[null, t('act.related.none')], ...cases.map((c) => [c.id, `${c.number} · ${c.subject}`])];
}

function userOptions(users, current) {
  const list = users.map((u) => [u.id, u.display_name]);
  if (current && !users.some((u) => u.id === current.id)) list.push([current.id, current.display_name]);
  return list;
}

/** shows err in status; marks the field the server named */
function showError(form, status, err, onReload) {
  for (const f of form.querySelectorAll('.field.is-invalid')) f.classList.remove('is-invalid');
  status.classList.add('is-error');
  if (err.code === 'stale_version') {
    replace(status, staleText(err), ' ', t('act.stale'), ' ', h('button', { type: 'button', class: 'button button-small', onclick: onReload }, t('act.reload')));
    return;
  }
  replace(status, errorMessage(err));
  const fieldName = err.field;
  if (fieldName) {
    const el = form.querySelector(`[name="${fieldName === 'start' ? 'start' : fieldName}"]`);
    if (el) {
      el.closest('.field')?.classList.add('is-invalid');
      el.setAttribute('aria-invalid', 'true');
      el.focus();
    }
  }
}

/**
 * openCallForm({mode: 'register'|'plan'|'edit', id, profileId, caseId, onSaved})
 * register: a held inbound call now; plan: a planned outbound call with a reminder.
 */
export async function openCallForm({ mode = 'register', id = null, profileId = null, caseId = null, onSaved } = {}) {
  let call = null;
  try {
    if (id) call = (await api.get(`/api/v1/calls/${seg(id)}`)).call;
  } catch (err) {
    toast({ kind: 'error', text: errorMessage(err) });
    return;
  }
  const pid = call ? call.profile && call.profile.id : profileId;
  let pick;
  try {
    pick = await pickers(pid, call);
  } catch (err) {
    toast({ kind: 'error', text: errorMessage(err) });
    return;
  }
  const plan = mode === 'plan';
  const v = call || {
    subject: '',
    direction: plan ? 'outbound' : 'inbound',
    status: plan ? 'planned' : 'held',
    start_ms: plan ? Date.now() + 24 * 3600 * 1000 : Date.now(),
    duration_min: 0,
    case: caseId ? { id: caseId } : pick.cases[0] && pid ? { id: pick.cases[0].id } : null,
    assigned_user: { id: state.user.id, display_name: state.user.display_name },
    reminder_minutes: plan ? 15 : null,
    notes: '',
  };
  const subject = h('input', { type: 'text', name: 'subject', required: true, maxlength: 200, value: v.subject, autofocus: true });
  const direction = select('direction', [['inbound', t('act.direction.inbound')], ['outbound', t('act.direction.outbound')]], v.direction);
  const status = select('status', ['planned', 'held', 'not_held'].map((s) => [s, t(`act.call_status.${s}`)]), v.status);
  const start = h('input', { type: 'datetime-local', name: 'start', required: true, value: toLocalInput(v.start_ms) });
  const duration = h('input', { type: 'number', name: 'duration_min', min: 0, max: 1440, value: v.duration_min });
  const related = select('case_id', caseOptions(pick.cases), v.case && v.case.id);
  const assigned = select('assigned_user_id', userOptions(pick.users, v.assigned_user), v.assigned_user && v.assigned_user.id);
  const reminder = select('reminder_minutes', REMINDERS.map((n) => [n, reminderLabel(n)]), v.reminder_minutes);
  const notes = h('textarea', { name: 'notes', rows: 3, maxlength: 10000 }, v.notes || '');
  const msg = h('p', { class: 'form-status', role: 'status' });
  const save = h('button', { type: 'submit', class: 'button button-primary' }, t('common.save'));
  const readOnly = call && call.can_edit === false;
  const form = h(
    'form',
    { class: 'grid-form act-form', novalidate: true, dataset: { form: 'call' } },
    field(t('act.field.subject'), subject),
    field(t('act.field.direction'), direction),
    field(t('act.field.status'), status),
    field(t('act.field.start'), start),
    field(t('act.field.duration'), duration),
    field(t('act.field.related'), related),
    field(t('act.field.assigned'), assigned),
    field(t('act.field.reminder'), reminder),
    h('div', { class: 'field act-wide' }, h('label', { for: (notes.id = uid('act-notes')) }, t('act.field.notes')), notes),
    readOnly ? h('p', { class: 'muted' }, t('act.read_only')) : null,
    h('div', { class: 'actions' }, readOnly ? null : save),
    msg,
  );
  const title = call ? t('act.title.call') : plan ? t('act.title.plan_call') : t('act.title.new_call');
  const dlg = openDialog({ title, body: form, className: 'act-dialog' });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {
      subject: subject.value.trim(),
      direction: direction.value,
      status: status.value,
      start: fromLocalInput(start.value) ?? start.value,
      duration_min: Number.parseInt(duration.value || '0', 10),
      case_id: related.value ? Number(related.value) : null,
      assigned_user_id: Number(assigned.value),
      reminder_minutes: reminder.value === '' ? null : Number(reminder.value),
      notes: notes.value,
    };
    if (!call && pid && !body.case_id) body.profile_id = Number(pid);
    if (call) body.version = call.version;
    save.disabled = true;
    try {
      const res = call ? await api.patch(`/api/v1/calls/${seg(call.id)}`, body) : await api.post('/api/v1/calls', body);
      dlg.close();
      toast({ kind: 'ok', text: t('act.saved') });
      changed();
      if (onSaved) onSaved(res.call);
    } catch (err) {
      showError(form, msg, err, () => {
        dlg.close();
        openCallForm({ mode: 'edit', id: call.id, onSaved });
      });
    } finally {
      save.disabled = false;
    }
  });
}

/** openTaskForm({id, profileId, caseId, onSaved}): create or edit a task, with Activar Ruta. */
export async function openTaskForm({ id = null, profileId = null, caseId = null, onSaved } = {}) {
  let task = null;
  try {
    if (id) task = (await api.get(`/api/v1/tasks/${seg(id)}`)).task;
  } catch (err) {
    toast({ kind: 'error', text: errorMessage(err) });
    return;
  }
  const pid = task ? task.profile && task.profile.id : profileId;
  let pick;
  try {
    pick = await pickers(pid, task);
  } catch (err) {
    toast({ kind: 'error', text: errorMessage(err) });
    return;
  }
  const v = task || {
    subject: '',
    description: '',
    due_ms: null,
    status: 'not_started',
    priority: 'normal',
    case: caseId ? { id: caseId } : pick.cases[0] && pid ? { id: pick.cases[0].id } : null,
    assigned_user: { id: state.user.id, display_name: state.user.display_name },
    reminder_minutes: null,
    route: null,
  };
  const subject = h('input', { type: 'text', name: 'subject', required: true, maxlength: 200, value: v.subject, autofocus: true });
  const description = h('textarea', { name: 'description', rows: 3, maxlength: 10000 }, v.description || '');
  const due = h('input', { type: 'datetime-local', name: 'due', value: toLocalInput(v.due_ms) });
  const status = select('status', ['not_started', 'in_progress', 'completed', 'deferred'].map((s) => [s, t(`act.task_status.${s}`)]), v.status);
  const priority = select('priority', ['low', 'normal', 'high', 'urgent'].map((s) => [s, t(`act.priority.${s}`)]), v.priority);
  const related = select('case_id', caseOptions(pick.cases), v.case && v.case.id);
  const assigned = select('assigned_user_id', userOptions(pick.users, v.assigned_user), v.assigned_user && v.assigned_user.id);
  const reminder = select('reminder_minutes', REMINDERS.map((n) => [n, reminderLabel(n)]), v.reminder_minutes);
  const routeId = uid('act-route');
  const routeOn = h('input', { type: 'checkbox', id: routeId, name: 'route_activate', checked: Boolean(v.route), disabled: Boolean(v.route) });
  const routeType = select('route_type', [[null, '—'], ...ROUTE_TYPES.map((r) => [r, t(`act.route.${r}`)])], v.route && v.route.type);
  if (v.route) routeType.disabled = true;
  const routeTypeField = field(t('act.field.route_type'), routeType, t('act.field.route_hint'));
  routeTypeField.hidden = !v.route;
  routeOn.addEventListener('change', () => {
    routeTypeField.hidden = !routeOn.checked;
    if (routeOn.checked) routeType.focus();
  });
  const msg = h('p', { class: 'form-status', role: 'status' });
  const save = h('button', { type: 'submit', class: 'button button-primary' }, t('common.save'));
  const readOnly = task && task.can_edit === false;
  const form = h(
    'form',
    { class: 'grid-form act-form', novalidate: true, dataset: { form: 'task' } },
    field(t('act.field.subject'), subject),
    field(t('act.field.due'), due),
    field(t('act.field.status'), status),
    field(t('act.field.priority'), priority),
    field(t('act.field.related'), related),
    field(t('act.field.assigned'), assigned),
    field(t('act.field.reminder'), reminder),
    h('div', { class: 'field act-wide' }, h('label', { for: (description.id = uid('act-desc')) }, t('act.field.description')), description),
    h('div', { class: 'field act-wide' }, h('label', { class: 'act-check', for: routeId }, routeOn, t('act.field.route_activate')), task ? routeBadge(task) : null),
    routeTypeField,
    readOnly ? h('p', { class: 'muted' }, t('act.read_only')) : null,
    h('div', { class: 'actions' }, readOnly ? null : save, task ? routeButtons(task, () => dlg.close(), onSaved) : null),
    msg,
  );
  const dlg = openDialog({ title: task ? t('act.title.task') : t('act.title.new_task'), body: form, className: 'act-dialog' });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {
      subject: subject.value.trim(),
      description: description.value,
      due: due.value ? fromLocalInput(due.value) ?? due.value : null,
      status: status.value,
      priority: priority.value,
      case_id: related.value ? Number(related.value) : null,
      assigned_user_id: Number(assigned.value),
      reminder_minutes: reminder.value === '' ? null : Number(reminder.value),
    };
    if (routeOn.checked && !(task && task.route)) {
      body.route_activate = true;
      if (routeType.value) body.route_type = routeType.value;
    }
    if (!task && pid && !body.case_id) body.profile_id = Number(pid);
    if (task) body.version = task.version;
    save.disabled = true;
    try {
      const res = task ? await api.patch(`/api/v1/tasks/${seg(task.id)}`, body) : await api.post('/api/v1/tasks', body);
      dlg.close();
      toast({ kind: 'ok', text: t('act.saved') });
      changed();
      if (onSaved) onSaved(res.task);
    } catch (err) {
      showError(form, msg, err, () => {
        dlg.close();
        openTaskForm({ id: task.id, onSaved });
      });
    } finally {
      save.disabled = false;
    }
  });
}

/** the coordinators' buttons that move an activation forward */
export function routeButtons(task, done, onSaved) {
  if (!task.route || !['coordinator', 'supervisor', 'admin'].includes(state.user.role)) return null;
  const next = task.route.state === 'requested' ? 'acknowledged' : task.route.state === 'acknowledged' ? 'completed' : null;
  if (!next) return null;
  const b = h('button', { type: 'button', class: 'button', dataset: { route: next } }, t(next === 'acknowledged' ? 'act.route.acknowledge' : 'act.route.complete'));
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      const res = await api.post(`/api/v1/tasks/${seg(task.id)}/route`, { state: next, version: task.version });
      toast({ kind: 'ok', text: t('act.route.changed', { subject: task.subject, state: t(`act.route_state.${next}`) }) });
      if (done) done();
      changed();
      if (onSaved) onSaved(res.task);
    } catch (err) {
      toast({ kind: 'error', text: err.code === 'stale_version' ? `${staleText(err)} ${t('act.stale')}` : errorMessage(err) });
      b.disabled = false;
    }
  });
  return b;
}

/** openItem(x): the dialog of a call or task from a list. */
export function openItem(x, onSaved) {
  if (x.kind === 'call') return openCallForm({ mode: 'edit', id: x.id, onSaved });
  return openTaskForm({ id: x.id, onSaved });
}
