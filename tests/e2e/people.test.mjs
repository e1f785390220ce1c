// people.test.mjs: seed 000 in headless Chromium: search an unknown number →
// "Crear → Crear perfil" → full form (health history, support network) →
// profile page → a case from the Casos subpanel → the case page; search by
// another phone format and a misspelt name; and two agents saving the same
// profile or case (409: whose change won, reapply mine).
// Needs FARO_URL and FARO_{ADMIN,AGENT}_{USER,PASS}; tests/e2e/run.sh sets them.

import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ADMIN, AGENT, BASE, assertClean, assertNoStorage, launch, login, open, rand, shutdown, skipReason, text } from './lib.mjs';

const skip = skipReason();

/** apiAs(who) -> call(method, path, body): the JSON API with who's session (no browser). */
async function apiAs(who) {
  const res = await fetch(`${BASE}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: who.user, password: who.pass }) });
  assert.equal(res.status, 200, 'API sign-in');
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  return async (method, path, body) => {
    const r = await fetch(`${BASE}${path}`, { method, headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, json: r.status === 204 ? null : await r.json() };
  };
}

/** a Colombian mobile no other test uses, as typed and grouped */
function newNumber() {
  const d = `31${String(randomInt(0, 1e8)).padStart(8, '0')}`;
  return { digits: d, typed: `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}` };
}

describe('profiles and cases', { skip: skip || false }, () => {
  let browser;
  let admin;
  before(async () => {
    browser = await launch();
    admin = await apiAs(ADMIN);
    const r = await admin('PUT', '/api/v1/admin/people-settings', { default_country: 'CO' });
    assert.equal(r.status, 200);
  });
  after(async () => {
    await shutdown(browser);
  });

  test('seed 000: unknown number → Crear perfil → full form → profile → case from Casos → case page', async () => {
    const { ctx, page, ...w } = await open(browser);
    const num = newNumber();
    const tag = rand(3);
    await login(page, AGENT);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Perfiles', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Perfiles' }).waitFor();
    await page.getByLabel('Buscar perfil por nombre, teléfono o correo').fill(num.typed);
    await page.getByRole('button', { name: 'Buscar' }).click();
    const results = page.locator('.people-results');
    await results.getByText(`Ningún perfil coincide con «${num.typed}»`).waitFor();
    await results.getByRole('button', { name: /^Crear/ }).click();
    await page.getByRole('menuitem', { name: 'Crear perfil' }).click();
    const dlg = page.getByRole('dialog', { name: 'Crear perfil' });
    await dlg.waitFor();
    assert.equal(await dlg.getByLabel('Teléfono', { exact: true }).inputValue(), num.typed, 'the searched number is prefilled');
    await dlg.getByLabel('Nombre', { exact: true }).fill(`Rosa ${tag}`);
    await dlg.getByRole('button', { name: 'Formulario completo' }).click();

    await page.getByRole('heading', { level: 1, name: 'Nuevo perfil' }).waitFor();
    assert.equal(await page.getByLabel('Nombre', { exact: true }).inputValue(), `Rosa ${tag}`, 'the quick form carries over');
    assert.equal(await page.getByLabel('Teléfono 1', { exact: true }).inputValue(), num.typed);
    await page.getByLabel('Apellidos', { exact: true }).fill('Márquez');
    await page.getByLabel('Fecha de nacimiento').fill('1988-05-17');
    await page.getByLabel('Género').selectOption('female');
    // demographics are the organisation's lists; "Otra" asks which
    assert.equal(await page.getByLabel('Ocupación: ¿cuál?').isVisible(), false, 'the "which?" box waits for "Otra"');
    await page.getByLabel('Ocupación', { exact: true }).selectOption({ label: 'Otra' });
    await page.getByLabel('Ocupación: ¿cuál?').fill('enfermera');
    await page.getByLabel('Pertenencia étnica', { exact: true }).selectOption({ label: 'Negra, afrocolombiana o afrodescendiente' });
    await page.getByLabel('Condición migratoria', { exact: true }).selectOption({ label: 'Prefiere no decir' });
    await page.getByLabel('Antecedentes de salud', { exact: true }).fill('Depresión diagnosticada en 2020.\nSin tratamiento actual.');
    await page.getByRole('button', { name: '+ Añadir persona' }).click();
    await page.getByLabel('Nombre de la persona de apoyo 1').fill('Carmen Márquez');
    await page.getByLabel('Relación 1').fill('madre');
    await page.getByLabel('Teléfono de la persona de apoyo 1').fill('+57 320 555 1212');
    await page.getByLabel('Llamante frecuente').check();
    await page.getByRole('button', { name: 'Guardar' }).click();

    // the profile page: details, health history, support network
    await page.getByRole('heading', { level: 1, name: `Rosa ${tag} Márquez` }).waitFor();
    await page.getByText('Depresión diagnosticada en 2020.').waitFor();
    await page.getByText('Carmen Márquez').waitFor();
    await page.getByText(num.typed, { exact: false }).first().waitFor();
    await page.locator('.mark', { hasText: 'Llamante frecuente' }).waitFor();
    await page.getByText('Otra: enfermera', { exact: true }).waitFor();
    await page.getByText('Negra, afrocolombiana o afrodescendiente', { exact: true }).waitFor();

    // Paso 1: Casos → "+" → "Nuevo"
    await page.getByRole('button', { name: 'Mostrar u ocultar los casos' }).click();
    await page.getByText('Este perfil no tiene casos.').waitFor();
    await page.getByRole('button', { name: 'Nuevo', exact: true }).click();
    const cdlg = page.getByRole('dialog', { name: 'Nuevo caso' });
    await cdlg.getByLabel('Asunto').fill('Depresión: primera llamada');
    await cdlg.getByLabel('Prioridad').selectOption('high');
    await cdlg.getByRole('button', { name: 'Guardar' }).click();
    const link = page.locator('.people-subpanel a', { hasText: /^CAS-\d{4}-\d{6}$/ });
    await link.waitFor();
    const number = await text(link);
    await link.click();
    await page.getByRole('heading', { level: 1, name: `${number} · Depresión: primera llamada` }).waitFor();
    await page.getByText('Alta', { exact: true }).waitFor();
    await page.getByRole('link', { name: `Rosa ${tag} Márquez` }).waitFor();

    // Casos page: mine, active
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Casos', exact: true }).click();
    await page.locator(`tr[data-number="${number}"]`).waitFor();
    await assertNoStorage(page);
    assertClean(w);
    await ctx.close();
  });

  test('search: another phone format, a misspelt name, which field matched; lookup from the phone system', async () => {
    const num = newNumber();
    const tag = rand(3);
    const r = await admin('POST', '/api/v1/profiles', { first_name: 'Ximena', last_name: `Hernández ${tag}`, phones: [{ number: num.typed }] });
    assert.equal(r.status, 201);
    const { ctx, page, ...w } = await open(browser);
    await login(page, AGENT);
    await page.goto(`${BASE}/#/perfiles`);
    await page.getByText('Los números sin + se toman como de Colombia (+57).').waitFor();
    assert.equal(await page.getByLabel('País por defecto').count(), 0, 'only admins change the country');
    const box = page.getByLabel('Buscar perfil por nombre, teléfono o correo');
    await box.fill(`+57${num.digits}`);
    await box.press('Enter');
    const hit = page.locator(`.people-hit[data-id="${r.json.profile.id}"]`);
    await hit.getByText(`Coincide con teléfono: ${num.typed}`).waitFor();
    await box.fill(`jimena ernandes ${tag}`);
    await box.press('Enter');
    await hit.getByText(/Coincide con nombre/).waitFor();
    await hit.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: `Ximena Hernández ${tag}` }).waitFor();
    // a screen pop opens the number's profiles; an unknown number offers Crear
    await page.goto(`${BASE}/#/perfiles/telefono/${num.digits}`);
    await hit.waitFor();
    await page.goto(`${BASE}/#/perfiles/telefono/3000000001`);
    await page.getByText('Ningún perfil tiene el número 3000000001.', { exact: false }).waitFor();
    await page.locator('.people-results').getByRole('button', { name: /^Crear/ }).waitFor();
    assertClean(w);
    await ctx.close();
  });

  test('two people save the same profile and case: the second sees who won and reapplies', async () => {
    const r = await admin('POST', '/api/v1/profiles', { first_name: 'Tomás', last_name: `Ruiz ${rand(3)}`, notes: 'uno' });
    const p = r.json.profile;
    const { ctx, page, ...w } = await open(browser);
    await login(page, AGENT);
    await page.goto(`${BASE}/#/perfiles/${p.id}/editar`);
    await page.getByRole('heading', { level: 1, name: 'Editar perfil' }).waitFor();
    await page.getByLabel('Notas').fill('nota de la agente');
    // meanwhile the admin changes the alias
    assert.equal((await admin('PATCH', `/api/v1/profiles/${p.id}`, { version: p.version, alias: 'Tomy' })).status, 200);
    await page.getByRole('button', { name: 'Guardar' }).click();
    const box = page.locator('.people-conflict');
    await box.getByText(/^Ana Administradora guardó un cambio en este registro/).waitFor();
    await box.getByText('Lo que cambió esa persona: Alias.').waitFor();
    await box.getByText('Lo que usted cambió: Notas.').waitFor();
    await box.getByRole('button', { name: 'Aplicar mis cambios sobre su versión' }).click();
    await page.getByRole('heading', { level: 1, name: `${p.first_name} ${p.last_name}` }).waitFor();
    await page.getByText('nota de la agente').waitFor();
    await page.getByText('Tomy', { exact: true }).waitFor();
    const now = (await admin('GET', `/api/v1/profiles/${p.id}`)).json.profile;
    assert.equal(now.alias, 'Tomy');
    assert.equal(now.notes, 'nota de la agente');

    // the same on a case page
    const c = (await admin('POST', '/api/v1/cases', { profile_id: p.id, subject: 'Orientación' })).json.case;
    await page.goto(`${BASE}/#/casos/${c.id}`);
    await page.getByRole('button', { name: 'Editar' }).click();
    await page.getByLabel('Categoría').fill('orientación social');
    assert.equal((await admin('PATCH', `/api/v1/cases/${c.id}`, { version: c.version, priority: 'urgent' })).status, 200);
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.locator('.people-conflict').getByText(/^Ana Administradora guardó un cambio en este caso/).waitFor();
    await page.locator('.people-conflict').getByText('Lo que cambió esa persona: Prioridad.').waitFor();
    await page.getByRole('button', { name: 'Aplicar mis cambios sobre su versión' }).click();
    await page.getByText('Urgente', { exact: true }).waitFor();
    await page.getByText('orientación social', { exact: true }).waitFor();
    assertClean(w);
    await ctx.close();
  });

  test('full form: a bad third phone or second support person is shown beside its row; nothing is saved', async () => {
    const p = (await admin('POST', '/api/v1/profiles', { first_name: 'Lucía', last_name: `Prieto ${rand(3)}`, phones: [{ number: newNumber().typed }] })).json.profile;
    const { ctx, page, ...w } = await open(browser);
    await login(page, AGENT);
    await page.goto(`${BASE}/#/perfiles/${p.id}/editar`);
    await page.getByRole('heading', { level: 1, name: 'Editar perfil' }).waitFor();
    const addPhone = page.getByRole('button', { name: '+ Añadir teléfono' });
    // a blank row in between is not sent: the refused number is still the one in row 4 of the form
    await addPhone.click();
    await addPhone.click();
    await page.getByLabel('Teléfono 3', { exact: true }).fill(newNumber().typed);
    await addPhone.click();
    await page.getByLabel('Teléfono 4', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Guardar' }).click();
    const rows = page.locator('.people-row');
    const bad = rows.filter({ has: page.getByLabel('Teléfono 4', { exact: true }) });
    await bad.locator('.people-row-error').getByText(/^Teléfono 4: /).waitFor(); // the row's number on screen
    assert.equal(await page.getByLabel('Teléfono 4', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('.people-row-error:visible').count(), 1, 'only the refused row shows an error');
    assert.ok(await page.getByLabel('Teléfono 4', { exact: true }).evaluate((el) => el === document.activeElement), 'the refused number has the focus');
    await page.getByLabel('Teléfono 4', { exact: true }).fill(newNumber().typed);
    // the second person of the support network
    const addPerson = page.getByRole('button', { name: '+ Añadir persona' });
    await addPerson.click();
    await page.getByLabel('Nombre de la persona de apoyo 1').fill('Pilar');
    await addPerson.click();
    await page.getByLabel('Nombre de la persona de apoyo 2').fill('Jorge');
    await page.getByLabel('Teléfono de la persona de apoyo 2').fill('abc');
    await page.getByRole('button', { name: 'Guardar' }).click();
    const person = rows.filter({ has: page.getByLabel('Teléfono de la persona de apoyo 2') });
    await person.locator('.people-row-error').getByText(/^Red de apoyo 2: /).waitFor();
    assert.equal(await page.getByLabel('Teléfono de la persona de apoyo 2').getAttribute('aria-invalid'), 'true');
    assert.equal(await bad.locator('.people-row-error').isVisible(), false, 'the fixed phone row is clear again');
    const now = (await admin('GET', `/api/v1/profiles/${p.id}`)).json.profile;
    assert.equal(now.version, p.version, 'nothing was saved');
    assert.equal(now.phones.length, 1);
    // corrected, it saves
    await page.getByLabel('Teléfono de la persona de apoyo 2').fill('320 555 1313');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('heading', { level: 1, name: `${p.first_name} ${p.last_name}` }).waitFor();
    await page.getByText('Jorge').waitFor();
    assertClean(w);
    await ctx.close();
  });

  test('an admin sets the default country on Perfiles', async () => {
    const { ctx, page, ...w } = await open(browser);
    await login(page, ADMIN);
    await page.goto(`${BASE}/#/perfiles`);
    await page.getByLabel('País por defecto').selectOption('MX');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('País guardado.').waitFor();
    await page.getByText('Los números sin + se toman como de México (+52).').waitFor();
    await page.getByLabel('País por defecto').selectOption('CO');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Los números sin + se toman como de Colombia (+57).').waitFor();
    assertClean(w);
    await ctx.close();
  });
});
