// contact_screen.mjs: issue 11's "time to open the contact screen in the browser after the pop":
// one agent signed in in headless Chromium (Debian's, launched as tests/e2e/lib.mjs does), the app
// open on Inicio; BENCH_SCREEN_POPS times a signed telephony `ringing` for that agent is posted from
// here (HMAC recipe of docs/telephony.md) and the clock runs until the contact screen of the contact
// the answer names is usable; then back to Inicio. Baseline in the same run, interleaved: going to
// #/perfiles (already known route) until it is usable. Prints "result contacts ENGINE screen: ..." lines.
//
// Clocks: every time is wall-clock milliseconds with sub-millisecond resolution
// (performance.timeOrigin + performance.now(), in node and in the page alike; one machine, one
// clock). The start is taken in node just before the request is written. The end is taken in the
// page by a MutationObserver (installed once after sign-in): the first DOM change after which the
// location is #/contactos/ID, the active-contact bar names the caller and the body is usable (the
// four tabs, or the profile step with the phone lookup's answer shown: the one match to confirm or
// "no profile has this number"). That is the DOM state, before the frame that paints it; the next
// requestAnimationFrame after it is recorded too ("painted"). node only polls for the recorded
// times, so its polling does not enter the figures. The hashchange that the pop causes
// (app.js: live:contact_pop sets location.hash) is recorded too, which splits the figure into
// "pop reaches the page" and "the page builds the screen"; the baseline is measured from its own
// hashchange, so "build the screen" vs "navigate to #/perfiles" compares the browser's work.
//
// Env: FARO_URL (base URL; lib.mjs reads it), BENCH_ADMIN_USER, BENCH_ADMIN_PW, BENCH_PROFILES (the
// generated profiles: numbers +573 + 9 digits, 2*id and 2*id+1), BENCH_SCREEN_POPS (30),
// BENCH_ENGINE (label), FARO_CHROMIUM (lib.mjs, default /usr/bin/chromium).
// Usage: node bench/contact_screen.mjs

import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { BASE, launch, login, open, shutdown, waitLive } from '../tests/e2e/lib.mjs';

const ENGINE = process.env.BENCH_ENGINE || 'sqlite';
const POPS = Number(process.env.BENCH_SCREEN_POPS || 30);
const WARM = 3;
const PROFILES = Number(process.env.BENCH_PROFILES || 0);
const LINE = '+576045551000';
const say = (s) => process.stderr.write(`bench contacts screen: ${s}\n`);
const now = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const url = new URL(BASE);

/** call(method, path, body, auth, headers) -> {status, body, cookie}: one request on the keep-alive agent. */
function call(method, path, body = null, auth = null, headers = {}) {
  const raw = body === null ? null : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  const h = { ...headers };
  if (raw) {
    h['Content-Type'] = 'application/json';
    h['Content-Length'] = raw.length;
  }
  if (auth) {
    h.Cookie = auth.cookie;
    if (method !== 'GET') h['X-CSRF-Token'] = auth.csrf;
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method, headers: h, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const sc = res.headers['set-cookie'];
        resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null, cookie: sc ? sc[0].split(';', 1)[0] : null });
      });
    });
    req.setNoDelay(true);
    req.on('error', reject);
    req.end(raw);
  });
}

async function apiLogin(username, password) {
  const r = await call('POST', '/api/v1/auth/login', { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return { cookie: r.cookie, csrf: r.body.csrf_token };
}

/** setup() -> {integ: {id, secret}, who: {user, pass}}: the line (if none yet), an integration, one agent. */
async function setup() {
  const admin = await apiLogin(process.env.BENCH_ADMIN_USER, process.env.BENCH_ADMIN_PW);
  const cur = await call('GET', '/api/v1/admin/contact-settings', null, admin);
  if (cur.status !== 200) throw new Error(`contact-settings: ${cur.status}`);
  const s = cur.body.settings || cur.body;
  if (!(s.lines || []).some((l) => l.phone === LINE)) {
    const put = await call('PUT', '/api/v1/admin/contact-settings', { version: s.version, lines: [...(s.lines || []), { name: 'Línea bench', phone: LINE, channel: 'voice' }] }, admin);
    if (put.status !== 200) throw new Error(`contact-settings PUT: ${put.status} ${JSON.stringify(put.body)}`);
  }
  const ig = await call('POST', '/api/v1/admin/telephony/integrations', { name: `bench screen ${process.pid}` }, admin);
  if (ig.status !== 201) throw new Error(`integration: ${ig.status} ${JSON.stringify(ig.body)}`);
  const who = { user: `cscreen${process.pid}`, pass: `${randomBytes(15).toString('base64url')}-Qz` };
  const u = await call('POST', '/api/v1/admin/users', { username: who.user, display_name: 'Agente Pantalla', role: 'agent', password: who.pass }, admin);
  if (u.status !== 201) throw new Error(`agent: ${u.status} ${JSON.stringify(u.body)}`);
  return { integ: { id: ig.body.integration.id, secret: ig.body.secret }, who };
}

/** installRecorder(): in the page; see the header for what each time means. */
function installRecorder() {
  const B = { usable: {}, painted: {}, hash: {}, perfiles: [] };
  window.__bench = B;
  const t = () => performance.timeOrigin + performance.now();
  let perfilesStart = null;
  window.addEventListener('hashchange', (e) => {
    const at = performance.timeOrigin + e.timeStamp;
    const m = /^#\/contactos\/(\d+)$/.exec(location.hash);
    if (m && !(m[1] in B.hash)) B.hash[m[1]] = at;
    perfilesStart = location.hash === '#/perfiles' ? at : null;
  }, true);
  const contactUsable = () => {
    const page = document.querySelector('.page-contact');
    if (!page || !page.querySelector('h1.ct-title') || !page.querySelector('.ct-bar .ct-caller')) return false;
    if (page.querySelectorAll('[role=tab]').length === 4) return true;
    return !!page.querySelector('.ct-profile-step .ct-hits .ct-hit-list button, .ct-profile-step .ct-hits .calm-note');
  };
  const check = () => {
    const m = /^#\/contactos\/(\d+)$/.exec(location.hash);
    if (m && !(m[1] in B.usable) && contactUsable()) {
      const id = m[1];
      B.usable[id] = t();
      requestAnimationFrame(() => { B.painted[id] = t(); });
    }
    if (perfilesStart !== null && location.hash === '#/perfiles' && document.querySelector('.page-people h1') && document.querySelector('.page-people .data-table tbody tr')) {
      const rec = { start: perfilesStart, usable: t(), painted: null };
      perfilesStart = null;
      B.perfiles.push(rec);
      requestAnimationFrame(() => { rec.painted = t(); });
    }
  };
  new MutationObserver(check).observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};
const f = (x) => x.toFixed(1);
const stats = (xs) => `p50 ${f(pct(xs, 0.5))} ms p90 ${f(pct(xs, 0.9))} ms max ${f(Math.max(...xs))} ms`;

async function goHome(page) {
  await page.evaluate(() => { location.hash = '#/inicio'; });
  await page.waitForFunction(() => location.hash === '#/inicio' && /^(Hola|Hello), /.test((document.querySelector('main h1, h1.page-title') || {}).textContent || ''));
}

async function main() {
  if (!PROFILES) throw new Error('BENCH_PROFILES must be set');
  const { integ, who } = await setup();
  const browser = await launch();
  let failed = false;
  try {
    const { page, problems } = await open(browser);
    await login(page, who);
    await waitLive(page);
    await page.evaluate(installRecorder);
    const pop = [], reach = [], build = [], painted = [], base = [], basePainted = [];
    let known = 0;
    for (let k = 0; k < POPS + WARM; k++) {
      const isKnown = Math.random() < 0.9;
      const from = isKnown ? `+573${String(2 * (1 + Math.floor(Math.random() * PROFILES)) + (k & 1)).padStart(9, '0')}` : `+573${900000000 + Math.floor(Math.random() * 99999999)}`;
      const raw = Buffer.from(JSON.stringify({ type: 'ringing', call_id: `screen-${process.pid}-${k}`, from, to: LINE, agent: who.user, channel: 'voice' }));
      const ts = String(Math.floor(Date.now() / 1000));
      const sig = createHmac('sha256', integ.secret).update(`${ts}.`).update(raw).digest('hex');
      const t0 = now();
      const r = await call('POST', '/api/v1/telephony/events', raw, null, { 'X-Faro-Integration': String(integ.id), 'X-Faro-Timestamp': ts, 'X-Faro-Signature': sig });
      if (r.status !== 200 || r.body.event.status !== 'done') throw new Error(`ringing answered ${r.status} ${JSON.stringify(r.body)}`);
      const id = String(r.body.event.contact_id);
      const h = await page.waitForFunction((i) => window.__bench.painted[i] && window.__bench, id, { timeout: 15000 });
      const B = await h.jsonValue();
      if (k >= WARM) {
        pop.push(B.usable[id] - t0);
        reach.push(B.hash[id] - t0);
        build.push(B.usable[id] - B.hash[id]);
        painted.push(B.painted[id] - t0);
        known += isKnown;
      }
      await goHome(page);
      // the baseline, under the same conditions: an already-known route, from Inicio
      const n = B.perfiles.length;
      await page.evaluate(() => { location.hash = '#/perfiles'; });
      const b = await (await page.waitForFunction((m) => window.__bench.perfiles.length > m && window.__bench.perfiles[m].painted && window.__bench.perfiles[m], n, { timeout: 15000 })).jsonValue();
      if (k >= WARM) {
        base.push(b.usable - b.start);
        basePainted.push(b.painted - b.start);
      }
      await goHome(page);
    }
    if (problems.length) {
      failed = true;
      say(`page problems: ${problems.join('; ')}`);
    }
    const p50 = pct(pop, 0.5), b50 = pct(base, 0.5), build50 = pct(build, 0.5);
    console.log(`result contacts ${ENGINE} screen: contact screen usable in headless Chromium after the pop (signed ringing sent from node -> contact ID's screen: heading, caller bar and the four tabs or the profile step with the phone lookup's answer, by a MutationObserver in the page), 1 agent, ${PROFILES} profiles: ${stats(pop)} over ${pop.length} pops (${known} known callers, ${pop.length - known} unknown); painted (next frame) ${stats(painted)}`);
    console.log(`result contacts ${ENGINE} screen: split: the pop reaches the page (sent -> hashchange) ${stats(reach)}; the page builds the screen (hashchange -> usable, its GETs included) ${stats(build)}`);
    console.log(`result contacts ${ENGINE} screen: baseline navigating Inicio -> #/perfiles (known route, hashchange -> heading and recent profiles' table rendered) ${stats(base)}, painted ${stats(basePainted)}; screen after the pop p50 = ${f(p50 / b50)}x, building the contact screen p50 = ${f(build50 / b50)}x the navigation p50`);
  } finally {
    await shutdown(browser);
    agent.destroy();
  }
  if (failed) process.exitCode = 1;
}

main().catch((e) => {
  say(`failed: ${e.stack || e}`);
  process.exitCode = 1;
});
