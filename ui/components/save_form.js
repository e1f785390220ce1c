// save_form.js: the one way a form saves an edit of a versioned record. It
// sends only what changed, with the version the form read; when someone saved
// first (409 stale_version, which names saved_by, saved_ms, current_version)
// it says whose change won and when, what they and I changed, and offers to
// reapply mine on their version or to discard mine.

import { h, replace } from '../dom.js';
import { formatDateTime, t } from '../i18n.js';

const same = (a, b) => JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b);

/** changedKeys(before, after, keys = keys of after) -> the keys whose values differ (compared as JSON). */
export function changedKeys(before, after, keys = Object.keys(after)) {
  return keys.filter((k) => !same(before[k], after[k]));
}

/** pick(obj, keys) -> a copy of obj with only keys. */
export function pick(obj, keys) {
  const out = {};
  for (const k of keys) out[k] = obj[k];
  return out;
}

/** whoWon(err) -> {name, when} of a 409 stale_version: who saved first and when (texts for t()). */
export function whoWon(err) {
  const d = (err && err.details) || {};
  return { name: d.saved_by || t('save.someone'), when: formatDateTime(d.saved_ms) || '—' };
}

/** staleText(err) -> "Ana saved this record first (7 Dec 2026, 10:30)." for a 409 stale_version. */
export function staleText(err) {
  return t('save.stale_by', whoWon(err));
}

/**
 * saveEdit(o) -> Promise: sends o.mine with o.version through o.send(version,
 * mine) -> the server's answer, then calls o.onSaved(answer); nothing is sent
 * when o.mine is empty (o.onSaved(null)). On 409 stale_version it fills
 * o.conflict (an element, hidden until then) with whose change won, what they
 * changed (o.theirs(latest) -> [labels], latest from o.reload()) and what I
 * changed (o.label(key) per key of o.mine), and two buttons: reapply mine on
 * their version (o.onSaved on success) and discard mine (o.onDiscard(latest)).
 * o.texts.conflict names the catalog key of the first line ({name}, {when}).
 * Other errors are thrown to the caller; later ones go to o.onError(err).
 */
export async function saveEdit(o) {
  o.conflict.hidden = true;
  if (!Object.keys(o.mine).length) {
    o.onSaved(null);
    return;
  }
  let res;
  try {
    res = await o.send(o.version, o.mine);
  } catch (e) {
    if (e.code !== 'stale_version') throw e;
    await showConflict(o, e);
    return;
  }
  o.onSaved(res);
}

async function showConflict(o, err) {
  let latest = null;
  try {
    if (o.reload) latest = await o.reload();
  } catch (e) {
    o.onError(e);
    return;
  }
  const d = err.details || {};
  const version = latest && latest.version !== undefined ? latest.version : d.current_version;
  const theirs = latest && o.theirs ? o.theirs(latest) : null;
  const label = o.label || ((k) => k);
  const reapply = h('button', { type: 'button', class: 'button button-primary' }, t('save.reapply'));
  const discard = h('button', { type: 'button', class: 'button' }, t('save.discard'));
  replace(
    o.conflict,
    h('p', null, t((o.texts && o.texts.conflict) || 'save.conflict', whoWon(err))),
    theirs ? h('p', { class: 'status-detail' }, t('save.theirs', { fields: theirs.join(', ') || '—' })) : null,
    h('p', { class: 'status-detail' }, t('save.mine', { fields: Object.keys(o.mine).map(label).join(', ') })),
    h('div', { class: 'actions' }, discard, reapply),
  );
  o.conflict.hidden = false;
  reapply.focus();
  discard.addEventListener('click', () => {
    o.conflict.hidden = true;
    o.onDiscard(latest);
  });
  reapply.addEventListener('click', async () => {
    reapply.disabled = true;
    let res;
    try {
      res = await o.send(version, o.mine);
    } catch (e) {
      reapply.disabled = false;
      if (e.code === 'stale_version') await showConflict(o, e);
      else o.onError(e);
      return;
    }
    o.conflict.hidden = true;
    o.onSaved(res);
  });
}
