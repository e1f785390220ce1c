// search.test.mjs: the Recursos page in headless Chromium: results while
// typing (accents and plurals), a postal code with distances, filters with
// counts, open now, an unknown postal code, and the detail view.
// Loads the synthetic demo directory through the CLI (FARO_E2E_BIN/DB from run.sh).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AGENT, BASE, assertClean, launch, login, open, shutdown, skipReason, text } from './lib.mjs';

const BIN = process.env.FARO_E2E_BIN;
const DB = process.env.FARO_E2E_DB;
const skip = skipReason() || (!BIN || !DB ? 'FARO_E2E_BIN and FARO_E2E_DB not set (use tests/e2e/run.sh)' : '');

describe('Recursos: search while the caller talks', { skip: skip || false }, () => {
  let browser;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faro-e2e-dir-'));
    try {
      const run = (...args) => execFileSync(BIN, args, { stdio: 'pipe' });
      run('demo-directory', dir, '300', '1');
      run('geo', 'import', 'share/geo/co-postal-codes.csv', '--country', 'CO', '--db', DB);
      run('resources', 'import', dir, '--db', DB);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    browser = await launch();
  });
  after(async () => {
    await shutdown(browser);
  });

  async function recursos(page) {
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Recursos', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Recursos' }).waitFor();
  }

  test('results as the agent types, with folding and stems; a place adds distances; filters narrow', async () => {
    const { ctx, page, ...w } = await open(browser);
    await login(page, AGENT);
    await recursos(page);
    const results = page.getByRole('list', { name: 'Resultados' });
    const summary = page.locator('.rs-summary');
    assert.equal(await text(summary), 'Escriba palabras clave, un código postal o un teléfono para buscar.');
    // typed character by character: the last word matches as a prefix, no Enter needed
    await page.getByLabel('Palabras clave', { exact: true }).pressSequentially('REFUGIOS', { delay: 30 });
    await results.locator('li.rs-card').first().waitFor();
    const names = await results.locator('li.rs-card h3').allTextContents();
    const cards = await results.locator('li.rs-card').allTextContents();
    assert.ok(cards.every((c) => /refugio/i.test(c)), 'every result mentions a refugio');
    assert.ok(names.some((n) => /^Refugio nocturno/.test(n)), `a "Refugio nocturno" among ${names.join(' | ')}`);
    assert.match(await text(summary), /^\d+ resultados? · \d+ abiertos/);
    // accents folded: "atencion" finds "Atención ..."
    await page.getByLabel('Palabras clave', { exact: true }).fill('atencion victimas');
    await results.locator('li.rs-card h3', { hasText: 'Atención a víctimas' }).first().waitFor();
    // a postal code: distances in km, nearest (Medellín) first among equals
    await page.getByLabel('Palabras clave', { exact: true }).fill('');
    await page.getByLabel('Código postal', { exact: true }).fill('050001');
    await results.locator('li.rs-card .rs-distance').first().waitFor();
    const first = await text(results.locator('li.rs-card').first().locator('.rs-line').first());
    assert.match(first, /Medellín.* · \d+(,\d)? km$/, first);
    // service-area badges appear once the caller's area is known
    assert.ok((await results.locator('.rs-serves, .rs-noserves').count()) > 0);
    // a category chip filters, and the select shows it
    const chip = page.locator('.rs-facets button').first();
    const chipLabel = await text(chip);
    const chipCount = Number(/\((\d+)\)$/.exec(chipLabel)[1]);
    await chip.click();
    await page.waitForFunction((n) => document.querySelector('.rs-summary').textContent.startsWith(`${n} resultado`), chipCount);
    assert.notEqual(await page.getByLabel('Categoría', { exact: true }).inputValue(), '');
    // open now: every card says open
    await page.getByLabel('Categoría', { exact: true }).selectOption('');
    await page.getByLabel('Abierto ahora', { exact: true }).check();
    await page.waitForFunction(() => !document.querySelector('.resource-search').hasAttribute('aria-busy'));
    await page.waitForTimeout(300);
    const badges = await results.locator('.rs-badges .rs-badge:first-child').allTextContents();
    assert.ok(badges.every((b) => b === 'Abierto ahora'), badges.join(','));
    await page.getByRole('button', { name: 'Limpiar filtros' }).click();
    // an unknown postal code says so and keywords still work
    await page.getByLabel('Código postal', { exact: true }).fill('99999');
    await page.getByLabel('Palabras clave', { exact: true }).fill('banco de alimentos');
    await page.getByRole('alert').filter({ hasText: 'No conocemos el código postal 99999' }).waitFor();
    await results.locator('li.rs-card h3', { hasText: 'Banco de alimentos' }).first().waitFor();
    assert.equal(await results.locator('.rs-distance').count(), 0);
    assertClean(w);
    await ctx.close();
  });

  test('the detail view shows everything about the service; keyboard only', async () => {
    const { ctx, page, ...w } = await open(browser);
    await login(page, AGENT);
    await recursos(page);
    await page.getByLabel('Código postal', { exact: true }).fill('050001');
    await page.getByLabel('Palabras clave', { exact: true }).fill('hogar de paso');
    const link = page.getByRole('list', { name: 'Resultados' }).locator('li.rs-card h3 a').first();
    await link.waitFor();
    const name = await text(link);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Sedes' }).waitFor();
    const site = page.locator('.rs-detail .rs-card').first();
    assert.match(await text(site.locator('.rs-line').first()), / · \d+(,\d)? km$/);
    assert.ok((await site.locator('.rs-phones a[href^="tel:"]').count()) > 0);
    await site.getByText(/^Todos los días · 24 horas$|^Zona horaria: America\/Bogota$/).first().waitFor();
    await page.getByText('Zona horaria: America/Bogota').first().waitFor();
    assert.match(await text(page.locator('.rs-detail dl')), /Categorías/);
    await page.getByRole('link', { name: 'Volver a la búsqueda' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recursos' }).waitFor();
    // an unknown service says so calmly
    await page.goto(`${BASE}/#/recursos/servicio/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('alert').filter({ hasText: 'Este recurso ya no está en el directorio.' }).waitFor();
    assertClean(w);
    await ctx.close();
  });
});
