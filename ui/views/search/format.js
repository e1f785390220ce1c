// format.js: how search results read: distances, opening hours, open-now badges.

import { h } from '../../dom.js';
import { getLang, t } from '../../i18n.js';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** distanceText(d): "2,3 km" / "1.4 mi" in the interface's number format. */
export function distanceText(d) {
  const value = new Intl.NumberFormat(getLang() === 'en' ? 'en-US' : 'es-CO', { maximumFractionDigits: 1 }).format(d.value);
  return t('search.distance', { value, unit: t(`search.unit.${d.unit}`) });
}

function hhmm(s) {
  return (s || '').slice(0, 5);
}

/** daysText(byday): "lun–vie", "mar, jue", "1.º sáb" from an HSDS byday. */
function daysText(byday) {
  if (!byday) return t('search.every_day');
  const parts = byday.split(',').map((x) => x.trim()).filter(Boolean);
  const plain = parts.filter((p) => /^[A-Z]{2}$/.test(p));
  if (plain.length === parts.length) {
    const idx = plain.map((p) => DAYS.indexOf(p)).filter((i) => i >= 0).sort((a, b) => a - b);
    if (idx.length === 7) return t('search.every_day');
    const runs = [];
    for (const i of idx) {
      const last = runs[runs.length - 1];
      if (last && last[1] === i - 1) last[1] = i;
      else runs.push([i, i]);
    }
    return runs
      .map(([a, b]) => (b - a >= 2 ? `${t(`search.day.${DAYS[a]}`)}–${t(`search.day.${DAYS[b]}`)}` : a === b ? t(`search.day.${DAYS[a]}`) : `${t(`search.day.${DAYS[a]}`)}, ${t(`search.day.${DAYS[b]}`)}`))
      .join(', ');
  }
  return parts
    .map((p) => {
      const m = /^([+-]?\d)([A-Z]{2})$/.exec(p);
      return m ? t('search.monthly', { ord: t(`search.ord.${m[1].replace('+', '')}`), day: t(`search.day.${m[2]}`) }) : p;
    })
    .join(', ');
}

/** hoursLines(hours): one readable line per schedule row. */
export function hoursLines(hours) {
  return (hours || []).map((x) => {
    const o = hhmm(x.opens_at);
    const c = hhmm(x.closes_at);
    let span;
    if ((o === '00:00' && (c === '24:00' || c === '00:00')) || (!o && !c)) span = t('search.all_day');
    else {
      span = `${o}–${c}`;
      if (c && o && c !== '00:00' && c <= o) span += ` ${t('search.overnight')}`;
    }
    return `${daysText(x.byday)} · ${span}`;
  });
}

/** openBadge(open, at): "Abierto ahora" / "Cerrado ahora" / "Horario sin confirmar". */
export function openBadge(open, at) {
  if (open === null || open === undefined) return h('span', { class: 'rs-badge rs-unknown' }, t('search.hours_unknown'));
  if (open) return h('span', { class: 'rs-badge rs-open' }, at ? t('search.open_at_yes') : t('search.open'));
  return h('span', { class: 'rs-badge rs-closed' }, t('search.closed'));
}

/** servesBadge(serves): whether the service covers the caller's area (nothing when unknown). */
export function servesBadge(serves) {
  if (serves === null || serves === undefined) return null;
  return h('span', { class: ['rs-badge', serves ? 'rs-serves' : 'rs-noserves'] }, serves ? t('search.serves_yes') : t('search.serves_no'));
}

/** phoneLinks(phones): tel: links, one per number. */
export function phoneLinks(phones) {
  return (phones || []).map((p) => h('li', null, h('a', { href: `tel:${p.number.replace(/[^0-9+]/g, '')}` }, p.number), p.description ? ` · ${p.description}` : ''));
}

let cssAdded = false;
/** ensureCss(): the search styles, once (a file of this area; the CSP allows same-origin styles). */
export function ensureCss() {
  if (cssAdded || document.querySelector('link[data-search-css]')) return;
  cssAdded = true;
  document.head.appendChild(h('link', { rel: 'stylesheet', href: '/assets/views/search/search.css', 'data-search-css': '1' }));
}
