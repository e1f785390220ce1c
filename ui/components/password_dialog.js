// password_dialog.js: change my own password (current + new, typed twice), as
// a dialog from the user menu or as the form of the "choose a new password"
// page shown when the account must change it before going on.

import { api } from '../api.js';
import { h, uid } from '../dom.js';
import { errorDetail, errorMessage, t } from '../i18n.js';
import { openDialog } from './dialog.js';
import { toast } from './toast.js';

/**
 * passwordForm({onChanged, onCancel, currentLabelKey}) -> {form, focus}.
 * onChanged() runs after the server accepted the new password (204).
 * onCancel: when given, a Cancel button calls it.
 */
export function passwordForm({ onChanged, onCancel, currentLabelKey = 'password.current' }) {
  const ids = { cur: uid('pw-cur'), next: uid('pw-new'), again: uid('pw-again'), hint: uid('pw-hint') };
  const cur = h('input', { id: ids.cur, type: 'password', autocomplete: 'current-password', required: true, maxlength: 1024, autofocus: true });
  const next = h('input', { id: ids.next, type: 'password', autocomplete: 'new-password', required: true, maxlength: 1024, 'aria-describedby': ids.hint });
  const again = h('input', { id: ids.again, type: 'password', autocomplete: 'new-password', required: true, maxlength: 1024 });
  const err = h('p', { class: 'form-error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'button button-primary' }, t('password.save'));
  const cancel = onCancel ? h('button', { type: 'button', class: 'button', onclick: onCancel }, t('common.cancel')) : null;
  const form = h(
    'form',
    { novalidate: true },
    h('div', { class: 'field' }, h('label', { for: ids.cur }, t(currentLabelKey)), cur),
    h('div', { class: 'field' }, h('label', { for: ids.next }, t('password.new')), next, h('p', { id: ids.hint, class: 'field-hint' }, t('password.hint'))),
    h('div', { class: 'field' }, h('label', { for: ids.again }, t('password.again')), again),
    err,
    h('div', { class: 'actions' }, cancel, save),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    if (!cur.value || !next.value) {
      err.textContent = t('password.fill');
      (cur.value ? next : cur).focus();
      return;
    }
    if (next.value !== again.value) {
      err.textContent = t('password.mismatch');
      again.focus();
      return;
    }
    save.disabled = true;
    try {
      await api.post('/api/v1/me/password', { current_password: cur.value, new_password: next.value });
      cur.value = '';
      next.value = '';
      again.value = '';
      await onChanged();
    } catch (e) {
      save.disabled = false;
      err.textContent = [errorMessage(e), errorDetail(e)].filter(Boolean).join(' ');
      if (e.code === 'wrong_password') {
        cur.value = '';
        cur.focus();
      } else if (e.code === 'weak_password') {
        next.focus();
      }
    }
  });
  return { form, focus: cur };
}

/** openPasswordDialog(): the dialog from the user menu. */
export function openPasswordDialog() {
  let dlg = null;
  const { form } = passwordForm({
    onChanged: () => {
      dlg.close();
      toast({ kind: 'ok', text: t('password.changed') });
    },
    onCancel: () => dlg.close(),
  });
  dlg = openDialog({ title: t('password.title'), body: form });
  return dlg;
}
