// admin_directory.js: Administración → Directorio: find organizations and services to edit,
// upload an HSDS import (every error listed, translated) and download exports.

import { api } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { errorMessage, t } from '../../i18n.js';
import { adminFrame, statusBox } from '../admin_common.js';
import { fieldLabel, problemText, takeFlash } from './fields.js';

const UPLOAD_MAX = 1024 * 1024; // the server's default body cap; bigger directories: faro resources import
const DOWNLOADS = [
  ...['directory', 'datapackage'].map((n) => `${n}.json`),
  ...['organizations', 'services', 'locations', 'service_at_location', 'addresses', 'phones', 'schedules', 'service_areas', 'taxonomies', 'taxonomy_terms', 'attributes'].map((n) => `${n}.csv`),
];

function listSection(kind, path) {
  const id = uid('res-search');
  const box = h('input', { id, type: 'search', autocomplete: 'off', maxlength: 200 });
  const list = h('ul', { class: 'res-list', 'aria-live': 'polite' });
  const note = h('p', { class: 'muted' });
  const load = async () => {
    const q = box.value.trim();
    try {
      const res = await api.get(`/api/v1/admin/directory/${kind}${q ? `?search=${encodeURIComponent(q)}` : ''}`);
      const items = res.items || [];
      note.textContent = items.length ? '' : t('res.none');
      replace(list, items.map((it) => h('li', null, h('a', { href: `#/admin/directorio/${path}/${encodeURIComponent(it.record.id)}` }, it.record.name || it.record.id))));
    } catch (err) {
      note.textContent = errorMessage(err);
    }
  };
  let timer = null;
  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(load, 250);
  });
  load();
  return h(
    'section',
    { class: 'res-section' },
    h('h2', { class: 'section-title' }, t(`res.admin.${kind}`)),
    h('div', { class: 'field' }, h('label', { for: id }, t('res.search_label')), box),
    note,
    list,
    h('p', null, h('a', { class: 'button', href: `#/admin/directorio/${path}/nuevo` }, t(`res.admin.new_${kind}`))),
  );
}

function importSection() {
  const id = uid('res-files');
  const files = h('input', { id, type: 'file', multiple: true, accept: '.csv,.json,text/csv,application/json' });
  const dryId = uid('res-dry');
  const dry = h('input', { id: dryId, type: 'checkbox' });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, t('res.import.submit'));
  const status = statusBox();
  const errors = h('div', { class: 'res-import-errors' });
  const form = h(
    'form',
    { class: 'grid-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: id }, t('res.import.files')), files, h('p', { class: 'field-hint' }, t('res.import.hint'))),
    h('div', { class: 'field field-check' }, dry, h('label', { for: dryId }, t('res.import.dry_run'))),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.clear();
    replace(errors);
    const chosen = [...files.files];
    if (!chosen.length) {
      status.error(t('res.import.choose'));
      files.focus();
      return;
    }
    const total = chosen.reduce((n, f) => n + f.size, 0);
    if (total > UPLOAD_MAX) {
      status.error(t('res.import.too_large'));
      return;
    }
    submit.disabled = true;
    try {
      const body = { files: await Promise.all(chosen.map(async (f) => ({ name: f.name, content: await f.text() }))), dry_run: dry.checked };
      const rep = await api.post('/api/v1/admin/directory-import', body);
      const n = (o) => Object.values(o || {}).reduce((a, b) => a + b, 0);
      status.ok(t(rep.dry_run ? 'res.import.checked' : 'res.import.done', { created: n(rep.created), updated: n(rep.updated) }));
    } catch (err) {
      if (err.code === 'import_rejected' && err.errors) {
        status.error(t('res.import.rejected', { count: err.errors.length }));
        replace(errors, errorTable(err.errors));
      } else {
        status.error(errorMessage(err));
      }
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'res-section' }, h('h2', { class: 'section-title' }, t('res.import.title')), status.el, form, errors);
}

function errorTable(errs) {
  const cols = ['res.import.col_file', 'res.import.col_line', 'res.import.col_field', 'res.import.col_problem'];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data-table res-errors' },
      h('caption', { class: 'visually-hidden' }, t('res.import.errors_caption')),
      h('thead', null, h('tr', null, cols.map((k) => h('th', { scope: 'col' }, t(k))))),
      h(
        'tbody',
        null,
        errs.map((e) =>
          h(
            'tr',
            null,
            h('td', null, e.file),
            h('td', null, e.line ? String(e.line) : e.row ? t('res.import.row', { row: e.row }) : ''),
            h('td', null, e.field ? fieldLabel(e.field) : ''),
            h('td', null, problemText(e.code, e.field, e.message)),
          ),
        ),
      ),
    ),
  );
}

function exportSection() {
  return h(
    'section',
    { class: 'res-section' },
    h('h2', { class: 'section-title' }, t('res.export.title')),
    h('p', { class: 'muted' }, t('res.export.hint')),
    h('ul', { class: 'res-downloads' }, DOWNLOADS.map((f) => h('li', null, h('a', { href: `/api/v1/admin/directory-export?file=${encodeURIComponent(f)}`, download: f }, f)))),
  );
}

/** adminDirectoryView() -> view. */
export function adminDirectoryView() {
  const flash = statusBox();
  const msg = takeFlash();
  if (msg) flash.ok(msg);
  const node = adminFrame('/admin/directorio', h('div', { class: 'res-admin' }, flash.el, listSection('services', 'servicio'), listSection('organizations', 'organizacion'), importSection(), exportSection()));
  return { node, title: t('res.admin.directory') };
}
