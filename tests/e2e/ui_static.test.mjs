// ui_static.test.mjs: checks on ui/ that need no server or browser: the two
// dictionaries match and cover every key the code uses, the code never turns
// text into markup, never stores anything in the browser, and obeys the CSP
// (no inline scripts or styles, no eval).

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const UI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'ui');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** code(src): the source without // line comments and /* block comments *\/. */
function code(src) {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const files = walk(UI);
const js = files.filter((f) => f.endsWith('.js')).map((f) => ({ f: relative(UI, f), src: readFileSync(f, 'utf8') }));
// the shell's catalog merged with each area's, as ui/i18n.js loads them (its CATALOGS list)
const CATALOGS = JSON.parse(
  /export const CATALOGS = (\[[^\]]*\])/.exec(readFileSync(join(UI, 'i18n.js'), 'utf8'))[1].replace(/'/g, '"'));
const catalogFile = (lang, area) => JSON.parse(readFileSync(join(UI, 'i18n', `${lang}${area}.json`), 'utf8'));
const catalog = (lang) => Object.assign({}, ...CATALOGS.map((area) => catalogFile(lang, area)));
const es = catalog('es');
const en = catalog('en');

// A key in two catalogs (an error code two areas answer) must say the same in
// both: the catalog loaded later would silently win.
test('ui/i18n.js loads every catalog in ui/i18n/; a key in two of them says the same', () => {
  const want = ['es', 'en'].flatMap((lang) => CATALOGS.map((area) => `${lang}${area}.json`)).sort();
  assert.deepEqual(readdirSync(join(UI, 'i18n')).sort(), want);
  for (const lang of ['es', 'en']) {
    const seen = new Map();
    for (const area of CATALOGS) {
      for (const [k, v] of Object.entries(catalogFile(lang, area))) {
        if (seen.has(k)) {
          const [otherArea, otherText] = seen.get(k);
          assert.equal(v, otherText, `${k} differs between ${lang}${otherArea}.json and ${lang}${area}.json`);
        }
        seen.set(k, [area, v]);
      }
    }
  }
});

// Error codes of the API contract: each needs a translated message.
const ERROR_CODES = ['unauthenticated', 'invalid_credentials', 'forbidden', 'csrf_failed', 'not_found', 'method_not_allowed', 'payload_too_large', 'unsupported_media_type', 'invalid_json', 'invalid', 'stale_version', 'conflict', 'throttled', 'weak_password', 'wrong_password', 'busy', 'internal', 'session_ended', 'network', 'generic'];

test('es.json and en.json have the same keys and no empty strings', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(es).sort());
  for (const [k, v] of [...Object.entries(es), ...Object.entries(en)]) {
    assert.equal(typeof v, 'string', k);
    assert.ok(v.trim().length > 0, `empty string for ${k}`);
  }
});

test('placeholders agree between languages', () => {
  const ph = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  for (const k of Object.keys(es)) assert.equal(ph(en[k]), ph(es[k]), k);
});

test('every literal i18n key used in ui/*.js exists', () => {
  const used = new Set();
  for (const { src } of js) {
    for (const m of src.matchAll(/\b(?:t|has|placeholderView|messageView)\(\s*'([a-z_]+\.[a-z_.]+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/(?:titleKey|labelKey|key|notice):\s*'([a-z_]+\.[a-z_.]+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/\bt\(\s*[a-z.]+\s*\?\s*'([a-z_.]+)'\s*:\s*'([a-z_.]+)'/g)) {
      used.add(m[1]);
      used.add(m[2]);
    }
    for (const m of src.matchAll(/\[\s*('(?:[a-z_]+\.[a-z_]+)'(?:\s*,\s*'[a-z_]+\.[a-z_]+')*)\s*\]/g)) {
      for (const k of m[1].matchAll(/'([^']+)'/g)) used.add(k[1]);
    }
  }
  assert.ok(used.size > 50, `found only ${used.size} keys; the scanner is broken`);
  const missing = [...used].filter((k) => !(k in es));
  assert.deepEqual(missing, []);
});

test('roles, languages and contract error codes are translated', () => {
  for (const r of ['agent', 'coordinator', 'supervisor', 'admin']) assert.ok(`role.${r}` in es, r);
  for (const l of ['es', 'en']) assert.ok(`lang.${l}` in es, l);
  for (const c of ERROR_CODES) assert.ok(`error.${c}` in es, c);
  assert.equal(es['error.invalid_credentials'], 'Usuario o contraseña incorrectos');
  assert.equal(en['error.invalid_credentials'], 'Wrong username or password');
  for (const [k, v] of Object.entries({ 'nav.home': 'Inicio', 'nav.contacts': 'Contactos', 'nav.profiles': 'Perfiles', 'nav.cases': 'Casos', 'nav.resources': 'Recursos', 'nav.planning': 'Planificación', 'nav.reports': 'Informes', 'nav.admin': 'Administración', 'login.submit': 'Iniciar sesión', 'menu.sign_out': 'Cerrar sesión' })) {
    assert.equal(es[k], v, k);
  }
});

test('no markup sinks, eval or inline styles in ui/*.js', () => {
  const banned = [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\s*\(/, /new\s+Function\s*\(/, /\.style\.[a-zA-Z]+\s*=/, /setAttribute\(\s*'style'/, /setTimeout\(\s*['"`]/, /createContextualFragment/, /DOMParser/];
  for (const { f, src } of js) {
    for (const re of banned) assert.ok(!re.test(code(src)), `${f} uses ${re}`);
  }
});

// One exception, asked by issue 11 (notes are never lost, even offline or
// across a reload): views/contacts/draft.js keeps the unsent text of a
// contact's notes in sessionStorage, keyed by contact id, until the server
// acknowledges it. Nothing else may use browser storage.
const STORAGE_EXCEPTION = join('views', 'contacts', 'draft.js');

test('nothing is kept in browser storage', () => {
  for (const { f, src } of js) {
    if (f === STORAGE_EXCEPTION) {
      assert.ok(!/localStorage|indexedDB|document\.cookie|caches\.open/.test(code(src)), f);
      continue;
    }
    assert.ok(!/localStorage|sessionStorage|indexedDB|document\.cookie|caches\.open/.test(code(src)), f);
  }
});

test('index.html: no inline script, no inline style, module entry from /assets', () => {
  const html = readFileSync(join(UI, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length >= 1);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /\bsrc="\/assets\/[^"]+"/);
    assert.equal(body.trim(), '');
  }
  assert.doesNotMatch(html, /<style\b/i);
  assert.doesNotMatch(html, /\sstyle=/i);
  assert.doesNotMatch(html, /\son[a-z]+=/i);
  assert.match(html, /<html lang="es">/);
});

test('every relative import in ui/ resolves to a file', () => {
  for (const { f, src } of js) {
    for (const m of src.matchAll(/^import[\s\S]*?from\s+'(\.[^']+)'/gm)) {
      const target = join(UI, dirname(f), m[1]);
      assert.ok(files.includes(target), `${f}: ${m[1]}`);
    }
  }
});
