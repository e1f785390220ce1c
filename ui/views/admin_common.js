// views/admin_common.js: the Administración page frame (title and section tabs).

import { h } from '../dom.js';
import { t } from '../i18n.js';

const TABS = [
  { path: '/admin/usuarios', key: 'admin.users' },
  { path: '/admin/auditoria', key: 'admin.audit' },
  { path: '/admin/correo', key: 'act.admin.mail' },
  { path: '/admin/directorio', key: 'res.admin.directory' },
  { path: '/admin/contactos', key: 'contacts.admin.tab' },
  { path: '/admin/telefonia', key: 'contacts.tel.tab' },
];

/** adminFrame(currentPath, ...content) -> Element: h1 "Administración", tabs, content. */
export function adminFrame(currentPath, ...content) {
  const tabs = h(
    'nav',
    { class: 'subnav', 'aria-label': t('admin.sections') },
    h(
      'ul',
      null,
      TABS.map((tab) => h('li', null, h('a', { href: `#${tab.path}`, 'aria-current': tab.path === currentPath ? 'page' : null }, t(tab.key)))),
    ),
  );
  return h('div', { class: 'page page-admin' }, h('h1', { class: 'page-title', tabindex: '-1' }, t('nav.admin')), tabs, ...content);
}

/** statusBox() -> {el, ok(msg), error(msg, detail), info(msg), clear()}: one polite message area. */
export function statusBox() {
  const el = h('div', { class: 'status-box', role: 'status', 'aria-live': 'polite', hidden: true });
  const set = (kind, msg, detail) => {
    el.className = `status-box status-${kind}`;
    el.hidden = false;
    el.replaceChildren(h('p', null, msg), detail ? h('p', { class: 'status-detail' }, detail) : '');
  };
  return {
    el,
    ok: (msg) => set('ok', msg),
    info: (msg) => set('info', msg),
    error: (msg, detail) => set('error', msg, detail),
    clear: () => {
      el.hidden = true;
      el.replaceChildren();
    },
  };
}
