// resources_schema.test.mjs: the directory's exports and HSDS API answers validate against the
// official HSDS 3.0 JSON Schemas (share/hsds/schema) with Ajv (draft 2020-12) and ajv-formats.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ADMIN, AGENT, skipReason } from './lib.mjs';
import { loadDirectory, ORG, REPO, SAL, SERVICE, session, TERM } from './resources_fixture.mjs';

function validators() {
  // the spec's schemas use extra annotation keywords (name, constraints, example, ...): not strict
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const dir = join(REPO, 'share/hsds/schema');
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json') || f === 'openapi.json') continue;
    ajv.addSchema(JSON.parse(readFileSync(join(dir, f), 'utf8')), f);
  }
  return (name, value) => {
    const validate = ajv.getSchema(`${name}.json`);
    assert.ok(validate, `schema ${name}.json`);
    const ok = validate(value);
    assert.ok(ok, `${name}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(value).slice(0, 300)}`);
  };
}

test('exports and HSDS answers are valid HSDS 3.0', { skip: skipReason() || false }, async () => {
  const check = validators();
  const admin = await session(ADMIN);
  await loadDirectory(admin);
  // the export: every row of every table against its object's schema
  const doc = (await admin.get('/api/v1/admin/directory-export?file=directory.json')).body;
  const dp = (await admin.get('/api/v1/admin/directory-export?file=datapackage.json')).body;
  const objectOf = Object.fromEntries(dp.resources.map((r) => [r.path, r.name]));
  let rows = 0;
  for (const [file, list] of Object.entries(doc)) {
    for (const row of list) { check(objectOf[file], row); rows++; }
  }
  assert.ok(rows >= 21, `rows ${rows}`);
  // the read API, as an agent sees it
  const agent = await session(AGENT);
  const full = await agent.get(`/hsds/services/${SERVICE}`);
  assert.equal(full.status, 200);
  check('service', full.body);
  assert.equal(full.body.service_at_locations[0].location.addresses.length, 1);
  for (const s of (await agent.get('/hsds/services?full=true')).body.contents) check('service', s);
  check('service_at_location', (await agent.get(`/hsds/service_at_locations/${SAL}`)).body);
  for (const s of (await agent.get('/hsds/service_at_locations?full=true')).body.contents) check('service_at_location', s);
  check('organization', (await agent.get(`/hsds/organizations/${ORG}`)).body);
  check('taxonomy_term', (await agent.get(`/hsds/taxonomy_terms/${TERM}`)).body);
  for (const t of (await agent.get('/hsds/taxonomies')).body.contents) check('taxonomy', t);
  // a broken record would be caught: the check is not vacuous
  assert.throws(() => check('service', { id: SERVICE, name: 'x', status: 'open' }));
});
