// views/home.js: Inicio, the personal start page: greeting, role, previous
// sign-in, session hint, the work panels (today's calls, open and overdue
// tasks, open cases, route requests) and the announcements (with a posting
// form for supervisors and admins).

import { api } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { errorMessage, formatDateTime, formatDurationMinutes, formatTime, t } from '../i18n.js';
import { hasRole, listen, postedHere, state } from '../state.js';
import { homePanels } from './activities/home_panels.js';
import { contactPanels } from './contacts/home_panels.js';

const ANNOUNCEMENT_MAX = 500;

function announcementItem(a) {
  return h(
    'li',
    { class: 'announcement', dataset: { id: a.id } },
    h('p', { class: 'announcement-text' }, a.text),
    h('p', { class: 'announcement-meta' }, t('home.announcement_meta', { author: a.author || '—', when: formatDateTime(a.created_ms) })),
  );
}

function sessionHint(session) {
  if (!session) return null;
  const parts = [];
  const exp = Number(session.expires_ms);
  if (Number.isFinite(exp) && exp > 0) {
    // An absolute time (epoch ms) or, if small, a duration from now.
    const at = exp > 1e12 ? exp : Date.now() + exp;
    const sameDay = new Date(at).toDateString() === new Date().toDateString();
    parts.push(t('home.session_expires', { when: sameDay ? formatTime(at) : formatDateTime(at) }));
  }
  const idle = Number(session.idle_timeout_ms);
  if (Number.isFinite(idle) && idle > 0) parts.push(t('home.session_idle', { duration: formatDurationMinutes(idle / 60000) }));
  return parts.length ? parts.join(' ') : null;
}

/** homeView() -> {node, title, dispose}. */
export function homeView() {
  const user = state.user;
  const prevLogin = h('p', { class: 'muted' }, t('common.loading'));
  const list = h('ul', { class: 'announcements', 'aria-labelledby': 'ann-title' });
  const listStatus = h('p', { class: 'muted' }, t('common.loading'));
  const shown = new Set();

  const renderList = (items) => {
    shown.clear();
    replace(list, items.map((a) => {
      shown.add(String(a.id));
      return announcementItem(a);
    }));
    listStatus.textContent = items.length ? '' : t('home.no_announcements');
    listStatus.hidden = items.length > 0;
  };

  const addOne = (a) => {
    if (!a || shown.has(String(a.id))) return;
    shown.add(String(a.id));
    list.insertBefore(announcementItem(a), list.firstChild);
    listStatus.hidden = true;
  };

  const load = async () => {
    try {
      const home = await api.get('/api/v1/home');
      if (home.previous_login_ms) prevLogin.textContent = t('home.previous_login', { when: formatDateTime(home.previous_login_ms) });
      else prevLogin.textContent = t('home.first_login');
      renderList(Array.isArray(home.announcements) ? home.announcements : []);
    } catch (err) {
      prevLogin.textContent = '';
      listStatus.hidden = false;
      listStatus.textContent = errorMessage(err);
    }
  };

  const hint = sessionHint(state.session);
  const work = homePanels();
  const contacts = contactPanels();
  const node = h(
    'div',
    { class: 'page page-home' },
    h('h1', { class: 'page-title', tabindex: '-1' }, t('home.hello', { name: user.display_name || user.username })),
    h('div', { class: 'facts' }, h('p', null, t('home.role', { role: t(`role.${user.role}`) })), prevLogin, hint ? h('p', { class: 'muted' }, hint) : null),
    contacts.node,
    work.node,
    h('section', { class: 'card', 'aria-labelledby': 'ann-title' }, h('h2', { id: 'ann-title' }, t('home.announcements')), hasRole(['supervisor', 'admin']) ? postForm(addOne) : null, listStatus, list),
  );

  const off = listen('announcement', addOne);
  load();
  return {
    node,
    title: t('nav.home'),
    dispose: () => {
      off();
      work.dispose();
      contacts.dispose();
    },
  };
}

function postForm(onPosted) {
  const id = uid('ann-text');
  const countId = uid('ann-count');
  const text = h('textarea', { id, name: 'text', rows: 3, maxlength: ANNOUNCEMENT_MAX, required: true, 'aria-describedby': countId });
  const count = h('span', { id: countId, class: 'counter' }, t('home.announcement_count', { n: 0, max: ANNOUNCEMENT_MAX }));
  const status = h('p', { class: 'form-status', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, t('home.announcement_post'));
  text.addEventListener('input', () => {
    count.textContent = t('home.announcement_count', { n: [...text.value].length, max: ANNOUNCEMENT_MAX });
  });
  const form = h(
    'form',
    { class: 'announce-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: id }, t('home.announcement_label')), text, count),
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const value = text.value.trim();
    status.classList.remove('is-error');
    if (!value) {
      status.textContent = t('home.announcement_empty');
      status.classList.add('is-error');
      text.focus();
      return;
    }
    if ([...value].length > ANNOUNCEMENT_MAX) {
      status.textContent = t('home.announcement_too_long', { max: ANNOUNCEMENT_MAX });
      status.classList.add('is-error');
      return;
    }
    submit.disabled = true;
    try {
      const res = await api.post('/api/v1/announcements', { text: value });
      text.value = '';
      count.textContent = t('home.announcement_count', { n: 0, max: ANNOUNCEMENT_MAX });
      status.textContent = t('home.announcement_posted');
      if (res && res.announcement) {
        postedHere.add(String(res.announcement.id));
        onPosted(res.announcement);
      }
    } catch (err) {
      status.textContent = errorMessage(err);
      status.classList.add('is-error');
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
