// i18n.js: the interface's strings (ui/i18n/<lang>.json), error-code messages and
// date formatting in the current language. Spanish is the default.

export const LANGS = ['es', 'en'];
export const DEFAULT_LANG = 'es';

const dicts = new Map(); // lang -> { key: string }
let current = DEFAULT_LANG;
const listeners = new Set();

/** normalizeLang(x): x when it is a supported language, else the default. */
export function normalizeLang(x) {
  return LANGS.includes(x) ? x : DEFAULT_LANG;
}

// The shell's catalog, then one catalog per area of the product.
export const CATALOGS = ['', '.people', '.cases', '.activities', '.resources', '.search', '.contacts'];

async function loadDict(lang) {
  if (dicts.has(lang)) return dicts.get(lang);
  const dict = {};
  for (const area of CATALOGS) {
    const res = await fetch(`/assets/i18n/${lang}${area}.json`, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`i18n: cannot load ${lang}${area} (${res.status})`);
    Object.assign(dict, await res.json());
  }
  dicts.set(lang, dict);
  return dict;
}

/**
 * setLang(lang): loads the dictionary (and the Spanish fallback) and makes it
 * current; updates <html lang>. Resolves to the language in force.
 */
export async function setLang(lang) {
  const next = normalizeLang(lang);
  await loadDict(DEFAULT_LANG);
  await loadDict(next);
  const changed = next !== current;
  current = next;
  document.documentElement.lang = next;
  if (changed) for (const fn of listeners) fn(next);
  return next;
}

export function getLang() {
  return current;
}

/** onLangChange(fn): fn(lang) after each change; returns an unsubscribe function. */
export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** has(key): whether the current (or default) dictionary defines key. */
export function has(key) {
  const d = dicts.get(current);
  const f = dicts.get(DEFAULT_LANG);
  return Boolean((d && key in d) || (f && key in f));
}

/**
 * t(key, params): the string for key in the current language, falling back to
 * Spanish, then to the key itself. `{name}` placeholders take params.name.
 */
export function t(key, params) {
  const d = dicts.get(current);
  const f = dicts.get(DEFAULT_LANG);
  let s = (d && d[key]) ?? (f && f[key]) ?? key;
  if (params) {
    s = s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  }
  return s;
}

/**
 * errorMessage(err): a translated, user-facing sentence for an error thrown by
 * api.js (err.code) or a network failure; never the raw server text alone.
 */
export function errorMessage(err) {
  const code = err && err.code;
  if (code === 'throttled' && err.retryAfter > 0) {
    return err.retryAfter === 1 ? t('error.throttled_wait_one') : t('error.throttled_wait', { seconds: err.retryAfter });
  }
  if (code && has(`error.${code}`)) return t(`error.${code}`);
  return t('error.generic');
}

function locale() {
  return current === 'es' ? 'es-ES' : 'en-GB';
}

/** formatDateTime(ms): date and time in the current language; '' for null. */
export function formatDateTime(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(Number(ms))) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(Number(ms)));
}

/** formatTime(ms): time of day in the current language. */
export function formatTime(ms) {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(new Date(Number(ms)));
}

/** formatDurationMinutes(min): "30 minutos" / "2 hours" style text. */
export function formatDurationMinutes(min) {
  const n = Math.max(1, Math.round(min));
  if (n >= 120 && n % 60 === 0) {
    return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'hour', unitDisplay: 'long' }).format(n / 60);
  }
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(n);
}

/**
 * errorDetail(err): the server's own explanation, for the few codes where it
 * says which field or rule failed (invalid, weak_password); else ''.
 */
export function errorDetail(err) {
  if (!err || !err.serverMessage) return '';
  if (err.code === 'invalid' || err.code === 'weak_password') return err.serverMessage;
  return '';
}
