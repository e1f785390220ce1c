// contact_view.js: the contact screen (#/contactos/:id): the active contact
// always at the top (caller, line, channel, time running, status,
// "Cerrar contacto"), the agent's other open contacts one key away, the
// profile step while there is no profile, then the seed's four tabs.

import { api, seg } from '../../api.js';
import { h, replace } from '../../dom.js';
import { toast } from '../../components/toast.js';
import { errorMessage, t } from '../../i18n.js';
import { listen } from '../../state.js';
import { saveEdit } from '../../components/save_form.js';
import { createResourceSearch } from '../search/resource_search.js';
import { active, callerText, channelText, contactHref, contactOptions, elapsed, ensureCss, lineText, statusText } from './common.js';
import { detailsTab } from './details.js';
import { notesEditor } from './notes.js';
import { profileStep } from './profile_step.js';
import { referButton, referralsTab } from './referrals.js';
import { forceCloseText, openCloseDialog } from './close.js';

export const TABS = ['details', 'resources', 'referrals', 'programs'];

/** The screen on show, for the global shortcuts (app.js): {tab(i), close(), next(step), search()}. */
export const current = { screen: null };

const FIELD_LABELS = { profile_id: 'contacts.field.profile', source_line_id: 'contacts.field.line', service_provided: 'contacts.field.service_provided', caller_served: 'contacts.field.caller_served', tags: 'contacts.field.tags', needs: 'contacts.field.needs', primary_term_id: 'contacts.needs.primary', case_id: 'contacts.field.case' };

/** contactView({id}) -> view. */
export function contactView({ id }) {
  ensureCss();
  const title = t('contacts.title');
  const heading = h('h1', { class: 'page-title ct-title', tabindex: '-1' }, title);
  const bar = h('div', { class: 'ct-bar', role: 'region', 'aria-label': t('contacts.active') });
  const switcher = h('nav', { class: 'ct-switcher', 'aria-label': t('contacts.open_contacts') });
  const conflict = h('div', { class: 'save-conflict', role: 'alert', hidden: true });
  const body = h('div', { class: 'ct-body' }, h('p', { class: 'muted' }, t('common.loading')));
  const node = h('div', { class: 'page page-contact' }, bar, switcher, heading, conflict, body);

  let contact = null;
  let options = null;
  let profile = null;
  let cases = [];
  let notes = null;
  let search = null;
  let tabIndex = 0;
  let openList = [];
  let tick = null;
  let disposed = false;
  const tabButtons = [];
  const panels = [];
  const readOnly = () => !contact || contact.status !== 'open';

  const timer = h('span', { class: 'ct-timer', 'aria-label': t('contacts.elapsed') });
  const updateTimer = () => {
    if (!contact) return;
    const end = contact.status === 'open' ? Date.now() : contact.closed_ms || contact.ended_ms || Date.now();
    timer.textContent = elapsed(end - contact.started_ms);
  };

  function renderBar() {
    const closeBtn = contact.status === 'open' ? h('button', { type: 'button', class: 'button button-primary ct-close-button', 'aria-keyshortcuts': 'Alt+C' }, t('contacts.close.button')) : null;
    if (closeBtn) closeBtn.addEventListener('click', () => closeContact());
    const fc = forceCloseText(contact.force_close);
    replace(bar,
      h('div', { class: 'ct-bar-main' },
        h('span', { class: 'ct-caller' }, callerText(contact)),
        contact.caller_number && contact.profile ? h('span', { class: 'muted' }, contact.caller_number) : null,
        h('span', { class: 'ct-line' }, lineText(contact.line)),
        h('span', { class: 'ct-channel' }, channelText(contact.channel)),
        timer,
        h('span', { class: ['mark', `ct-status-${contact.status}`], dataset: { status: contact.status } }, statusText(contact.status)),
        fc ? h('span', { class: ['ct-force-state', `ct-force-${contact.force_close.status}`], role: 'status' }, fc) : null),
      closeBtn);
    updateTimer();
  }

  function renderSwitcher() {
    const others = openList.filter((c) => c.id !== contact.id);
    if (!openList.length || (!others.length && contact.status === 'open')) {
      replace(switcher);
      switcher.hidden = true;
      return;
    }
    switcher.hidden = false;
    replace(switcher, h('span', { class: 'muted' }, t('contacts.open_contacts')), h('ul', null, openList.map((c, i) =>
      h('li', null, h('a', { href: contactHref(c.id), 'aria-current': c.id === contact.id ? 'page' : null, title: t('contacts.switch_hint') }, `${i + 1}. ${callerText(c)} · ${channelText(c.channel)}`)))));
  }

  const update = (c) => {
    contact = c;
    if (notes && notes.readOnly !== readOnly()) {
      notes.dispose();
      notes = null;
    }
    if (c.status === 'open') active.contact = c;
    else if (active.contact && active.contact.id === c.id) active.contact = null;
    renderBar();
    renderBody();
  };

  // one change at a time, each on the version the one before it saved: an agent who ticks two
  // fields in quick succession must not be told their own first change "was saved by someone else"
  let saving = Promise.resolve();
  function save(mine) {
    saving = saving.then(() => saveNow(mine));
    return saving;
  }

  async function saveNow(mine) {
    try {
      await saveEdit({
        conflict,
        version: contact.version,
        mine,
        send: (version, m) => api.patch(`/api/v1/contacts/${seg(contact.id)}`, { version, ...m }),
        reload: async () => (await api.get(`/api/v1/contacts/${seg(contact.id)}`)).contact,
        label: (k) => t(FIELD_LABELS[k] || k),
        texts: { conflict: 'contacts.stale' },
        onSaved: (res) => res && update(res.contact),
        onDiscard: (latest) => latest && update(latest),
        onError: (e) => toast({ kind: 'error', text: errorMessage(e) }),
      });
    } catch (e) {
      toast({ kind: 'error', text: errorMessage(e) });
      if (e.code === 'contact_closed') load();
      else renderBody();
    }
  }

  async function loadProfile() {
    if (!contact.profile) {
      profile = null;
      return;
    }
    try {
      profile = (await api.get(`/api/v1/profiles/${seg(contact.profile.id)}`)).profile;
    } catch {
      profile = null;
    }
    try {
      cases = (await api.get(`/api/v1/profiles/${seg(contact.profile.id)}/cases`)).items;
    } catch {
      cases = [];
    }
  }

  async function linkProfile(profileId) {
    try {
      const res = await api.patch(`/api/v1/contacts/${seg(contact.id)}`, { version: contact.version, profile_id: Number(profileId) });
      contact = res.contact;
      await loadProfile();
      update(contact);
      if (search) search.setPostalCode(profile && profile.postal_code);
      if (tabButtons[0]) tabButtons[0].focus();
    } catch (e) {
      toast({ kind: 'error', text: errorMessage(e) });
    }
  }

  function selectTab(i, focus) {
    tabIndex = i;
    tabButtons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(i === j));
      b.tabIndex = i === j ? 0 : -1;
      panels[j].hidden = i !== j;
    });
    if (focus) tabButtons[i].focus();
  }

  function needsStrip() {
    return h('p', { class: 'ct-needs-strip', role: 'status' }, `${t('contacts.field.needs')}: `, contact.needs.length
      ? contact.needs.map((n, i) => [i ? ', ' : '', h('span', { class: 'ct-need-chip', dataset: { primary: n.is_primary ? '1' : '0' } }, `${n.name || n.term_id} (${n.is_primary ? t('contacts.needs.primary') : t('contacts.needs.secondary')})`)])
      : t('contacts.needs.none'));
  }

  function renderBody() {
    const focusedField = document.activeElement && node.contains(document.activeElement) ? document.activeElement.dataset.field : null;
    heading.textContent = readOnly() ? t('contacts.title_read_only', { status: statusText(contact.status) }) : t('contacts.title');
    if (!contact.profile && !readOnly()) {
      replace(body, profileStep({ contact, onPick: linkProfile }));
      return;
    }
    if (!notes) notes = notesEditor({ contact, templates: options.note_templates || [], readOnly: readOnly() });
    if (!search) {
      search = createResourceSearch({
        postalCode: profile ? profile.postal_code : '',
        renderActions: (r) => (readOnly() ? null : h('span', { class: 'ct-refer-slot', dataset: { serviceId: r.service_id } }, referButton(contact, { service_id: r.service_id, name: r.name }, update))),
      });
    }
    const details = detailsTab({ contact, options, profile, cases, readOnly: readOnly(), notes: notes.node, onSave: save });
    const strip = needsStrip();
    // the search keeps its results; only its Derivar buttons follow the contact
    for (const slot of search.node.querySelectorAll('.ct-refer-slot')) {
      const card = slot.closest('.rs-card');
      const name = card ? card.querySelector('h3').textContent : '';
      replace(slot, readOnly() ? null : referButton(contact, { service_id: slot.dataset.serviceId, name }, update));
    }
    const contents = [
      details,
      h('div', null, strip, search.node),
      referralsTab({ contact, readOnly: readOnly(), onChange: update }),
      h('p', { class: 'calm-note ct-programs' }, t('contacts.programs.none')),
    ];
    tabButtons.length = 0;
    panels.length = 0;
    const list = h('div', { class: 'ct-tabs', role: 'tablist', 'aria-label': t('contacts.tabs') });
    TABS.forEach((k, i) => {
      const b = h('button', { type: 'button', role: 'tab', id: `ct-tab-${k}`, 'aria-controls': `ct-panel-${k}`, 'aria-keyshortcuts': `Alt+${i + 1}`, class: 'ct-tab' }, t(`contacts.tab.${k}`), k === 'referrals' && contact.referrals.some((r) => !r.removed_ms) ? ` (${contact.referrals.filter((r) => !r.removed_ms).length})` : '');
      b.addEventListener('click', () => selectTab(i, false));
      b.addEventListener('keydown', (e) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          e.preventDefault();
          selectTab((i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length, true);
        }
      });
      tabButtons.push(b);
      list.appendChild(b);
      panels.push(h('section', { role: 'tabpanel', id: `ct-panel-${k}`, 'aria-labelledby': `ct-tab-${k}`, class: 'ct-panel', tabindex: '-1' }, contents[i]));
    });
    replace(body, readOnly() ? h('p', { class: 'calm-note ct-read-only', role: 'status' }, t('contacts.read_only')) : null, list, panels);
    selectTab(tabIndex, false);
    if (focusedField) {
      const el = node.querySelector(`[data-field="${focusedField}"]`);
      if (el && el !== document.activeElement) el.focus();
    }
  }

  async function loadOpen() {
    try {
      openList = (await api.get('/api/v1/contacts/mine/open')).items;
    } catch {
      openList = [];
    }
    if (contact && !disposed) renderSwitcher();
  }

  async function load() {
    try {
      const [c, o] = await Promise.all([api.get(`/api/v1/contacts/${seg(id)}`), contactOptions()]);
      if (disposed) return;
      contact = c.contact;
      options = o;
      await loadProfile();
      if (disposed) return;
      update(contact);
      loadOpen();
    } catch (e) {
      replace(body, h('p', { class: 'form-error', role: 'alert' }, e.code === 'not_found' ? t('contacts.not_found') : errorMessage(e)));
    }
  }

  function goField(field) {
    if (!field) return;
    selectTab(0, false);
    const key = field === 'profile.postal_code' || /^profile\./.test(field) ? 'profile' : field;
    const el = node.querySelector(`[data-field="${field}"]`) || node.querySelector(`[data-field="${key}"]`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus();
    }
  }

  function closeContact() {
    if (!contact || readOnly()) return;
    openCloseDialog({
      contact,
      options,
      onGo: goField,
      onClosed: (c) => {
        update(c);
        toast({ kind: 'ok', text: t(c.status === 'closed' ? 'contacts.close.done' : 'contacts.force.done') });
        location.hash = '#/inicio';
      },
      onRequested: () => {
        toast({ kind: 'info', text: t('contacts.force.pending') });
        load();
      },
    });
  }

  const screen = {
    tab: (i) => contact && (contact.profile || readOnly()) && selectTab(i, true),
    close: closeContact,
    async next(step) {
      if (!contact) return;
      if (!openList.length) await loadOpen();
      const i = openList.findIndex((c) => c.id === contact.id);
      const target = openList[(i + step + openList.length) % openList.length];
      if (target && target.id !== contact.id) location.hash = contactHref(target.id);
    },
    search() {
      if (!contact) return;
      if (!contact.profile && !readOnly()) {
        const q = node.querySelector('.ct-profile-step input[type=search]');
        if (q) q.focus();
        return;
      }
      selectTab(1, false);
      if (search) search.focus();
    },
  };
  current.screen = screen;
  tick = setInterval(updateTimer, 1000);
  const offs = [
    listen('live:contact_closed', (ev) => {
      if (String(ev.ref_id) === String(id)) load();
      else loadOpen();
    }),
    listen('live:contact', () => loadOpen()),
    listen('live:force_close_decided', (ev) => {
      if (String(ev.ref_id) === String(id)) load();
    }),
  ];
  load();
  return {
    node,
    title,
    dispose() {
      disposed = true;
      clearInterval(tick);
      offs.forEach((off) => off());
      if (notes) notes.dispose();
      if (search) search.dispose();
      if (current.screen === screen) current.screen = null;
    },
  };
}
