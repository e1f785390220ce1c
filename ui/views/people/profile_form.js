// profile_form.js: the full profile form ("Formulario completo"): basic data,
// phones, emails, address, demographics, health history (antecedentes de
// salud), support network (red de apoyo), flags and notes. Editing sends only
// what changed, with the version it read; when someone saved first (409) it
// shows whose change won and offers to reapply this agent's changes on top.

import { api, seg } from '../../api.js';
import { changedKeys, pick, saveEdit } from '../../components/save_form.js';
import { h, replace, uid } from '../../dom.js';
import { errorMessage, t } from '../../i18n.js';
import { AGE_RANGES, DEMOGRAPHICS, FLAGS, GENDERS, PHONE_TYPES, card, errorText, field, fieldLabel, fieldOf, input, profileName, select, takeDraft } from './common.js';

const LANGUAGES = ['es', 'en', 'pt', 'fr'];
const FIELDS = ['first_name', 'last_name', 'alias', 'anonymous', 'phones', 'emails', 'address', 'postal_code', 'language', 'birth_date', 'age_range', 'gender', 'demographics', 'health_history', 'support_network', 'flags', 'notes'];

/** what a stored profile looks like as a request body, for comparing */
function asBody(p) {
  const b = {};
  for (const k of ['first_name', 'last_name', 'alias', 'address', 'postal_code', 'language', 'birth_date', 'age_range', 'gender', 'health_history', 'notes']) b[k] = p[k] || null;
  b.anonymous = Boolean(p.anonymous);
  b.phones = (p.phones || []).map((x) => ({ number: x.number, type: x.type || 'mobile' }));
  b.emails = [...(p.emails || [])];
  b.support_network = (p.support_network || []).map((x) => ({ name: x.name || null, relation: x.relation || null, phone: x.phone || null }));
  b.flags = FLAGS.filter((f) => (p.flags || []).includes(f));
  const d = {};
  for (const [k, v] of Object.entries(p.demographics || {})) if (v) d[k] = v;
  b.demographics = d;
  return b;
}

/** changedFields(a, b): names of the body fields that differ. */
function changedFields(a, b) {
  return changedKeys(a, b, FIELDS);
}

/**
 * a list of repeated rows (phones, emails, people) with add and remove. Each
 * row has its own error line, so a refusal of "phones[2].number" is shown
 * beside the row that was sent third (blank rows are not sent, and removed
 * rows renumber the rest: sent() keeps the rows in the order they were sent).
 */
function rows(addLabel, makeRow, initial) {
  const list = h('div', { class: 'people-rows' });
  const items = [];
  const add = (value) => {
    const r = makeRow(value || {}, items.length);
    const remove = h('button', { type: 'button', class: 'button button-small', 'aria-label': `${t('people.remove')} ${items.length + 1}` }, t('people.remove'));
    const error = h('p', { class: 'form-error people-row-error', id: uid('row-err'), role: 'alert', hidden: true });
    const el = h('div', { class: 'people-row' }, h('div', { class: 'people-row-main' }, r.node, remove), error);
    const item = { ...r, el, error };
    remove.addEventListener('click', () => {
      items.splice(items.indexOf(item), 1);
      el.remove();
    });
    items.push(item);
    list.appendChild(el);
    return item;
  };
  for (const v of initial) add(v);
  const addButton = h('button', { type: 'button', class: 'button button-small' }, `+ ${addLabel}`);
  addButton.addEventListener('click', () => {
    const it = add({});
    if (it.first) it.first.focus();
  });
  let sentRows = [];
  return {
    node: h('div', null, list, addButton),
    items,
    /** values(): the non-blank rows' values, remembering which row sent which index */
    values() {
      sentRows = items.filter((x) => x.value());
      return sentRows.map((x) => x.value());
    },
    /** row(i): the row sent at index i */
    row: (i) => sentRows[i] || null,
    clearErrors() {
      for (const x of items) {
        x.error.hidden = true;
        x.error.textContent = '';
      }
    },
  };
}

/** profileFormView({id}) -> view: a new profile (no id) or the edit form of profile id. */
export function profileFormView({ id = null } = {}) {
  const title = id ? t('people.edit_profile') : t('people.new_profile');
  const holder = h('div');
  const node = h('div', { class: 'page page-people' }, h('h1', { class: 'page-title', tabindex: '-1' }, title), holder);
  if (!id) {
    const draft = takeDraft() || {};
    replace(holder, buildForm(null, { ...asBody({}), ...draft }));
  } else {
    replace(holder, h('p', { class: 'muted' }, t('common.loading')));
    api
      .get(`/api/v1/profiles/${seg(id)}`)
      .then((res) => replace(holder, buildForm(res.profile, asBody(res.profile))))
      .catch((e) => replace(holder, h('p', { class: 'form-error', role: 'alert' }, errorMessage(e))));
  }
  return { node, title };
}

function buildForm(original, v) {
  const at = {}; // field name -> element, to point at a refused field
  const txt = (name, attrs = {}) => (at[name] = input({ maxlength: 100, value: v[name] || '', ...attrs }));
  const area = (name) => (at[name] = h('textarea', { id: `pf-${name}`, rows: 4, maxlength: 10000 }, v[name] || ''));
  const first = txt('first_name');
  const last = txt('last_name');
  const alias = txt('alias');
  const anon = (at.anonymous = h('input', { type: 'checkbox', id: 'pf-anonymous', checked: v.anonymous }));
  const lang = (at.language = select(LANGUAGES, 'people.language', v.language, { empty: true }));
  const address = txt('address', { maxlength: 300 });
  const postal = txt('postal_code', { maxlength: 12 });
  const birth = (at.birth_date = h('input', { type: 'date', id: 'pf-birth', value: v.birth_date || '', min: '1900-01-01', max: new Date().toISOString().slice(0, 10) }));
  const age = (at.age_range = select(AGE_RANGES, 'people.age_range', v.age_range, { empty: true }));
  const gender = (at.gender = select(GENDERS, 'people.gender', v.gender, { empty: true }));
  const demo = {}; // key -> {el, other?}: a select of the field's choices (with "other: which?") or a text box
  const given = v.demographics || {};
  for (const f of DEMOGRAPHICS) {
    if (!f.codes) {
      demo[f.key] = { el: (at[`demographics.${f.key}`] = input({ maxlength: 200, value: given[f.key] || '' })) };
      continue;
    }
    const el = (at[`demographics.${f.key}`] = select(f.codes, `people.demo_choice.${f.key}`, given[f.key], { empty: true }));
    const other = (at[`demographics.${f.key}_other`] = input({ maxlength: 100, value: given[`${f.key}_other`] || '' }));
    const otherRow = field(t(`people.demo.${f.key}_other`), other);
    otherRow.hidden = el.value !== 'other';
    el.addEventListener('change', () => {
      otherRow.hidden = el.value !== 'other';
      if (!otherRow.hidden) other.focus();
    });
    demo[f.key] = { el, other, otherRow };
  }
  const health = area('health_history');
  const notes = area('notes');
  const flagBoxes = FLAGS.map((f) => ({ f, box: h('input', { type: 'checkbox', id: `pf-flag-${f}`, checked: (v.flags || []).includes(f) }) }));

  const phones = rows(
    t('people.add_phone'),
    (p, i) => {
      const number = input({ maxlength: 40, value: p.number || '', inputmode: 'tel', 'aria-label': `${t('people.field.phone')} ${i + 1}` });
      const type = select(PHONE_TYPES, 'people.phone_type', p.type || 'mobile');
      type.setAttribute('aria-label', `${t('people.field.phone_type')} ${i + 1}`);
      return { node: h('div', { class: 'people-row-fields' }, number, type), first: number, fields: { number, type }, value: () => (number.value.trim() ? { number: number.value.trim(), type: type.value } : null) };
    },
    v.phones || [],
  );
  const emails = rows(
    t('people.add_email'),
    (e, i) => {
      const el = input({ type: 'email', maxlength: 254, value: typeof e === 'string' ? e : '', 'aria-label': `${t('people.field.email')} ${i + 1}` });
      return { node: h('div', { class: 'people-row-fields' }, el), first: el, fields: {}, value: () => el.value.trim() || null };
    },
    v.emails || [],
  );
  const support = rows(
    t('people.add_support'),
    (s, i) => {
      const name = input({ maxlength: 100, value: s.name || '', 'aria-label': `${t('people.support_name')} ${i + 1}` });
      const rel = input({ maxlength: 60, value: s.relation || '', 'aria-label': `${t('people.support_relation')} ${i + 1}` });
      const ph = input({ maxlength: 40, value: s.phone || '', inputmode: 'tel', 'aria-label': `${t('people.support_phone')} ${i + 1}` });
      return {
        node: h('div', { class: 'people-row-fields' }, name, rel, ph),
        first: name,
        fields: { name, relation: rel, phone: ph },
        value: () => (name.value.trim() || ph.value.trim() ? { name: name.value.trim() || null, relation: rel.value.trim() || null, phone: ph.value.trim() || null } : null),
      };
    },
    v.support_network || [],
  );

  const collect = () => {
    const d = {};
    for (const f of DEMOGRAPHICS) {
      const { el, other } = demo[f.key];
      if (el.value.trim()) d[f.key] = el.value.trim();
      if (other && el.value === 'other' && other.value.trim()) d[`${f.key}_other`] = other.value.trim();
    }
    const val = (el) => el.value.trim() || null;
    return {
      first_name: val(first),
      last_name: val(last),
      alias: val(alias),
      anonymous: anon.checked,
      phones: phones.values(),
      emails: emails.values(),
      address: val(address),
      postal_code: val(postal),
      language: lang.value || null,
      birth_date: birth.value || null,
      age_range: age.value || null,
      gender: gender.value || null,
      demographics: d,
      health_history: val(health),
      support_network: support.values(),
      flags: flagBoxes.filter((x) => x.box.checked).map((x) => x.f),
      notes: val(notes),
    };
  };

  const err = h('p', { class: 'form-error', role: 'alert' });
  const conflict = h('div', { class: 'status-box status-error people-conflict', role: 'alert', hidden: true });
  const save = h('button', { type: 'submit', class: 'button button-primary' }, t('common.save'));
  const cancel = h('a', { class: 'button', href: original ? `#/perfiles/${seg(original.id)}` : '#/perfiles' }, t('common.cancel'));
  const form = h(
    'form',
    { class: 'people-form', novalidate: true },
    card(t('people.section.basic'), h('div', { class: 'grid-form' }, field(t('people.field.first_name'), first), field(t('people.field.last_name'), last), field(t('people.field.alias'), alias, t('people.alias_hint')), field(t('people.field.language'), lang), h('div', { class: 'field' }, h('label', { for: 'pf-anonymous' }, anon, ' ', t('people.field.anonymous'))))),
    card(t('people.section.phones'), h('p', { class: 'field-hint' }, t('people.phone_hint')), phones.node),
    card(t('people.section.emails'), emails.node),
    card(t('people.section.address'), h('div', { class: 'grid-form' }, field(t('people.field.address'), address), field(t('people.field.postal_code'), postal))),
    card(
      t('people.section.demographics'),
      h('p', { class: 'field-hint' }, t('people.demo_hint')),
      h(
        'div',
        { class: 'grid-form' },
        field(t('people.field.birth_date'), birth),
        field(t('people.field.age_range'), age),
        field(t('people.field.gender'), gender),
        DEMOGRAPHICS.map((f) => [field(t(`people.demo.${f.key}`), demo[f.key].el), demo[f.key].otherRow || null]),
      ),
    ),
    card(t('people.section.health'), field(t('people.field.health_history'), health)),
    card(t('people.section.support'), h('p', { class: 'field-hint' }, t('people.support_hint')), support.node),
    card(t('people.section.flags'), h('div', { class: 'people-flags' }, flagBoxes.map(({ f, box }) => h('label', { for: box.id, class: 'people-flag' }, box, ' ', t(`people.flag.${f}`)))), field(t('people.field.notes'), notes)),
    conflict,
    err,
    h('div', { class: 'actions' }, cancel, save),
  );

  const lists = { phones, emails, support_network: support };
  // the element a refused field names: a plain field, or the input of the row a list error names
  const locate = (name) => {
    const m = /^([a-z_]+)\[(\d+)\](?:\.([a-z_]+))?$/.exec(name || '');
    const row = m && lists[m[1]] ? lists[m[1]].row(Number(m[2])) : null;
    // the row's number as the agent sees it (blank rows were not sent)
    if (row) return { row, el: (m[3] && row.fields[m[3]]) || row.first, field: name.replace(/\[\d+\]/, `[${lists[m[1]].items.indexOf(row)}]`) };
    return { row: null, el: at[name] || null };
  };
  const marked = [];
  const showError = (e) => {
    for (const el of marked.splice(0)) {
      el.removeAttribute('aria-invalid');
      el.removeAttribute('aria-describedby');
    }
    for (const l of Object.values(lists)) l.clearErrors();
    err.textContent = errorText(e);
    const { row, el, field: shown } = locate(fieldOf(e));
    if (row) {
      row.error.textContent = errorText({ ...e, field: shown });
      row.error.hidden = false;
      err.textContent = t('people.row_error');
    }
    if (el) {
      el.setAttribute('aria-invalid', 'true');
      if (row) el.setAttribute('aria-describedby', row.error.id);
      marked.push(el);
      el.focus();
    }
  };

  const toProfile = (id) => {
    location.hash = `#/perfiles/${seg(id)}`;
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    for (const l of Object.values(lists)) l.clearErrors();
    const body = collect();
    save.disabled = true;
    try {
      if (!original) {
        conflict.hidden = true;
        const res = await api.post('/api/v1/profiles', body);
        toProfile(res.profile.id);
        return;
      }
      // only what changed, with the version read; a 409 shows whose change won
      await saveEdit({
        conflict,
        version: original.version,
        mine: pick(body, changedFields(asBody(original), body)),
        send: (version, mine) => api.patch(`/api/v1/profiles/${seg(original.id)}`, { version, ...mine }),
        reload: async () => (await api.get(`/api/v1/profiles/${seg(original.id)}`)).profile,
        theirs: (latest) => changedFields(asBody(original), asBody(latest)).map(fieldLabel),
        label: fieldLabel,
        onSaved: (res) => toProfile(res ? res.profile.id : original.id),
        onDiscard: (latest) => toProfile(latest ? latest.id : original.id),
        onError: showError,
      });
    } catch (e) {
      showError(e);
    } finally {
      save.disabled = false;
    }
  });
  setTimeout(() => first.focus(), 0);
  return h('div', null, original ? h('p', { class: 'muted' }, t('people.editing', { name: profileName(original) })) : null, form);
}
