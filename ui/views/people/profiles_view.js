// profiles_view.js: Perfiles: the search box first (what an agent does while
// the caller talks), "Crear", and the newest profiles.

import { api, seg } from '../../api.js';
import { h, replace } from '../../dom.js';
import { errorMessage, formatDateTime, t } from '../../i18n.js';
import { profileName } from './common.js';
import { createMenu } from './quick_profile.js';
import { searchBox } from './search.js';

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
    h('section', { class: 'card', 'aria-label': t('people.search') }, box.node),
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
