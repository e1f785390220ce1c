// fields.js: the directory records administrators edit: which HSDS fields each type shows, how,
// and a form that saves with row_version and shows the server's validation per field, translated;
// a saved record also gets a delete button (confirmed; a 409 in_use names what still links to it).

import { api, seg } from '../../api.js';
import { confirmDialog } from '../../components/dialog.js';
import { changedKeys, saveEdit, staleText } from '../../components/save_form.js';
import { h, uid } from '../../dom.js';
import { errorMessage, t } from '../../i18n.js';

const STATUS = ['active', 'inactive', 'defunct', 'temporarily closed'];
const LOC_TYPES = ['physical', 'postal', 'virtual'];
const FREQ = ['WEEKLY', 'MONTHLY'];

// [field, kind, options]; kind: text, area, email, url, number, select, time, date, tel
export const TYPES = {
  organizations: [['name', 'text'], ['alternate_name', 'text'], ['description', 'area'], ['email', 'email'], ['website', 'url'], ['legal_status', 'text'], ['year_incorporated', 'number']],
  services: [['name', 'text'], ['organization_id', 'org'], ['alternate_name', 'text'], ['status', 'select', STATUS], ['description', 'area'], ['url', 'url'], ['email', 'email'], ['eligibility_description', 'area'], ['minimum_age', 'number'], ['maximum_age', 'number'], ['application_process', 'area'], ['fees_description', 'area'], ['wait_time', 'text'], ['alert', 'text']],
  locations: [['name', 'text'], ['organization_id', 'org'], ['location_type', 'select', LOC_TYPES], ['description', 'area'], ['transportation', 'text'], ['latitude', 'number'], ['longitude', 'number'], ['url', 'url']],
  phones: [['number', 'tel'], ['extension', 'number'], ['type', 'text'], ['description', 'text']],
  schedules: [['opens_at', 'time'], ['closes_at', 'time'], ['freq', 'select', FREQ], ['byday', 'text'], ['valid_from', 'date'], ['valid_to', 'date'], ['description', 'text']],
  service_areas: [['name', 'text'], ['extent', 'text'], ['description', 'text'], ['extent_type', 'text']],
  addresses: [['address_1', 'text'], ['address_2', 'text'], ['city', 'text'], ['state_province', 'text'], ['postal_code', 'text'], ['country', 'text'], ['address_type', 'select', LOC_TYPES], ['region', 'text'], ['attention', 'text']],
  service_at_locations: [['location_id', 'location'], ['description', 'text']],
  attributes: [['taxonomy_term_id', 'term']],
};

/* a message for the next page (the directory after a record was deleted) */
let flash = '';
/** setFlash(text): the directory page shows text once, the next time it opens. */
export function setFlash(text) {
  flash = text;
}
/** takeFlash() -> the pending message ('' when none), cleared. */
export function takeFlash() {
  const s = flash;
  flash = '';
  return s;
}

/** fieldLabel(name) -> the field's label in the interface language. */
export function fieldLabel(name) {
  const key = `res.f.${name}`;
  const s = t(key);
  return s === key ? name : s; // a field only imports name (HSDS has ~250): its spec name
}

/** problemText(code, field, fallback) -> a translated sentence for a validation code. */
export function problemText(code, field, fallback) {
  const key = `res.code.${code}`;
  const s = t(key, { field: field ? fieldLabel(field) : '' });
  return s === key ? fallback || errorMessage({ code }) : s;
}

/* a select of the organizations (the first 100 by id; the current one is always there) */
function orgSelect(id, v) {
  const el = h('select', { id }, h('option', { value: '' }, '—'));
  if (v) el.append(h('option', { value: v }, v));
  el.value = v;
  api.get('/api/v1/admin/directory/organizations').then((res) => {
    const opts = (res.items || []).map((it) => h('option', { value: it.record.id }, it.record.name));
    if (v && !(res.items || []).some((it) => it.record.id === v)) opts.push(h('option', { value: v }, v));
    el.replaceChildren(h('option', { value: '' }, '—'), ...opts);
    el.value = v;
  }, () => {});
  return el;
}

/* a select of the locations of the organization (ctx.organization_id; else the first 100 by id) */
function locationSelect(id, v, ctx) {
  const el = h('select', { id }, h('option', { value: '' }, '—'));
  if (v) el.append(h('option', { value: v }, v));
  el.value = v;
  const org = ctx && ctx.organization_id;
  api.get(`/api/v1/admin/directory/locations${org ? `?organization_id=${encodeURIComponent(org)}` : ''}`).then((res) => {
    const items = res.items || [];
    const opts = items.map((it) => h('option', { value: it.record.id }, it.record.name || it.record.id));
    if (v && !items.some((it) => it.record.id === v)) opts.push(h('option', { value: v }, v));
    el.replaceChildren(h('option', { value: '' }, '—'), ...opts);
    el.value = v;
  }, () => {});
  return el;
}

/* a select of taxonomy terms, narrowed by a search box next to it (taxonomies can hold thousands) */
function termSelect(id, v) {
  const el = h('select', { id }, h('option', { value: '' }, '—'));
  if (v) el.append(h('option', { value: v }, v));
  el.value = v;
  const boxId = uid('res-term-q');
  const box = h('input', { id: boxId, type: 'search', autocomplete: 'off', maxlength: 200 });
  const fill = async () => {
    const q = box.value.trim();
    try {
      const res = await api.get(`/hsds/taxonomy_terms?per_page=100${q ? `&search=${encodeURIComponent(q)}` : ''}`);
      const keep = el.value;
      const opts = (res.contents || []).map((x) => h('option', { value: x.id }, x.code ? `${x.name} (${x.code})` : x.name));
      el.replaceChildren(h('option', { value: '' }, '—'), ...opts);
      if (opts.length === 1 && q) el.value = opts[0].value;
      else if (keep && [...el.options].some((o) => o.value === keep)) el.value = keep;
    } catch {
      /* the select keeps what it had */
    }
  };
  let timer = null;
  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(fill, 250);
  });
  fill();
  el.searchField = h('div', { class: 'field' }, h('label', { for: boxId }, t('res.term_search')), box);
  return el;
}

/** inUseText(refs) -> "Servicios: A, B; Ubicaciones: C" for a 409 in_use answer's refs. */
export function inUseText(refs) {
  return (refs || [])
    .map((r) => `${t(`res.ref.${r.type}`)}: ${(r.names || []).join(', ')}${r.count > (r.names || []).length ? ` (${r.count})` : ''}`)
    .join('; ');
}

function input(kind, id, value, options, ctx) {
  const v = value === undefined || value === null ? '' : String(value);
  if (kind === 'org') return orgSelect(id, v);
  if (kind === 'location') return locationSelect(id, v, ctx);
  if (kind === 'term') return termSelect(id, v);
  if (kind === 'area') return h('textarea', { id, rows: 3 }, v);
  if (kind === 'select') {
    const el = h('select', { id }, h('option', { value: '' }, '—'), options.map((o) => h('option', { value: o }, t(`res.enum.${o}`))));
    el.value = v;
    return el;
  }
  const type = { email: 'text', url: 'text', number: 'text', tel: 'tel', time: 'text', date: 'text' }[kind] || 'text';
  const attrs = { id, type, value: v, autocomplete: 'off' };
  if (kind === 'number') attrs.inputmode = 'decimal';
  if (kind === 'time') attrs.placeholder = 'HH:MM';
  if (kind === 'date') attrs.placeholder = 'AAAA-MM-DD';
  return h('input', attrs);
}

/**
 * recordForm({type, record, rowVersion, fixed, ctx, onSaved, onDeleted, label}) -> {node, focus()}:
 * edits one record of type (TYPES key). fixed: fields sent with a new record (e.g. {service_id}).
 * ctx: what some inputs need ({organization_id} for the location select). A 400 marks the fields
 * the server names with their translated message; a 409 says someone saved first. With onDeleted,
 * a saved record has a Borrar button: it asks first (naming label), then deletes with row_version.
 */
export function recordForm({ type, record = {}, rowVersion = 0, fixed = {}, ctx = {}, onSaved, onDeleted, label }) {
  const spec = TYPES[type];
  const inputs = {};
  const errs = {};
  const status = h('p', { class: 'form-error', role: 'alert' });
  const rows = spec.map(([name, kind, options]) => {
    const id = uid(`res-${name}`);
    const el = input(kind, id, record[name], options, ctx);
    const err = h('p', { class: 'field-error', id: `${id}-err` });
    el.setAttribute('aria-describedby', `${id}-err`);
    el.dataset.field = name;
    inputs[name] = el;
    errs[name] = err;
    const field = h('div', { class: 'field' }, h('label', { for: id }, fieldLabel(name)), el, err);
    return el.searchField ? [el.searchField, field] : field;
  });
  const save = h('button', { type: 'submit', class: 'button button-primary' }, t('common.save'));
  const del = h('button', { type: 'button', class: 'button button-danger', hidden: !(rowVersion && onDeleted) }, t('res.delete'));
  const conflict = h('div', { class: 'status-box status-error res-conflict', role: 'alert', hidden: true });
  const form = h('form', { class: 'grid-form res-form', novalidate: true, dataset: { type } }, rows, conflict, status, h('div', { class: 'actions' }, save, del));
  let version = rowVersion;
  let current = { ...record };
  del.addEventListener('click', async () => {
    status.textContent = '';
    const name = label ? label(current) : current.name || '';
    const yes = await confirmDialog(t(`res.delete_confirm.${type}`, { name }), { title: t('res.delete_title'), confirmLabel: t('res.delete'), danger: true });
    if (!yes) return;
    del.disabled = true;
    try {
      await api.del(`/api/v1/admin/directory/${seg(type)}/${seg(current.id)}?row_version=${version}`);
      onDeleted(current);
    } catch (err) {
      if (err.code === 'in_use') status.textContent = t('res.in_use', { refs: inUseText(err.details && err.details.refs) });
      else if (err.code === 'stale_version') status.textContent = `${staleText(err)} ${t('res.stale')}`;
      else status.textContent = errorMessage(err);
    } finally {
      del.disabled = false;
    }
  });
  const clearErrors = () => {
    status.textContent = '';
    for (const k of Object.keys(errs)) {
      errs[k].textContent = '';
      inputs[k].removeAttribute('aria-invalid');
    }
  };
  const showError = (err) => {
    if (err.field && inputs[err.field]) {
      for (const p of err.fields || [{ field: err.field, code: err.code, message: err.serverMessage }]) {
        if (!inputs[p.field]) continue;
        errs[p.field].textContent = problemText(p.code, p.field, p.message);
        inputs[p.field].setAttribute('aria-invalid', 'true');
      }
      inputs[err.field].focus();
      status.textContent = t('res.fix_fields');
    } else {
      status.textContent = problemText(err.code, err.field, errorMessage(err));
    }
  };
  const saved = (res) => {
    version = res.row_version;
    current = res.record;
    status.textContent = '';
    del.hidden = !onDeleted;
    if (onSaved) onSaved(res);
  };
  // the record as stored now, in the shape saveEdit compares (its version as version)
  const reload = async () => {
    const res = await api.get(`/api/v1/admin/directory/${seg(type)}/${seg(current.id)}`);
    return { ...res.record, version: res.row_version };
  };
  const names = spec.map(([name]) => name);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    const body = {};
    for (const [name, kind] of spec) {
      let v = inputs[name].value.trim();
      const old = current[name] === undefined || current[name] === null ? '' : String(current[name]);
      if (version && v === old) continue;
      if (!version && v === '') continue;
      if (kind === 'number' && v !== '' && /^-?\d+(\.\d+)?$/.test(v)) v = Number(v);
      body[name] = v === '' ? null : v;
    }
    save.disabled = true;
    try {
      if (!version) {
        conflict.hidden = true;
        saved(await api.post(`/api/v1/admin/directory/${seg(type)}`, { ...fixed, ...body }));
        return;
      }
      // only what changed, with the row_version read; a 409 shows whose change won
      const opened = current;
      await saveEdit({
        conflict,
        version,
        mine: body,
        send: (v, mine) => api.patch(`/api/v1/admin/directory/${seg(type)}/${seg(opened.id)}`, { row_version: v, ...mine }),
        reload,
        theirs: (latest) => changedKeys(opened, latest, names).map(fieldLabel),
        label: fieldLabel,
        onSaved: (res) => saved(res || { record: current, row_version: version }),
        onDiscard: (latest) => {
          if (!latest) return;
          const { version: v, ...rec } = latest;
          version = v;
          current = rec;
          for (const name of names) inputs[name].value = rec[name] === undefined || rec[name] === null ? '' : String(rec[name]);
        },
        onError: showError,
      });
    } catch (err) {
      showError(err);
    } finally {
      save.disabled = false;
    }
  });
  return { node: form, focus: () => inputs[spec[0][0]].focus(), version: () => version };
}
