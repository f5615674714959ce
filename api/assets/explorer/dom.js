// Tiny DOM helpers: build elements from data without ever parsing HTML strings.
import { t } from './i18n.js';

/** h('a', {href, class, onclick}, ...children) creates an element. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'style' && typeof v === 'object') {
        for (const [prop, val] of Object.entries(v)) {
          if (val == null) continue;
          if (prop.startsWith('--')) el.style.setProperty(prop, val);
          else el.style[prop] = val;
        }
      }
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = v;
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
  }
  add(el, children);
  return el;
}

/** add appends children (nodes, strings, nested arrays; null and false are skipped). */
export function add(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** debounce returns f delayed until calls stop for ms. */
export function debounce(f, ms) {
  let t = 0;
  const d = (...args) => {
    clearTimeout(t);
    t = setTimeout(() => f(...args), ms);
  };
  d.cancel = () => clearTimeout(t);
  return d;
}

/** entityHref is the explorer's URL of an entity. */
export const entityHref = (id) => '/entity/' + encodeURI(id);

/** readHref is the reader's URL of a paragraph, optionally marking a quote. */
export function readHref(pid, offset, length) {
  let u = '/read/' + encodeURI(pid);
  if (offset != null && length) u += `?at=${offset}-${length}`;
  return u;
}

/** go navigates inside the single-page app (see app.js). */
export function go(url, { replace = false } = {}) {
  window.dispatchEvent(new CustomEvent('plangraph:navigate', { detail: { url, replace } }));
}

/** fill replaces the children of el (null and false are skipped, arrays flattened). */
export function fill(el, ...children) {
  el.replaceChildren();
  return add(el, children);
}

/** setTitle is the one place the page title is set: a view's name, or the site's own title. */
export function setTitle(name) {
  document.title = name ? `${name} · PlanGraph` : `PlanGraph · ${t('brandSub')}`;
}
