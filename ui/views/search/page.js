// page.js: the Recursos page: the resource search component under the page title.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { createResourceSearch } from './resource_search.js';

/** searchPageView() -> view. */
export function searchPageView() {
  const search = createResourceSearch();
  const title = t('nav.resources');
  const node = h('div', { class: 'page' }, h('h1', { class: 'page-title', tabindex: '-1' }, title), h('section', { class: 'card', 'aria-label': t('search.title') }, search.node));
  return { node, title, dispose: () => search.dispose() };
}
