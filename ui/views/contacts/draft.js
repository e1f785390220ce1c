// draft.js: the one place the interface keeps something in the browser: the
// text of a contact's notes that the server has not acknowledged yet, in
// sessionStorage keyed by contact id (issue 11: notes are never lost, even
// offline or across a reload). Nothing else of the server's data is stored,
// and the entry is removed as soon as a save is acknowledged.

const PREFIX = 'faro.contact_notes.';

/** readDraft(id) -> {text, base} (base: the notes version the text was typed on) or null. */
export function readDraft(id) {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + id);
    if (!raw) return null;
    const d = JSON.parse(raw);
    return d && typeof d.text === 'string' ? d : null;
  } catch {
    return null;
  }
}

/** writeDraft(id, text, base): remembers the unsent text. */
export function writeDraft(id, text, base) {
  try {
    window.sessionStorage.setItem(PREFIX + id, JSON.stringify({ text, base }));
  } catch {
    // storage full or disabled: the text stays in the page and is retried
  }
}

/** dropDraft(id): forgets it once the server has the text. */
export function dropDraft(id) {
  try {
    window.sessionStorage.removeItem(PREFIX + id);
  } catch {
    // nothing to forget
  }
}
