// contacts.test.mjs: the contact screen in headless Chromium: a contact
// started by hand (Alt+N), its profile created from the contact, the caller
// details filled, two services referred from Recursos (the needs appear,
// first primary, second secondary), notes typed through going offline and a
// reload without losing a character, the closing checklist's marks, and a
// close that returns to Inicio and leaves the contact read-only; a service with
// two taxonomy terms makes the agent pick the need.
// Loads the synthetic demo directory through the CLI (FARO_E2E_BIN/DB from run.sh).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ADMIN, AGENT, BASE, assertClean, launch, login, open, rand, shutdown, skipReason, strongPassword, text, waitLive } from './lib.mjs';
import { session } from './resources_fixture.mjs';

const BIN = process.env.FARO_E2E_BIN;
const DB = process.env.FARO_E2E_DB;
const skip = skipReason() || (!BIN || !DB ? 'FARO_E2E_BIN and FARO_E2E_DB not set (use tests/e2e/run.sh)' : '');

const SUPERVISOR = { user: `e2esup${rand(2)}`, pass: strongPassword() };

describe('Contactos: the contact screen', { skip: skip || false }, () => {
  let browser;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faro-e2e-dir-'));
    try {
      const run = (...args) => execFileSync(BIN, args, { stdio: 'pipe' });
      run('demo-directory', dir, '40', '1'); // small: the directory admin's list shows 100
      run('geo', 'import', 'share/geo/co-postal-codes.csv', '--country', 'CO', '--db', DB);
      run('resources', 'import', dir, '--db', DB);
    } catch (e) {
      // search.test.mjs may have loaded the same directory already
      if (!/already|exists|duplicate/i.test(String(e.stderr || e))) throw e;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // the organisation: one line, one tag, postal code and tags required, no demographic field
    const admin = await session(ADMIN);
    const cur = await admin.get('/api/v1/admin/contact-settings');
    const put = await admin.send('PUT', '/api/v1/admin/contact-settings', {
      version: cur.body.settings.version,
      lines: [{ name: 'Línea principal', phone: '+576045551000', channel: 'voice' }],
      tags: [{ label_es: 'Necesita seguimiento', label_en: 'Needs follow-up' }],
      requirements: { postal_code: true, tags: true, demographics: [] },
      note_templates: [{ title_es: 'Datos de la cama', title_en: 'Bed details', text_es: 'Cama asignada: ', text_en: 'Bed assigned: ' }],
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    // a supervisor: force-close requests reach the role live
    execFileSync(BIN, ['user', 'add', SUPERVISOR.user, '--role', 'supervisor', '--name', 'Sara Supervisora', '--password-stdin', '--db', DB], { input: SUPERVISOR.pass, stdio: ['pipe', 'pipe', 'pipe'] });
    browser = await launch();
  });
  after(async () => {
    await shutdown(browser);
  });

  test('start, profile, details, referrals, notes offline and reload, checklist, close', async () => {
    const { ctx, page, ...w } = await open(browser);
    await login(page, AGENT);
    const tag = rand(3);

    // Nuevo contacto from the keyboard, with channel and source line
    await page.keyboard.press('Alt+n');
    const dlg = page.getByRole('dialog', { name: 'Nuevo contacto' });
    await dlg.getByLabel('Canal').selectOption({ label: 'Presencial' });
    await dlg.getByLabel('Fuente del contacto').selectOption({ label: 'Línea principal (+576045551000)' });
    await dlg.getByRole('button', { name: 'Iniciar contacto' }).click();
    await page.waitForURL(/#\/contactos\/\d+$/);
    const url = page.url();
    const bar = page.getByRole('region', { name: 'Contacto activo' });
    await bar.getByText('Presencial').waitFor();
    assert.match(await text(bar), /Sin perfil.*Línea principal.*Presencial.*\d+:\d\d.*Abierto/);
    await bar.getByRole('button', { name: 'Cerrar contacto' }).waitFor();

    // no profile yet: search, nothing found, "Crear nuevo perfil", linked
    await page.getByLabel('Buscar perfil por nombre, teléfono o correo').fill(`Zoila ${tag}`);
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.locator('.ct-hits .calm-note').waitFor();
    await page.getByRole('button', { name: 'Crear nuevo perfil' }).click();
    const create = page.getByRole('dialog', { name: 'Crear nuevo perfil' });
    assert.equal(await create.getByLabel('Nombre', { exact: true }).inputValue(), 'Zoila', 'what was searched is carried over');
    await create.getByLabel('Apellidos', { exact: true }).fill(`Prueba${tag}`);
    await create.getByLabel('Teléfono', { exact: true }).fill('+573001234567');
    await create.getByLabel('Código postal', { exact: true }).fill('050001');
    await create.getByRole('button', { name: 'Crear y vincular' }).click();
    const tabs = page.getByRole('tab', { name: 'Detalles del llamante' });
    await tabs.or(create.locator('.form-error:not(:empty)')).first().waitFor();
    if (!(await tabs.count())) assert.fail(await text(create.locator('.form-error')));
    assert.match(await text(bar), new RegExp(`Zoila Prueba${tag}`));
    assert.deepEqual(await page.getByRole('tab').allTextContents(), ['Detalles del llamante', 'Recursos', 'Derivaciones', 'Programas']);

    // closing now: the checklist marks what is missing, each a link to its field
    await page.keyboard.press('Alt+c');
    const check = page.getByRole('dialog', { name: 'Lista de verificación para cerrar contacto' });
    await check.locator('.ct-check').first().waitFor();
    const marks = Object.fromEntries(await check.locator('.ct-check').evaluateAll((els) => els.map((e) => [e.dataset.item, e.dataset.mark])));
    assert.equal(marks.profile, 'done');
    assert.equal(marks.postal_code, 'done');
    assert.equal(marks.needs, 'missing');
    assert.equal(marks.caller_served, 'missing');
    assert.equal(marks.tags, 'missing');
    assert.equal(await check.getByRole('button', { name: 'Cerrar contacto' }).isDisabled(), true);
    await check.getByRole('button', { name: 'Consultante atendido' }).click();
    await check.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'caller_served', 'the item leads to its field');

    // Detalles del llamante
    await page.getByRole('radiogroup', { name: 'Consultante atendido' }).getByLabel('Sí').check();
    await page.getByLabel('Prestación del servicio').selectOption({ label: 'Información' });
    await page.getByLabel('Necesita seguimiento').check();
    await page.locator('.ct-tab', { hasText: 'Detalles' }).waitFor();
    await page.waitForFunction(() => document.querySelector('input[data-field="tags"]')?.checked === true);

    // Recursos: two referrals; the first need is primary, the second secondary
    await page.keyboard.press('Alt+2');
    const panel = page.getByRole('tabpanel', { name: 'Recursos' });
    assert.equal(await panel.getByLabel('Código postal', { exact: true }).inputValue(), '050001', 'the search starts from the profile\'s postal code');
    await panel.getByLabel('Palabras clave', { exact: true }).fill('refugio nocturno');
    await panel.locator('li.rs-card', { hasText: 'Refugio nocturno' }).first().getByRole('button', { name: /^Derivar a / }).click();
    await panel.locator('.ct-need-chip', { hasText: 'Emergency Shelter (Primaria)' }).waitFor();
    await panel.getByLabel('Palabras clave', { exact: true }).fill('banco de alimentos');
    await panel.locator('li.rs-card', { hasText: 'Banco de alimentos' }).first().getByRole('button', { name: /^Derivar a / }).click();
    await panel.locator('.ct-need-chip', { hasText: 'Food Pantry (Secundaria)' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: /^Derivaciones/ }).textContent(), 'Derivaciones (2)');
    await page.keyboard.press('Alt+3');
    const refs = page.getByRole('tabpanel', { name: /^Derivaciones/ });
    assert.equal(await refs.locator('.ct-referral').count(), 2);
    await page.keyboard.press('Alt+4');
    assert.match(await text(page.getByRole('tabpanel', { name: 'Programas' })), /no tiene programas/);

    // a need added by hand, picked from the taxonomy by typing, then marked primary
    await page.keyboard.press('Alt+1');
    await page.getByLabel('Añadir una necesidad (escriba para buscar en la taxonomía)').fill('childc');
    await page.getByRole('option', { name: 'Childcare', exact: true }).click();
    const manual = page.locator('.ct-need', { hasText: 'Childcare' });
    await manual.getByText('añadida a mano').waitFor();
    await manual.getByLabel('Primaria').check();
    await page.locator('.ct-need[data-primary="1"]', { hasText: 'Childcare' }).waitFor();
    assert.equal(await page.locator('.ct-need[data-primary="1"]').count(), 1);

    // notes: typed, offline in the middle, back online, a reload: every character is there
    await page.keyboard.press('Alt+1');
    const notes = page.getByLabel('Notas', { exact: true });
    const state = page.locator('.ct-notes-state');
    const first = 'Llama por una cama para esta noche. ';
    const second = 'Sin conexión: sigue contando que tiene dos hijos. ';
    const third = 'Última frase antes de recargar.';
    await notes.click();
    await notes.pressSequentially(first, { delay: 5 });
    await page.locator('.ct-notes-state[data-state="saved"]').waitFor();
    // a note template goes in at the cursor
    await page.getByLabel('Insertar plantilla…').selectOption({ label: 'Datos de la cama' });
    assert.equal(await notes.inputValue(), `${first}Cama asignada: `);
    await page.locator('.ct-notes-state[data-state="saved"]').waitFor();
    await ctx.setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await notes.pressSequentially(second, { delay: 5 });
    await page.locator('.ct-notes-state[data-state="offline"]').waitFor();
    await page.waitForTimeout(1500); // the autosave finds no network and keeps the text
    assert.equal(await state.getAttribute('data-state'), 'offline');
    await ctx.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.locator('.ct-notes-state[data-state="saved"]').waitFor();
    await notes.pressSequentially(third, { delay: 5 });
    await page.reload(); // before the autosave: the text is still in the tab
    await page.getByLabel('Notas', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Notas', { exact: true }).inputValue(), `${first}Cama asignada: ${second}${third}`);
    await page.locator('.ct-notes-state[data-state="saved"]').waitFor();

    // closing: everything done; back to Inicio; the contact is read-only
    await page.keyboard.press('Alt+c');
    const ready = page.getByRole('dialog', { name: 'Lista de verificación para cerrar contacto' });
    await ready.getByText('Todo está completo').waitFor();
    const all = await ready.locator('.ct-check').evaluateAll((els) => els.map((e) => e.dataset.mark));
    assert.ok(all.every((m) => m === 'done'), all.join(','));
    await ready.getByRole('button', { name: 'Cerrar contacto' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hola, / }).waitFor();
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Contacto (Cerrado, solo lectura)' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Cerrar contacto' }).count(), 0);
    assert.equal(await page.getByLabel('Notas', { exact: true }).getAttribute('readonly'), '');
    assert.equal(await page.getByLabel('Notas', { exact: true }).inputValue(), `${first}Cama asignada: ${second}${third}`);
    assert.equal(await page.getByLabel('Prestación del servicio').isDisabled(), true);
    assert.equal(await page.evaluate(() => Object.keys(sessionStorage).length), 0, 'nothing left in the tab once saved');

    // Contactos: the list shows it, filtered by status
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Contactos', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Contactos' }).waitFor();
    await page.getByLabel('Estado').selectOption({ label: 'Cerrado' });
    await page.locator('.ct-table tbody tr', { hasText: `Zoila Prueba${tag}` }).waitFor();
    assertClean(w);
    await ctx.close();
  });

  test('Derivar a service with two taxonomy terms: the agent picks the need', async () => {
    // a demo service gets a second term through the directory editor
    const admin = await session(ADMIN);
    const found = await admin.get('/hsds/services?search=banco%20de%20alimentos&per_page=1');
    assert.equal(found.status, 200, JSON.stringify(found.body));
    const svc = found.body.contents[0];
    const full = await admin.get(`/hsds/services/${svc.id}`);
    const own = new Set((full.body.attributes || []).map((a) => a.taxonomy_term_id));
    const terms = await admin.get('/hsds/taxonomy_terms?search=childcare&per_page=5');
    const other = terms.body.contents.find((x) => !own.has(x.id));
    assert.ok(other, 'a term the service does not carry yet');
    const attr = await admin.send('POST', '/api/v1/admin/directory/attributes', { link_id: svc.id, link_entity: 'service', taxonomy_term_id: other.id });
    assert.equal(attr.status, 201, JSON.stringify(attr.body));
    // a contact with its profile, then Derivar from Recursos
    const api = await session(AGENT);
    const prof = await api.send('POST', '/api/v1/profiles', { first_name: 'Tomasa', last_name: `Dos${rand(3)}`, postal_code: '050001' });
    assert.equal(prof.status, 201, JSON.stringify(prof.body));
    const c = await api.send('POST', '/api/v1/contacts', { channel: 'voice', profile_id: prof.body.profile.id });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const { ctx, page, ...w } = await open(browser);
    await login(page, AGENT);
    await page.goto(`${BASE}/#/contactos/${c.body.contact.id}`);
    await page.getByLabel('Notas', { exact: true }).waitFor();
    await page.keyboard.press('Alt+2');
    const panel = page.getByRole('tabpanel', { name: 'Recursos' });
    await panel.getByLabel('Palabras clave', { exact: true }).fill(svc.name);
    await panel.locator('li.rs-card', { hasText: svc.name }).first().getByRole('button', { name: /^Derivar a / }).click();
    // the service carries two terms: the agent chooses which need this referral is for
    const choose = page.getByRole('dialog');
    await choose.locator('.ct-term-choice').nth(1).waitFor();
    assert.equal(await choose.locator('.ct-term-choice').count(), 2);
    await choose.locator('.ct-term-choice', { hasText: other.name }).locator('input').check();
    await choose.locator('button[type="submit"]').click();
    await panel.locator('.ct-need-chip', { hasText: `${other.name} (Primaria)` }).waitFor();
    const saved = await api.get(`/api/v1/contacts/${c.body.contact.id}`);
    assert.equal(saved.body.contact.referrals[0].term_id, other.id);
    assertClean(w);
    await ctx.close();
  });

  test('two open contacts switch from the keyboard; a notes conflict shows both texts and keeps them', async () => {
    const api = await session(AGENT);
    const tag = rand(3);
    const prof = await api.send('POST', '/api/v1/profiles', { first_name: 'Ramiro', last_name: `Doble${tag}` });
    assert.equal(prof.status, 201, JSON.stringify(prof.body));
    const mk = async (channel) => {
      const r = await api.send('POST', '/api/v1/contacts', { channel, profile_id: prof.body.profile.id });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.contact;
    };
    const one = await mk('chat');
    const two = await mk('sms');
    const { ctx, page, ...w } = await open(browser);
    await login(page, AGENT);
    // Inicio lists both open contacts
    const panel = page.locator('[data-panel="open_contacts"]');
    await panel.locator(`li[data-id="${one.id}"]`).waitFor();
    await panel.locator(`li[data-id="${two.id}"] a`).click();
    await page.waitForURL(new RegExp(`#/contactos/${two.id}$`));
    const bar = page.getByRole('region', { name: 'Contacto activo' });
    await bar.getByText('SMS').waitFor();
    const switcher = page.getByRole('navigation', { name: 'Contactos abiertos' });
    await switcher.getByRole('link').first().waitFor();
    assert.ok((await switcher.getByRole('link').count()) >= 2);
    await page.getByLabel('Notas', { exact: true }).waitFor();
    // switching: Alt+PageDown / Alt+PageUp go through the open contacts
    await page.keyboard.press('Alt+PageDown');
    await page.waitForFunction((id) => location.hash === `#/contactos/${id}`, one.id);
    await bar.getByText('Chat').waitFor();
    await switcher.getByRole('link').first().waitFor();
    await page.keyboard.press('Alt+PageUp');
    await page.waitForFunction((id) => location.hash === `#/contactos/${id}`, two.id);
    await bar.getByText('SMS').waitFor();

    // Derivar from the service's detail view, then back to the contact
    await page.keyboard.press('Alt+2');
    const res = page.getByRole('tabpanel', { name: 'Recursos' });
    await res.getByLabel('Palabras clave', { exact: true }).fill('ropero solidario');
    await res.locator('li.rs-card h3 a', { hasText: 'Ropero solidario' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Sedes' }).or(page.locator('.ct-detail-refer')).first().waitFor();
    const slot = page.locator('.ct-detail-refer');
    await slot.getByRole('button', { name: /^Derivar a Ropero solidario/ }).click();
    await page.locator('.toast', { hasText: 'Derivación registrada' }).waitFor();
    await slot.getByRole('link', { name: /^Volver al contacto/ }).click();
    await page.waitForFunction((id) => location.hash === `#/contactos/${id}`, two.id);
    await page.getByRole('tab', { name: 'Derivaciones (1)' }).waitFor();
    await page.keyboard.press('Alt+1');

    // the call history: the profile's other contact, one click away
    await page.getByText('Historial de llamadas').click();
    await page.locator(`.ct-history tr[data-id="${one.id}"]`).waitFor();
    assert.equal(await page.locator('.ct-history tbody tr').count(), 1);

    // "?" lists the contact shortcuts
    await page.locator('h1').first().focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: /atajos|Atajos|teclado/ });
    await help.waitFor();
    const helpText = await text(help);
    for (const k of ['Alt+N', 'Alt+1', 'Alt+4', 'Alt+C', 'Alt+B', 'Alt+AvPág']) assert.ok(helpText.includes(k), k);
    await page.keyboard.press('Escape');

    // someone saves the notes from elsewhere; the agent's next save meets 409 notes_conflict
    const cur = await api.get(`/api/v1/contacts/${two.id}`);
    const theirs = 'Texto guardado en otra pestaña.';
    const put = await api.send('PUT', `/api/v1/contacts/${two.id}/notes`, { notes: theirs, notes_version: cur.body.contact.notes_version });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const notes = page.getByLabel('Notas', { exact: true });
    await notes.click();
    await notes.pressSequentially('Mi texto.', { delay: 5 });
    const conflict = page.locator('.ct-conflict');
    await conflict.waitFor();
    assert.equal(await text(conflict.locator('[data-text="yours"]')), 'Mi texto.');
    assert.equal(await text(conflict.locator('[data-text="theirs"]')), theirs);
    assert.equal(await page.locator('.ct-notes-state').getAttribute('data-state'), 'conflict');
    await conflict.getByRole('button', { name: 'Guardar el texto final' }).click();
    await page.locator('.ct-notes-state[data-state="saved"]').waitFor();
    const after = await api.get(`/api/v1/contacts/${two.id}`);
    assert.equal(after.body.contact.notes, `${theirs}\n\nMi texto.`, 'neither text is lost');
    assertClean(w);
    await ctx.close();
  });

  test('Administración → Contactos: an admin adds a tag and agents can use it', async () => {
    const { ctx, page, ...w } = await open(browser);
    await login(page, ADMIN);
    await page.goto(`${page.url().split('#')[0]}#/admin/contactos`);
    await page.getByRole('heading', { level: 2, name: 'Ajustes de contactos' }).waitFor();
    const tagsBox = page.getByRole('group', { name: 'Etiquetas' });
    assert.equal(await tagsBox.getByLabel('Texto en español').first().inputValue(), 'Necesita seguimiento');
    await tagsBox.getByRole('button', { name: '+ Añadir' }).click();
    await tagsBox.getByLabel('Texto en español').last().fill('Requiere intérprete');
    await tagsBox.getByLabel('Texto en inglés').last().fill('Needs an interpreter');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.locator('.status-box.status-ok').waitFor();
    const agent = await session(AGENT);
    const opts = await agent.get('/api/v1/contacts/options');
    const labels = (opts.body.settings || opts.body).tags.map((x) => x.label_es);
    assert.deepEqual(labels, ['Necesita seguimiento', 'Requiere intérprete']);
    // the telephony and contacts tabs are part of Administración
    await page.getByRole('navigation', { name: /Secciones|Sections/ }).getByRole('link', { name: 'Telefonía' }).waitFor();
    assertClean(w);
    await ctx.close();
  });

  test('the screen pop: an admin adds a phone system, a ringing call opens the contact with its caller preselected; a missed call reaches supervisors', async () => {
    const adminTab = await open(browser);
    await login(adminTab.page, ADMIN);
    await adminTab.page.goto(`${BASE}/#/admin/telefonia`);
    await adminTab.page.getByLabel('Nombre del sistema').fill(`Central ${rand(2)}`);
    await adminTab.page.getByRole('button', { name: 'Crear', exact: true }).click();
    const secret = await text(adminTab.page.getByLabel('Secreto'));
    assert.match(secret, /^[0-9a-f]{64}$/);
    const integration = /sistema (\d+)/.exec(await text(adminTab.page.locator('.status-box.status-ok p').first()))[1];
    // extension 101 is the agent's: the phone system may name the agent by it
    const ext = `1${Math.floor(100 + Math.random() * 899)}`;
    const extCard = adminTab.page.locator('section', { has: adminTab.page.getByRole('heading', { name: 'Extensiones' }) });
    await extCard.getByRole('button', { name: '+ Añadir' }).click();
    await extCard.getByLabel('Extensión').last().fill(ext);
    await extCard.getByLabel('Agente').last().selectOption({ label: `Luis Agente (${AGENT.user})` });
    await extCard.getByRole('button', { name: 'Guardar' }).click();
    await adminTab.page.locator('.status-box.status-ok', { hasText: 'Guardado.' }).waitFor();

    const api = await session(AGENT);
    const tag = rand(3);
    const phone = `+57300${Math.floor(1000000 + Math.random() * 8999999)}`;
    const prof = await api.send('POST', '/api/v1/profiles', { first_name: 'Paula', last_name: `Pop${tag}`, phones: [{ number: phone, type: 'mobile' }], postal_code: '050001' });
    assert.equal(prof.status, 201, JSON.stringify(prof.body));
    const send = (...args) => execFileSync(BIN, ['telephony', 'send', ...args, '--integration', integration, '--url', BASE], { env: { ...process.env, FARO_TELEPHONY_SECRET: secret }, stdio: 'pipe' });

    const { ctx, page, ...w } = await open(browser);
    await login(page, AGENT);
    await waitLive(page);
    send('ringing', '--from', phone, '--to', '+576045551000', '--agent', ext, '--call-id', `pop-${tag}`);
    await page.waitForURL(/#\/contactos\/\d+$/);
    const bar = page.getByRole('region', { name: 'Contacto activo' });
    await bar.getByText('Línea principal').waitFor();
    await page.getByText('Un perfil tiene este número').waitFor();
    await page.getByRole('button', { name: 'Confirmar este perfil' }).click();
    await page.getByRole('tab', { name: 'Detalles del llamante' }).waitFor();
    assert.match(await text(bar), new RegExp(`Paula Pop${tag}`));
    await page.keyboard.press('Alt+2');
    assert.equal(await page.getByRole('tabpanel', { name: 'Recursos' }).getByLabel('Código postal', { exact: true }).inputValue(), '050001');

    // a missed call: the supervisors' list shows it; handled, it says by whom
    send('missed', '--from', '+573009998877', '--to', '+576045551000', '--call-id', `miss-${tag}`);
    await adminTab.page.goto(`${BASE}/#/contactos/perdidas`);
    const row = adminTab.page.locator('tr', { hasText: '+573009998877' }).first();
    await row.waitFor();
    await row.getByRole('button', { name: 'Marcar atendida' }).click();
    await adminTab.page.getByLabel('Solo las pendientes').uncheck();
    await adminTab.page.locator('tr', { hasText: '+573009998877' }).first().getByText('Atendida por Ana Administradora').waitFor();
    assertClean(w);
    assertClean(adminTab);
    await ctx.close();
    await adminTab.ctx.close();
  });

  test('force close: the agent asks, the supervisor declines (the agent sees why), then approves; the contact ends incomplete', async () => {
    const api = await session(AGENT);
    const prof = await api.send('POST', '/api/v1/profiles', { first_name: 'Fausto', last_name: `Forzado${rand(3)}` });
    const c = (await api.send('POST', '/api/v1/contacts', { channel: 'voice', profile_id: prof.body.profile.id })).body.contact;
    const sup = await open(browser);
    await login(sup.page, SUPERVISOR);
    await waitLive(sup.page);
    const { ctx, page, ...w } = await open(browser);
    await login(page, AGENT);
    await page.goto(`${BASE}/#/contactos/${c.id}`);
    await page.getByRole('tab', { name: 'Detalles del llamante' }).waitFor();
    await waitLive(page);
    const ask = async (reason) => {
      await page.keyboard.press('Alt+c');
      const dlg = page.getByRole('dialog', { name: 'Lista de verificación para cerrar contacto' });
      await dlg.locator('.ct-check').first().waitFor();
      await dlg.getByText('Forzar cierre').click();
      await dlg.getByLabel('Motivo del cierre forzado').fill(reason);
      await dlg.getByRole('button', { name: 'Pedir aprobación para forzar el cierre' }).click();
      await page.getByText('Cierre forzado pendiente de aprobación').first().waitFor();
    };
    await ask('El llamante colgó antes de dar sus datos.');
    // the supervisor's Inicio lists the request (live) and declines it with a reason
    const reqs = sup.page.locator('[data-panel="force_close"]');
    const item = reqs.locator('li', { hasText: 'El llamante colgó' });
    await item.waitFor();
    await item.getByRole('button', { name: 'Rechazar' }).click();
    const decline = sup.page.getByRole('dialog', { name: 'Rechazar' });
    await decline.getByLabel('Motivo del rechazo').fill('Vuelva a llamar para completar');
    await decline.getByRole('button', { name: 'Rechazar' }).click();
    await page.getByText('Cierre forzado rechazado: Vuelva a llamar para completar').waitFor();
    // asked again, approved: the agent's screen turns read-only, incomplete
    await ask('Segundo intento: no hay forma de contactar.');
    const again = reqs.locator('li', { hasText: 'Segundo intento' });
    await again.waitFor();
    await again.getByRole('button', { name: 'Aprobar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contacto (Incompleto, solo lectura)' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Cerrar contacto' }).count(), 0);
    assertClean(w);
    assertClean(sup);
    await ctx.close();
    await sup.ctx.close();
  });
});
