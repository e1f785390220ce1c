// activities_case.test.mjs: seed 000's steps 2-4 from the case page (Paso 1
// made the case): Registrar Llamada lands in the case's Historial, the
// follow-up in its Actividades; the reminder's "Abrir" opens the call; the
// home page lists today's call, the overdue task and the open case; the
// calendar's "Reprogramar" moves the call.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AGENT, BASE, assertClean, launch, login, open, rand, shutdown, skipReason, waitLive } from './lib.mjs';
import { api, localInput } from './activities_lib.mjs';

const skip = skipReason();

describe('activities from the case page (seed 000)', { skip: skip || false }, () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await shutdown(browser);
  });

  test('case page: Registrar Llamada, follow-up with reminder (Abrir), overdue task, home panels, Reprogramar', async () => {
    const w = await open(browser);
    const { page } = w;
    await login(page, AGENT);
    await waitLive(page, 'En vivo');
    const tag = rand(3);
    const prof = await api(page, 'POST', '/api/v1/profiles', { first_name: 'Julia', last_name: `Ríos ${tag}` });
    assert.equal(prof.status, 201, JSON.stringify(prof.json));
    const kase = await api(page, 'POST', '/api/v1/cases', { profile_id: prof.json.profile.id, subject: `Duelo ${tag}` });
    assert.equal(kase.status, 201, JSON.stringify(kase.json));
    const c = kase.json.case;
    const caseLabel = `${c.number} · Duelo ${tag}`;

    await page.goto(`${BASE}/#/casos/${c.id}`);
    await page.getByRole('heading', { level: 1, name: caseLabel }).waitFor();
    const panel = page.locator('[data-panel="activities"]');
    await panel.locator('[data-list="activities"]').getByText('No hay actividades pendientes.').waitFor();

    // Paso 2: the held inbound call, related to this case without choosing it
    await panel.getByRole('button', { name: 'Registrar Llamada' }).click();
    let dlg = page.getByRole('dialog', { name: 'Registrar Llamada' });
    assert.equal(await dlg.getByLabel('Relacionado con').inputValue(), String(c.id), 'the case page relates the call to its case');
    await dlg.getByLabel('Asunto').fill(`Llamada inicial ${tag}`);
    await dlg.getByRole('button', { name: 'Guardar' }).click();
    await dlg.waitFor({ state: 'detached' });
    await panel.locator('[data-list="history"] .act-item', { hasText: `Llamada inicial ${tag}` }).waitFor();

    // Paso 3: the follow-up, planned in two minutes with a reminder five minutes before (due at once)
    await panel.getByRole('button', { name: 'Programar llamada' }).click();
    dlg = page.getByRole('dialog', { name: 'Programar llamada' });
    assert.equal(await dlg.getByLabel('Relacionado con').inputValue(), String(c.id));
    await dlg.getByLabel('Asunto').fill(`Seguimiento ${tag}`);
    await dlg.getByLabel('Fecha y hora').fill(await localInput(page, 2 * 60000));
    await dlg.getByLabel('Recordatorio').selectOption({ label: '5 minutos antes' });
    await dlg.getByRole('button', { name: 'Guardar' }).click();
    await dlg.waitFor({ state: 'detached' });
    await panel.locator('[data-list="activities"] .act-item', { hasText: `Seguimiento ${tag}` }).waitFor();

    // the reminder pops up; "Abrir" opens the call it is about
    const pop = page.getByRole('alertdialog', { name: `Recordatorio: Seguimiento ${tag}` });
    await pop.waitFor({ timeout: 20000 });
    await pop.getByRole('button', { name: 'Abrir' }).click();
    dlg = page.getByRole('dialog', { name: 'Llamada' });
    await dlg.waitFor();
    assert.equal(await dlg.getByLabel('Asunto').inputValue(), `Seguimiento ${tag}`);
    await dlg.getByRole('button', { name: 'Cerrar' }).click();
    await dlg.waitFor({ state: 'detached' });
    const pending = await api(page, 'GET', '/api/v1/reminders');
    assert.ok(!pending.json.items.some((r) => r.title === `Seguimiento ${tag}`), 'opened, the reminder is done');

    // Paso 4: a task related to the case, due an hour ago
    await panel.getByRole('button', { name: 'Crear tarea' }).click();
    dlg = page.getByRole('dialog', { name: 'Crear tarea' });
    assert.equal(await dlg.getByLabel('Relacionado con').inputValue(), String(c.id));
    await dlg.getByLabel('Asunto').fill(`Enviar guía de duelo ${tag}`);
    await dlg.getByLabel('Vence').fill(await localInput(page, -60 * 60000));
    await dlg.getByRole('button', { name: 'Guardar' }).click();
    await dlg.waitFor({ state: 'detached' });
    await panel.locator('[data-list="activities"] .act-item', { hasText: `Enviar guía de duelo ${tag}` }).waitFor();

    // the home page: today's call, the overdue task, the open case (the creator works it)
    await page.goto(`${BASE}/#/inicio`);
    await page.locator('[data-panel="calls_today"] .act-item', { hasText: `Seguimiento ${tag}` }).waitFor();
    await page.locator('[data-panel="overdue"] .act-item', { hasText: `Enviar guía de duelo ${tag}` }).waitFor();
    await page.locator('[data-panel="open_tasks"] .act-item', { hasText: `Enviar guía de duelo ${tag}` }).waitFor();
    await page.locator('[data-panel="open_cases"] .act-item', { hasText: caseLabel }).waitFor();

    // Planificación: Reprogramar the follow-up to tomorrow
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Planificación', exact: true }).click();
    const item = page.locator('.plan-item', { hasText: `Seguimiento ${tag}` });
    await item.getByRole('button', { name: 'Reprogramar' }).click();
    dlg = page.getByRole('dialog', { name: 'Llamada' });
    const tomorrow = await localInput(page, 24 * 3600 * 1000);
    await dlg.getByLabel('Fecha y hora').fill(tomorrow);
    await dlg.getByRole('button', { name: 'Guardar' }).click();
    await dlg.waitFor({ state: 'detached' });
    const calls = await api(page, 'GET', `/api/v1/calls?case_id=${c.id}&status=planned`);
    const moved = calls.json.items.find((x) => x.subject === `Seguimiento ${tag}`);
    const want = await page.evaluate((v) => new Date(v).getTime(), tomorrow);
    assert.equal(moved.start_ms, want, 'the call moved to tomorrow');
    assertClean(w);
    await w.ctx.close();
  });
});
