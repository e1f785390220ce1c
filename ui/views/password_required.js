// views/password_required.js: the page shown instead of the app while the
// account must choose a new password (first sign-in with a one-time password,
// or an admin reset). The server refuses everything else until then.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { authCard } from '../components/auth_card.js';
import { passwordForm } from '../components/password_dialog.js';

/** passwordRequiredView({onChanged, onSignOut}) -> {node, title, focus}. */
export function passwordRequiredView({ onChanged, onSignOut }) {
  const { form, focus } = passwordForm({ onChanged, currentLabelKey: 'password.current_or_temporary' });
  const node = authCard(
    t('password.required_title'),
    h('p', { class: 'notice' }, t('password.must_change')),
    form,
    h('p', { class: 'login-lang' }, h('button', { type: 'button', class: 'button', onclick: onSignOut }, t('menu.sign_out'))),
  );
  return { node, title: t('password.required_title'), focus };
}
