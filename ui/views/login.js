// views/login.js: the sign-in page, with its own es/en switch (kept in memory
// and in the URL hash, never in browser storage).

import { api, setCsrfToken } from '../api.js';
import { h, uid } from '../dom.js';
import { errorMessage, getLang, t } from '../i18n.js';
import { langSwitch } from '../components/lang_switch.js';
import { authCard } from '../components/auth_card.js';

/**
 * loginView({notice, onLang, onSignedIn}) -> {node, title, focus}.
 * notice: an i18n key shown above the form (e.g. 'login.session_ended').
 * username: text to put back in the username field (after a language switch).
 * onLang(lang, typedUsername): the person picked a language. onSignedIn(loginResponse): success.
 */
export function loginView({ notice, username: initialUsername = '', onLang, onSignedIn }) {
  const userId = uid('login-user');
  const passId = uid('login-pass');
  const errId = uid('login-err');
  const username = h('input', { id: userId, name: 'username', type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true, autofocus: true, maxlength: 128, value: initialUsername });
  const password = h('input', { id: passId, name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 1024 });
  const error = h('p', { id: errId, class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-wide' }, t('login.submit'));
  let retryTimer = null;

  const form = h(
    'form',
    { class: 'login-form', novalidate: true, 'aria-describedby': errId },
    h('div', { class: 'field' }, h('label', { for: userId }, t('login.username')), username),
    h('div', { class: 'field' }, h('label', { for: passId }, t('login.password')), password),
    error,
    submit,
  );

  const showError = (msg) => {
    error.textContent = msg;
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showError('');
    if (!username.value.trim() || !password.value) {
      showError(t('login.missing'));
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('login.submitting');
    let res;
    try {
      res = await api.post('/api/v1/auth/login', { username: username.value.trim(), password: password.value }, { auth: false });
    } catch (err) {
      password.value = '';
      showError(errorMessage(err));
      submit.textContent = t('login.submit');
      if (err.code === 'throttled' && err.retryAfter > 0) {
        // Keep the button off while the server asks us to wait.
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => {
          submit.disabled = false;
        }, Math.min(err.retryAfter, 3600) * 1000);
        return;
      }
      submit.disabled = false;
      (err.code === 'invalid_credentials' ? password : username).focus();
      return;
    }
    password.value = '';
    setCsrfToken(res && res.csrf_token);
    try {
      await onSignedIn(res);
    } catch (err) {
      showError(errorMessage(err));
      submit.textContent = t('login.submit');
      submit.disabled = false;
    }
  });

  const node = authCard(
    t('login.title'),
    notice ? h('p', { class: 'notice', role: 'status' }, t(notice)) : null,
    form,
    langSwitch({ current: getLang(), onPick: (lang) => onLang(lang, username.value), className: 'login-lang' }),
  );
  return { node, title: t('login.title'), focus: username };
}
