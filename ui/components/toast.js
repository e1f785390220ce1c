// toast.js: short, non-blocking notices in a polite live region; they never
// take focus and close by themselves (hover or focus keeps them open).

import { h } from '../dom.js';
import { t } from '../i18n.js';

const MAX = 4;
const TTL_MS = 12000;

function region() {
  let el = document.getElementById('toasts');
  if (!el) {
    el = h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite', 'aria-relevant': 'additions' });
    document.body.appendChild(el);
  }
  return el;
}

/**
 * toast({title, text, meta, kind}) -> close function.
 * kind: 'info' (default), 'ok' or 'error'.
 */
export function toast({ title, text, meta, kind = 'info' }) {
  const list = region();
  const closeBtn = h('button', { type: 'button', class: 'icon-button toast-close', 'aria-label': t('common.close') }, '×');
  const el = h(
    'div',
    { class: ['toast', `toast-${kind}`] },
    h('div', { class: 'toast-main' }, title ? h('p', { class: 'toast-title' }, title) : null, text ? h('p', { class: 'toast-text' }, text) : null, meta ? h('p', { class: 'toast-meta' }, meta) : null),
    closeBtn,
  );
  let timer = null;
  const close = () => {
    clearTimeout(timer);
    el.remove();
  };
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(close, TTL_MS);
  };
  closeBtn.addEventListener('click', close);
  el.addEventListener('mouseenter', () => clearTimeout(timer));
  el.addEventListener('mouseleave', arm);
  el.addEventListener('focusin', () => clearTimeout(timer));
  el.addEventListener('focusout', arm);
  list.appendChild(el);
  while (list.children.length > MAX) list.firstElementChild.remove();
  arm();
  return close;
}

/** clearToasts(): removes every toast (on sign-out). */
export function clearToasts() {
  const el = document.getElementById('toasts');
  if (el) while (el.firstChild) el.removeChild(el.firstChild);
}
