// common.js: what the contact views share: the organisation's options (read
// once per page load), labels of lines, channels, choices and tags in the
// user's language, the open contact the detail view refers to, and styles.

import { api, seg } from '../../api.js';
import { h } from '../../dom.js';
import { getLang, t } from '../../i18n.js';

export const CHANNELS = ['voice', 'sms', 'chat', 'email', 'walk_in'];
export const STATUSES = ['open', 'closed', 'incomplete'];

let optionsPromise = null;

/** contactOptions() -> Promise of GET /contacts/options (cached; forgetOptions() refreshes). */
export function contactOptions() {
  if (!optionsPromise) {
    optionsPromise = api.get('/api/v1/contacts/options').then((r) => (r && r.settings) || r).catch((e) => {
      optionsPromise = null;
      throw e;
    });
  }
  return optionsPromise;
}

export function forgetOptions() {
  optionsPromise = null;
}

/** label(x): the label_es / label_en of a choice or tag in the user's language. */
export function label(x) {
  if (!x) return '';
  return (getLang() === 'en' ? x.label_en : x.label_es) || x.label_es || x.label_en || x.code || '';
}

/** lineText(line): "Línea principal (+57...)". */
export function lineText(l) {
  if (!l) return t('contacts.no_line');
  return l.phone ? `${l.name} (${l.phone})` : l.name;
}

export function channelText(c) {
  return c ? t(`contacts.channel.${c}`) : '—';
}

export function statusText(s) {
  return t(`contacts.status.${s}`);
}

/** callerText(c): the profile's name, else the caller's number, else "Sin perfil". */
export function callerText(c) {
  if (c.profile) return c.profile.display_name || t('people.anonymous');
  return c.caller_number || t('contacts.no_profile');
}

/** elapsed(ms): "m:ss" or "h:mm:ss". */
export function elapsed(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

export function contactHref(id) {
  return `#/contactos/${seg(id)}`;
}

/** The open contact the agent last had on screen: the service detail page's Derivar refers to it. */
export const active = { contact: null };

let cssAdded = false;
/** ensureCss(): the contact styles, once. */
export function ensureCss() {
  if (cssAdded || document.querySelector('link[data-contacts-css]')) return;
  cssAdded = true;
  document.head.appendChild(h('link', { rel: 'stylesheet', href: '/assets/views/contacts/contacts.css', 'data-contacts-css': '1' }));
}
