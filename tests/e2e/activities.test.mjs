// activities.test.mjs: seed 000's activities in headless Chromium: schedule
// the follow-up call with a reminder and see it pop up (snooze), create a
// task with Activar Ruta and see the coordinator's alert arrive in a second
// session and the requester hear it was acknowledged, the Planificación
// calendar (mark held), and Actividades/Historial on the profile page.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN, AGENT, BASE, assertClean, launch, login, open, rand, shutdown, skipReason, strongPassword, waitLive } from './lib.mjs';
import { api, localInput } from './activities_lib.mjs';

const skip = skipReason();

describe('activities (seed 000)', { skip: skip || false }, () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await shutdown(browser);
  });

  test('follow-up with reminder, Activar Ruta to a coordinator live, planning, profile activities', async () => {
    // an admin makes a coordinator; the agent has a profile with a case
    const admin = await open(browser);
    await login(admin.page, ADMIN);
    const coordUser = `coord${rand(3)}`;
    const coordPass = strongPassword();
    const made = await api(admin.page, 'POST', '/api/v1/admin/users', { username: coordUser, display_name: 'Carla Coordinadora', role: 'coordinator', password: coordPass });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    await admin.ctx.close();

    const agent = await open(browser);
    const { page } = agent;
    await login(page, AGENT);
    const prof = await api(page, 'POST', '/api/v1/profiles', { first_name: 'Ana', last_name: `Pérez ${rand(2)}` });
    assert.equal(prof.status, 201, JSON.stringify(prof.json));
    const kase = await api(page, 'POST', '/api/v1/cases', { profile_id: prof.json.profile.id, subject: 'Ansiedad' });
    assert.equal(kase.status, 201, JSON.stringify(kase.json));
    const caseLabel = `${kase.json.case.number} · Ansiedad`;

    const coord = await open(browser);
    await login(coord.page, { user: coordUser, pass: coordPass });
    await waitLive(coord.page, 'En vivo');
    await waitLive(page, 'En vivo');

    // Planificación: schedule the outbound follow-up, related to the case, with a reminder
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Planificación', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Planificación' }).waitFor();
    await page.getByRole('button', { name: 'Programar llamada' }).click();
    let dlg = page.getByRole('dialog', { name: 'Programar llamada' });
    await dlg.getByLabel('Asunto').fill('Seguimiento Ana');
    assert.equal(await dlg.getByLabel('Estado').inputValue(), 'planned');
    assert.equal(await dlg.getByLabel('Dirección').inputValue(), 'outbound');
    // "Relacionado con" lists the newest case first
    const firstCase = await dlg.getByLabel('Relacionado con').locator('option').nth(1).textContent();
    assert.equal(firstCase, caseLabel);
    await dlg.getByLabel('Relacionado con').selectOption({ label: caseLabel });
    await dlg.getByLabel('Fecha y hora').fill(await localInput(page, 3 * 60000));
    await dlg.getByLabel('Recordatorio').selectOption({ label: '5 minutos antes' });
    await dlg.getByRole('button', { name: 'Guardar' }).click();
    await dlg.waitFor({ state: 'detached' });
    const item = page.locator('.plan-item', { hasText: 'Seguimiento Ana' });
    await item.waitFor();

    // the reminder is already due (5 minutes before a call in 3): it pops up, and can be snoozed
    const pop = page.getByRole('alertdialog', { name: 'Recordatorio: Seguimiento Ana' });
    await pop.waitFor({ timeout: 20000 });
    // it waits for the agent: after a reload it is there again until snoozed or dismissed
    await page.reload();
    await pop.waitFor({ timeout: 15000 });
    await pop.getByLabel('Posponer durante').selectOption('10');
    await pop.getByRole('button', { name: 'Posponer' }).click();
    await pop.waitFor({ state: 'detached' });
    await page.locator('.toast', { hasText: 'Recordatorio pospuesto 10 minutos.' }).waitFor();

    // a bad date is refused with the field marked, nothing saved
    await page.getByRole('button', { name: 'Crear tarea' }).click();
    dlg = page.getByRole('dialog', { name: 'Crear tarea' });
    await dlg.getByLabel('Asunto').fill('Activar ruta de salud mental');
    await dlg.getByLabel('Relacionado con').selectOption({ label: caseLabel });
    await dlg.getByLabel('Activar Ruta').check();
    await dlg.getByRole('button', { name: 'Guardar' }).click();
    await dlg.locator('.form-status', { hasText: 'Elija qué ruta de atención activar.' }).waitFor();
    await dlg.getByLabel('Tipo de ruta').selectOption({ label: 'Salud mental' });
    await dlg.getByRole('button', { name: 'Guardar' }).click();
    await dlg.waitFor({ state: 'detached' });

    // the coordinator's alert arrives live in the other session; acknowledging it tells the agent
    const alert = coord.page.getByRole('alertdialog', { name: 'Activar Ruta: nueva solicitud' });
    await alert.waitFor({ timeout: 15000 });
    assert.match(await alert.textContent(), /Salud mental — Activar ruta de salud mental/);
    await alert.getByRole('button', { name: 'Confirmar recepción' }).click();
    await alert.waitFor({ state: 'detached' });
    await page.locator('.toast', { hasText: 'está ahora: Recibida' }).waitFor({ timeout: 15000 });
    // the coordinator's home lists the request, acknowledged
    await coord.page.goto(`${BASE}/#/inicio`);
    await coord.page.locator('[data-panel="routes"] .act-item', { hasText: 'Activar ruta de salud mental' }).waitFor();

    // Planificación: mark the call held from the calendar
    await item.getByRole('button', { name: 'Marcar realizada' }).click();
    await page.locator('.plan-item', { hasText: 'Seguimiento Ana' }).locator('.act-status', { hasText: 'Realizada' }).waitFor();

    // the profile page: Actividades (the open task) and Historial (the held call); log the inbound call there
    await page.goto(`${BASE}/#/perfiles/${prof.json.profile.id}`);
    const panel = page.locator('[data-panel="activities"]');
    await panel.locator('[data-list="activities"] .act-item', { hasText: 'Activar ruta de salud mental' }).waitFor();
    await panel.locator('[data-list="history"] .act-item', { hasText: 'Seguimiento Ana' }).waitFor();
    await panel.getByRole('button', { name: 'Registrar Llamada' }).click();
    dlg = page.getByRole('dialog', { name: 'Registrar Llamada' });
    assert.equal(await dlg.getByLabel('Estado').inputValue(), 'held');
    assert.equal(await dlg.getByLabel('Dirección').inputValue(), 'inbound');
    await dlg.getByLabel('Asunto').fill('Llamada inicial');
    await dlg.getByLabel('Relacionado con').selectOption({ label: caseLabel });
    await dlg.getByRole('button', { name: 'Guardar' }).click();
    await dlg.waitFor({ state: 'detached' });
    await panel.locator('[data-list="history"] .act-item', { hasText: 'Llamada inicial' }).waitFor();

    assertClean(agent);
    assertClean(coord);
    await agent.ctx.close();
    await coord.ctx.close();
  });

  test('Administración → Correo: a test message and its status', async () => {
    const w = await open(browser);
    const { page } = w;
    await login(page, ADMIN);
    await page.goto(`${BASE}/#/admin/correo`);
    await page.getByRole('heading', { level: 2, name: 'Correo saliente' }).waitFor();
    await page.getByLabel('Enviar un correo de prueba a').fill('no es correo');
    await page.getByRole('button', { name: 'Enviar prueba' }).click();
    await page.locator('.status-box', { hasText: 'La dirección de correo no es válida.' }).waitFor();
    await page.getByLabel('Enviar un correo de prueba a').fill('prueba@example.org');
    await page.getByRole('button', { name: 'Enviar prueba' }).click();
    await page.locator('.status-box', { hasText: 'Correo de prueba en cola.' }).waitFor();
    // no SMTP server in this run: the message waits, queued, and says so
    const row = page.locator('tbody tr', { hasText: 'prueba@example.org' });
    await row.waitFor();
    assert.match(await row.textContent(), /Prueba/);
    assert.equal(await row.getAttribute('data-status'), 'queued');
    assertClean(w);
    await w.ctx.close();
  });
});
