// dom.js: build DOM nodes from data. Text always goes in as text nodes; this
// file never assigns innerHTML/outerHTML or calls insertAdjacentHTML, so no
// user-supplied string can become markup (security checklist row 29).

const BOOLEAN_ATTRS = new Set(['disabled', 'required', 'checked', 'selected', 'hidden', 'readonly', 'autofocus', 'multiple', 'open']);

/**
 * h(tag, attrs, ...children) -> Element.
 * attrs: plain attributes (strings/numbers), booleans for boolean attributes,
 *   `class` (string or array), `on<event>` functions (added as listeners),
 *   `dataset` object, and `value` / `checked` set as properties.
 * children: strings/numbers (become text nodes), Nodes, arrays, null/false (skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, val] of Object.entries(attrs)) {
      if (val === undefined || val === null || val === false) continue;
      if (key.startsWith('on') && typeof val === 'function') {
        el.addEventListener(key.slice(2).toLowerCase(), val);
      } else if (key === 'class') {
        const list = Array.isArray(val) ? val.filter(Boolean) : String(val).split(/\s+/).filter(Boolean);
        if (list.length) el.classList.add(...list);
      } else if (key === 'dataset') {
        for (const [k, v] of Object.entries(val)) el.dataset[k] = String(v);
      } else if (key === 'value') {
        el.value = String(val);
      } else if (key === 'checked' || key === 'selected') {
        el[key] = Boolean(val);
      } else if (key === 'style' || key === 'innerHTML' || key === 'outerHTML') {
        throw new Error(`h(): attribute "${key}" is not allowed`);
      } else if (BOOLEAN_ATTRS.has(key)) {
        el.setAttribute(key, '');
      } else if (val === true) {
        el.setAttribute(key, '');
      } else {
        el.setAttribute(key, String(val));
      }
    }
  }
  append(el, children);
  return el;
}

/** append(parent, children): adds children (same rules as h()) to parent; returns parent. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === true) continue;
    if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
  return parent;
}

/** clear(el): removes every child of el; returns el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** replace(el, ...children): clear(el) then append children. */
export function replace(el, ...children) {
  return append(clear(el), children);
}

/** text(el, s): sets el's text content; returns el. */
export function text(el, s) {
  el.textContent = s === null || s === undefined ? '' : String(s);
  return el;
}

let idSeq = 0;
/** uid(prefix): a fresh id for label/aria wiring. */
export function uid(prefix = 'f') {
  idSeq += 1;
  return `${prefix}-${idSeq}`;
}
