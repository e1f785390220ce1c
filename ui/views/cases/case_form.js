// case_form.js: case forms and tables. The quick form opens from a profile's
// Casos subpanel ("Nuevo"); "Formulario completo" carries it to the full form,
// which also edits a case with optimistic locking (409: whose change won,
// reapply mine).

import { api, seg } from '../../api.js';
import { h } from '../../dom.js';
import { openDialog } from '../../components/dialog.js';
import { changedKeys, pick, saveEdit } from '../../components/save_form.js';
import { formatDateTime, t } from '../../i18n.js';
import { state } from '../../state.js';
import { errorText, field, fieldLabel, fieldOf, input, profileName, select, setDraft } from '../people/common.js';

const STATUSES = ['open', 'in_progress', 'waiting', 'closed'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

const CATEGORIES = ['salud mental', 'violencias', 'duelo', 'consumo de sustancias', 'orientación social', 'adulto mayor'];
const CASE_FIELDS = ['subject', 'description', 'status', 'priority', 'category', 'assigned_user_id'];

let assigneesCache = null;
/** assignees() -> [{id, name, role}] of active staff (fetched once per page load). */
async function assignees() {
  if (!assigneesCache) assigneesCache = api.get('/api/v1/cases/assignees').then((r) => r.items);
  try {
    return await assigneesCache;
  } catch (e) {
    assigneesCache = null;
    throw e;
  }
}

function assigneeSelect(value) {
  const el = h('select', { id: `cf-assignee-${Math.random().toString(36).slice(2, 7)}` }, h('option', { value: '' }, t('people.unassigned')));
  const current = value === undefined ? state.user && state.user.id : value;
  assignees()
    .then((list) => {
      for (const u of list) el.appendChild(h('option', { value: String(u.id) }, u.name));
      el.value = current ? String(current) : '';
    })
    .catch(() => {});
  el.dataset.want = current ? String(current) : '';
  return el;
}

function assigneeValue(el) {
  const v = el.value || (el.options.length <= 1 ? el.dataset.want : '');
  return v ? Number(v) : null;
}

export function statusMark(s) {
  return h('span', { class: ['mark', s === 'closed' ? 'mark-off' : 'mark-ok'] }, t(`cases.status.${s}`));
}

/** casesTable(items, {profile}) -> a table of cases (number links to the case page). */
export function casesTable(items, { profile = true } = {}) {
  const cols = ['cases.col.number', 'cases.col.subject', profile ? 'cases.col.profile' : null, 'cases.col.status', 'cases.col.priority', 'cases.col.assigned', 'cases.col.opened'].filter(Boolean);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data-table' },
      h('thead', null, h('tr', null, cols.map((k) => h('th', { scope: 'col' }, t(k))))),
      h(
        'tbody',
        null,
        items.map((c) =>
          h(
            'tr',
            { dataset: { number: c.number } },
            h('td', { class: 'nowrap' }, h('a', { href: `#/casos/${seg(c.id)}` }, c.number)),
            h('td', null, c.subject),
            profile ? h('td', null, h('a', { href: `#/perfiles/${seg(c.profile.id)}` }, profileName(c.profile))) : null,
            h('td', null, statusMark(c.status)),
            h('td', null, t(`cases.priority.${c.priority}`)),
            h('td', null, c.assigned_to ? c.assigned_to.name : t('people.unassigned')),
            h('td', { class: 'nowrap' }, formatDateTime(c.opened_ms)),
          ),
        ),
      ),
    ),
  );
}

/** openQuickCase(profile, {onSaved}): the quick form of a new case for profile. */
export function openQuickCase(profile, { onSaved } = {}) {
  const subject = input({ maxlength: 200, required: true });
  const priority = select(PRIORITIES, 'cases.priority', 'normal');
  const assignee = assigneeSelect();
  const err = h('p', { class: 'form-error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'button button-primary' }, t('common.save'));
  const full = h('button', { type: 'button', class: 'button' }, t('people.full_form'));
  const cancel = h('button', { type: 'button', class: 'button' }, t('common.cancel'));
  const values = () => ({ profile_id: profile.id, subject: subject.value.trim(), priority: priority.value, assigned_user_id: assigneeValue(assignee) });
  const form = h(
    'form',
    { class: 'grid-form', novalidate: true },
    h('p', { class: 'muted' }, t('cases.for_profile', { name: profileName(profile) })),
    field(t('cases.field.subject'), subject),
    field(t('cases.field.priority'), priority),
    field(t('cases.field.assigned'), assignee),
    err,
    h('div', { class: 'actions' }, cancel, full, save),
  );
  const dlg = openDialog({ title: t('cases.new'), body: form });
  subject.focus();
  cancel.addEventListener('click', () => dlg.close());
  full.addEventListener('click', () => {
    setDraft({ ...values(), profile_name: profileName(profile) });
    dlg.close();
    location.hash = `#/casos/nuevo/${seg(profile.id)}`;
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    if (!subject.value.trim()) {
      err.textContent = t('cases.subject_required');
      subject.focus();
      return;
    }
    save.disabled = true;
    try {
      await api.post('/api/v1/cases', values());
      dlg.close();
      if (onSaved) onSaved();
    } catch (e) {
      save.disabled = false;
      err.textContent = errorText(e);
    }
  });
}

function asBody(c) {
  return {
    subject: c.subject || '',
    description: c.description || null,
    status: c.status || 'open',
    priority: c.priority || 'normal',
    category: c.category || null,
    assigned_user_id: c.assigned_to ? c.assigned_to.id : c.assigned_user_id === undefined ? null : c.assigned_user_id,
  };
}

/**
 * caseForm({original, profileId, draft, onSaved, onCancel}) -> Element: the full
 * case form; original (a case) makes it an edit form.
 */
export function caseForm({ original = null, profileId = null, draft = null, onSaved, onCancel }) {
  const v = original ? asBody(original) : { ...asBody({}), ...(draft || {}) };
  const at = {};
  const subject = (at.subject = input({ maxlength: 200, value: v.subject }));
  const description = (at.description = h('textarea', { id: 'cf-description', rows: 5, maxlength: 10000 }, v.description || ''));
  const status = (at.status = select(STATUSES, 'cases.status', v.status));
  const priority = (at.priority = select(PRIORITIES, 'cases.priority', v.priority));
  const listId = 'cf-categories';
  const category = (at.category = input({ maxlength: 80, value: v.category || '', list: listId }));
  const assignee = (at.assigned_user_id = assigneeSelect(original ? v.assigned_user_id : draft && 'assigned_user_id' in draft ? draft.assigned_user_id : undefined));
  const err = h('p', { class: 'form-error', role: 'alert' });
  const conflict = h('div', { class: 'status-box status-error people-conflict', role: 'alert', hidden: true });
  const save = h('button', { type: 'submit', class: 'button button-primary' }, t('common.save'));
  const cancel = h('button', { type: 'button', class: 'button' }, t('common.cancel'));
  cancel.addEventListener('click', () => onCancel && onCancel());
  const collect = () => ({
    subject: subject.value.trim(),
    description: description.value.trim() || null,
    status: status.value,
    priority: priority.value,
    category: category.value.trim() || null,
    assigned_user_id: assigneeValue(assignee),
  });
  const form = h(
    'form',
    { class: 'grid-form people-form', novalidate: true },
    field(t('cases.field.subject'), subject),
    field(t('cases.field.category'), category),
    h('datalist', { id: listId }, CATEGORIES.map((c) => h('option', { value: c }))),
    field(t('cases.field.status'), status),
    field(t('cases.field.priority'), priority),
    field(t('cases.field.assigned'), assignee),
    h('div', { class: 'field people-wide' }, h('label', { for: description.id }, t('cases.field.description')), description),
    conflict,
    err,
    h('div', { class: 'actions' }, cancel, save),
  );
  const showError = (e) => {
    err.textContent = errorText(e);
    const target = at[fieldOf(e)];
    if (target) target.focus();
  };
  const caseLabel = (k) => t(`cases.field.${k === 'assigned_user_id' ? 'assigned' : k}`);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    const body = collect();
    if (!body.subject) {
      err.textContent = t('cases.subject_required');
      subject.focus();
      return;
    }
    save.disabled = true;
    try {
      if (!original) {
        conflict.hidden = true;
        const res = await api.post('/api/v1/cases', { profile_id: Number(profileId), ...body });
        if (onSaved) onSaved(res.case);
        return;
      }
      // only what changed, with the version read; a 409 shows whose change won
      await saveEdit({
        conflict,
        version: original.version,
        mine: pick(body, changedKeys(asBody(original), body, CASE_FIELDS)),
        send: (version, mine) => api.patch(`/api/v1/cases/${seg(original.id)}`, { version, ...mine }),
        reload: async () => (await api.get(`/api/v1/cases/${seg(original.id)}`)).case,
        theirs: (latest) => changedKeys(asBody(original), asBody(latest), CASE_FIELDS).map(caseLabel),
        label: caseLabel,
        texts: { conflict: 'cases.conflict' },
        onSaved: (res) => onSaved && onSaved(res ? res.case : original),
        onDiscard: (latest) => onSaved && onSaved(latest || original),
        onError: showError,
      });
    } catch (e) {
      showError(e);
    } finally {
      save.disabled = false;
    }
  });
  setTimeout(() => subject.focus(), 0);
  return form;
}

export { fieldLabel };
