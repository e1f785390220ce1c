// resources_fixture.mjs: a valid HSDS directory for the browser and schema tests, and an API session.
// The directory is the Open Referral example (share/hsds/json/tabular.json) with its placeholder
// values repaired exactly as tests/api/hsds_fixture.py does; CC BY-SA 4.0 like its source.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE } from './lib.mjs';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ORG = 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610';
export const SERVICE = 'ac148810-d857-441c-9679-408f346de14b';
export const SAL = 'e94c9f38-1e8f-4564-91d4-d53501ab1765';
export const TAXONOMY = '5c4d79d7-cc55-470e-9f1f-8cad074e4892';
export const TERM = '3f7b145d-84af-42d7-8fae-eaca714b02b2';

const REPAIRS = {
  'locations.csv': { latitude: 40.7128, longitude: -74.006, organization_id: ORG },
  'phones.csv': { number: '+44 1234 234567' },
  'taxonomy_terms.csv': { parent_id: null, taxonomy_id: TAXONOMY },
  'organizations.csv': { parent_organization_id: null },
  'contacts.csv': { organization_id: ORG, service_at_location_id: SAL },
  'attributes.csv': { link_id: SERVICE },
};

/** validDirectory() -> the tabular HSDS JSON of a valid one-of-everything directory. */
export function validDirectory() {
  const doc = JSON.parse(readFileSync(join(REPO, 'share/hsds/json/tabular.json'), 'utf8'));
  for (const [file, fix] of Object.entries(REPAIRS)) {
    for (const row of doc[file]) {
      for (const [k, v] of Object.entries(fix)) {
        if (v === null) delete row[k];
        else row[k] = v;
      }
    }
  }
  return doc;
}

/** session(user) -> {get, send}: fetch with the session cookie and CSRF token, as the browser does. */
export async function session(who) {
  const r = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: BASE },
    body: JSON.stringify({ username: who.user, password: who.pass }),
  });
  if (r.status !== 200) throw new Error(`login ${r.status}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await r.json();
  const get = async (path) => {
    const res = await fetch(BASE + path, { headers: { Cookie: cookie } });
    return { status: res.status, body: await res.json() };
  };
  const send = async (method, path, body) => {
    const res = await fetch(BASE + path, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json', Origin: BASE },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };
  return { get, send };
}

/** loadDirectory(admin): imports validDirectory() through the admin upload. */
export async function loadDirectory(admin) {
  const r = await admin.send('POST', '/api/v1/admin/directory-import', {
    files: [{ name: 'directory.json', content: JSON.stringify(validDirectory()) }],
  });
  if (r.status !== 200) throw new Error(`import ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
