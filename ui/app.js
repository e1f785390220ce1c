// app.js: entry point. Decides login vs. app shell (GET /api/v1/me), draws the
// shell (header, nav, live indicator, user menu), routes #/hash pages to views,
// runs the live event stream and the keyboard shortcuts.

import { api, onErrorCode, onUnauthenticated, seg, setCsrfToken } from './api.js';
import { h, replace } from './dom.js';
import { DEFAULT_LANG, errorMessage, formatDateTime, getLang, normalizeLang, setLang, t } from './i18n.js';
import { startLive, stopLive } from './live.js';
import { clearSession, emit, hasRole, listen, postedHere, state } from './state.js';
import { closeAllDialogs } from './components/dialog.js';
import { helpIsOpen, openHelp } from './components/help.js';
import { langSwitch } from './components/lang_switch.js';
import { openPasswordDialog } from './components/password_dialog.js';
import { clearToasts, toast } from './components/toast.js';
import { adminAuditView } from './views/admin_audit.js';
import { adminUsersView } from './views/admin_users.js';
import { homeView } from './views/home.js';
import { loginView } from './views/login.js';
import { messageView, placeholderView } from './views/placeholder.js';
import { passwordRequiredView } from './views/password_required.js';
import { routes as peopleRoutes } from './views/people/index.js';
import { routes as caseRoutes } from './views/cases/index.js';
import { routes as activityRoutes } from './views/activities/index.js';
import { routes as resourceRoutes } from './views/resources/index.js';
import { routes as searchRoutes } from './views/search/index.js';
import { routes as contactRoutes } from './views/contacts/index.js';
import { TABS as CONTACT_TABS, current as contactScreen } from './views/contacts/contact_view.js';
import { openNewContact } from './views/contacts/new_contact.js';

const SUPERVISORS = ['supervisor', 'admin'];
const ADMINS = ['admin'];

// The pages. `section` groups sub-pages under one nav item; `key` is the
// letter after "g" in the keyboard shortcut.
const ROUTES = [
  { path: '/inicio', titleKey: 'nav.home', key: 'i', view: () => homeView() },
  { path: '/contactos', titleKey: 'nav.contacts', key: 'c', view: () => placeholderView('nav.contacts') },
  { path: '/perfiles', titleKey: 'nav.profiles', key: 'p', view: () => placeholderView('nav.profiles') },
  { path: '/casos', titleKey: 'nav.cases', key: 's', view: () => placeholderView('nav.cases') },
  { path: '/recursos', titleKey: 'nav.resources', key: 'r', view: () => placeholderView('nav.resources') },
  { path: '/planificacion', titleKey: 'nav.planning', key: 'l', view: () => placeholderView('nav.planning') },
  { path: '/informes', titleKey: 'nav.reports', key: 'n', roles: SUPERVISORS, view: () => placeholderView('nav.reports') },
  { path: '/admin/usuarios', titleKey: 'nav.admin', key: 'a', roles: ADMINS, section: '/admin', view: () => adminUsersView() },
  { path: '/admin/auditoria', titleKey: 'admin.audit', roles: ADMINS, section: '/admin', nav: false, view: () => adminAuditView() },
];
// Pages of each area, with parameters ("/perfiles/:id"); they take precedence over ROUTES.
const AREA_ROUTES = [...contactRoutes, ...peopleRoutes, ...caseRoutes, ...activityRoutes, ...resourceRoutes, ...searchRoutes];

/** matchRoute(path): {r, params} for the page at path, or null. */
function matchRoute(path) {
  for (const r of AREA_ROUTES) {
    const want = r.path.split('/');
    const got = path.split('/');
    if (want.length !== got.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i++) {
      if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
      else ok = want[i] === got[i];
    }
    if (ok) return { r, params };
  }
  const r = ROUTES.find((x) => x.path === path);
  return r ? { r, params: {} } : null;
}

const ALIASES = { '': '/inicio', '/': '/inicio', '/admin': '/admin/usuarios' };

const root = document.getElementById('app');
let shell = null; // {main, nav links, live, menu...} while signed in
let currentView = null;
let pendingPath = null; // where to go after signing in
let firstRoute = true;
let gPending = false;
let gTimer = null;

function parseHash() {
  const raw = location.hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  return { path: ALIASES[path] ?? path, query };
}

function setHash(path, { replaceEntry = true } = {}) {
  const url = `${location.pathname}${location.search}#${path}`;
  if (replaceEntry) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
}

function loginHash() {
  return getLang() === DEFAULT_LANG ? '/login' : `/login?lang=${getLang()}`;
}

function disposeView() {
  if (currentView && currentView.dispose) currentView.dispose();
  currentView = null;
}

// ---------- signed out ----------

function showLogin({ notice = null, username = '', remember = true } = {}) {
  disposeView();
  shell = null;
  const { path } = parseHash();
  if (!remember) pendingPath = null;
  else if (path && path !== '/login' && ROUTES.some((r) => r.path === path)) pendingPath = path;
  setHash(loginHash());
  const view = loginView({
    notice,
    username,
    onLang: async (lang, typed) => {
      await setLang(lang);
      showLogin({ username: typed });
    },
    onSignedIn: async () => {
      const me = await api.get('/api/v1/me', { auth: false });
      firstRoute = false; // move focus to the new page's heading
      await enterApp(me, pendingPath || '/inicio');
    },
  });
  replace(root, view.node);
  document.title = `${view.title} · ${t('app.name')}`;
  view.focus.focus();
}

function endSession(notice) {
  if (!state.user) return;
  stopLive();
  clearSession();
  setCsrfToken(null);
  closeAllDialogs();
  clearToasts();
  showLogin({ notice });
}

async function signOut() {
  stopLive();
  closeAllDialogs();
  clearToasts();
  clearSession();
  try {
    await api.post('/api/v1/auth/logout', undefined, { auth: false });
  } catch {
    // The session is gone either way for this page; the server expires it.
  }
  setCsrfToken(null);
  showLogin({ notice: 'login.signed_out', remember: false });
}

// ---------- signed in ----------

async function enterApp(me, path) {
  state.user = me.user;
  state.org = me.org || null;
  state.session = me.session || null;
  if (me.csrf_token) setCsrfToken(me.csrf_token);
  await setLang(normalizeLang(me.user.language));
  if (me.user.must_change_password) {
    showPasswordRequired(path);
    return;
  }
  pendingPath = null;
  const target = ROUTES.find((r) => r.path === path);
  if (target && !hasRole(target.roles)) path = '/inicio'; // e.g. someone else signed in
  renderShell();
  startLive({
    onStatus: showLive,
    onAnnouncement,
    onSessionEnded: () => endSession('login.session_ended'),
    onClosed: async () => {
      try {
        await api.get('/api/v1/me', { auth: false });
        return true;
      } catch (err) {
        if (err.status === 401) {
          endSession('login.session_ended');
          return false;
        }
        return true;
      }
    },
  });
  setHash(path);
  route();
}

// The account must choose a new password first: no shell, no live stream.
function showPasswordRequired(path) {
  stopLive();
  closeAllDialogs();
  disposeView();
  shell = null;
  pendingPath = path;
  const view = passwordRequiredView({
    onChanged: async () => {
      const me = await api.get('/api/v1/me');
      firstRoute = false;
      await enterApp(me, pendingPath || '/inicio');
      toast({ kind: 'ok', text: t('password.changed') });
    },
    onSignOut: signOut,
  });
  replace(root, view.node);
  document.title = `${view.title} · ${t('app.name')}`;
  view.focus.focus();
}

async function recheckAccount() {
  try {
    const me = await api.get('/api/v1/me', { auth: false });
    if (me.user.must_change_password) {
      state.user = me.user;
      showPasswordRequired(parseHash().path || '/inicio');
    }
  } catch (err) {
    if (err.status === 401) endSession('login.session_ended');
  }
}

function navItems() {
  return ROUTES.filter((r) => r.nav !== false && hasRole(r.roles));
}

function renderShell() {
  const user = state.user;
  const links = navItems().map((r) => ({ route: r, a: h('a', { href: `#${r.path}`, class: 'nav-link' }, t(r.titleKey)) }));
  const liveDot = h('span', { class: 'live-dot', 'aria-hidden': 'true' });
  const liveText = h('span', { class: 'live-text' });
  const live = h('span', { class: 'live', role: 'status' }, liveDot, liveText);
  const main = h('main', { id: 'main', class: 'main', tabindex: '-1' });

  const menuId = 'user-menu';
  const menuButton = h('button', { type: 'button', class: 'user-button', 'aria-expanded': 'false', 'aria-controls': menuId }, h('span', { class: 'user-name' }, user.display_name || user.username), h('span', { class: 'caret', 'aria-hidden': 'true' }, '▾'));
  const menu = h(
    'div',
    { id: menuId, class: 'menu', hidden: true },
    h('p', { class: 'menu-who' }, h('span', { class: 'menu-name' }, user.display_name || user.username), h('span', { class: 'menu-role' }, t(`role.${user.role}`)), state.org && state.org.name ? h('span', { class: 'menu-role' }, state.org.name) : null),
    langSwitch({ current: getLang(), onPick: changeLanguage, className: 'menu-lang' }),
    h('button', { type: 'button', class: 'menu-item', onclick: () => { closeMenu(false); openPasswordDialog(); } }, t('menu.change_password')),
    h('button', { type: 'button', class: 'menu-item menu-signout', onclick: signOut }, t('menu.sign_out')),
  );
  const closeMenu = (focusButton) => {
    if (menu.hidden) return;
    menu.hidden = true;
    menuButton.setAttribute('aria-expanded', 'false');
    if (focusButton) menuButton.focus();
  };
  const openMenu = () => {
    menu.hidden = false;
    menuButton.setAttribute('aria-expanded', 'true');
    const first = menu.querySelector('button');
    if (first) first.focus();
  };
  menuButton.addEventListener('click', () => (menu.hidden ? openMenu() : closeMenu(true)));
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      closeMenu(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const items = [...menu.querySelectorAll('button')];
      const i = items.indexOf(document.activeElement);
      const next = items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
      e.preventDefault();
      next.focus();
    }
  });
  const userBox = h('div', { class: 'user-menu' }, menuButton, menu);
  userBox.addEventListener('focusout', (e) => {
    if (!userBox.contains(e.relatedTarget)) closeMenu(false);
  });

  const helpButton = h('button', { type: 'button', class: 'icon-button help-button', 'aria-label': t('help.button'), title: t('help.button'), onclick: showHelp }, '?');
  const skip = h('a', { class: 'skip-link', href: '#main' }, t('shell.skip'));
  skip.addEventListener('click', (e) => {
    e.preventDefault();
    const target = main.querySelector('h1') || main;
    target.focus();
  });

  const header = h(
    'header',
    { class: 'topbar' },
    h('div', { class: 'topbar-inner' },
      h('a', { class: 'brand', href: '#/inicio' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), t('app.name'), state.org && state.org.name ? h('span', { class: 'org-name' }, state.org.name) : null),
      h('nav', { class: 'mainnav', 'aria-label': t('shell.nav') }, h('ul', null, links.map((l) => h('li', null, l.a)))),
      h('div', { class: 'tools' }, live, helpButton, userBox),
    ),
  );
  replace(root, skip, header, main);
  shell = { main, links, live, liveText, userBox, menuButton, closeMenu };
  showLive(state.live === 'off' ? 'connecting' : state.live);
}

function showLive(status) {
  state.live = status;
  emit('live', status);
  if (!shell) return;
  const open = status === 'open';
  shell.live.classList.toggle('is-open', open);
  shell.live.classList.toggle('is-down', !open);
  shell.live.dataset.status = status;
  shell.liveText.textContent = open ? t('live.open') : status === 'connecting' ? t('live.connecting') : t('live.reconnecting');
}

async function changeLanguage(lang) {
  try {
    const res = await api.patch('/api/v1/me', { language: lang });
    if (res && res.user) state.user = res.user;
    else state.user = { ...state.user, language: lang };
    await setLang(lang);
    renderShell();
    route({ keepFocus: true });
    shell.menuButton.focus();
  } catch (err) {
    toast({ kind: 'error', text: errorMessage(err) });
  }
}

async function onAnnouncement(ev) {
  if (ev.ref_type && ev.ref_type !== 'announcement') return;
  const id = ev.ref_id ?? ev.id;
  if (id === undefined || id === null) return;
  try {
    const res = await api.get(`/api/v1/announcements/${seg(id)}`);
    const a = res && res.announcement;
    if (!a) return;
    emit('announcement', a);
    if (postedHere.has(String(a.id))) return;
    toast({ title: t('toast.announcement'), text: a.text, meta: t('home.announcement_meta', { author: a.author || '—', when: formatDateTime(a.created_ms) }) });
  } catch {
    // Not visible to us, or gone: nothing to show.
  }
}

function route({ keepFocus = false } = {}) {
  if (!state.user) {
    showLogin();
    return;
  }
  if (state.user.must_change_password) {
    showPasswordRequired(parseHash().path || '/inicio');
    return;
  }
  if (!shell) renderShell();
  let { path } = parseHash();
  if (path === '/login' || !path) {
    path = '/inicio';
  }
  if (`#${path}` !== location.hash) setHash(path);
  const m = matchRoute(path);
  const r = m ? m.r : null;
  disposeView();
  let view;
  if (!r) view = messageView('notfound.title', 'notfound.text');
  else if (!hasRole(r.roles)) view = messageView(r.titleKey, 'area.forbidden');
  else view = r.view(m.params);
  currentView = view;
  replace(shell.main, view.node);
  document.title = `${view.title} · ${t('app.name')}`;
  const section = r ? r.section || r.path : null;
  for (const { route: nr, a } of shell.links) {
    if ((nr.section || nr.path) === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  shell.closeMenu(false);
  if (!firstRoute && !keepFocus) {
    const h1 = shell.main.querySelector('h1');
    if (h1) h1.focus();
  }
  firstRoute = false;
}

// ---------- keyboard ----------

// Alt shortcuts work while typing (an agent on a call types notes): e.code, so
// the keyboard layout does not matter.
const ALT_KEYS = [
  { code: 'KeyN', keys: ['Alt+N'], labelKey: 'contacts.new.title', run: () => openNewContact() },
  { code: 'KeyB', keys: ['Alt+B'], labelKey: 'contacts.keys.search', run: () => contactScreen.screen && contactScreen.screen.search() },
  ...CONTACT_TABS.map((k, i) => ({ code: `Digit${i + 1}`, keys: [`Alt+${i + 1}`], labelKey: `contacts.tab.${k}`, run: () => contactScreen.screen && contactScreen.screen.tab(i) })),
  { code: 'PageDown', keys: ['Alt+AvPág'], labelKey: 'contacts.keys.next', run: () => contactScreen.screen && contactScreen.screen.next(1) },
  { code: 'PageUp', keys: ['Alt+RePág'], labelKey: 'contacts.keys.previous', run: () => contactScreen.screen && contactScreen.screen.next(-1) },
  { code: 'KeyC', keys: ['Alt+C'], labelKey: 'contacts.close.button', run: () => contactScreen.screen && contactScreen.screen.close() },
];

function onAltKey(e) {
  if (!state.user || !shell || e.defaultPrevented || !e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  if (helpIsOpen() || document.querySelector('dialog[open]')) return;
  const k = ALT_KEYS.find((x) => x.code === e.code);
  if (!k) return;
  e.preventDefault();
  k.run();
}

function shortcutList() {
  const alt = ALT_KEYS.map((k) => ({ keys: k.keys.map((x) => (getLang() === 'en' ? x.replace('AvPág', 'PgDn').replace('RePág', 'PgUp') : x)), labelKey: k.labelKey }));
  return [...ROUTES.filter((r) => r.key && hasRole(r.roles)).map((r) => ({ keys: ['g', r.key], labelKey: r.titleKey })), ...alt];
}

function showHelp() {
  if (shell) shell.closeMenu(false);
  openHelp(shortcutList());
}

function isTyping(el) {
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

function onKeydown(e) {
  if (!state.user || !shell || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  if (isTyping(e.target) || helpIsOpen() || document.querySelector('dialog[open]')) return;
  if (gPending) {
    gPending = false;
    clearTimeout(gTimer);
    const r = ROUTES.find((x) => x.key === e.key.toLowerCase() && hasRole(x.roles));
    if (r) {
      e.preventDefault();
      location.hash = `#${r.path}`;
    }
    return;
  }
  if (e.key === '?') {
    e.preventDefault();
    showHelp();
  } else if (e.key === 'g') {
    gPending = true;
    gTimer = setTimeout(() => {
      gPending = false;
    }, 1500);
  } else if (e.key === 'Escape' && shell) {
    shell.closeMenu(true);
  }
}

// ---------- start ----------

function showFatal(err) {
  const retry = h('button', { type: 'button', class: 'button button-primary', onclick: () => boot() }, t('common.retry'));
  replace(
    root,
    h('main', { class: 'login-page', id: 'main' }, h('div', { class: 'login-card' }, h('p', { class: 'brand brand-large' }, t('app.name')), h('h1', null, t('fatal.title')), h('p', { role: 'alert' }, errorMessage(err)), retry)),
  );
  retry.focus();
}

async function boot() {
  const { query } = parseHash();
  try {
    await setLang(query.get('lang') || DEFAULT_LANG);
  } catch {
    replace(root, h('p', { role: 'alert' }, 'Faro: no se pudo cargar la interfaz. / Could not load the interface.'));
    return;
  }
  let me;
  try {
    me = await api.get('/api/v1/me', { auth: false });
  } catch (err) {
    if (err.status === 401) showLogin();
    else showFatal(err);
    return;
  }
  const { path } = parseHash();
  await enterApp(me, path && path !== '/login' ? path : '/inicio');
}

onUnauthenticated(() => endSession('login.session_ended'));
onErrorCode('password_change_required', () => recheckAccount());
window.addEventListener('hashchange', () => {
  if (!state.user) {
    const { path, query } = parseHash();
    if (path === '/login') {
      const lang = normalizeLang(query.get('lang') || DEFAULT_LANG);
      if (lang !== getLang()) setLang(lang).then(() => showLogin());
      return;
    }
    showLogin();
    return;
  }
  route();
});
document.addEventListener('keydown', onKeydown);
document.addEventListener('keydown', onAltKey);
// the screen pop: the phone system rang (or answered) for this agent; the contact opens at once
listen('live:contact_pop', (ev) => {
  if (ev && ev.ref_type === 'contact' && ev.ref_id !== undefined && ev.ref_id !== null) location.hash = `#/contactos/${encodeURIComponent(ev.ref_id)}`;
});
document.addEventListener('click', (e) => {
  if (shell && !shell.userBox.contains(e.target)) shell.closeMenu(false);
});
boot();
