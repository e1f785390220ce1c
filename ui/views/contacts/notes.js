// notes.js: the contact's notes, never lost. Saved as the agent types
// (debounced), with a visible state (saving, saved, offline, conflict); the
// unsent text is kept in the tab (draft.js) so going offline or reloading
// loses nothing; when someone else saved in between (409 notes_conflict) both
// texts are shown for the agent to reconcile, and neither is dropped.

import { api, seg } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { errorMessage, formatDateTime, getLang, t } from '../../i18n.js';
import { dropDraft, readDraft, writeDraft } from './draft.js';

const DEBOUNCE_MS = 1000;
const RETRY_MS = 5000;

/** merged(yours, theirs): a starting point for the reconciled text that keeps both. */
function merged(yours, theirs) {
  if (yours.startsWith(theirs)) return yours;
  if (theirs.startsWith(yours)) return theirs;
  return `${theirs}\n\n${yours}`;
}

/**
 * notesEditor({contact, templates, readOnly}) -> {node, textarea, dispose()}.
 * templates: the organisation's note templates ({id, title_es, title_en, text_es, text_en}).
 */
export function notesEditor({ contact, templates = [], readOnly = false }) {
  const id = contact.id;
  const areaId = uid('ct-notes');
  const textarea = h('textarea', { id: areaId, class: 'ct-notes', rows: 8, maxlength: 50000, dataset: { field: 'notes' }, readonly: readOnly, 'aria-describedby': `${areaId}-state` });
  const state = h('p', { id: `${areaId}-state`, class: 'ct-notes-state', role: 'status', dataset: { state: 'saved' } });
  const conflict = h('div', { class: 'ct-conflict', role: 'alert', hidden: true });
  let version = contact.notes_version;
  let timer = null;
  let retry = null;
  let inflight = false;
  let again = false;
  let inConflict = false;
  let disposed = false;

  const setState = (s, extra) => {
    state.dataset.state = s;
    state.textContent = s === 'saved' && extra ? t('contacts.notes.saved_at', { when: formatDateTime(extra) }) : t(`contacts.notes.${s}`);
  };

  textarea.value = contact.notes || '';
  const draft = readOnly ? null : readDraft(id);
  if (draft && draft.text !== textarea.value) {
    textarea.value = draft.text;
    version = draft.base ?? version;
    setState('unsent');
  } else {
    if (draft) dropDraft(id);
    if (contact.notes_saved_ms) setState('saved', contact.notes_saved_ms);
    else setState('saved');
  }
  if (readOnly) setState('read_only');

  const showConflict = (err) => {
    const d = err.details || {};
    inConflict = true;
    const yours = textarea.value;
    const theirs = typeof d.theirs === 'string' ? d.theirs : '';
    const mergedArea = h('textarea', { id: uid('ct-merge'), rows: 8, class: 'ct-notes', value: merged(yours, theirs) });
    const use = h('button', { type: 'button', class: 'button button-primary' }, t('contacts.notes.use_merged'));
    replace(
      conflict,
      h('p', null, t('contacts.notes.conflict', { name: d.saved_by || t('save.someone'), when: formatDateTime(d.saved_ms) || '—' })),
      h('div', { class: 'ct-conflict-texts' },
        h('div', null, h('h4', null, t('contacts.notes.yours')), h('pre', { class: 'ct-pre', dataset: { text: 'yours' } }, yours)),
        h('div', null, h('h4', null, t('contacts.notes.theirs')), h('pre', { class: 'ct-pre', dataset: { text: 'theirs' } }, theirs))),
      h('label', { for: mergedArea.id }, t('contacts.notes.merged')),
      mergedArea,
      h('div', { class: 'actions' }, use),
    );
    conflict.hidden = false;
    setState('conflict');
    use.addEventListener('click', () => {
      textarea.value = mergedArea.value;
      version = d.current_notes_version;
      writeDraft(id, textarea.value, version);
      inConflict = false;
      conflict.hidden = true;
      save();
    });
  };

  async function save() {
    clearTimeout(timer);
    timer = null;
    if (readOnly || inConflict || disposed) return;
    if (inflight) {
      again = true;
      return;
    }
    if (!navigator.onLine) {
      setState('offline');
      return;
    }
    const sent = textarea.value;
    inflight = true;
    setState('saving');
    try {
      const res = await api.put(`/api/v1/contacts/${seg(id)}/notes`, { notes: sent, notes_version: version });
      version = res.notes_version;
      if (textarea.value === sent) {
        dropDraft(id);
        setState('saved', res.saved_ms);
      } else {
        writeDraft(id, textarea.value, version);
        again = true;
      }
    } catch (err) {
      if (err.code === 'notes_conflict') showConflict(err);
      else if (err.code === 'network' || err.status >= 500 || err.code === 'busy') {
        setState('offline');
        clearTimeout(retry);
        retry = setTimeout(save, RETRY_MS);
      } else if (err.code === 'contact_closed') setState('read_only');
      else {
        state.dataset.state = 'error';
        state.textContent = errorMessage(err);
      }
    } finally {
      inflight = false;
    }
    if (again && !disposed) {
      again = false;
      save();
    }
  }

  const onInput = () => {
    writeDraft(id, textarea.value, version);
    if (!inConflict) setState(navigator.onLine ? 'unsaved' : 'offline');
    clearTimeout(timer);
    timer = setTimeout(save, DEBOUNCE_MS);
  };
  const onOnline = () => save();
  const onOffline = () => {
    if (state.dataset.state !== 'saved') setState('offline');
  };
  textarea.addEventListener('input', onInput);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  if (draft && draft.text !== (contact.notes || '') && !readOnly) save();

  let picker = null;
  if (templates.length && !readOnly) {
    const en = getLang() === 'en';
    picker = h('select', { id: uid('ct-tpl'), class: 'ct-template', 'aria-label': t('contacts.notes.template') },
      h('option', { value: '' }, t('contacts.notes.template')),
      templates.map((x) => h('option', { value: String(x.id) }, (en ? x.title_en : x.title_es) || x.title_es)));
    picker.addEventListener('change', () => {
      const tpl = templates.find((x) => String(x.id) === picker.value);
      picker.value = '';
      if (!tpl) return;
      const text = (en ? tpl.text_en : tpl.text_es) || tpl.text_es || '';
      const start = textarea.selectionStart ?? textarea.value.length;
      const end = textarea.selectionEnd ?? start;
      textarea.setRangeText(text, start, end, 'end');
      textarea.focus();
      onInput();
    });
  }

  const node = h('div', { class: 'field ct-notes-field' },
    h('div', { class: 'ct-notes-head' }, h('label', { for: areaId }, t('contacts.field.notes')), picker),
    textarea, state, h('p', { class: 'field-hint' }, t('contacts.help.notes')), conflict);
  return {
    node,
    textarea,
    readOnly,
    dispose() {
      // the text is in the draft already; one last try to send it
      if (timer && !readOnly && !inConflict) save();
      disposed = true;
      clearTimeout(timer);
      clearTimeout(retry);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    },
  };
}
