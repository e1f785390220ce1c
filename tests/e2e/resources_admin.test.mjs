// resources_admin.test.mjs: an administrator edits a service of the directory (a validation error
// shown translated next to its field, a save, a 409 when someone saved first), uploads an import
// file whose errors are all listed with file, line and field, and builds a resource from nothing
// (organization, service, location with address and lat/lon, phone, schedule, service area, the
// service linked at the location, a category) that Recursos finds at once, then edits and deletes it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ADMIN, assertClean, launch, login, open, shutdown, skipReason, text } from './lib.mjs';
import { loadDirectory, REPO, SERVICE, session, TAXONOMY } from './resources_fixture.mjs';

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
    // the 409 says whose change won and what each changed; discarding mine shows theirs
    const box = page.locator('.res-form .res-conflict');
    await box.getByText(/guardó un cambio en este registro .* antes que usted/).waitFor();
    await box.getByText('Lo que cambió esa persona: Aviso.').waitFor();
    await box.getByText('Lo que usted cambió: Nombre.').waitFor();
    const after409 = await other.get(`/api/v1/admin/directory/services/${SERVICE}`);
    assert.equal(after409.body.record.name, 'Consejería comunitaria');
    await box.getByRole('button', { name: 'Descartar mis cambios' }).click();
    assert.equal(await page.getByLabel('Nombre', { exact: true }).inputValue(), 'Consejería comunitaria');
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

  test('build a resource from nothing; Recursos finds it at once; edit; delete (asked first, refused while in use)', async () => {
    const w = await open(browser);
    const { page } = w;
    await login(page, ADMIN);
    const root = page.url().split('#')[0];
    const save = () => page.locator('form.res-form').first().getByRole('button', { name: 'Guardar' }).click();
    const dialogSave = async () => {
      await page.getByRole('dialog').getByRole('button', { name: 'Guardar' }).click();
    };
    const pick = async (scope, label, option) => {
      await scope.locator('select option', { hasText: option }).first().waitFor({ state: 'attached' });
      await scope.getByLabel(label, { exact: true }).selectOption({ label: option });
    };
    // an organization
    await page.goto(`${root}#/admin/directorio`);
    await page.getByRole('link', { name: 'Nueva organización' }).click();
    await page.getByRole('heading', { name: 'Nueva organización' }).waitFor();
    await page.getByLabel('Nombre', { exact: true }).fill('Fundación Las Lajas');
    await page.getByLabel('Descripción', { exact: true }).fill('Apoyo alimentario en Medellín');
    await save();
    await page.getByRole('heading', { name: 'Editar organización' }).waitFor();
    const orgUrl = page.url();
    // its service
    await page.getByRole('link', { name: 'Añadir servicio' }).click();
    await page.getByRole('heading', { name: 'Nuevo servicio' }).waitFor();
    await page.getByLabel('Nombre', { exact: true }).fill('Comedor Comunitario Las Lajas');
    await pick(page, 'Organización', 'Fundación Las Lajas');
    await page.getByLabel('Estado', { exact: true }).selectOption({ label: 'Activo' });
    await page.getByLabel('Descripción', { exact: true }).fill('Almuerzos gratuitos de lunes a viernes');
    await save();
    await page.getByRole('heading', { name: 'Editar servicio' }).waitFor();
    const svcUrl = page.url();
    // a location with lat/lon: an out-of-range latitude is refused next to its field
    await page.goto(orgUrl);
    await page.getByRole('link', { name: 'Añadir ubicación' }).click();
    await page.getByRole('heading', { name: 'Nueva ubicación' }).waitFor();
    await page.getByLabel('Nombre', { exact: true }).fill('Sede Las Lajas');
    await pick(page, 'Organización', 'Fundación Las Lajas');
    await page.getByLabel('Tipo de ubicación', { exact: true }).selectOption({ label: 'Física' });
    await page.getByLabel('Latitud', { exact: true }).fill('100');
    await page.getByLabel('Longitud', { exact: true }).fill('-75.5736');
    await save();
    const latErr = page.locator('.res-form .field-error', { hasText: 'Latitud' });
    await latErr.waitFor();
    assert.equal(await text(latErr), 'Latitud: el valor está fuera del rango permitido.');
    await page.getByLabel('Latitud', { exact: true }).fill('6.2442');
    await save();
    await page.getByRole('heading', { name: 'Editar ubicación' }).waitFor();
    // its address, in a dialog
    await page.getByRole('button', { name: 'Añadir dirección' }).click();
    let dlg = page.getByRole('dialog');
    await dlg.getByLabel('Dirección', { exact: true }).fill('Calle 50 # 40-20');
    await dlg.getByLabel('Ciudad o municipio', { exact: true }).fill('Medellín');
    await dlg.getByLabel('Departamento o estado', { exact: true }).fill('Antioquia');
    await dlg.getByLabel('Código postal', { exact: true }).fill('050012');
    await dlg.getByLabel('País (código de 2 letras)', { exact: true }).fill('CO');
    await dialogSave();
    await dlg.locator('.field-error', { hasText: 'Tipo de dirección: es obligatorio.' }).waitFor();
    await dlg.getByLabel('Tipo de dirección', { exact: true }).selectOption({ label: 'Física' });
    await dialogSave();
    await page.locator('section[data-kind="addresses"] li', { hasText: 'Calle 50 # 40-20, Medellín, 050012' }).waitFor();
    // back at the service: a phone, a schedule (a bad time first), a service area, the link to the location
    await page.goto(svcUrl);
    await page.getByRole('heading', { name: 'Editar servicio' }).waitFor();
    await page.getByRole('button', { name: 'Añadir teléfono' }).click();
    await page.getByRole('dialog').getByLabel('Número', { exact: true }).fill('+57 604 444 1234');
    await dialogSave();
    await page.locator('section[data-kind="phones"] li', { hasText: '+57 604 444 1234' }).waitFor();
    await page.getByRole('button', { name: 'Añadir horario' }).click();
    dlg = page.getByRole('dialog');
    await dlg.getByLabel('Abre a las', { exact: true }).fill('25:00');
    await dlg.getByLabel('Cierra a las', { exact: true }).fill('14:00');
    await dlg.getByLabel('Frecuencia', { exact: true }).selectOption({ label: 'Semanal' });
    await dlg.getByLabel('Días (MO,TU,WE,TH,FR,SA,SU)', { exact: true }).fill('MO,TU,WE,TH,FR');
    await dialogSave();
    await dlg.locator('.field-error', { hasText: 'Abre a las: debe ser una hora HH:MM (00:00 a 24:00).' }).waitFor();
    await dlg.getByLabel('Abre a las', { exact: true }).fill('11:00');
    await dialogSave();
    await page.locator('section[data-kind="schedules"] li', { hasText: 'MO,TU,WE,TH,FR · 11:00–14:00' }).waitFor();
    await page.getByRole('button', { name: 'Añadir área de servicio' }).click();
    dlg = page.getByRole('dialog');
    await dlg.getByLabel('Nombre', { exact: true }).fill('Comuna 10 La Candelaria');
    await dlg.getByLabel('Códigos postales que atiende', { exact: true }).fill('050012 050010');
    await dialogSave();
    await page.locator('section[data-kind="service_areas"] li', { hasText: 'Comuna 10 La Candelaria' }).waitFor();
    await page.getByRole('button', { name: 'Vincular a una ubicación' }).click();
    dlg = page.getByRole('dialog');
    await pick(dlg, 'Ubicación', 'Sede Las Lajas');
    await dialogSave();
    await page.locator('section[data-kind="service_at_locations"] li', { hasText: 'Sede Las Lajas' }).waitFor();
    // a category, found by typing in the picker (a term made for this test)
    const term = await (await session(ADMIN)).send('POST', '/api/v1/admin/directory/taxonomy_terms', { name: 'Seguridad alimentaria', description: 'Comida y mercados', code: 'SA-E2E', taxonomy_id: TAXONOMY });
    assert.equal(term.status, 201, JSON.stringify(term.body));
    await page.getByRole('button', { name: 'Añadir categoría' }).click();
    dlg = page.getByRole('dialog');
    await dlg.getByLabel('Buscar categoría', { exact: true }).fill('seguridad alim');
    await pick(dlg, 'Categoría', 'Seguridad alimentaria (SA-E2E)');
    await dialogSave();
    await page.locator('section[data-kind="attributes"] li', { hasText: 'Seguridad alimentaria' }).waitFor();
    // Recursos finds it at once, as the agent types, with its address, phone and hours
    const recursos = async (typed) => {
      await page.goto(`${root}#/recursos`);
      await page.getByRole('heading', { level: 1, name: 'Recursos' }).waitFor();
      // the same address twice may keep the page (and the words typed before): start empty
      const box = page.getByLabel('Palabras clave', { exact: true });
      await box.fill('');
      await box.pressSequentially(typed, { delay: 20 });
    };
    await recursos('comedor laj');
    const card = page.getByRole('list', { name: 'Resultados' }).locator('li.rs-card', { hasText: 'Comedor Comunitario Las Lajas' });
    await card.waitFor();
    const cardText = await text(card);
    assert.ok(cardText.includes('Calle 50 # 40-20') && cardText.includes('+57 604 444 1234'), cardText);
    assert.ok(cardText.includes('Fundación Las Lajas'), cardText);
    await recursos('seguridad alimentaria');
    await page.getByRole('list', { name: 'Resultados' }).locator('li.rs-card h3', { hasText: 'Comedor Comunitario Las Lajas' }).waitFor();
    // edit: the new name is what agents find
    await page.goto(svcUrl);
    await page.getByRole('heading', { name: 'Editar servicio' }).waitFor();
    await page.getByLabel('Nombre', { exact: true }).fill('Comedor Popular Las Lajas');
    await save();
    await page.locator('.status-box', { hasText: 'Cambios guardados.' }).waitFor();
    await recursos('comedor popular laj');
    await page.getByRole('list', { name: 'Resultados' }).locator('li.rs-card h3', { hasText: 'Comedor Popular Las Lajas' }).waitFor();
    // a child record deleted from its dialog, asked first
    await page.goto(svcUrl);
    await page.locator('section[data-kind="service_areas"] li', { hasText: 'Comuna 10 La Candelaria' }).getByRole('button').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Borrar' }).click();
    const ask = page.getByRole('dialog', { name: 'Borrar del directorio' });
    assert.ok((await text(ask)).includes('¿Borrar el área de servicio «Comuna 10 La Candelaria»?'));
    await ask.getByRole('button', { name: 'Borrar' }).click();
    await page.locator('section[data-kind="service_areas"] p.muted', { hasText: 'No hay registros.' }).waitFor();
    // the organization is still used by the service and the location: refused, naming them
    await page.goto(orgUrl);
    await page.getByRole('heading', { name: 'Editar organización' }).waitFor();
    await page.locator('form.res-form').first().getByRole('button', { name: 'Borrar' }).click();
    await page.getByRole('dialog', { name: 'Borrar del directorio' }).getByRole('button', { name: 'Borrar' }).click();
    const refused = page.locator('.res-form .form-error', { hasText: 'No se puede borrar' });
    await refused.waitFor();
    const why = await text(refused);
    assert.ok(why.includes('Servicios: Comedor Popular Las Lajas') && why.includes('Ubicaciones: Sede Las Lajas'), why);
    // the service: a cancel keeps it; a confirm deletes it with what it holds; Recursos no longer finds it
    await page.goto(svcUrl);
    await page.getByRole('heading', { name: 'Editar servicio' }).waitFor();
    const delSvc = page.locator('form.res-form').first().getByRole('button', { name: 'Borrar' });
    await delSvc.click();
    await page.getByRole('dialog', { name: 'Borrar del directorio' }).getByRole('button', { name: 'Cancelar' }).click();
    await page.getByRole('heading', { name: 'Editar servicio' }).waitFor();
    await delSvc.click();
    const askSvc = page.getByRole('dialog', { name: 'Borrar del directorio' });
    assert.ok((await text(askSvc)).includes('«Comedor Popular Las Lajas»'));
    await askSvc.getByRole('button', { name: 'Borrar' }).click();
    await page.locator('.status-box', { hasText: '«Comedor Popular Las Lajas» se borró del directorio.' }).waitFor();
    await recursos('comedor popular laj');
    await page.locator('.rs-summary', { hasText: 'Ningún recurso coincide' }).waitFor();
    // then the location (its address goes with it) and the organization
    const admin = await session(ADMIN);
    const orgId = decodeURIComponent(orgUrl.split('/').pop());
    const locs = (await admin.get(`/api/v1/admin/directory/locations?organization_id=${orgId}`)).body.items;
    assert.equal(locs.length, 1);
    await page.goto(`${root}#/admin/directorio/ubicacion/${locs[0].record.id}`);
    await page.getByRole('heading', { name: 'Editar ubicación' }).waitFor();
    await page.locator('form.res-form').first().getByRole('button', { name: 'Borrar' }).click();
    await page.getByRole('dialog', { name: 'Borrar del directorio' }).getByRole('button', { name: 'Borrar' }).click();
    await page.locator('.status-box', { hasText: '«Sede Las Lajas» se borró del directorio.' }).waitFor();
    assert.deepEqual((await admin.get(`/api/v1/admin/directory/addresses?location_id=${locs[0].record.id}`)).body.items, []);
    await page.goto(orgUrl);
    await page.getByRole('heading', { name: 'Editar organización' }).waitFor();
    await page.locator('form.res-form').first().getByRole('button', { name: 'Borrar' }).click();
    await page.getByRole('dialog', { name: 'Borrar del directorio' }).getByRole('button', { name: 'Borrar' }).click();
    await page.locator('.status-box', { hasText: '«Fundación Las Lajas» se borró del directorio.' }).waitFor();
    assert.equal((await admin.get(`/api/v1/admin/directory/organizations/${orgId}`)).status, 404);
    assertClean(w);
    await w.ctx.close();
  });
});
