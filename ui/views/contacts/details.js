// details.js: the "Detalles del llamante" tab: source line, the profile's
// demographic fields, service provided, caller served, service needs
// (primary / secondary, picked from the taxonomy by typing), tags, notes and
// the caller's earlier contacts (read-only, one click away).

import { api, seg } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { errorMessage, formatDateTime, t } from '../../i18n.js';
import { DEMOGRAPHICS, demoText } from '../people/common.js';
import { channelText, contactHref, label, lineText, statusText } from './common.js';

function row(title, help, ...content) {
  const id = uid('ct-row');
  return h('fieldset', { class: 'ct-row', 'aria-describedby': help ? `${id}-h` : null }, h('legend', null, title), ...content, help ? h('p', { id: `${id}-h`, class: 'field-hint' }, help) : null);
}

function selectOf(items, value, attrs) {
  const el = h('select', { id: uid('ct-sel'), ...attrs }, h('option', { value: '' }, t('people.none_selected')), items.map((x) => h('option', { value: String(x.value) }, x.text)));
  el.value = value === null || value === undefined ? '' : String(value);
  return el;
}

/** profileFacts(profile, required) -> the profile's postal code and demographic answers. */
function profileFacts(p, required) {
  const want = new Set(required);
  const rows = [[t('contacts.field.postal_code'), p.postal_code, 'profile.postal_code']];
  if (want.has('gender') || p.gender) rows.push([t('people.field.gender'), p.gender ? t(`people.gender.${p.gender}`) : null, 'profile.gender']);
  if (want.has('language') || p.language) rows.push([t('people.field.language'), p.language ? t(`people.language.${p.language}`) : null, 'profile.language']);
  if (want.has('age')) rows.push([t('people.field.age_range'), p.birth_date || (p.age_range ? t(`people.age_range.${p.age_range}`) : null), 'profile.age']);
  if (want.has('address')) rows.push([t('people.field.address'), p.address, 'profile.address']);
  for (const f of DEMOGRAPHICS) {
    const v = demoText(p, f);
    if (want.has(f.key) || v) rows.push([t(`people.demo.${f.key}`), v, `profile.demographics.${f.key}`]);
  }
  return h('dl', { class: 'facts ct-demo' }, rows.map(([k, v, f]) => [h('dt', null, k, want.has(f.replace(/^profile\.(demographics\.)?/, '')) ? ' *' : ''), h('dd', { dataset: { demo: f } }, v || h('span', { class: 'muted' }, t('contacts.unanswered')))]));
}

/** needsEditor({contact, readOnly, onSave(body)}) -> Node: the needs with their primary mark, and a picker. */
function needsEditor({ contact, readOnly, onSave }) {
  const manual = () => contact.needs.filter((n) => n.origin === 'manual').map((n) => n.term_id);
  const list = h('ul', { class: 'ct-needs', dataset: { field: 'needs' } },
    contact.needs.length
      ? contact.needs.map((n) => {
          const radio = h('input', { type: 'radio', name: `ct-primary-${contact.id}`, id: uid('ct-prim'), checked: n.is_primary, disabled: readOnly, dataset: { field: 'primary_term_id' } });
          radio.addEventListener('change', () => onSave({ primary_term_id: n.term_id }));
          const remove = n.origin === 'manual' && !readOnly ? h('button', { type: 'button', class: 'icon-button', 'aria-label': t('contacts.needs.remove', { name: n.name || n.term_id }) }, '×') : null;
          if (remove) remove.addEventListener('click', () => onSave({ needs: manual().filter((x) => x !== n.term_id) }));
          return h('li', { class: 'ct-need', dataset: { termId: n.term_id, primary: n.is_primary ? '1' : '0' } },
            h('span', { class: ['mark', n.is_primary ? 'mark-ok' : null] }, n.is_primary ? t('contacts.needs.primary') : t('contacts.needs.secondary')), ' ',
            h('span', { class: 'ct-need-name' }, n.name || n.term_id), ' ',
            h('span', { class: 'muted' }, n.origin === 'referral' ? t('contacts.needs.from_referral') : t('contacts.needs.manual')), ' ',
            h('label', { for: radio.id, class: 'ct-inline' }, radio, ' ', t('contacts.needs.mark_primary')), remove);
        })
      : h('li', { class: 'muted' }, t('contacts.needs.none')));
  if (readOnly) return list;
  const qid = uid('ct-needq');
  const q = h('input', { id: qid, type: 'search', autocomplete: 'off', maxlength: 100, role: 'combobox', 'aria-expanded': 'false', 'aria-controls': `${qid}-list` });
  const opts = h('ul', { id: `${qid}-list`, class: 'ct-suggest', role: 'listbox', hidden: true });
  let timer = null;
  const pick = (term) => {
    opts.hidden = true;
    q.value = '';
    if (!contact.needs.some((n) => n.term_id === term.id)) onSave({ needs: [...manual(), term.id] });
  };
  q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const s = q.value.trim();
      if (s.length < 2) {
        opts.hidden = true;
        return;
      }
      try {
        const page = await api.get(`/hsds/taxonomy_terms?search=${encodeURIComponent(s)}&per_page=10`);
        const items = page.contents || [];
        replace(opts, items.length ? items.map((x) => {
          const b = h('button', { type: 'button', class: 'ct-suggest-item', role: 'option' }, x.name);
          b.addEventListener('click', () => pick(x));
          return h('li', null, b);
        }) : h('li', { class: 'muted' }, t('contacts.needs.no_terms')));
        opts.hidden = false;
        q.setAttribute('aria-expanded', 'true');
      } catch (e) {
        replace(opts, h('li', { class: 'form-error' }, errorMessage(e)));
        opts.hidden = false;
      }
    }, 250);
  });
  q.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && !opts.hidden) {
      const b = opts.querySelector('button');
      if (b) {
        e.preventDefault();
        b.focus();
      }
    }
  });
  opts.addEventListener('keydown', (e) => {
    const items = [...opts.querySelectorAll('button')];
    const i = items.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = items[i + (e.key === 'ArrowDown' ? 1 : -1)];
      if (next) next.focus();
      else q.focus();
    } else if (e.key === 'Escape') {
      opts.hidden = true;
      q.focus();
    }
  });
  return h('div', null, list, h('label', { for: qid }, t('contacts.needs.add')), q, opts);
}

/** historyBlock(contact) -> <details>: this profile's earlier contacts, loaded when opened. */
function historyBlock(contact) {
  const body = h('div', null, h('p', { class: 'muted' }, t('common.loading')));
  const d = h('details', { class: 'ct-history' }, h('summary', null, t('contacts.field.history')), body);
  let loaded = false;
  d.addEventListener('toggle', async () => {
    if (!d.open || loaded || !contact.profile) return;
    loaded = true;
    try {
      const res = await api.get(`/api/v1/contacts?profile_id=${seg(contact.profile.id)}&limit=50`);
      // the filter is checked here too: a server that ignored profile_id would list other callers' contacts
      const items = res.items.filter((c) => c.id !== contact.id && c.profile && c.profile.id === contact.profile.id);
      replace(body, items.length ? historyTable(items) : h('p', { class: 'muted' }, t('contacts.history.none')));
    } catch (e) {
      loaded = false;
      replace(body, h('p', { class: 'form-error' }, errorMessage(e)));
    }
  });
  return d;
}

/** historyTable(items) -> a table of contacts (started, channel, line, agent, status), each a link. */
export function historyTable(items) {
  return h('table', { class: 'table ct-table' },
    h('thead', null, h('tr', null, [t('contacts.col.started'), t('contacts.col.channel'), t('contacts.col.line'), t('contacts.col.agent'), t('contacts.col.status'), t('contacts.field.needs'), t('contacts.tab.referrals')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, items.map((c) => h('tr', { dataset: { id: c.id } },
      h('td', null, h('a', { href: contactHref(c.id) }, formatDateTime(c.started_ms))),
      h('td', null, channelText(c.channel)), h('td', null, c.line ? c.line.name : '—'),
      h('td', null, c.agent ? c.agent.name : '—'), h('td', null, statusText(c.status)),
      h('td', null, String(c.needs_count ?? '—')), h('td', null, String(c.referrals_count ?? '—'))))));
}

/**
 * detailsTab({contact, options, profile, readOnly, notes, onSave(body)}) -> Node.
 * notes: the notes editor's node (kept across re-renders so typing is never interrupted).
 */
export function detailsTab({ contact, options, profile, cases = [], readOnly, notes, onSave }) {
  const dis = { disabled: readOnly };
  const lines = options.lines.map((l) => ({ value: l.id, text: lineText(l) }));
  if (contact.line && !options.lines.some((l) => l.id === contact.line.id)) lines.push({ value: contact.line.id, text: lineText(contact.line) });
  const line = selectOf(lines, contact.line ? contact.line.id : null, { ...dis, dataset: { field: 'source_line_id' }, 'aria-label': t('contacts.field.line') });
  line.addEventListener('change', () => onSave({ source_line_id: line.value ? Number(line.value) : null }));
  const provided = selectOf(options.service_provided.map((c) => ({ value: c.code, text: label(c) })), contact.service_provided, { ...dis, dataset: { field: 'service_provided' }, 'aria-label': t('contacts.field.service_provided') });
  provided.addEventListener('change', () => onSave({ service_provided: provided.value || null }));
  const served = h('div', { class: 'ct-choices', role: 'radiogroup', 'aria-label': t('contacts.field.caller_served') }, options.caller_served.map((c) => {
    const r = h('input', { type: 'radio', name: `ct-served-${contact.id}`, id: uid('ct-served'), value: c.code, checked: contact.caller_served === c.code, ...dis, dataset: { field: 'caller_served' } });
    r.addEventListener('change', () => onSave({ caller_served: c.code }));
    return h('label', { for: r.id, class: 'ct-inline' }, r, ' ', label(c));
  }));
  const chosen = new Set(contact.tags.map((x) => x.id));
  const allTags = [...options.tags, ...contact.tags.filter((x) => !options.tags.some((o) => o.id === x.id))];
  const tags = h('div', { class: 'ct-choices', dataset: { field: 'tags' } }, allTags.length ? allTags.map((tag) => {
    const c = h('input', { type: 'checkbox', id: uid('ct-tag'), checked: chosen.has(tag.id), ...dis, dataset: { field: 'tags' } });
    c.addEventListener('change', () => {
      const next = new Set(chosen);
      if (c.checked) next.add(tag.id);
      else next.delete(tag.id);
      onSave({ tags: [...next] });
    });
    return h('label', { for: c.id, class: 'ct-inline' }, c, ' ', label(tag));
  }) : h('p', { class: 'muted' }, t('contacts.tags.none')));
  const caseItems = cases.map((c) => ({ value: c.id, text: `${c.number} · ${c.subject}` }));
  if (contact.case && !cases.some((c) => c.id === contact.case.id)) caseItems.push({ value: contact.case.id, text: `${contact.case.number} · ${contact.case.subject}` });
  const caseSel = selectOf(caseItems, contact.case_id, { ...dis, dataset: { field: 'case_id' }, 'aria-label': t('contacts.field.case') });
  caseSel.addEventListener('change', () => onSave({ case_id: caseSel.value ? Number(caseSel.value) : null }));
  const req = options.requirements || {};
  const demo = profile
    ? h('div', null, profileFacts(profile, req.demographics || []), h('a', { class: 'button button-small', href: `#/perfiles/${seg(profile.id)}/editar`, dataset: { field: 'profile' } }, t('contacts.profile.edit')))
    : h('p', { class: 'muted' }, contact.profile ? t('common.loading') : t('contacts.no_profile'));
  return h('div', { class: 'ct-details' },
    row(t('contacts.field.line'), t('contacts.help.line'), line),
    row(t('contacts.field.demographics'), t('contacts.help.demographics'), demo),
    row(t('contacts.field.service_provided'), t('contacts.help.service_provided'), provided),
    row(t('contacts.field.caller_served'), t('contacts.help.caller_served'), served),
    row(t('contacts.field.needs'), t('contacts.help.needs'), needsEditor({ contact, readOnly, onSave })),
    row(t('contacts.field.tags'), t('contacts.help.tags'), tags),
    row(t('contacts.field.case'), t('contacts.help.case'), caseSel, contact.case ? [' ', h('a', { href: `#/casos/${seg(contact.case.id)}` }, contact.case.number)] : null),
    notes,
    historyBlock(contact));
}
