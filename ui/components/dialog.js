// dialog.js: modal dialogs on the native <dialog> element (focus trap, Esc and
// the backdrop come from the browser); focus goes back where it was on close.

import { h, uid } from '../dom.js';
import { t } from '../i18n.js';

function layer() {
  let el = document.getElementById('dialogs');
  if (!el) {
    el = h('div', { id: 'dialogs' });
    document.body.appendChild(el);
  }
  return el;
}

/**
 * openDialog({title, body, className, onClose}) -> {el, close}.
 * body: Node(s) placed under the title. The dialog removes itself when closed.
 */
export function openDialog({ title, body, className, onClose }) {
  const titleId = uid('dlg-title');
  const before = document.activeElement;
  const closeBtn = h('button', { type: 'button', class: 'icon-button dialog-close', 'aria-label': t('common.close') }, '×');
  const el = h(
    'dialog',
    { class: ['dialog', className], 'aria-labelledby': titleId },
    h('div', { class: 'dialog-head' }, h('h2', { id: titleId, class: 'dialog-title' }, title), closeBtn),
    h('div', { class: 'dialog-body' }, body),
  );
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    if (el.open) el.close();
    el.remove();
    if (onClose) onClose();
    if (before && typeof before.focus === 'function' && document.contains(before)) before.focus();
  };
  closeBtn.addEventListener('click', close);
  el.addEventListener('close', close);
  el.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  layer().appendChild(el);
  el.showModal();
  const first = el.querySelector('[autofocus], input, select, textarea, .dialog-body button');
  if (first) first.focus();
  return { el, close };
}

/**
 * confirmDialog(message, {title, confirmLabel, danger}) -> Promise<boolean>.
 * Resolves true when the person confirms, false on cancel/Esc.
 */
export function confirmDialog(message, { title, confirmLabel, danger } = {}) {
  return new Promise((resolve) => {
    let result = false;
    const yes = h('button', { type: 'button', class: ['button', danger ? 'button-danger' : 'button-primary'] }, confirmLabel || t('common.confirm'));
    const no = h('button', { type: 'button', class: 'button', autofocus: true }, t('common.cancel'));
    const dlg = openDialog({
      title: title || t('common.confirm_title'),
      body: [h('p', null, message), h('div', { class: 'actions' }, no, yes)],
      onClose: () => resolve(result),
    });
    yes.addEventListener('click', () => {
      result = true;
      dlg.close();
    });
    no.addEventListener('click', () => dlg.close());
  });
}

/** closeAllDialogs(): closes every open dialog (used when the session ends). */
export function closeAllDialogs() {
  for (const d of document.querySelectorAll('#dialogs dialog')) {
    if (d.open) d.close();
    d.remove();
  }
}
