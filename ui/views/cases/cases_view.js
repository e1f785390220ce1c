// cases_view.js: Casos (mine / all, by status), the case page (details, edit,
// then every panel the activities area registers in casePanels) and the full
// form of a new case.

import { api, seg } from '../../api.js';
import { h, replace } from '../../dom.js';
import { errorMessage, formatDateTime, t } from '../../i18n.js';
import { casePanels } from '../activities/panels.js';
import { card, facts, profileName, takeDraft } from '../people/common.js';
import { caseForm, casesTable, statusMark } from './case_form.js';

const FILTERS = ['active', 'open', 'in_progress', 'waiting', 'closed', 'any'];

/** casesListView() -> view: the Casos page. */
export function casesListView() {
  const title = t('nav.cases');
  let scope = 'mine';
  let before = null;
  const status = h('select', { id: 'cases-status' }, FILTERS.map((f) => h('option', { value: f }, t(`cases.filter.${f}`))));
  status.value = 'active';
  const list = h('div');
  const more = h('button', { type: 'button', class: 'button', hidden: true }, t('cases.more'));
  const tabs = ['mine', 'all'].map((s) => h('button', { type: 'button', class: 'button button-small', 'aria-pressed': String(s === scope), dataset: { scope: s } }, t(`cases.scope.${s}`)));
  const load = async (append) => {
    const q = new URLSearchParams({ scope, limit: '50' });
    if (status.value !== 'any') q.set('status', status.value);
    if (append && before) q.set('before', String(before));
    try {
      const res = await api.get(`/api/v1/cases?${q}`);
      const rows = append ? [...(list.items || []), ...res.items] : res.items;
      list.items = rows;
      before = res.next_before;
      more.hidden = !before;
      replace(list, rows.length ? casesTable(rows) : h('p', { class: 'calm-note' }, t('cases.none')));
    } catch (e) {
      replace(list, h('p', { class: 'form-error', role: 'alert' }, errorMessage(e)));
    }
  };
  for (const b of tabs)
    b.addEventListener('click', () => {
      scope = b.dataset.scope;
      for (const x of tabs) x.setAttribute('aria-pressed', String(x === b));
      load(false);
    });
  status.addEventListener('change', () => load(false));
  more.addEventListener('click', () => load(true));
  const node = h(
    'div',
    { class: 'page page-cases' },
    h('h1', { class: 'page-title', tabindex: '-1' }, title),
    h('div', { class: 'toolbar', role: 'group', 'aria-label': t('cases.scope_label') }, tabs, h('label', { for: 'cases-status', class: 'people-inline-label' }, t('cases.filter_label')), status),
    list,
    more,
  );
  load(false);
  return { node, title };
}

function caseDetails(c) {
  return card(
    t('cases.details'),
    facts([
      [t('cases.col.profile'), h('a', { href: `#/perfiles/${seg(c.profile.id)}` }, profileName(c.profile))],
      [t('cases.col.status'), statusMark(c.status)],
      [t('cases.col.priority'), t(`cases.priority.${c.priority}`)],
      [t('cases.field.category'), c.category],
      [t('cases.col.assigned'), c.assigned_to ? c.assigned_to.name : t('people.unassigned')],
      [t('cases.col.opened'), formatDateTime(c.opened_ms)],
      [t('cases.closed_at'), c.closed_ms ? formatDateTime(c.closed_ms) : null],
      [t('cases.field.description'), c.description ? h('span', { class: 'people-pre' }, c.description) : null],
    ]),
    h('p', { class: 'field-hint' }, t('people.saved_by', { name: (c.updated_by && c.updated_by.name) || '—', when: formatDateTime(c.updated_ms) })),
  );
}

/** casePageView({id}) -> view: the case page. */
export function casePageView({ id }) {
  const title = t('cases.case');
  const heading = h('h1', { class: 'page-title', tabindex: '-1' }, title);
  const holder = h('div', null, h('p', { class: 'muted' }, t('common.loading')));
  const show = (c) => {
    heading.textContent = `${c.number} · ${c.subject}`;
    document.title = `${c.number} · ${t('app.name')}`;
    const edit = h('button', { type: 'button', class: 'button' }, t('people.edit'));
    const body = h('div', null, caseDetails(c));
    edit.addEventListener('click', () => {
      edit.hidden = true;
      replace(body, card(t('cases.edit'), caseForm({ original: c, onSaved: show, onCancel: () => show(c) })));
    });
    const panels = casePanels.map((panel) => {
      try {
        return panel.render({ kind: 'case', id: c.id, record: c });
      } catch {
        return null;
      }
    });
    replace(holder, h('div', { class: 'people-head' }, h('span', null, statusMark(c.status)), edit), body, panels);
  };
  api
    .get(`/api/v1/cases/${seg(id)}`)
    .then((r) => show(r.case))
    .catch((e) => replace(holder, h('p', { class: 'form-error', role: 'alert' }, e.code === 'not_found' ? t('cases.not_found') : errorMessage(e))));
  return { node: h('div', { class: 'page page-cases' }, heading, holder), title };
}

/** caseNewView({profile}) -> view: the full form of a new case for a profile. */
export function caseNewView({ profile }) {
  const title = t('cases.new');
  const draft = takeDraft();
  const node = h(
    'div',
    { class: 'page page-cases' },
    h('h1', { class: 'page-title', tabindex: '-1' }, title),
    draft && draft.profile_name ? h('p', { class: 'muted' }, t('cases.for_profile', { name: draft.profile_name })) : null,
    card(
      t('cases.details'),
      caseForm({
        profileId: profile,
        draft,
        onSaved: (c) => {
          location.hash = `#/casos/${seg(c.id)}`;
        },
        onCancel: () => {
          location.hash = `#/perfiles/${seg(profile)}`;
        },
      }),
    ),
  );
  return { node, title };
}
