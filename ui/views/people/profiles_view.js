// profiles_view.js: Perfiles: the search box first (what an agent does while
// the caller talks), "Crear", and the newest profiles.

import { api, seg } from '../../api.js';
import { h, replace } from '../../dom.js';
import { errorMessage, formatDateTime, getLang, t } from '../../i18n.js';
import { hasRole } from '../../state.js';
import { errorText, profileName } from './common.js';
import { createMenu } from './quick_profile.js';
import { searchBox } from './search.js';

function countryName(code) {
  try {
    return new Intl.DisplayNames([getLang()], { type: 'region' }).of(code) || code;
  } catch {
    return code;
  }
}

/** countryCard() -> which country national numbers belong to; admins can change it. */
function countryCard() {
  const note = h('p', { class: 'field-hint' });
  const holder = h('div');
  const node = h('div', null, note, holder);
  api
    .get('/api/v1/people/settings')
    .then((s) => {
      const show = (code) => {
        const c = s.countries.find((x) => x.code === code);
        note.textContent = c ? t('people.country_note', { country: countryName(c.code), code: c.calling_code }) : t('people.country_unset');
      };
      show(s.default_country);
      if (!hasRole(['admin'])) return;
      const sel = h('select', { id: 'people-country' }, h('option', { value: '' }, t('people.none_selected')), s.countries.map((c) => h('option', { value: c.code }, `${countryName(c.code)} (+${c.calling_code})`)));
      sel.value = s.default_country || '';
      const save = h('button', { type: 'button', class: 'button button-small' }, t('common.save'));
      const msg = h('span', { role: 'status', class: 'muted' });
      save.addEventListener('click', async () => {
        if (!sel.value) return;
        try {
          const r = await api.put('/api/v1/admin/people-settings', { default_country: sel.value });
          show(r.default_country);
          msg.textContent = t('people.country_saved');
        } catch (e) {
          msg.textContent = errorText(e);
        }
      });
      replace(holder, h('div', { class: 'toolbar' }, h('label', { for: 'people-country', class: 'people-inline-label' }, t('people.field.default_country')), sel, save, msg));
    })
    .catch(() => {});
  return node;
}

/** profilesView({phone}) -> view; phone: a number to look up first (from the phone system). */
export function profilesView({ phone = '' } = {}) {
  const title = t('nav.profiles');
  const box = searchBox({ lookupPhone: phone });
  const tbody = h('tbody');
  const note = h('p', { class: 'muted' }, t('common.loading'));
  const load = async () => {
    try {
      const res = await api.get('/api/v1/profiles?limit=20');
      replace(
        tbody,
        res.items.map((p) => h('tr', null, h('td', null, h('a', { href: `#/perfiles/${seg(p.id)}` }, profileName(p))), h('td', null, p.phone || '—'), h('td', { class: 'nowrap' }, formatDateTime(p.updated_ms)))),
      );
      note.hidden = res.items.length > 0;
      note.textContent = res.items.length ? '' : t('people.none_yet');
    } catch (e) {
      note.textContent = errorMessage(e);
    }
  };
  const node = h(
    'div',
    { class: 'page page-people' },
    h('div', { class: 'people-head' }, h('h1', { class: 'page-title', tabindex: '-1' }, title), createMenu()),
    h('section', { class: 'card', 'aria-label': t('people.search') }, box.node, countryCard()),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'recent-title' },
      h('h2', { id: 'recent-title', class: 'section-title' }, t('people.recent')),
      note,
      h('div', { class: 'table-wrap' }, h('table', { class: 'data-table' }, h('thead', null, h('tr', null, ['people.col.name', 'people.col.phone', 'people.col.updated'].map((k) => h('th', { scope: 'col' }, t(k))))), tbody)),
    ),
  );
  load();
  setTimeout(() => box.focus(), 0);
  return { node, title };
}
