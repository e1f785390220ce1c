// live.js: the Server-Sent Events stream (/api/v1/events). Events carry ids
// only; the app fetches what they point to through ordinary authorized GETs.

import { emit } from './state.js';

// event types the product areas listen to on the bus (state.js listen('live:<type>'))
const LIVE_TYPES = ['reminder', 'route_activation', 'activity', 'contact', 'contact_closed', 'contact_pop', 'force_close_request', 'force_close_decided', 'telephony_attention'];

let source = null;
let handlers = null;
let restartTimer = null;
let backoffMs = 1000;
let status = 'off';

function setStatus(s) {
  if (s === status) return;
  status = s;
  if (handlers && handlers.onStatus) handlers.onStatus(s);
}

function parse(ev) {
  try {
    return JSON.parse(ev.data);
  } catch {
    return null;
  }
}

function open() {
  clearTimeout(restartTimer);
  restartTimer = null;
  const es = new EventSource('/api/v1/events', { withCredentials: false });
  source = es;
  es.onopen = () => {
    if (source !== es) return;
    backoffMs = 1000;
    setStatus('open');
  };
  es.addEventListener('hello', () => {
    if (source === es) setStatus('open');
  });
  es.addEventListener('ping', () => {
    if (source === es && es.readyState === EventSource.OPEN) setStatus('open');
  });
  es.addEventListener('announcement', (ev) => {
    if (source !== es) return;
    const data = parse(ev);
    if (data && handlers && handlers.onAnnouncement) handlers.onAnnouncement(data);
  });
  // the areas' events (ids only) go onto the app's bus as 'live:<type>'; their views fetch what they point to
  for (const type of LIVE_TYPES) {
    es.addEventListener(type, (ev) => {
      if (source !== es) return;
      const data = parse(ev);
      if (data) emit(`live:${type}`, data);
    });
  }
  es.addEventListener('session_ended', () => {
    if (source !== es) return;
    const h = handlers;
    stopLive();
    if (h && h.onSessionEnded) h.onSessionEnded();
  });
  es.onerror = () => {
    if (source !== es) return;
    setStatus('reconnecting');
    if (es.readyState === EventSource.CLOSED) {
      // The browser gave up (HTTP error such as 401/503): ask the app whether
      // the session still stands, then try again with a growing pause.
      es.close();
      source = null;
      const again = () => {
        if (!handlers) return;
        restartTimer = setTimeout(open, backoffMs);
        backoffMs = Math.min(backoffMs * 2, 30000);
      };
      if (handlers && handlers.onClosed) {
        Promise.resolve(handlers.onClosed()).then((keepGoing) => {
          if (keepGoing !== false) again();
        });
      } else {
        again();
      }
    }
  };
}

/**
 * startLive({onStatus, onAnnouncement, onSessionEnded, onClosed}): opens the
 * stream. onClosed() runs when the browser stops retrying; resolve it to false
 * to stay closed (e.g. the session is gone).
 */
export function startLive(h) {
  stopLive();
  handlers = h;
  backoffMs = 1000;
  status = 'off';
  setStatus('connecting');
  open();
}

/** stopLive(): closes the stream and forgets the handlers. */
export function stopLive() {
  clearTimeout(restartTimer);
  restartTimer = null;
  if (source) source.close();
  source = null;
  const h = handlers;
  handlers = null;
  status = 'off';
  if (h && h.onStatus) h.onStatus('off');
}

export function liveStatus() {
  return status;
}
