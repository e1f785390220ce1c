// profile_page.js: the profile page ("Vista de contacto típico"): details, the
// Casos subpanel ("+" expands it, "Nuevo" opens the quick case form), then
// every panel the activities area registers in profilePanels.

import { api, seg } from '../../api.js';
import { h, replace } from '../../dom.js';
import { errorMessage, formatDateTime, t } from '../../i18n.js';
import { profilePanels } from '../activities/panels.js';
import { DEMOGRAPHICS, card, demoText, facts, profileName } from './common.js';
import { casesTable, openQuickCase } from '../cases/case_form.js';
import { profileContacts } from '../contacts/profile_contacts.js';
import { openNewContact } from '../contacts/new_contact.js';

function flagMarks(p) {
  return (p.flags || []).map((f) => h('span', { class: ['mark', f === 'do_not_call' || f === 'safety_risk' ? 'mark-off' : 'mark-ok'] }, t(`people.flag.${f}`)));
}

function details(p) {
  const demo = DEMOGRAPHICS.map((f) => [t(`people.demo.${f.key}`), demoText(p, f)]);
  return [
    card(
      t('people.section.details'),
      facts([
        [t('people.field.alias'), p.first_name || p.last_name ? p.alias : null],
        [t('people.section.phones'), (p.phones || []).map((x, i) => h('span', { class: 'people-phone' }, i ? ', ' : '', x.number, ` (${t(`people.phone_type.${x.type}`)})`))],
        [t('people.section.emails'), (p.emails || []).join(', ')],
        [t('people.field.address'), [p.address, p.postal_code].filter(Boolean).join(' · ')],
        [t('people.field.language'), p.language ? t(`people.language.${p.language}`) : null],
        [t('people.field.birth_date'), p.birth_date],
        [t('people.field.age_range'), p.age_range ? t(`people.age_range.${p.age_range}`) : null],
        [t('people.field.gender'), p.gender ? t(`people.gender.${p.gender}`) : null],
        ...demo,
        [t('people.field.notes'), p.notes],
      ]),
      h('p', { class: 'field-hint' }, t('people.saved_by', { name: (p.updated_by && p.updated_by.name) || '—', when: formatDateTime(p.updated_ms) })),
    ),
    p.health_history ? card(t('people.section.health'), h('p', { class: 'people-pre' }, p.health_history)) : null,
    (p.support_network || []).length
      ? card(
          t('people.section.support'),
          h('ul', { class: 'people-support' }, p.support_network.map((s) => h('li', null, h('strong', null, s.name), s.relation ? ` · ${s.relation}` : '', s.phone ? ` · ${s.phone}` : ''))),
        )
      : null,
  ];
}

/** casesSubpanel(profile) -> the "Casos" section: collapsed behind "+", with "Nuevo". */
function casesSubpanel(p) {
  const bodyId = `cases-of-${p.id}`;
  const body = h('div', { id: bodyId, hidden: true });
  const toggle = h('button', { type: 'button', class: 'icon-button', 'aria-expanded': 'false', 'aria-controls': bodyId, 'aria-label': t('people.cases_expand') }, '+');
  const count = h('span', { class: 'muted' });
  const nuevo = h('button', { type: 'button', class: 'button button-small' }, t('people.case_new'));
  const list = h('div');
  const load = async () => {
    try {
      const res = await api.get(`/api/v1/profiles/${seg(p.id)}/cases`);
      count.textContent = ` (${res.items.length})`;
      replace(list, res.items.length ? casesTable(res.items, { profile: false }) : h('p', { class: 'muted' }, t('people.no_cases')));
    } catch (e) {
      replace(list, h('p', { class: 'form-error' }, errorMessage(e)));
    }
  };
  toggle.addEventListener('click', () => {
    body.hidden = !body.hidden;
    toggle.setAttribute('aria-expanded', String(!body.hidden));
    toggle.textContent = body.hidden ? '+' : '−';
  });
  nuevo.addEventListener('click', () => openQuickCase(p, { onSaved: load }));
  replace(body, h('div', { class: 'toolbar' }, nuevo), list);
  load();
  return h('section', { class: 'card people-subpanel', 'aria-labelledby': `${bodyId}-t` }, h('div', { class: 'people-subpanel-head' }, toggle, h('h2', { id: `${bodyId}-t`, class: 'section-title' }, t('nav.cases'), count)), body);
}

/** profilePageView({id}) -> view. */
export function profilePageView({ id }) {
  const title = t('people.profile');
  const heading = h('h1', { class: 'page-title', tabindex: '-1' }, title);
  const holder = h('div', null, h('p', { class: 'muted' }, t('common.loading')));
  const node = h('div', { class: 'page page-people' }, heading, holder);
  api
    .get(`/api/v1/profiles/${seg(id)}`)
    .then(({ profile: p }) => {
      heading.textContent = profileName(p);
      document.title = `${profileName(p)} · ${t('app.name')}`;
      const panels = profilePanels.map((panel) => {
        try {
          return panel.render({ kind: 'profile', id: p.id, record: p });
        } catch {
          return null; // one broken panel must not hide the profile
        }
      });
      replace(
        holder,
        h('div', { class: 'people-head' }, h('div', { class: 'people-flags' }, p.anonymous ? h('span', { class: 'mark' }, t('people.field.anonymous')) : null, flagMarks(p)), h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'button button-primary', onclick: () => openNewContact({ profileId: p.id }) }, t('contacts.new.title')), h('a', { class: 'button', href: `#/perfiles/${seg(p.id)}/editar` }, t('people.edit')))),
        details(p),
        profileContacts(p),
        casesSubpanel(p),
        panels,
      );
    })
    .catch((e) => replace(holder, h('p', { class: 'form-error', role: 'alert' }, e.code === 'not_found' ? t('people.profile_not_found') : errorMessage(e))));
  return { node, title };
}
