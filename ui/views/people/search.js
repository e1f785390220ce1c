// search.js: the profile search (the seed's search icon): one box for a name,
// any phone format or an email; results say which field matched; nothing
// found offers "Crear → Crear perfil" with what was typed.

import { api, seg } from '../../api.js';
import { h, replace } from '../../dom.js';
import { errorMessage, t } from '../../i18n.js';
import { createMenu } from './quick_profile.js';
import { errorText, profileName } from './common.js';

function hitItem(x) {
  const matched = x.matched ? t('people.matched', { field: t(`people.matched_field.${x.matched.field}`), value: x.matched.value }) : '';
  return h(
    'li',
    { class: 'people-hit', dataset: { id: x.id } },
    h('a', { href: `#/perfiles/${seg(x.id)}`, class: 'people-hit-name' }, profileName(x)),
    x.phone ? h('span', { class: 'muted' }, ` · ${x.phone}`) : null,
    matched ? h('p', { class: 'field-hint people-matched' }, matched) : null,
  );
}

/**
 * searchBox({initial, lookupPhone}) -> {node, focus(), run(q)}.
 * lookupPhone: a number from the phone system; looked up exactly first.
 */
export function searchBox({ initial = '', lookupPhone = '' } = {}) {
  const q = h('input', { id: 'people-q', type: 'search', maxlength: 200, autocomplete: 'off', value: initial || lookupPhone, 'aria-describedby': 'people-q-hint' });
  const results = h('div', { class: 'people-results', role: 'region', 'aria-live': 'polite', 'aria-label': t('people.results') });
  let lastQuery = '';
  let lastKind = '';
  const empty = (text) =>
    replace(results, h('p', { class: 'calm-note' }, text), h('div', { class: 'toolbar' }, createMenu(() => (lastKind === 'phone' ? { phone: lastQuery } : lastKind === 'name' ? { name: lastQuery } : {}))));
  const show = (res, text) => {
    if (!res.items.length) return empty(text);
    replace(results, h('ul', { class: 'people-hits' }, res.items.map(hitItem)), res.more ? h('p', { class: 'field-hint' }, t('people.more_results')) : null);
  };
  const run = async (query) => {
    lastQuery = query.trim();
    if (!lastQuery) return;
    replace(results, h('p', { class: 'muted' }, t('common.loading')));
    try {
      const res = await api.post('/api/v1/profiles/search', { q: lastQuery });
      lastKind = res.kind;
      show(res, t('people.no_match', { q: lastQuery }));
    } catch (e) {
      lastKind = '';
      replace(results, h('p', { class: 'form-error', role: 'alert' }, e.code === 'invalid_phone' ? errorMessage(e) : errorText(e)));
    }
  };
  const lookup = async (phone) => {
    lastQuery = phone;
    lastKind = 'phone';
    try {
      const res = await api.get(`/api/v1/profiles/lookup?phone=${encodeURIComponent(phone)}`);
      show(res, t('people.no_profile_has_number', { phone }));
    } catch (e) {
      replace(results, h('p', { class: 'form-error', role: 'alert' }, errorMessage(e)));
    }
  };
  const form = h(
    'form',
    { role: 'search', class: 'people-search', novalidate: true },
    h('label', { for: 'people-q' }, t('people.search_label')),
    h('div', { class: 'input-with-button' }, q, h('button', { type: 'submit', class: 'button button-primary', 'aria-label': t('people.search') }, '🔍 ', t('people.search'))),
    h('p', { id: 'people-q-hint', class: 'field-hint' }, t('people.search_hint')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(q.value);
  });
  if (lookupPhone) lookup(lookupPhone);
  else if (initial) run(initial);
  return { node: h('div', null, form, results), focus: () => q.focus(), run };
}
