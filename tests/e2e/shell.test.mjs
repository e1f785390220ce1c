// shell.test.mjs: the app shell in headless Chromium against a real server:
// sign-in, language, sign-out, live stream, announcements, user admin with
// optimistic locking, audit, keyboard, XSS-as-text and empty browser storage.
// Needs FARO_URL and FARO_{ADMIN,AGENT}_{USER,PASS}; tests/e2e/run.sh sets them.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN, AGENT, BASE, NEWBIE, assertClean, assertNoStorage, gotoLogin, launch, login, open, rand, shutdown, signOut, skipReason, strongPassword, text, waitLive, watch } from './lib.mjs';

const skip = skipReason();
const XSS = '<img src=x onerror=alert(1)>';

describe('app shell', { skip: skip || false }, () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await shutdown(browser);
  });

  /** usersPage(page): go to Administración → Usuarios and wait for the table. */
  async function usersPage(page) {
    await page.goto(`${BASE}/#/admin/usuarios`);
    await page.getByRole('heading', { level: 2, name: 'Usuarios' }).waitFor();
    await page.locator('tbody tr').first().waitFor();
  }

  async function createUser(page, { username, name, role = 'agent', password }) {
    const form = page.locator('form.grid-form');
    await form.getByLabel('Usuario', { exact: true }).fill(username);
    await form.getByLabel('Nombre', { exact: true }).fill(name);
    await form.getByLabel('Rol', { exact: true }).selectOption(role);
    await form.getByLabel('Contraseña inicial', { exact: true }).fill(password);
    await form.getByRole('button', { name: 'Crear usuario' }).click();
    await page.locator('.status-box', { hasText: `Usuario ${username} creado.` }).waitFor();
    return page.locator(`tbody tr[data-username="${username}"]`);
  }

  test('agent signs in: Spanish home, nav for the role, live indicator, autofocus', async () => {
    const { ctx, page, ...w } = await open(browser);
    await gotoLogin(page);
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('autocomplete')), 'username', 'username field has focus');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    await login(page, AGENT);
    assert.match(await text(page.locator('h1')), /^Hola, .+/);
    const nav = page.getByRole('navigation', { name: 'Principal' });
    const home = nav.getByRole('link', { name: 'Inicio', exact: true });
    assert.equal(await home.getAttribute('aria-current'), 'page');
    for (const label of ['Contactos', 'Perfiles', 'Casos', 'Recursos', 'Planificación']) {
      assert.equal(await nav.getByRole('link', { name: label, exact: true }).count(), 1, label);
    }
    assert.equal(await nav.getByRole('link', { name: 'Administración' }).count(), 0, 'no Administración for agents');
    assert.equal(await nav.getByRole('link', { name: 'Informes' }).count(), 0, 'no Informes for agents');
    await page.getByText(/^Rol: Agente$/).waitFor();
    await waitLive(page, 'En vivo');
    await page.getByRole('heading', { level: 2, name: 'Avisos' }).waitFor();
    assert.equal(await page.getByLabel('Publicar un aviso para todo el equipo').count(), 0, 'agents cannot post announcements');
    // The nav marks the section one is in.
    await nav.getByRole('link', { name: 'Casos', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Casos' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Casos', exact: true }).getAttribute('aria-current'), 'page');
    assert.equal(await home.getAttribute('aria-current'), null);
    // The admin area is closed to agents in the UI too.
    await page.goto(`${BASE}/#/admin/usuarios`);
    await page.getByText('Su rol no tiene acceso a esta sección.').waitFor();
    await assertNoStorage(page);
    assertClean(w);
    await ctx.close();
  });

  test('language: English from the user menu, kept by the server across reloads', async () => {
    const { ctx, page, ...w } = await open(browser);
    await login(page, AGENT);
    await page.locator('.user-button').click();
    await page.getByRole('button', { name: 'English' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Home', exact: true }).waitFor();
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await waitLive(page, 'Live');
    await page.reload();
    await nav.getByRole('link', { name: 'Home', exact: true }).waitFor();
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    await page.getByText(/^Role: Agent$/).waitFor();
    // Back to Spanish so the other tests start from the default.
    await page.locator('.user-button').click();
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Inicio', exact: true }).waitFor();
    await assertNoStorage(page);
    assertClean(w);
    await ctx.close();
  });

  test('sign-out returns to the login page and really ends the session', async () => {
    const { ctx, page, ...w } = await open(browser);
    await login(page, AGENT);
    await waitLive(page);
    await signOut(page);
    await page.getByText('Ha cerrado la sesión.').waitFor();
    const me = await page.request.get(`${BASE}/api/v1/me`);
    assert.equal(me.status(), 401, 'the old cookie no longer works');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    await assertNoStorage(page);
    assertClean(w);
    await ctx.close();
  });

  test('wrong password: translated message, in Spanish and in English', async () => {
    const { ctx, page, ...w } = await open(browser);
    await gotoLogin(page);
    const nobody = `nobody_${rand()}`;
    await page.getByLabel('Usuario', { exact: true }).fill(nobody);
    await page.getByLabel('Contraseña', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByRole('alert').filter({ hasText: 'Usuario o contraseña incorrectos' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.match(page.url(), /lang=en/, 'the choice lives in the URL hash, not in storage');
    assert.equal(await page.getByLabel('Username', { exact: true }).inputValue(), nobody, 'typed username survives the switch');
    await page.getByLabel('Password', { exact: true }).fill('still-not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
    await assertNoStorage(page);
    assertClean(w);
    await ctx.close();
  });

  test('throttled sign-in: says how long to wait and holds the button', async () => {
    const { ctx, page, ...w } = await open(browser);
    await gotoLogin(page);
    // Build a streak of failures for a throwaway name straight through the API
    // (same IP and cookies as the page), honouring each Retry-After, until
    // the server's wait is long enough to see in the UI.
    const username = `slow${rand(4)}`;
    let lastWait = 0;
    for (let i = 0; i < 20 && lastWait < 4; i++) {
      const r = await page.request.post(`${BASE}/api/v1/auth/login`, { data: { username, password: 'wrong-password-123' }, headers: { Origin: BASE } });
      if (r.status() === 429) {
        lastWait = Number(r.headers()['retry-after'] || 0);
        if (lastWait < 4) await page.waitForTimeout(lastWait * 1000 + 100);
      } else {
        assert.equal(r.status(), 401);
      }
    }
    assert.ok(lastWait >= 4, 'the server never asked to wait 4 s or more');
    await page.getByLabel('Usuario', { exact: true }).fill(username);
    await page.getByLabel('Contraseña', { exact: true }).fill('wrong-password-123');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByRole('alert').filter({ hasText: /^Demasiados intentos\. Espere \d+ segundos? e inténtelo de nuevo\.$/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Iniciar sesión' }).isDisabled(), true, 'submit is held while the server asks to wait');
    assertClean(w);
    await ctx.close();
  });

  test('a display name with markup is shown as text and runs nothing', async () => {
    const admin = await open(browser);
    await login(admin.page, ADMIN);
    await usersPage(admin.page);
    const who = { user: `xss${rand()}`, pass: strongPassword() };
    const row = await createUser(admin.page, { username: who.user, name: XSS, password: who.pass });
    assert.equal(await text(row.locator('td').nth(1)), XSS);
    assert.equal(await admin.page.locator('img').count(), 0, 'no <img> element was created');

    const victim = await open(browser);
    await login(victim.page, who);
    await victim.page.getByRole('heading', { level: 1, name: `Hola, ${XSS}` }).waitFor();
    assert.equal(await text(victim.page.locator('.user-button .user-name')), XSS);
    assert.equal(await victim.page.locator('img').count(), 0);
    await victim.page.waitForTimeout(300);
    assertClean(admin);
    assertClean(victim);
    await assertNoStorage(victim.page);
    await victim.ctx.close();
    await admin.ctx.close();
  });

  test('an announcement posted by the admin appears as a toast for the agent', async () => {
    const agent = await open(browser);
    await login(agent.page, AGENT);
    await waitLive(agent.page);
    const admin = await open(browser);
    await login(admin.page, ADMIN);
    const msg = `Reunión a las 15:00 <b>${rand()}</b>`;
    await admin.page.getByLabel('Publicar un aviso para todo el equipo').fill(msg);
    await admin.page.getByRole('button', { name: 'Publicar aviso' }).click();
    await admin.page.getByText('Aviso publicado.').waitFor();
    await admin.page.locator('.announcement-text', { hasText: msg }).first().waitFor();

    const toast = agent.page.locator('.toast', { hasText: msg });
    await toast.waitFor({ timeout: 10000 });
    assert.equal(await text(toast.locator('.toast-title')), 'Nuevo aviso');
    assert.equal(await agent.page.locator('b').count(), 0, 'markup stays text');
    // The agent's Inicio lists it too, and it is still there after a reload.
    await agent.page.locator('.announcement-text', { hasText: msg }).first().waitFor();
    await agent.page.reload();
    await agent.page.locator('.announcement-text', { hasText: msg }).first().waitFor();
    // The toast did not take focus away.
    assert.notEqual(await agent.page.evaluate(() => document.activeElement && document.activeElement.className), 'toast-close');
    assertClean(agent);
    assertClean(admin);
    await agent.ctx.close();
    await admin.ctx.close();
  });

  test('admin creates a user, edits the role; a stale edit in another tab is refused', async () => {
    const a = await open(browser);
    await login(a.page, ADMIN);
    await usersPage(a.page);
    const username = `e2e${rand()}`;
    const row = await createUser(a.page, { username, name: 'Marta Prueba', role: 'agent', password: strongPassword() });
    assert.equal(await text(row.locator('td').nth(2)), 'Agente');
    assert.equal(await text(row.locator('td').nth(4)), 'Activo');

    // Second tab, same admin, loads the list now (version N).
    const bPage = await a.ctx.newPage();
    const b = { page: bPage, ...watch(bPage) };
    await usersPage(b.page);

    // Tab A changes the role (version N -> N+1).
    await row.getByRole('button', { name: `Editar a ${username}` }).click();
    let dlg = a.page.getByRole('dialog', { name: 'Editar usuario' });
    await dlg.getByLabel('Rol', { exact: true }).selectOption('supervisor');
    await dlg.getByRole('button', { name: 'Guardar' }).click();
    await a.page.locator('.status-box', { hasText: `Cambios de ${username} guardados.` }).waitFor();
    assert.equal(await text(row.locator('td').nth(2)), 'Supervisor/a');

    // Tab B still holds version N: its edit must be refused and the list reloaded.
    const rowB = b.page.locator(`tbody tr[data-username="${username}"]`);
    assert.equal(await text(rowB.locator('td').nth(2)), 'Agente');
    await rowB.getByRole('button', { name: `Editar a ${username}` }).click();
    dlg = b.page.getByRole('dialog', { name: 'Editar usuario' });
    await dlg.getByLabel('Rol', { exact: true }).selectOption('coordinator');
    await dlg.getByRole('button', { name: 'Guardar' }).click();
    await b.page.locator('.status-box', { hasText: 'Otra persona modificó este usuario; se recargaron los datos' }).waitFor();
    await rowB.locator('td', { hasText: 'Supervisor/a' }).waitFor();

    // With fresh data the same edit goes through.
    await rowB.getByRole('button', { name: `Editar a ${username}` }).click();
    dlg = b.page.getByRole('dialog', { name: 'Editar usuario' });
    await dlg.getByLabel('Rol', { exact: true }).selectOption('coordinator');
    await dlg.getByRole('button', { name: 'Guardar' }).click();
    await b.page.locator('.status-box', { hasText: `Cambios de ${username} guardados.` }).waitFor();
    assert.equal(await text(rowB.locator('td').nth(2)), 'Coordinador/a');

    // Disable (with confirmation) and enable again.
    await rowB.getByRole('button', { name: `Desactivar a ${username}` }).click();
    await b.page.getByRole('dialog').getByRole('button', { name: 'Desactivar' }).click();
    await rowB.locator('td', { hasText: 'Desactivado' }).waitFor();
    await rowB.getByRole('button', { name: `Activar a ${username}` }).click();
    await rowB.locator('td', { hasText: 'Activo' }).waitFor();

    assertClean(a);
    assertClean(b);
    await assertNoStorage(a.page);
    await a.ctx.close();
  });

  test('a user created in the admin UI signs in (username with . _ -) and changes the password', async () => {
    const admin = await open(browser);
    await login(admin.page, ADMIN);
    await usersPage(admin.page);
    const who = { user: `ana.maria_g-${rand(3)}`, pass: strongPassword() };
    await createUser(admin.page, { username: who.user, name: 'Ana María Gómez', password: who.pass });
    assertClean(admin);
    await admin.ctx.close();

    const { ctx, page, ...w } = await open(browser);
    await login(page, who);
    await page.getByRole('heading', { level: 1, name: 'Hola, Ana María Gómez' }).waitFor();
    await page.locator('.user-button').click();
    await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
    const dlg = page.getByRole('dialog', { name: 'Cambiar contraseña' });
    const next = strongPassword();
    await dlg.getByLabel('Contraseña actual').fill('not-my-password-at-all');
    await dlg.getByLabel('Contraseña nueva', { exact: true }).fill(next);
    await dlg.getByLabel('Repita la contraseña nueva').fill(next);
    await dlg.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await dlg.getByRole('alert').filter({ hasText: 'La contraseña actual no es correcta.' }).waitFor();
    await dlg.getByLabel('Contraseña actual').fill(who.pass);
    await dlg.getByRole('button', { name: 'Cambiar contraseña' }).click();
    // Either the session survives (toast) or the server ends every session on a
    // password change and the app goes back to the login page.
    await page.locator('.toast', { hasText: 'Contraseña cambiada.' }).or(page.getByRole('heading', { level: 1, name: 'Iniciar sesión' })).first().waitFor();
    if (await page.getByRole('heading', { level: 1, name: /^Hola, / }).count()) await signOut(page);
    await login(page, { user: who.user, pass: next });
    assertClean(w);
    await ctx.close();
  });

  test('one-time password: the app asks for a new one before anything else', { skip: !NEWBIE.user && 'FARO_NEWBIE_USER not set' }, async () => {
    const { ctx, page, ...w } = await open(browser);
    await login(page, NEWBIE, { expectPasswordChange: true });
    assert.equal(await page.getByRole('navigation').count(), 0, 'no app shell yet');
    await page.getByText('Debe elegir una contraseña nueva antes de continuar.').waitFor();
    // A shortcut or a typed address does not get around it.
    await page.goto(`${BASE}/#/contactos`);
    await page.getByRole('heading', { level: 1, name: 'Elija una contraseña nueva' }).waitFor();
    const next = strongPassword();
    await page.getByLabel('Contraseña actual o temporal').fill(NEWBIE.pass);
    await page.getByLabel('Contraseña nueva', { exact: true }).fill(next);
    await page.getByLabel('Repita la contraseña nueva').fill(`${next}x`);
    await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await page.getByRole('alert').filter({ hasText: 'Las dos contraseñas nuevas no coinciden.' }).waitFor();
    await page.getByLabel('Repita la contraseña nueva').fill(next);
    await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contactos' }).waitFor();
    await page.getByRole('navigation', { name: 'Principal' }).waitFor();
    await signOut(page);
    await login(page, { user: NEWBIE.user, pass: next });
    await assertNoStorage(page);
    assertClean(w);
    await ctx.close();
  });

  test('audit log: events listed, chain verified', async () => {
    const { ctx, page, ...w } = await open(browser);
    await login(page, ADMIN);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Administración' }).click();
    await page.getByRole('navigation', { name: 'Secciones de administración' }).getByRole('link', { name: 'Auditoría' }).click();
    await page.getByRole('heading', { level: 2, name: 'Auditoría' }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    assert.ok((await page.locator('tbody tr').count()) > 0);
    assert.equal(await page.getByRole('link', { name: 'Administración' }).getAttribute('aria-current'), 'page');
    await page.getByRole('button', { name: 'Verificar cadena' }).click();
    await page.locator('.status-box.status-ok', { hasText: 'La cadena está íntegra' }).waitFor();
    assertClean(w);
    await ctx.close();
  });

  test('keyboard: skip link, ? help overlay, g-shortcuts', async () => {
    const { ctx, page, ...w } = await open(browser);
    await login(page, ADMIN);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Hola, / }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Saltar al contenido');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Atajos de teclado' });
    await help.waitFor();
    await help.getByText('Administración').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.keyboard.press('g');
    await page.keyboard.press('a');
    await page.getByRole('heading', { level: 2, name: 'Usuarios' }).waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('i');
    await page.getByRole('heading', { level: 1, name: /^Hola, / }).waitFor();
    // Typing in a field is not a shortcut.
    await page.getByLabel('Publicar un aviso para todo el equipo').fill('');
    await page.getByLabel('Publicar un aviso para todo el equipo').press('?');
    assert.equal(await page.getByRole('dialog').count(), 0);
    assertClean(w);
    await ctx.close();
  });

  test('ending a user\'s sessions sends their browser to the login page', async () => {
    const admin = await open(browser);
    await login(admin.page, ADMIN);
    const who = { user: `bye${rand()}`, pass: strongPassword() };
    await usersPage(admin.page);
    const row = await createUser(admin.page, { username: who.user, name: 'Pablo Salida', password: who.pass });
    const victim = await open(browser);
    await login(victim.page, who);
    await waitLive(victim.page);
    await row.getByRole('button', { name: `Cerrar las sesiones de ${who.user}` }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Cerrar sesiones' }).click();
    await admin.page.locator('.status-box', { hasText: `Se cerraron las sesiones de ${who.user}.` }).waitFor();
    await victim.page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor({ timeout: 20000 });
    await victim.page.getByText('Su sesión terminó. Inicie sesión de nuevo para continuar.').waitFor();
    await assertNoStorage(victim.page);
    assertClean(admin);
    assertClean(victim);
    await victim.ctx.close();
    await admin.ctx.close();
  });
});
