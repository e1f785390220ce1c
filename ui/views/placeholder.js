// views/placeholder.js: areas not built yet, and the "no access" / "not found" pages.

import { h } from '../dom.js';
import { t } from '../i18n.js';

/** placeholderView(titleKey) -> view: the area's title and a calm "coming soon" note. */
export function placeholderView(titleKey) {
  const title = t(titleKey);
  const node = h('div', { class: 'page' }, h('h1', { class: 'page-title', tabindex: '-1' }, title), h('p', { class: 'calm-note' }, t('area.coming_soon')));
  return { node, title };
}

/** messageView(titleKey, textKey) -> view with a link back home. */
export function messageView(titleKey, textKey) {
  const title = t(titleKey);
  const node = h(
    'div',
    { class: 'page' },
    h('h1', { class: 'page-title', tabindex: '-1' }, title),
    h('p', { class: 'calm-note' }, t(textKey)),
    h('p', null, h('a', { href: '#/inicio' }, t('common.back_home'))),
  );
  return { node, title };
}
