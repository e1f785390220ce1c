// lib.mjs: shared helpers for the browser tests: Chromium launch, sign-in,
// page problem collection (CSP violations, script errors, dialogs) and the
// "nothing in browser storage" check.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = (process.env.FARO_URL || '').replace(/\/+$/, '');
export const ADMIN = { user: process.env.FARO_ADMIN_USER, pass: process.env.FARO_ADMIN_PASS };
export const AGENT = { user: process.env.FARO_AGENT_USER, pass: process.env.FARO_AGENT_PASS };
/** An account with a one-time password that must be changed at first sign-in (optional). */
export const NEWBIE = { user: process.env.FARO_NEWBIE_USER, pass: process.env.FARO_NEWBIE_PASS };

/** Why the browser tests cannot run here, or '' when they can. */
export function skipReason() {
  if (!BASE) return 'FARO_URL not set (use tests/e2e/run.sh SERVER_BINARY)';
  if (!ADMIN.user || !ADMIN.pass || !AGENT.user || !AGENT.pass) return 'FARO_ADMIN_USER/PASS and FARO_AGENT_USER/PASS must be set';
  return '';
}

const CHROMIUM = process.env.FARO_CHROMIUM || '/usr/bin/chromium';
let userDataDir = null;

/** launch() -> Browser: Debian's Chromium, headless, offline-friendly flags. */
export async function launch() {
  userDataDir = mkdtempSync(join(tmpdir(), 'faro-e2e-chromium-'));
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage', `--disk-cache-dir=${join(userDataDir, 'cache')}`],
  });
}

export async function shutdown(browser) {
  if (browser) await browser.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
}

/** rand(n): a short random token for unique names. */
export function rand(n = 6) {
  return randomBytes(n).toString('hex');
}

/** strongPassword(): a random password no blocklist contains. */
export function strongPassword() {
  return `${randomBytes(15).toString('base64url')}-Qz`;
}

/**
 * open(browser, {lang}) -> {ctx, page, problems, dialogs}.
 * problems collects page errors and CSP violations; dialogs counts any
 * alert/confirm/prompt (each is dismissed so a test cannot hang on one).
 */
export async function open(browser) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'es-ES', timezoneId: 'Europe/Madrid' });
  ctx.setDefaultTimeout(15000);
  const page = await ctx.newPage();
  const watched = watch(page);
  return { ctx, page, ...watched };
}

/** watch(page) -> {problems, dialogs}: see open(). */
export function watch(page) {
  const problems = [];
  const dialogs = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to (apply|execute|load|connect|evaluate)/i.test(text)) problems.push(`csp: ${text}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return { problems, dialogs };
}

/** assertClean(w): no script errors, no CSP violations, no dialogs. */
export function assertClean(w) {
  assert.deepEqual(w.problems, [], 'page errors or CSP violations');
  assert.deepEqual(w.dialogs, [], 'unexpected browser dialogs');
}

/** gotoLogin(page): loads the app and waits for the sign-in form. */
export async function gotoLogin(page) {
  await page.goto(`${BASE}/`);
  await page.getByRole('heading', { level: 1, name: /^(Iniciar sesión|Sign in)$/ }).waitFor();
}

/**
 * login(page, who, {expectPasswordChange}): signs in through the form (Spanish
 * labels) and waits for Inicio, or for the "choose a new password" page.
 */
export async function login(page, who, opts = {}) {
  await gotoLogin(page);
  await page.getByLabel('Usuario', { exact: true }).fill(who.user);
  await page.getByLabel('Contraseña', { exact: true }).fill(who.pass);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  if (opts.expectPasswordChange) {
    await page.getByRole('heading', { level: 1, name: 'Elija una contraseña nueva' }).waitFor();
    return;
  }
  const hello = page.getByRole('heading', { level: 1, name: /^(Hola|Hello), / });
  const refused = page.locator('.login-form .form-error');
  await hello.or(refused).first().waitFor();
  if (!(await hello.count())) throw new Error(`sign-in as ${who.user} refused: ${await text(refused)}`);
}

/** signOut(page): through the user menu. */
export async function signOut(page) {
  await page.locator('.user-button').click();
  await page.getByRole('button', { name: /^(Cerrar sesión|Sign out)$/ }).click();
  await page.getByRole('heading', { level: 1, name: /^(Iniciar sesión|Sign in)$/ }).waitFor();
}

/** waitLive(page, text): the live indicator reads text (default "En vivo"). */
export async function waitLive(page, text = 'En vivo') {
  await page.locator('.live.is-open .live-text', { hasText: text }).waitFor();
}

/** assertNoStorage(page): nothing in localStorage, sessionStorage, IndexedDB or Cache Storage. */
export async function assertNoStorage(page) {
  const s = await page.evaluate(async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
    caches: typeof caches !== 'undefined' ? await caches.keys() : [],
  }));
  assert.deepEqual(s, { local: [], session: [], idb: [], caches: [] }, 'browser storage must stay empty');
}

/** text(locator): trimmed textContent. */
export async function text(locator) {
  return ((await locator.textContent()) || '').trim();
}
