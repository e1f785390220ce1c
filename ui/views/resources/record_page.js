// record_page.js: one directory record's page for administrators: its form (with Borrar), and for
// a service its phones, schedules, service areas and the locations it is offered at; for an
// organization its services and locations; for a location its addresses, phones and schedules.

import { api, seg } from '../../api.js';
import { h, replace } from '../../dom.js';
import { openDialog } from '../../components/dialog.js';
import { errorMessage, t } from '../../i18n.js';
import { adminFrame, statusBox } from '../admin_common.js';
import { recordForm, setFlash } from './fields.js';

const PAGE_TYPE = { servicio: 'services', organizacion: 'organizations', ubicacion: 'locations' };
const CHILDREN = {
  services: [['phones', 'service_id', 'number'], ['schedules', 'service_id', null], ['service_areas', 'service_id', 'name'], ['service_at_locations', 'service_id', null], ['attributes', 'link_id', null, { link_entity: 'service' }]],
  organizations: [['services', 'organization_id', 'name'], ['locations', 'organization_id', 'name']],
  locations: [['addresses', 'location_id', null], ['phones', 'location_id', 'number'], ['schedules', 'location_id', null]],
};
const PAGE_OF = { services: 'servicio', organizations: 'organizacion', locations: 'ubicacion' };

/* the names of linked records (a location, a taxonomy term), fetched once per page */
const linkedNames = new Map();
function linkedName(kind, id) {
  const key = `${kind}/${id}`;
  if (!linkedNames.has(key)) linkedNames.set(key, api.get(`/api/v1/admin/directory/${kind}/${seg(id)}`).then((r) => r.record.name || id, () => id));
  return linkedNames.get(key);
}

function summary(kind, rec, labelField) {
  if (labelField) return rec[labelField] || rec.id;
  if (kind === 'addresses') return [rec.address_1, rec.city, rec.postal_code].filter(Boolean).join(', ') || rec.id;
  if (kind === 'service_at_locations' || kind === 'attributes') {
    const [k, id] = kind === 'attributes' ? ['taxonomy_terms', rec.taxonomy_term_id] : ['locations', rec.location_id];
    const el = h('span', null, id);
    linkedName(k, id).then((n) => {
      el.textContent = n;
    });
    return el;
  }
  return [rec.byday, rec.opens_at && `${rec.opens_at}–${rec.closes_at || ''}`, rec.description].filter(Boolean).join(' · ') || rec.id;
}

function childSection(kind, link, labelField, parent, extraFixed = {}) {
  const parentId = parent.id;
  const list = h('ul', { class: 'res-list' });
  const note = h('p', { class: 'muted' });
  const load = async () => {
    try {
      const res = await api.get(`/api/v1/admin/directory/${kind}?${link}=${encodeURIComponent(parentId)}`);
      const items = res.items || [];
      note.textContent = items.length ? '' : t('res.none');
      replace(list, items.map((it) => h('li', null, PAGE_OF[kind]
        ? h('a', { href: `#/admin/directorio/${PAGE_OF[kind]}/${encodeURIComponent(it.record.id)}` }, summary(kind, it.record, labelField))
        : h('button', { type: 'button', class: 'button button-link', onclick: () => edit(it) }, summary(kind, it.record, labelField)))));
    } catch (err) {
      note.textContent = errorMessage(err);
    }
  };
  const edit = (it) => {
    let dlg = null;
    const done = () => {
      dlg.close();
      linkedNames.clear();
      load();
    };
    const f = recordForm({
      type: kind,
      record: it ? it.record : {},
      rowVersion: it ? it.row_version : 0,
      fixed: { [link]: parentId, ...extraFixed },
      ctx: { organization_id: parent.organization_id },
      label: (rec) => { const s = summary(kind, rec, labelField); return typeof s === 'string' ? s : s.textContent; },
      onSaved: done,
      onDeleted: done,
    });
    dlg = openDialog({ title: t(it ? `res.edit_${kind}` : `res.add_${kind}`), body: f.node });
    f.focus();
  };
  const add = PAGE_OF[kind]
    ? h('a', { class: 'button', href: `#/admin/directorio/${PAGE_OF[kind]}/nuevo` }, t(`res.add_${kind}`))
    : h('button', { type: 'button', class: 'button', onclick: () => edit(null) }, t(`res.add_${kind}`));
  load();
  return h('section', { class: 'res-section', dataset: { kind } }, h('h2', { class: 'section-title' }, t(`res.admin.${kind}`)), note, list, h('p', null, add));
}

/** recordPageView({page, id}) -> view: page is servicio | organizacion | ubicacion; id a UUID or "nuevo". */
export function recordPageView({ page, id }) {
  const type = PAGE_TYPE[page];
  const status = statusBox();
  const body = h('div', { class: 'res-record' }, t('common.loading'));
  const title = h('h2', { class: 'section-title' }, t(id === 'nuevo' ? `res.new_${type}` : `res.edit_${type}`));
  const render = (rec, version) => {
    const f = recordForm({
      type,
      record: rec,
      rowVersion: version,
      onSaved: (res) => {
        if (!version) {
          location.hash = `#/admin/directorio/${page}/${encodeURIComponent(res.record.id)}`;
          return;
        }
        status.ok(t('res.saved'));
      },
      onDeleted: (cur) => {
        setFlash(t('res.deleted', { name: cur.name || cur.id }));
        location.hash = '#/admin/directorio';
      },
    });
    const kids = version ? (CHILDREN[type] || []).map(([k, link, label, extra]) => childSection(k, link, label, rec, extra)) : [];
    replace(body, f.node, ...kids);
  };
  if (id === 'nuevo') {
    render({}, 0);
  } else {
    api.get(`/api/v1/admin/directory/${seg(type)}/${seg(id)}`).then(
      (res) => render(res.record, res.row_version),
      (err) => replace(body, h('p', { class: 'form-error' }, errorMessage(err))),
    );
  }
  const node = adminFrame('/admin/directorio', h('p', null, h('a', { href: '#/admin/directorio' }, t('res.back'))), title, status.el, body);
  return { node, title: t(`res.edit_${type}`) };
}
