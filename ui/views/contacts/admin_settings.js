// admin_settings.js: Administración → Contactos: the organisation's source
// lines, tags, service-provided and caller-served choices, what closing
// requires, note templates and the force-close policy (one versioned PUT).

import { api } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { errorDetail, errorMessage, t } from '../../i18n.js';
import { ROLES } from '../../state.js';
import { adminFrame, statusBox } from '../admin_common.js';
import { staleText } from '../../components/save_form.js';
import { DEMOGRAPHICS } from '../people/common.js';
import { CHANNELS, channelText, ensureCss, forgetOptions } from './common.js';

const PROFILE_FIELDS = ['language', 'gender', 'age', 'address', 'phone', 'email'];

function cell(f, value) {
  const id = uid('cs');
  let el;
  if (f.type === 'channel') el = h('select', { id }, ['voice', 'sms', 'chat'].filter((c) => CHANNELS.includes(c)).map((c) => h('option', { value: c }, channelText(c))));
  else if (f.type === 'textarea') el = h('textarea', { id, rows: 3, maxlength: 4000 });
  else el = h('input', { id, type: 'text', autocomplete: 'off', maxlength: f.max || 80 });
  el.value = value === undefined || value === null ? (f.type === 'channel' ? 'voice' : '') : String(value);
  el.dataset.key = f.key;
  return h('div', { class: 'field' }, h('label', { for: id }, t(f.label)), el);
}

/** listEditor(titleKey, items, fields) -> {node, value()}: rows of inputs; an item's id is kept. */
function listEditor(titleKey, items, fields) {
  const rows = h('ol', { class: 'cs-rows' });
  const addRow = (item = {}) => {
    const remove = h('button', { type: 'button', class: 'button button-small' }, t('contacts.admin.remove'));
    const li = h('li', { class: 'cs-row card', dataset: { id: item.id ?? '' } }, fields.map((f) => cell(f, item[f.key])), remove);
    remove.addEventListener('click', () => li.remove());
    rows.appendChild(li);
    return li;
  };
  items.forEach((x) => addRow(x));
  const add = h('button', { type: 'button', class: 'button' }, t('contacts.admin.add'));
  add.addEventListener('click', () => {
    const li = addRow();
    const first = li.querySelector('input, select, textarea');
    if (first) first.focus();
  });
  const node = h('fieldset', { class: 'ct-row' }, h('legend', null, t(titleKey)), rows, add);
  return {
    node,
    value: () => [...rows.children].map((li) => {
      const o = {};
      if (li.dataset.id) o.id = /^\d+$/.test(li.dataset.id) ? Number(li.dataset.id) : li.dataset.id;
      for (const el of li.querySelectorAll('[data-key]')) o[el.dataset.key] = el.value.trim();
      return o;
    }),
  };
}

function checks(titleKey, all, chosen, labelOf) {
  const boxes = all.map((k) => {
    const id = uid('csc');
    return { k, el: h('input', { type: 'checkbox', id, checked: chosen.includes(k) }), id };
  });
  return {
    node: h('fieldset', { class: 'ct-row' }, h('legend', null, t(titleKey)), h('div', { class: 'ct-choices' }, boxes.map((b) => h('label', { for: b.id, class: 'ct-inline' }, b.el, ' ', labelOf(b.k))))),
    value: () => boxes.filter((b) => b.el.checked).map((b) => b.k),
  };
}

/** adminContactSettingsView() -> view. */
export function adminContactSettingsView() {
  ensureCss();
  const status = statusBox();
  const holder = h('div', null, h('p', { class: 'muted' }, t('common.loading')));
  const node = adminFrame('/admin/contactos', h('h2', { class: 'section-title' }, t('contacts.admin.title')), status.el, holder);

  function render(s) {
    const choice = [{ key: 'code', label: 'contacts.admin.code', max: 40 }, { key: 'label_es', label: 'contacts.admin.label_es' }, { key: 'label_en', label: 'contacts.admin.label_en' }];
    const lines = listEditor('contacts.admin.lines', s.lines.filter((l) => l.active !== false), [{ key: 'name', label: 'contacts.admin.name' }, { key: 'phone', label: 'people.field.phone', max: 40 }, { key: 'channel', label: 'contacts.field.channel', type: 'channel' }]);
    const tags = listEditor('contacts.field.tags', s.tags.filter((x) => x.active !== false), [{ key: 'label_es', label: 'contacts.admin.label_es' }, { key: 'label_en', label: 'contacts.admin.label_en' }]);
    const provided = listEditor('contacts.field.service_provided', s.service_provided, choice);
    const served = listEditor('contacts.field.caller_served', s.caller_served, choice);
    const req = s.requirements || {};
    const postal = h('input', { type: 'checkbox', id: uid('csr'), checked: Boolean(req.postal_code) });
    const tagsReq = h('input', { type: 'checkbox', id: uid('csr'), checked: Boolean(req.tags) });
    const demo = checks('contacts.admin.required_demographics', [...PROFILE_FIELDS, ...DEMOGRAPHICS.map((d) => d.key)], req.demographics || [], (k) => (PROFILE_FIELDS.includes(k) ? t(k === 'age' ? 'people.field.age_range' : k === 'phone' ? 'people.field.phone' : k === 'email' ? 'contacts.admin.email' : `people.field.${k}`) : t(`people.demo.${k}`)));
    const fc = s.force_close || { roles: [], approval_required: true };
    const roles = checks('contacts.admin.force_roles', ROLES, fc.roles || [], (r) => t(`role.${r}`));
    const approval = h('input', { type: 'checkbox', id: uid('csr'), checked: Boolean(fc.approval_required) });
    const hasTemplates = Array.isArray(s.note_templates);
    const templates = hasTemplates ? listEditor('contacts.admin.templates', s.note_templates, [{ key: 'title_es', label: 'contacts.admin.title_es' }, { key: 'title_en', label: 'contacts.admin.title_en' }, { key: 'text_es', label: 'contacts.admin.text_es', type: 'textarea' }, { key: 'text_en', label: 'contacts.admin.text_en', type: 'textarea' }]) : null;
    const save = h('button', { type: 'submit', class: 'button button-primary' }, t('common.save'));
    const form = h('form', { class: 'cs-form', novalidate: true },
      lines.node, tags.node, provided.node, served.node,
      h('fieldset', { class: 'ct-row' }, h('legend', null, t('contacts.admin.requirements')),
        h('label', { for: postal.id, class: 'ct-inline' }, postal, ' ', t('contacts.check.postal_code')), ' ',
        h('label', { for: tagsReq.id, class: 'ct-inline' }, tagsReq, ' ', t('contacts.admin.tags_required'))),
      demo.node, templates ? templates.node : null,
      h('fieldset', { class: 'ct-row' }, h('legend', null, t('contacts.force.title')), roles.node, h('label', { for: approval.id, class: 'ct-inline' }, approval, ' ', t('contacts.admin.approval'))),
      h('div', { class: 'actions' }, save));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      status.clear();
      const body = {
        version: s.version,
        lines: lines.value(),
        tags: tags.value(),
        service_provided: provided.value(),
        caller_served: served.value(),
        requirements: { postal_code: postal.checked, tags: tagsReq.checked, demographics: demo.value() },
        force_close: { roles: roles.value(), approval_required: approval.checked },
      };
      if (templates) body.note_templates = templates.value();
      save.disabled = true;
      try {
        const res = await api.put('/api/v1/admin/contact-settings', body);
        forgetOptions();
        render(res.settings);
        status.ok(t('contacts.admin.saved'));
      } catch (err) {
        save.disabled = false;
        if (err.code === 'stale_version') {
          status.error(staleText(err), t('contacts.admin.reload_hint'));
          const again = await api.get('/api/v1/admin/contact-settings').catch(() => null);
          if (again) s.version = again.settings.version;
        } else status.error(`${err.field ? `${err.field}: ` : ''}${errorMessage(err)}`, errorDetail(err));
      }
    });
    replace(holder, form);
  }

  api.get('/api/v1/admin/contact-settings').then((r) => render(r.settings)).catch((e) => replace(holder, h('p', { class: 'form-error', role: 'alert' }, errorMessage(e))));
  return { node, title: t('contacts.admin.title') };
}
