// detail.js: everything about one service (Recursos → a result): what it
// offers, who may use it, each site with address, phones, hours and open now.

import { api, seg } from '../../api.js';
import { h, replace } from '../../dom.js';
import { errorMessage, t } from '../../i18n.js';
import { distanceText, ensureCss, hoursLines, openBadge, phoneLinks } from './format.js';
import { lastPlace } from './resource_search.js';

function row(label, value) {
  return value ? [h('dt', null, label), h('dd', null, value)] : null;
}

function link(url) {
  return /^https?:\/\//i.test(url || '') ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, url) : url;
}

function site(l) {
  const hours = hoursLines(l.hours);
  return h(
    'li',
    { class: 'rs-card' },
    h('p', { class: 'rs-line' }, l.address || t('search.no_address'), l.distance ? [' · ', h('span', { class: 'rs-distance' }, distanceText(l.distance))] : null),
    l.phones.length ? h('ul', { class: 'rs-phones', 'aria-label': t('search.phones') }, phoneLinks(l.phones)) : null,
    h('div', { class: 'rs-badges' }, openBadge(l.open, false)),
    hours.length ? h('ul', { 'aria-label': t('search.hours') }, hours.map((x) => h('li', null, x))) : null,
    l.time_zone ? h('p', { class: 'muted' }, t('search.time_zone', { zone: l.time_zone })) : null,
  );
}

/** slots.referral(service) -> the Derivar action (a Node) or null; the contacts area fills it. */
export const slots = { referral: null };

/** serviceDetailView(id) -> view; distances from the place of the latest search, if any. */
export function serviceDetailView(id) {
  ensureCss();
  const title = t('search.detail_title');
  const body = h('div', { class: 'rs-detail' }, h('p', { class: 'muted' }, t('common.loading')));
  const heading = h('h1', { class: 'page-title', tabindex: '-1' }, title);
  const node = h('div', { class: 'page' }, h('p', null, h('a', { href: '#/recursos' }, t('search.back'))), heading, body);
  const qs = lastPlace.lat !== null ? `?lat=${encodeURIComponent(lastPlace.lat)}&lon=${encodeURIComponent(lastPlace.lon)}` : '';
  let disposed = false;
  api
    .get(`/api/v1/search/services/${seg(id)}${qs}`)
    .then((d) => {
      if (disposed) return;
      const s = d.service;
      const o = d.organization;
      heading.textContent = s.name;
      document.title = `${s.name} · ${t('app.name')}`;
      replace(
        body,
        h('p', { class: 'rs-org' }, o.name),
        s.alert ? h('p', { class: 'rs-warning', role: 'note' }, `${t('search.alert')}: ${s.alert}`) : null,
        s.description ? h('p', null, s.description) : null,
        h(
          'dl',
          null,
          row(t('search.categories'), d.categories.map((c) => c.name).join(', ')),
          row(t('search.eligibility'), s.eligibility_description),
          row(t('search.application'), s.application_process),
          row(t('search.fees'), s.fees_description),
          row(t('search.languages'), d.languages.map((l) => l.name || l.code).join(', ')),
          row(t('search.service_areas'), d.service_areas.map((a) => a.name).filter(Boolean).join(', ')),
          row(t('search.documents'), d.required_documents.map((x) => x.document).filter(Boolean).join(', ')),
          row(t('search.website'), link(s.url || o.website)),
          row(t('search.email'), s.email || o.email),
        ),
        h('h2', { class: 'section-title' }, t('search.locations')),
        h('ul', { class: 'rs-results' }, d.locations.map(site)),
        h('div', { class: 'rs-actions', 'data-slot': 'referral' }, slots.referral ? slots.referral({ service_id: s.id, name: s.name }) : null),
        h('p', { class: 'rs-credit' }, t('search.taxonomy_credit')),
      );
    })
    .catch((err) => {
      if (disposed) return;
      replace(body, h('p', { role: 'alert' }, err.code === 'not_found' ? t('search.not_found') : errorMessage(err)));
    });
  return { node, title, dispose: () => (disposed = true) };
}
