// resource_search.js: the resource search component: the Recursos page shows
// it, and the contact screen's Recursos tab embeds the same one. Results come
// as the agent types (debounced; a newer search aborts the one in flight).

import { api, ApiError, seg } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { errorMessage, getLang, t } from '../../i18n.js';
import { distanceText, ensureCss, hoursLines, openBadge, phoneLinks, servesBadge } from './format.js';

const DEBOUNCE_MS = 250;
const PAGE = 10;
const RADII = [2, 5, 10, 25, 50, 100];
const MI = 1.609344;

/** lastPlace: where the latest search measured distances from (the detail view shows distances too). */
export const lastPlace = { lat: null, lon: null };

/** getJson(path, signal): GET with an AbortSignal (api.js has none); throws ApiError or AbortError. */
async function getJson(path, signal) {
  let res;
  try {
    res = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store', signal });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError('network', 0, String(e && e.message ? e.message : e));
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (res.ok) return data;
  // a lapsed session: the shared client's handler takes the agent to sign-in
  if (res.status === 401) api.get('/api/v1/me').catch(() => {});
  const e = data && data.error ? data.error : {};
  throw new ApiError(e.code || (res.status >= 500 ? 'internal' : 'invalid'), res.status, e.message);
}

function field(label, input, hint) {
  const hintId = hint ? uid('rs-hint') : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hint ? h('p', { id: hintId, class: 'field-hint' }, hint) : null);
}

function check(label, input) {
  return h('div', { class: 'rs-check' }, input, h('label', { for: input.id }, label));
}

/**
 * createResourceSearch(opts) -> {node, focus(), setPostalCode(code), dispose()}.
 * opts.postalCode: the caller's postal code (prefilled); opts.renderActions(result):
 * a Node for the card's action area (the Derivar button, when referrals exist),
 * or null; opts.detailHref(result): the detail link (default: the Recursos page's).
 */
export function createResourceSearch(opts = {}) {
  ensureCss();
  const miles = getLang() === 'en';
  const ids = { q: uid('rs-q'), postal: uid('rs-postal'), cat: uid('rs-cat'), area: uid('rs-area'), phone: uid('rs-phone'), radius: uid('rs-radius'), now: uid('rs-now'), at: uid('rs-at'), serves: uid('rs-serves') };
  const q = h('input', { id: ids.q, type: 'search', name: 'q', maxlength: 200, autocomplete: 'off', spellcheck: 'false' });
  const postal = h('input', { id: ids.postal, type: 'text', name: 'postal', maxlength: 10, inputmode: 'numeric', autocomplete: 'off', value: opts.postalCode || '' });
  const category = h('select', { id: ids.cat, name: 'category' }, h('option', { value: '' }, t('search.category_any')));
  const area = h('select', { id: ids.area, name: 'area' }, h('option', { value: '' }, t('search.area_any')));
  const phone = h('input', { id: ids.phone, type: 'tel', name: 'phone', maxlength: 30, autocomplete: 'off' });
  const radius = h(
    'select',
    { id: ids.radius, name: 'radius' },
    h('option', { value: '' }, t('search.radius_any')),
    RADII.map((r) => h('option', { value: String(r) }, distanceText({ value: r, unit: miles ? 'mi' : 'km' }))),
  );
  const openNow = h('input', { id: ids.now, type: 'checkbox', name: 'open_now' });
  const openAt = h('input', { id: ids.at, type: 'datetime-local', name: 'open_at' });
  const servesOnly = h('input', { id: ids.serves, type: 'checkbox', name: 'serves_only' });
  const clearBtn = h('button', { type: 'button', class: 'button' }, t('search.clear'));
  const form = h(
    'form',
    { class: 'rs-form', role: 'search', novalidate: true, 'aria-label': t('search.title') },
    h('div', { class: 'rs-wide' }, field(t('search.keywords'), q, t('search.keywords_hint'))),
    field(t('search.postal'), postal, t('search.postal_hint')),
    field(t('search.category'), category),
    field(t('search.area'), area),
    field(t('search.phone'), phone, t('search.phone_hint')),
    field(t('search.radius'), radius),
    field(t('search.open_at'), openAt),
    check(t('search.open_now'), openNow),
    check(t('search.serves_only'), servesOnly),
    h('div', { class: 'actions' }, clearBtn),
  );
  const summary = h('p', { class: 'rs-summary', role: 'status', 'aria-live': 'polite' }, t('search.start'));
  const warning = h('p', { class: 'rs-warning', role: 'alert', hidden: true });
  const facets = h('ul', { class: 'rs-facets', 'aria-label': t('search.facets') });
  const list = h('ol', { class: 'rs-results', 'aria-label': t('search.results') });
  const more = h('button', { type: 'button', class: 'button', hidden: true }, t('search.more'));
  const node = h('div', { class: 'resource-search' }, form, warning, summary, facets, list, h('div', { class: 'actions' }, more), h('p', { class: 'rs-credit' }, t('search.taxonomy_credit')));

  let timer = null;
  let inflight = null;
  let categories = new Map();
  let last = null; // {query, data, items}
  let disposed = false;

  function params(offset) {
    const p = new URLSearchParams();
    if (q.value.trim()) p.set('q', q.value.replace(/^\s+/, ''));
    if (postal.value.trim()) p.set('near', postal.value.trim());
    if (category.value) p.set('category', category.value);
    if (area.value) p.set('area', area.value);
    if (phone.value.trim()) p.set('phone', phone.value.trim());
    if (radius.value && postal.value.trim()) p.set('radius_km', String(Number(radius.value) * (miles ? MI : 1)));
    if (openNow.checked) p.set('open_now', '1');
    else if (openAt.value) p.set('open_at', openAt.value.slice(0, 16));
    if (servesOnly.checked && postal.value.trim()) p.set('serves_only', '1');
    p.set('unit', miles ? 'mi' : 'km');
    p.set('limit', String(PAGE));
    if (offset) p.set('offset', String(offset));
    return p;
  }

  function hasCriteria(p) {
    return ['q', 'near', 'category', 'area', 'phone', 'open_now', 'open_at'].some((k) => p.has(k));
  }

  function card(r) {
    const detail = opts.detailHref ? opts.detailHref(r) : `#/recursos/servicio/${seg(r.service_id)}`;
    const hours = hoursLines(r.hours);
    const actions = h('div', { class: 'rs-actions' }, opts.renderActions ? opts.renderActions(r) : null);
    return h(
      'li',
      { class: 'rs-card', dataset: { serviceId: r.service_id } },
      h('h3', null, h('a', { href: detail, 'aria-label': t('search.details', { name: r.name }) }, r.name)),
      h('p', { class: 'rs-org' }, r.organization),
      h('p', { class: 'rs-line' }, r.address || t('search.no_address'), r.distance ? [' · ', h('span', { class: 'rs-distance' }, distanceText(r.distance))] : null),
      r.phones.length ? h('ul', { class: 'rs-phones', 'aria-label': t('search.phones') }, phoneLinks(r.phones)) : null,
      h('div', { class: 'rs-badges' }, openBadge(r.open, !openNow.checked && !!openAt.value), servesBadge(r.serves_area)),
      hours.length ? h('p', { class: 'rs-line muted' }, hours.join(' · ')) : null,
      r.description ? h('p', { class: 'rs-line' }, r.description + (r.description_truncated ? '…' : '')) : null,
      actions,
    );
  }

  function renderSummary(data, shown) {
    const parts = [];
    if (data.total_capped) parts.push(t('search.count_capped', { count: data.total }));
    else parts.push(data.total === 1 ? t('search.count_one') : t('search.count', { count: data.total }));
    if (data.total) parts.push(t('search.count_open', { count: data.facets.open }));
    if (data.facets.serves_area !== null && data.total) parts.push(t('search.count_serves', { count: data.facets.serves_area }));
    replace(summary, data.total ? parts.join(' · ') : t('search.none'));
    const chips = Object.entries(data.facets.categories || {})
      .map(([id, count]) => ({ id, count, name: categories.has(id) ? categories.get(id).name : id }))
      .sort((a, b) => b.count - a.count);
    replace(
      facets,
      category.value
        ? null
        : chips.map((c) =>
            h('li', null, h('button', { type: 'button', class: 'button button-small', 'aria-label': t('search.facet_filter', { name: c.name, count: c.count }), onclick: () => { category.value = c.id; run(0); } }, `${c.name} (${c.count})`)),
          ),
    );
    more.hidden = shown >= Math.min(data.total, 1000);
  }

  async function run(offset) {
    clearTimeout(timer);
    timer = null;
    const p = params(offset);
    if (!hasCriteria(p)) {
      if (inflight) inflight.abort();
      last = null;
      replace(list);
      replace(facets);
      warning.hidden = true;
      more.hidden = true;
      replace(summary, t('search.start'));
      return;
    }
    if (inflight) inflight.abort();
    const ctl = new AbortController();
    inflight = ctl;
    node.setAttribute('aria-busy', 'true');
    if (!offset) replace(summary, t('search.searching'));
    try {
      const data = await getJson(`/api/v1/search/resources?${p}`, ctl.signal);
      if (ctl.signal.aborted || disposed) return;
      const items = offset && last ? last.items.concat(data.results) : data.results;
      last = { data, items };
      const found = data.place && data.place.found;
      lastPlace.lat = found ? data.place.lat : null;
      lastPlace.lon = found ? data.place.lon : null;
      if (offset) data.results.forEach((r) => list.appendChild(card(r)));
      else replace(list, items.map(card));
      const unknown = data.warnings.includes('unknown_postal_code');
      warning.hidden = !unknown;
      replace(warning, unknown ? t('search.unknown_postal', { code: postal.value.trim() }) : '');
      renderSummary(data, items.length);
    } catch (err) {
      if (err && err.name === 'AbortError') return;
      if (disposed) return;
      replace(summary, errorMessage(err));
    } finally {
      if (inflight === ctl) {
        inflight = null;
        node.removeAttribute('aria-busy');
      }
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => run(0), DEBOUNCE_MS);
  }

  async function loadFilters() {
    try {
      const f = await api.get('/api/v1/search/filters');
      if (disposed) return;
      categories = new Map(f.categories.map((c) => [c.id, c]));
      const roots = f.categories.filter((c) => !c.parent_id || !categories.has(c.parent_id));
      const kids = (id) => f.categories.filter((c) => c.parent_id === id);
      const opt = (c, depth) => [h('option', { value: c.id }, `${'\u2003'.repeat(depth)}${c.name} (${c.count})`), depth < 3 ? kids(c.id).map((k) => opt(k, depth + 1)) : null];
      replace(category, h('option', { value: '' }, t('search.category_any')), roots.map((c) => opt(c, 0)));
      replace(area, h('option', { value: '' }, t('search.area_any')), f.areas.map((a) => h('option', { value: a.key }, `${a.name} (${a.count})`)));
      if (last) renderSummary(last.data, last.items.length);
    } catch (err) {
      replace(summary, errorMessage(err));
    }
  }

  for (const el of [q, postal, phone]) el.addEventListener('input', schedule);
  for (const el of [category, area, radius, openNow, servesOnly, openAt]) el.addEventListener('change', () => run(0));
  openNow.addEventListener('change', () => {
    openAt.disabled = openNow.checked;
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    run(0);
  });
  more.addEventListener('click', () => run(last ? last.items.length : 0));
  clearBtn.addEventListener('click', () => {
    category.value = '';
    area.value = '';
    phone.value = '';
    radius.value = '';
    openNow.checked = false;
    openAt.value = '';
    openAt.disabled = false;
    servesOnly.checked = false;
    run(0);
    q.focus();
  });
  loadFilters();
  if (postal.value) run(0);

  return {
    node,
    focus: () => q.focus(),
    setPostalCode(code) {
      postal.value = code || '';
      run(0);
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      if (inflight) inflight.abort();
    },
  };
}
