// PlanGraph explorer: a single-page app on the GraphQL API. Routes (History API):
//   /                     start page
//   /entity/<id>          an entity, its links, mentions and neighbourhood graph
//   /path?from=&to=       shortest connections between two entities
//   /read[/<paragraph>]   the plan text (?at=offset-length marks a quote, ?q= searches the text)
import { h, entityHref, go, fill, debounce, setTitle } from './dom.js';
import { loadVocabulary } from './api.js';
import { prefs, setPref, onPrefs, t, htmlLang } from './i18n.js';
import { SearchBox } from './search.js';
import { HomeView } from './home.js';
import { EntityView } from './entity.js';
import { PathView } from './path.js';
import { ReaderView } from './reader.js';
import { ListView } from './list.js';
import { BriefView } from './brief.js';

const view = document.getElementById('view');
let current = null;

// ---- header ------------------------------------------------------------------------------

const search = new SearchBox({
  id: 'search-input',
  onPick: (e) => go(entityHref(e.id)),
  onText: (q) => go('/read?q=' + encodeURIComponent(q)),
});
document.getElementById('search-slot').append(search.el);

for (const b of document.querySelectorAll('#script-toggle button')) b.addEventListener('click', () => setPref('script', b.dataset.script));
for (const b of document.querySelectorAll('#lang-toggle button')) b.addEventListener('click', () => setPref('lang', b.dataset.lang));

function renderChrome() {
  document.documentElement.lang = htmlLang();
  document.documentElement.dataset.script = prefs.script;
  document.getElementById('brand-sub').textContent = t('brandSub');
  document.getElementById('nav-home').textContent = t('navHome');
  document.getElementById('nav-path').textContent = t('navPath');
  document.getElementById('nav-read').textContent = t('navRead');
  for (const b of document.querySelectorAll('#script-toggle button')) b.setAttribute('aria-pressed', String(b.dataset.script === prefs.script));
  for (const b of document.querySelectorAll('#lang-toggle button')) b.setAttribute('aria-pressed', String(b.dataset.lang === prefs.lang));
  document.getElementById('script-toggle').title = prefs.lang === 'en' ? 'Chinese script: Traditional (as written) or Simplified' : t('asWritten') + ' / ' + t('simplified');
  document.getElementById('lang-toggle').title = prefs.lang === 'en' ? 'Interface language' : '界面語言';
  search.relabel();
  const section = location.pathname.startsWith('/path') ? 'path' : location.pathname.startsWith('/read') ? 'read' : location.pathname === '/' ? 'home' : '';
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

onPrefs(() => {
  renderChrome();
  if (current && current.refresh) current.refresh();
  setViewTitle();
  syncURL();
});

// ---- the URL says the interface language, the script and the search: a view can be shared ----

const SCRIPT_PARAM = { t: 'hant', s: 'hans' };

/** prefsFromURL takes ?lang=en|zh and ?script=hant|hans into the preferences. */
function prefsFromURL(params) {
  const lang = params.get('lang');
  if (lang === 'en' || lang === 'zh') setPref('lang', lang);
  const script = Object.keys(SCRIPT_PARAM).find((k) => SCRIPT_PARAM[k] === params.get('script'));
  if (script) setPref('script', script);
}

/** syncURL writes the language, the script and the header search's text into the URL. */
function syncURL() {
  const u = new URL(location.href);
  u.searchParams.set('lang', prefs.lang);
  u.searchParams.set('script', SCRIPT_PARAM[prefs.script]);
  const q = search.input.value.trim();
  if (q && !u.pathname.startsWith('/read')) u.searchParams.set('q', q);
  else if (!u.pathname.startsWith('/read') && !u.pathname.startsWith('/list')) u.searchParams.delete('q');
  if (u.href !== location.href) history.replaceState(history.state, '', u);
}
search.input.addEventListener('input', debounce(syncURL, 300));

// ---- routing -----------------------------------------------------------------------------

function match(path, params) {
  let m;
  if (path === '/' || path === '') return { kind: 'home', make: () => new HomeView() };
  if ((m = /^\/entity\/(.+)$/.exec(path))) {
    const id = safeDecode(m[1]);
    return { kind: 'entity:' + id, make: () => new EntityView(id) };
  }
  if ((m = /^\/brief\/(.+)$/.exec(path))) {
    const id = safeDecode(m[1]);
    return { kind: 'brief:' + id, make: () => new BriefView(id) };
  }
  if (/^\/path\/?$/.test(path)) return { kind: 'path', make: () => new PathView(params) };
  if ((m = /^\/list\/(\w+)\/?$/.exec(path))) return { kind: 'list:' + m[1], make: () => new ListView(m[1], params) };
  if ((m = /^\/read(?:\/(.*))?$/.exec(path))) {
    const pid = m[1] ? safeDecode(m[1]).replace(/\/$/, '') : null;
    return { kind: 'read', pid, make: () => new ReaderView(pid, params) };
  }
  return null;
}

function safeDecode(s) {
  try { return decodeURIComponent(s); } catch { return s; }
}

async function route({ scroll = true } = {}) {
  const params = new URLSearchParams(location.search);
  prefsFromURL(params);
  const r = match(location.pathname, params);
  renderChrome();
  if (!r) {
    destroy();
    fill(view, h('div', { class: 'card empty' }, h('p', { class: 'notice error' }, `404 · ${location.pathname}`), h('p', null, h('a', { href: '/' }, t('backHome')))));
    return;
  }
  // The reader keeps its table of contents and loaded chapter between paragraphs.
  if (r.kind === 'read' && current instanceof ReaderView && current.chapters) {
    await current.update(r.pid, params);
    setViewTitle();
    return;
  }
  destroy();
  current = r.make();
  if (scroll) window.scrollTo(0, 0);
  view.dataset.view = r.kind.split(':')[0];
  await current.mount(view);
  setViewTitle();
  // A shared search (?q= outside the reader, whose ?q= is a text search) opens with its answers.
  const q = params.get('q');
  if (q && r.kind !== 'read' && !r.kind.startsWith('list') && !search.input.value) {
    search.input.value = q;
    search.fetch();
  }
  syncURL();
  // Search first: on the start page the box is ready for typing.
  if (r.kind === 'home' && (!document.activeElement || document.activeElement === document.body)) search.input.focus();
}

function destroy() {
  if (current && current.destroy) current.destroy();
  current = null;
}

function setViewTitle() {
  setTitle(current && current.title && current.title());
}

function navigate(url, replace) {
  const u = new URL(url, location.href);
  if (u.origin !== location.origin) { location.href = url; return; }
  if (u.pathname + u.search === location.pathname + location.search && !replace) {
    route({ scroll: false });
    return;
  }
  history[replace ? 'replaceState' : 'pushState'](null, '', u.pathname + u.search + u.hash);
  route();
}

window.addEventListener('plangraph:navigate', (e) => navigate(e.detail.url, e.detail.replace));
window.addEventListener('popstate', () => route({ scroll: false }));

// Follow in-app links without reloading the page.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest && e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const u = new URL(a.href, location.href);
  if (u.origin !== location.origin) return;
  if (!/^\/($|entity\/|brief\/|path|read|list\/)/.test(u.pathname)) return;
  e.preventDefault();
  navigate(u.pathname + u.search + u.hash);
});

// "/" focuses the search box.
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
  const tag = (document.activeElement && document.activeElement.tagName) || '';
  if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag) || (document.activeElement && document.activeElement.isContentEditable)) return;
  e.preventDefault();
  search.focus();
});

// For debugging in the browser's console: the current view (and its graph).
Object.defineProperty(window, 'plangraph', { get: () => ({ view: current, prefs }) });

document.getElementById('boot')?.remove();
// The server's vocabulary first (one small cached query), so that every view lists its types.
loadVocabulary().catch(() => { /* the lists built into i18n.js stand */ }).finally(() => route());
