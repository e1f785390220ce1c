// close.js: "Cerrar contacto": the closing checklist with the seed's marks
// (green check done, yellow warning attention, red X missing, clock pending),
// each item linking to its field; closing when every item is done; and, where
// the organisation allows it, "Forzar cierre" with a reason (at once, or as a
// request a supervisor approves or declines).

import { api, seg } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { openDialog } from '../../components/dialog.js';
import { has, errorMessage, t } from '../../i18n.js';
import { state } from '../../state.js';

const MARKS = { done: '✔', attention: '⚠', missing: '✖', pending: '🕒' };

function itemText(it) {
  const demo = /^demographic/.test(it.item) && it.field ? it.field.replace(/^profile\.(demographics\.)?/, '') : '';
  if (demo) {
    const name = has(`people.demo.${demo}`) ? t(`people.demo.${demo}`) : has(`people.field.${demo}`) ? t(`people.field.${demo}`) : demo;
    return t('contacts.check.demographic', { name });
  }
  return has(`contacts.check.${it.item}`) ? t(`contacts.check.${it.item}`) : it.item;
}

/** checklistList(items, onGo(field)) -> <ul> of marks and links. */
export function checklistList(items, onGo) {
  return h('ul', { class: 'ct-checklist' }, items.map((it) => {
    const go = h('button', { type: 'button', class: 'link-button', dataset: { field: it.field || '' } }, itemText(it));
    go.addEventListener('click', () => onGo(it.field || ''));
    return h('li', { class: ['ct-check', `ct-mark-${it.mark}`], dataset: { item: it.item, mark: it.mark } },
      h('span', { class: 'ct-mark', role: 'img', 'aria-label': t(`contacts.mark.${it.mark}`) }, MARKS[it.mark] || '?'), ' ', go,
      h('span', { class: 'visually-hidden' }, ` (${t(`contacts.mark.${it.mark}`)})`));
  }));
}

/** forceCloseText(fc) -> the state of a force-close request, for the header. */
export function forceCloseText(fc) {
  if (!fc) return '';
  if (fc.status === 'pending') return t('contacts.force.pending');
  if (fc.status === 'declined') return t('contacts.force.declined', { reason: fc.decision_reason || '—' });
  if (fc.status === 'approved') return t('contacts.force.approved');
  return '';
}

/**
 * openCloseDialog({contact, options, onGo(field), onClosed(contact), onRequested()}).
 * Reads the checklist; closes (POST close) when it allows; offers force close.
 */
export async function openCloseDialog({ contact, options, onGo, onClosed, onRequested }) {
  const body = h('div', { class: 'ct-close' }, h('p', { class: 'muted' }, t('common.loading')));
  const dlg = openDialog({ title: t('contacts.close.title'), body, className: 'ct-close-dialog' });
  const go = (field) => {
    dlg.close();
    onGo(field);
  };
  let check;
  try {
    check = (await api.get(`/api/v1/contacts/${seg(contact.id)}/checklist`)).checklist;
  } catch (err) {
    replace(body, h('p', { class: 'form-error', role: 'alert' }, errorMessage(err)));
    return;
  }
  const err = h('p', { class: 'form-error', role: 'alert' });
  const closeBtn = h('button', { type: 'button', class: 'button button-primary', disabled: !check.may_close }, t('contacts.close.button'));
  closeBtn.addEventListener('click', async () => {
    closeBtn.disabled = true;
    err.textContent = '';
    try {
      const res = await api.post(`/api/v1/contacts/${seg(contact.id)}/close`, { version: contact.version });
      dlg.close();
      onClosed(res.contact);
    } catch (e) {
      closeBtn.disabled = false;
      if (e.code === 'checklist_incomplete' && e.details && e.details.items) replace(list, checklistList(e.details.items, go));
      err.textContent = errorMessage(e);
    }
  });
  const list = h('div', null, checklistList(check.items, go));
  const fc = options.force_close || {};
  const mayForce = !check.may_close && (fc.roles || []).includes(state.user.role);
  let force = null;
  if (mayForce) {
    const rid = uid('ct-force');
    const reason = h('textarea', { id: rid, rows: 3, maxlength: 500 });
    const forceBtn = h('button', { type: 'button', class: 'button button-danger' }, fc.approval_required && state.user.role === 'agent' ? t('contacts.force.request') : t('contacts.force.button'));
    const ferr = h('p', { class: 'form-error', role: 'alert' });
    forceBtn.addEventListener('click', async () => {
      if (!reason.value.trim()) {
        ferr.textContent = t('contacts.force.reason_needed');
        reason.focus();
        return;
      }
      forceBtn.disabled = true;
      try {
        const res = await api.post(`/api/v1/contacts/${seg(contact.id)}/force-close`, { reason: reason.value.trim() });
        dlg.close();
        if (res && res.contact) onClosed(res.contact);
        else onRequested(res && res.request);
      } catch (e) {
        forceBtn.disabled = false;
        ferr.textContent = errorMessage(e);
      }
    });
    force = h('details', { class: 'ct-force' }, h('summary', null, t('contacts.force.title')),
      h('p', { class: 'field-hint' }, t('contacts.help.force')),
      h('div', { class: 'field' }, h('label', { for: rid }, t('contacts.force.reason')), reason), ferr, h('div', { class: 'actions' }, forceBtn));
  }
  replace(body,
    h('p', { class: 'field-hint' }, check.may_close ? t('contacts.close.ready') : t('contacts.help.checklist')),
    list, err, h('div', { class: 'actions' }, closeBtn), force);
  closeBtn.focus();
}
