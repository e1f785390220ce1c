// common.js: what the people area's views share, and the cases area's too
// (ui/views/cases/ imports it): labelled fields, value lists, names,
// field-error text, the draft a quick form hands to the full form.

import { h, uid } from '../../dom.js';
import { errorDetail, errorMessage, has, t } from '../../i18n.js';

export const PHONE_TYPES = ['mobile', 'home', 'work', 'other'];
export const GENDERS = ['female', 'male', 'non_binary', 'other', 'undisclosed'];
export const AGE_RANGES = ['0-12', '13-17', '18-25', '26-35', '36-45', '46-59', '60+'];
export const FLAGS = ['do_not_call', 'repeat_caller', 'minor', 'safety_risk', 'interpreter_needed'];
// The organisation's demographic fields (keys of `demographics`): a fixed list of
// stable codes the API checks (src/domain/people_rules.c), or free text (no codes).
// A choice answered "other" carries its words in `<key>_other`.
export const DEMOGRAPHICS = [
  { key: 'ethnicity', codes: ['indigenous', 'afro', 'raizal', 'palenquero', 'rrom', 'none', 'other', 'undisclosed'] },
  { key: 'disability', codes: ['none', 'physical', 'hearing', 'visual', 'deafblind', 'intellectual', 'psychosocial', 'multiple', 'other', 'undisclosed'] },
  { key: 'migrant_status', codes: ['national', 'regular_migrant', 'irregular_migrant', 'refugee', 'returnee', 'in_transit', 'other', 'undisclosed'] },
  { key: 'sexual_orientation', codes: ['heterosexual', 'lesbian', 'gay', 'bisexual', 'other', 'undisclosed'] },
  { key: 'marital_status', codes: ['single', 'married', 'cohabiting', 'separated', 'divorced', 'widowed', 'other', 'undisclosed'] },
  { key: 'education', codes: ['none', 'primary', 'secondary', 'technical', 'university', 'postgraduate', 'other', 'undisclosed'] },
  { key: 'occupation', codes: ['employed', 'self_employed', 'unemployed', 'student', 'homemaker', 'retired', 'other', 'undisclosed'] },
  { key: 'city' },
  { key: 'other_info' },
];

/** demoText(p, f): how the answer to demographic field f of profile p reads, or null. */
export function demoText(p, f) {
  const d = (p && p.demographics) || {};
  const v = d[f.key];
  if (!v) return null;
  if (!f.codes) return v;
  const label = has(`people.demo_choice.${f.key}.${v}`) ? t(`people.demo_choice.${f.key}.${v}`) : v;
  return d[`${f.key}_other`] ? `${label}: ${d[`${f.key}_other`]}` : label;
}

/** field(label, input, hint) -> a labelled form row (label wired to input.id). */
export function field(label, input, hint) {
  if (!input.id) input.id = uid('pf');
  const hintId = hint ? uid('hint') : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hint ? h('p', { id: hintId, class: 'field-hint' }, hint) : null);
}

/** input(attrs) -> <input type=text> with autocomplete off unless given. */
export function input(attrs = {}) {
  return h('input', { type: 'text', autocomplete: 'off', ...attrs, id: attrs.id || uid('pf') });
}

/** select(values, keyPrefix, value, {empty}) -> <select>; empty adds a "—" choice. */
export function select(values, keyPrefix, value, { empty = false } = {}) {
  const el = h('select', { id: uid('pf') }, empty ? h('option', { value: '' }, t('people.none_selected')) : null, values.map((v) => h('option', { value: v }, t(`${keyPrefix}.${v}`))));
  el.value = value || '';
  return el;
}

/** profileName(p): the name to show, "Anónimo" for a nameless profile. */
export function profileName(p) {
  return (p && p.display_name) || t('people.anonymous');
}

/** fieldLabel(field): "phones[1].number" -> "Teléfono 2". */
export function fieldLabel(fieldName) {
  if (!fieldName) return '';
  const m = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?/.exec(fieldName);
  if (!m) return fieldName;
  const base = has(`people.field.${m[1]}`) ? t(`people.field.${m[1]}`) : m[1];
  return m[2] !== undefined ? `${base} ${Number(m[2]) + 1}` : base;
}

/** errorText(err): the translated error, the field it is about, and the server's detail for `invalid`. */
export function errorText(err) {
  const where = err && err.field ? `${fieldLabel(err.field)}: ` : '';
  const detail = err && err.code === 'invalid' ? errorDetail(err) : '';
  return `${where}${errorMessage(err)}${detail ? ` (${detail})` : ''}`;
}

/** fieldOf(err): the field named by an API error, if any. */
export function fieldOf(err) {
  return (err && err.field) || null;
}

/** card(title, ...children) -> a titled section (named by its heading only: labels inside stay unique). */
export function card(title, ...children) {
  return h('section', { class: 'card' }, h('h2', { class: 'section-title' }, title), ...children);
}

/** facts(pairs) -> <dl> of [label, value] rows, skipping empty values. */
export function facts(pairs) {
  const rows = pairs.filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length));
  return h('dl', { class: 'facts people-facts' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

// A quick form hands its values to the full form through memory only (never storage).
let draft = null;
export function setDraft(d) {
  draft = d;
}
export function takeDraft() {
  const d = draft;
  draft = null;
  return d;
}
