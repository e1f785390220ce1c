// api.js: the one way the interface talks to the server. JSON in and out,
// same-origin cookies, the CSRF token on every state change, and server errors
// ({"error":{"code","message"}}) turned into thrown ApiError objects.

export class ApiError extends Error {
  /**
   * code: the server's error code ("invalid_credentials", ...) or "network";
   * status: HTTP status (0 for network failures); serverMessage: the server's
   * own text (shown only as detail); retryAfter: seconds from Retry-After.
   */
  constructor(code, status, serverMessage, retryAfter) {
    super(serverMessage || code);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.serverMessage = serverMessage || '';
    this.retryAfter = retryAfter;
  }
}

let csrfToken = null;
let unauthenticatedHandler = null;
const codeHandlers = new Map();

/**
 * onErrorCode(code, fn): fn(err) runs whenever a request (not flagged
 * {auth:false}) fails with that error code, before the error is thrown.
 */
export function onErrorCode(code, fn) {
  codeHandlers.set(code, fn);
}

/** setCsrfToken(token): remembers the token (in memory only) for later requests. */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

/**
 * onUnauthenticated(fn): fn(err) runs when a request made while signed in gets
 * 401 (session expired or ended elsewhere). Requests flagged {auth:false} skip it.
 */
export function onUnauthenticated(fn) {
  unauthenticatedHandler = fn;
}

function statusCode(status) {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'throttled';
  if (status === 503) return 'busy';
  if (status >= 500) return 'internal';
  return 'invalid';
}

function parseRetryAfter(res) {
  const v = res.headers.get('Retry-After');
  if (!v) return undefined;
  const n = Number.parseInt(v, 10);
  if (Number.isFinite(n) && String(n) === v.trim()) return Math.max(0, n);
  const when = Date.parse(v);
  if (Number.isFinite(when)) return Math.max(0, Math.ceil((when - Date.now()) / 1000));
  return undefined;
}

async function send(method, path, body, opts) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET' && method !== 'HEAD') {
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError('network', 0, String(e && e.message ? e.message : e));
  }
  if (res.status === 204 || res.status === 205) return null;
  let data = null;
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('application/json')) {
    try {
      data = await res.json();
    } catch {
      data = null;
    }
  }
  if (res.ok) return data;
  const e = data && data.error ? data.error : {};
  const err = new ApiError(e.code || statusCode(res.status), res.status, e.message, parseRetryAfter(res));
  if (typeof e.field === 'string') err.field = e.field; // which input a 400 is about
  if (Array.isArray(e.fields)) err.fields = e.fields; // every problem of a record (directory editing)
  if (Array.isArray(e.errors)) err.errors = e.errors; // every bad row of an import
  err.details = e; // the whole error object (e.g. saved_by on stale_version)
  throw err;
}

/**
 * request(method, path, body, opts) -> parsed JSON (null for 204).
 * Throws ApiError. On 403 csrf_failed it refreshes the token from /me and
 * retries once. On 401 (unless opts.auth === false) it calls the
 * onUnauthenticated handler before throwing.
 */
export async function request(method, path, body, opts = {}) {
  try {
    return await send(method, path, body, opts);
  } catch (err) {
    if (err.code === 'csrf_failed' && !opts.retried && method !== 'GET') {
      try {
        const me = await send('GET', '/api/v1/me');
        if (me && me.csrf_token) setCsrfToken(me.csrf_token);
        return await request(method, path, body, { ...opts, retried: true });
      } catch (again) {
        if (again.status === 401 && opts.auth !== false && unauthenticatedHandler) unauthenticatedHandler(again);
        throw again;
      }
    }
    if (err.status === 401 && opts.auth !== false && unauthenticatedHandler) unauthenticatedHandler(err);
    if (opts.auth !== false && codeHandlers.has(err.code)) codeHandlers.get(err.code)(err);
    throw err;
  }
}

export const api = {
  get: (path, opts) => request('GET', path, undefined, opts),
  post: (path, body, opts) => request('POST', path, body, opts),
  patch: (path, body, opts) => request('PATCH', path, body, opts),
  put: (path, body, opts) => request('PUT', path, body, opts),
  del: (path, opts) => request('DELETE', path, undefined, opts),
};

/** path segment helper: encodes an id for use in a URL path. */
export function seg(x) {
  return encodeURIComponent(String(x));
}
