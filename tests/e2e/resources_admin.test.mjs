// resources_admin.test.mjs: an administrator edits a service of the directory (a validation error
// shown translated next to its field, a save, a 409 when someone saved first) and uploads an import
// file whose errors are all listed with file, line and field.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ADMIN, assertClean, launch, login, open, shutdown, skipReason, text } from './lib.mjs';
import { loadDirectory, REPO, SERVICE, session } from './resources_fixture.mjs';

const skip = skipReason();

describe('resource directory administration', { skip: skip || false }, () => {
  let browser;
  before(async () => {
    browser = await launch();
    await loadDirectory(await session(ADMIN));
  });
  after(async () => {
    await shutdown(browser);
  });

  test('edit a service: translated field error, save, then 409 when someone saved first', async () => {
    const w = await open(browser);
    const { page } = w;
    await login(page, ADMIN);
    await page.goto(`${page.url().split('#')[0]}#/admin/directorio`);
    await page.getByRole('heading', { name: 'Servicios' }).waitFor();
    await page.getByRole('link', { name: 'Community Counselling' }).click();
    await page.getByRole('heading', { name: 'Editar servicio' }).waitFor();
    const email = page.getByLabel('Correo electrónico', { exact: true });
    await email.fill('esto no es un correo');
    await page.getByRole('button', { name: 'Guardar' }).first().click();
    const err = page.locator('.res-form .field-error', { hasText: 'no es un correo electrónico válido' });
    await err.waitFor();
    assert.equal(await text(err), 'Correo electrónico: no es un correo electrónico válido.');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    await email.fill('consejeria@example.org');
    await page.getByLabel('Nombre', { exact: true }).fill('Consejería comunitaria');
    await page.getByRole('button', { name: 'Guardar' }).first().click();
    await page.locator('.status-box', { hasText: 'Cambios guardados.' }).waitFor();
    // someone else saves the same service in the meantime
    const other = await session(ADMIN);
    const cur = await other.get(`/api/v1/admin/directory/services/${SERVICE}`);
    assert.equal(cur.body.record.name, 'Consejería comunitaria');
    assert.equal(cur.body.record.email, 'consejeria@example.org');
    const r = await other.send('PATCH', `/api/v1/admin/directory/services/${SERVICE}`, { row_version: cur.body.row_version, alert: 'Cerrado el lunes' });
    assert.equal(r.status, 200);
    await page.getByLabel('Nombre', { exact: true }).fill('Otro nombre');
    await page.getByRole('button', { name: 'Guardar' }).first().click();
    await page.locator('.res-form .form-error', { hasText: 'Otra persona guardó este registro' }).waitFor();
    const after409 = await other.get(`/api/v1/admin/directory/services/${SERVICE}`);
    assert.equal(after409.body.record.name, 'Consejería comunitaria');
    // a phone of the service: added through its dialog
    await page.getByRole('button', { name: 'Añadir teléfono' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('Número', { exact: true }).fill('+57 601 555 0101');
    await dlg.getByRole('button', { name: 'Guardar' }).click();
    await page.locator('section[data-kind="phones"] li', { hasText: '+57 601 555 0101' }).waitFor();
    assertClean(w);
    await w.ctx.close();
  });

  test('upload an import with errors: every error listed, nothing imported', async () => {
    const w = await open(browser);
    const { page } = w;
    await login(page, ADMIN);
    await page.goto(`${page.url().split('#')[0]}#/admin/directorio`);
    await page.getByRole('heading', { name: 'Importar (HSDS 3.0)' }).waitFor();
    const csv = (name) => ({ name, mimeType: 'text/csv', buffer: readFileSync(join(REPO, 'share/hsds/csv', name)) });
    await page.getByLabel('Archivos CSV del paquete de datos o un archivo JSON HSDS').setInputFiles([csv('locations.csv'), csv('phones.csv'), csv('organizations.csv')]);
    await page.getByRole('button', { name: 'Importar', exact: true }).click();
    await page.locator('.status-box', { hasText: 'no se importó nada' }).waitFor();
    const rows = page.locator('table.res-errors tbody tr');
    const all = await rows.allTextContents();
    assert.ok(all.some((r) => r.includes('locations.csv') && r.includes('Latitud: el valor está fuera del rango permitido.')), all.join('\n'));
    assert.ok(all.some((r) => r.includes('phones.csv') && r.includes('Número: debe ser un número de teléfono')), all.join('\n'));
    assert.ok(all.some((r) => r.includes('organizations.csv') && r.includes('Organización matriz: el registro enlazado no existe.')), all.join('\n'));
    const first = page.locator('table.res-errors tbody tr', { hasText: 'Latitud' });
    assert.deepEqual(await first.locator('td').allTextContents(), ['locations.csv', '2', 'Latitud', 'Latitud: el valor está fuera del rango permitido.']);
    assertClean(w);
    await w.ctx.close();
  });
});
