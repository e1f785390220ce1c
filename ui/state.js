// state.js: what the running app knows about the signed-in user, kept in memory
// only (never localStorage/sessionStorage: security checklist row 25), plus a
// small event bus the views listen on.

export const state = {
  user: null, // {id, username, display_name, email, role, language, must_change_password, version}
  org: null, // {name}
  session: null, // {expires_ms, idle_timeout_ms}
  live: 'off', // off | connecting | open | reconnecting
};

/** Ids of announcements this page posted: their live event updates lists but shows no toast. */
export const postedHere = new Set();

/** bus: 'announcement' (detail: announcement), 'live' (detail: status), 'user' (detail: user). */
export const bus = new EventTarget();

export function emit(type, detail) {
  bus.dispatchEvent(new CustomEvent(type, { detail }));
}

/** listen(type, fn): fn(detail); returns an unsubscribe function. */
export function listen(type, fn) {
  const wrapped = (e) => fn(e.detail);
  bus.addEventListener(type, wrapped);
  return () => bus.removeEventListener(type, wrapped);
}

export const ROLES = ['agent', 'coordinator', 'supervisor', 'admin'];

/** hasRole(roles): whether the signed-in user's role is in the list (no list: anyone signed in). */
export function hasRole(roles) {
  if (!state.user) return false;
  if (!roles) return true;
  return roles.includes(state.user.role);
}

export function clearSession() {
  state.user = null;
  state.org = null;
  state.session = null;
  state.live = 'off';
  postedHere.clear();
}
