// activities_lib.mjs: what the activities browser tests share.

/** api(page, method, path, body): a JSON call from the signed-in page (its cookie and CSRF token). */
export async function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/me')).json();
      const r = await fetch(path, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: body ? JSON.stringify(body) : undefined });
      return { status: r.status, json: await r.json().catch(() => null) };
    },
    { method, path, body },
  );
}

/** localInput(page, ms): a datetime-local value in the browser's own zone. */
export async function localInput(page, offsetMs) {
  return page.evaluate((off) => {
    const d = new Date(Date.now() + off);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, offsetMs);
}
