// referrals.js: Derivar (a service from the resource search or its detail
// view; the agent picks the need when the service carries several terms) and
// the "Derivaciones" tab (every referral with its service, organization,
// location, phone and hours; removable with a reason).

import { api, request, seg } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { openDialog } from '../../components/dialog.js';
import { toast } from '../../components/toast.js';
import { errorMessage, formatDateTime, t } from '../../i18n.js';
import { hoursLines } from '../search/format.js';

/** chooseTerm(terms) -> Promise of the chosen term id, or null when cancelled. */
function chooseTerm(serviceName, terms) {
  return new Promise((resolve) => {
    let result = null;
    const name = `ct-term-${uid('n')}`;
    const radios = terms.map((x, i) => {
      const r = h('input', { type: 'radio', name, id: uid('ct-term'), value: x.id, checked: i === 0 });
      return h('label', { for: r.id, class: 'ct-inline ct-term-choice' }, r, ' ', x.name);
    });
    const ok = h('button', { type: 'submit', class: 'button button-primary' }, t('contacts.refer.button'));
    const form = h('form', { novalidate: true }, h('p', null, t('contacts.refer.choose_term', { name: serviceName })), h('div', { class: 'ct-choices ct-choices-col' }, radios), h('div', { class: 'actions' }, ok));
    const dlg = openDialog({ title: t('contacts.refer.choose_title'), body: form, onClose: () => resolve(result) });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const c = form.querySelector('input:checked');
      result = c ? c.value : null;
      dlg.close();
    });
  });
}

/**
 * refer(contactId, {service_id, name}) -> Promise of the updated contact, or null.
 * Sends without a term first; when the service carries several (400
 * choose_term) the agent picks one among the service's categories.
 */
export async function refer(contactId, svc) {
  const path = `/api/v1/contacts/${seg(contactId)}/referrals`;
  try {
    const res = await api.post(path, { service_id: svc.service_id });
    return res.contact;
  } catch (err) {
    if (err.code !== 'choose_term') {
      toast({ kind: 'error', text: errorMessage(err) });
      return null;
    }
  }
  let terms = [];
  try {
    const d = await api.get(`/api/v1/search/services/${seg(svc.service_id)}`);
    terms = d.categories || [];
  } catch (err) {
    toast({ kind: 'error', text: errorMessage(err) });
    return null;
  }
  const term = await chooseTerm(svc.name, terms);
  if (!term) return null;
  try {
    const res = await api.post(path, { service_id: svc.service_id, term_id: term });
    return res.contact;
  } catch (err) {
    toast({ kind: 'error', text: errorMessage(err) });
    return null;
  }
}

/** referButton(contact, svc, onDone(contact)) -> the Derivar button (marked when already referred). */
export function referButton(contact, svc, onDone) {
  const already = contact.referrals.some((r) => !r.removed_ms && r.service_id === svc.service_id);
  const b = h('button', { type: 'button', class: ['button', 'button-small', already ? null : 'button-primary', 'ct-refer'], 'aria-label': t('contacts.refer.aria', { name: svc.name }) }, already ? t('contacts.refer.again') : t('contacts.refer.button'));
  b.addEventListener('click', async () => {
    b.disabled = true;
    const c = await refer(contact.id, svc);
    b.disabled = false;
    if (c) {
      const need = c.needs.find((n) => c.referrals.some((r) => !r.removed_ms && r.service_id === svc.service_id && r.term_id === n.term_id));
      toast({ kind: 'ok', text: t('contacts.refer.done', { name: svc.name }), meta: need ? `${t('contacts.field.needs')}: ${need.name || need.term_id} (${need.is_primary ? t('contacts.needs.primary') : t('contacts.needs.secondary')})` : undefined });
      onDone(c);
    }
  });
  return b;
}

function removeDialog(contact, r, onDone) {
  const id = uid('ct-reason');
  const reason = h('textarea', { id, rows: 3, maxlength: 500, required: true });
  const err = h('p', { class: 'form-error', role: 'alert' });
  const ok = h('button', { type: 'submit', class: 'button button-danger' }, t('contacts.referrals.remove'));
  const form = h('form', { novalidate: true }, h('div', { class: 'field' }, h('label', { for: id }, t('contacts.referrals.reason')), reason), err, h('div', { class: 'actions' }, ok));
  const dlg = openDialog({ title: t('contacts.referrals.remove_title', { name: r.service_name || r.service_id }), body: form });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!reason.value.trim()) {
      err.textContent = t('contacts.referrals.reason_needed');
      return;
    }
    ok.disabled = true;
    try {
      const res = await request('DELETE', `/api/v1/contacts/${seg(contact.id)}/referrals/${seg(r.id)}`, { reason: reason.value.trim() });
      dlg.close();
      onDone(res.contact);
    } catch (ex) {
      ok.disabled = false;
      err.textContent = errorMessage(ex);
    }
  });
}

function serviceFacts(d) {
  const loc = (d.locations || [])[0];
  const phones = [...new Set((d.locations || []).flatMap((l) => (l.phones || []).map((p) => p.number)))];
  return [
    h('dt', null, t('contacts.referrals.organization')), h('dd', null, (d.organization && d.organization.name) || '—'),
    h('dt', null, t('contacts.referrals.location')), h('dd', null, loc ? loc.address || '—' : '—'),
    h('dt', null, t('contacts.referrals.phone')), h('dd', null, phones.length ? phones.join(', ') : '—'),
    h('dt', null, t('contacts.referrals.hours')), h('dd', null, loc ? hoursLines(loc.hours).join(' · ') || '—' : '—'),
  ];
}

/** referralsTab({contact, readOnly, onChange(contact)}) -> Node. */
export function referralsTab({ contact, readOnly, onChange }) {
  const items = contact.referrals;
  if (!items.length) return h('p', { class: 'muted' }, t('contacts.referrals.none'));
  return h('ul', { class: 'ct-referrals' }, items.map((r) => {
    const facts = h('dl', { class: 'facts' }, h('dt', null, t('contacts.referrals.organization')), h('dd', null, t('common.loading')));
    if (r.service_name !== null) {
      api.get(`/api/v1/search/services/${seg(r.service_id)}`).then((d) => replace(facts, serviceFacts(d))).catch(() => replace(facts));
    } else replace(facts);
    const removed = Boolean(r.removed_ms);
    const remove = !readOnly && !removed ? h('button', { type: 'button', class: 'button button-small' }, t('contacts.referrals.remove')) : null;
    if (remove) remove.addEventListener('click', () => removeDialog(contact, r, onChange));
    return h('li', { class: ['card', 'ct-referral', removed ? 'is-removed' : null], dataset: { id: r.id, serviceId: r.service_id } },
      h('h3', null, r.service_name ? h('a', { href: `#/recursos/servicio/${seg(r.service_id)}` }, r.service_name) : t('contacts.referrals.gone')),
      h('p', { class: 'muted' }, `${t('contacts.field.needs')}: ${r.term_name || '—'} · ${formatDateTime(r.created_ms)}`),
      facts,
      removed ? h('p', { class: 'ct-removed' }, t('contacts.referrals.removed', { when: formatDateTime(r.removed_ms), reason: r.removed_reason || '—' })) : null,
      remove);
  }));
}
