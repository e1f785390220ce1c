// components/auth_card.js: the centred card of the pages shown before the app
// (sign-in, the required password change): the brand, a title, then the page's own parts.

import { h } from '../dom.js';
import { t } from '../i18n.js';

/** authCard(title, ...children) -> the page node; children may be null (skipped). */
export function authCard(title, ...children) {
  return h(
    'div',
    { class: 'login-page' },
    h(
      'main',
      { class: 'login-card', id: 'main', tabindex: '-1' },
      h('p', { class: 'brand brand-large' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), t('app.name')),
      h('h1', { class: 'login-title' }, title),
      ...children,
    ),
  );
}
