// The path finder (/path?from=<id>&to=<id>&hops=<n>): the shortest chains of links between two
// entities, each step with its relation, its direction and the quote that states it.
import { h, fill } from './dom.js';
import { gql, isAbort, ENT, CIT } from './api.js';
import { t, entName, entLabel, relName, typeName, TYPE_COLOR, prefs } from './i18n.js';
import { SearchBox } from './search.js';
import { chip, quote } from './entity.js';
import { loading, failure } from './views.js';

const PATHS = `query Paths($from: ID!, $to: ID!, $hops: Int) {
  paths(from: $from, to: $to, maxHops: $hops, first: 5) {
    length
    nodes { ...Ent aliases }
    links { relation direction evidence { ...Cit } }
  }
} ${ENT} ${CIT}`;
const ONE = `query One($id: ID!) { entity(id: $id) { ...Ent } } ${ENT}`;

export class PathView {
  constructor(params) {
    this.params = params;
    this.hops = clampHops(params.get('hops'));
    this.el = h('div', { class: 'path-page' });
    this.from = new SearchBox({ id: 'path-from', placeholder: 'pickFrom', label: 'from', keepValue: true, onPick: () => this.changed() });
    this.to = new SearchBox({ id: 'path-to', placeholder: 'pickTo', label: 'to', keepValue: true, onPick: () => this.changed() });
    this.hopsSel = h('select', { id: 'path-hops', onchange: () => { this.hops = clampHops(this.hopsSel.value); this.changed(); } },
      [1, 2, 3, 4, 5, 6].map((n) => h('option', { value: n, selected: n === this.hops }, String(n))));
    this.findBtn = h('button', { type: 'button', class: 'btn primary', id: 'path-find', onclick: () => this.find() });
    this.swapBtn = h('button', {
      type: 'button', class: 'icon-btn swap', id: 'path-swap',
      onclick: () => { const a = this.from.selected, b = this.to.selected; this.from.setValue(b); this.to.setValue(a); this.changed(); },
    }, '⇄');
    this.results = h('section', { class: 'path-results', id: 'path-results', 'aria-live': 'polite' });
    this.titleEl = h('h1');
    this.textEl = h('p', { class: 'muted' });
    this.labels = { from: h('span', { class: 'pf-label' }), to: h('span', { class: 'pf-label' }), hops: h('span', { class: 'pf-label' }) };
  }

  async mount(root) {
    fill(root, this.el);
    fill(this.el, 
      h('section', { class: 'card path-form' },
        this.titleEl, this.textEl,
        h('div', { class: 'pf-row' },
          h('div', { class: 'pf-field' }, this.labels.from, this.from.el),
          this.swapBtn,
          h('div', { class: 'pf-field' }, this.labels.to, this.to.el),
          h('label', { class: 'pf-hops' }, this.labels.hops, this.hopsSel),
          this.findBtn)),
      this.results);
    this.relabel();
    const ids = [this.params.get('from'), this.params.get('to')];
    if (ids.some(Boolean)) {
      fill(this.results, loading());
      try {
        const [a, b] = await Promise.all(ids.map((id) => (id ? gql(ONE, { id }, { cache: true }).then((d) => d.entity) : null)));
        this.from.setValue(a);
        this.to.setValue(b);
        fill(this.results);
      } catch (e) {
        fill(this.results, failure(e, () => this.mount(root)));
        return;
      }
      if (this.from.selected && this.to.selected) this.find();
    } else {
      this.from.input.focus();
    }
  }

  title() { return t('navPath'); }

  destroy() {
    if (this.abort) this.abort.abort();
  }

  relabel() {
    this.titleEl.textContent = t('pathTitle');
    this.textEl.textContent = t('pathText');
    this.labels.from.textContent = t('from');
    this.labels.to.textContent = t('to');
    this.labels.hops.textContent = t('maxHops');
    this.findBtn.textContent = t('find');
    this.swapBtn.title = t('swap');
    this.swapBtn.setAttribute('aria-label', t('swap'));
    this.from.relabel();
    this.to.relabel();
  }

  refresh() {
    this.relabel();
    if (this.last) this.renderResults(this.last);
  }

  changed() {
    const a = this.from.selected, b = this.to.selected;
    const q = new URLSearchParams();
    if (a) q.set('from', a.id);
    if (b) q.set('to', b.id);
    if (this.hops !== 4) q.set('hops', String(this.hops));
    const url = '/path' + (q.toString() ? '?' + q : '');
    if (location.pathname + location.search !== url) history.replaceState(null, '', url);
    if (a && b) this.find();
    else if (!a) this.from.input.focus();
    else this.to.input.focus();
  }

  async find() {
    const a = this.from.selected, b = this.to.selected;
    if (!a || !b) { fill(this.results, h('p', { class: 'notice' }, t('pickBoth'))); return; }
    if (a.id === b.id) { fill(this.results, h('p', { class: 'notice' }, t('sameEntity'))); return; }
    if (this.abort) this.abort.abort();
    const ac = (this.abort = new AbortController());
    fill(this.results, loading());
    try {
      const d = await gql(PATHS, { from: a.id, to: b.id, hops: this.hops }, { signal: ac.signal, cache: true });
      this.last = { paths: d.paths, hops: this.hops };
      this.renderResults(this.last);
    } catch (e) {
      if (isAbort(e)) return;
      fill(this.results, failure(e, () => this.find()));
    }
  }

  renderResults({ paths, hops }) {
    if (!paths.length) {
      fill(this.results, h('p', { class: 'notice' }, t('noPath', { h: hops })));
      return;
    }
    const shortest = Math.min(...paths.map((p) => p.length));
    fill(this.results, 
      h('p', { class: 'path-summary' }, t(summaryKey(paths.length, shortest), { n: paths.length, s: shortest })),
      paths.map((p, i) => this.pathCard(p, i)));
  }

  pathCard(p, i) {
    const items = [];
    p.nodes.forEach((n, k) => {
      items.push(h('li', { class: 'cnode' }, chip(n), n.nameEn ? h('span', { class: 'cn-en' }, n.nameEn) : null));
      const l = p.links[k];
      if (!l) return;
      const next = p.nodes[k + 1];
      const [subj, obj] = l.direction === 'IN' ? [next, n] : [n, next];
      items.push(h('li', { class: 'cstep', dataset: { rel: l.relation, dir: l.direction } },
        h('div', { class: 'cs-rel' },
          h('span', { class: 'cs-arrow', 'aria-hidden': 'true' }, l.direction === 'IN' ? '↑' : '↓'),
          h('b', { class: 'cs-name' }, relName(l.relation, l.direction)),
          h('span', { class: 'cs-sentence' }, `${entName(subj)} ${relName(l.relation, 'OUT')} ${entName(obj)}`)),
        l.evidence.map((c) => quote(c, [n.name, ...(n.aliases || []), next.name, ...(next.aliases || [])], { sectionLen: 16 }))));
    });
    return h('article', { class: 'card path', dataset: { length: p.length } },
      h('h2', { class: 'path-title' }, t('pathN', { i: i + 1 }), h('span', { class: 'count' }, p.length === 1 ? t('step1') : t('steps', { s: p.length }))),
      picture(p),
      h('ol', { class: 'chain' }, items));
  }
}

function summaryKey(n, s) {
  if (prefs.lang !== 'en') return 'pathsFound';
  if (n === 1) return s === 1 ? 'pathOne1' : 'pathOne';
  return s === 1 ? 'pathsFound1' : 'pathsFound';
}

function clampHops(v) {
  const n = parseInt(v, 10);
  return n >= 1 && n <= 6 ? n : 4;
}

/**
 * picture draws a path as a row of its entities, coloured by type, joined by arrows that name
 * the relation and point the way the stored link points.
 */
function picture(p) {
  const parts = [];
  p.nodes.forEach((n, k) => {
    parts.push(h('span', { class: 'pp-node', style: { '--c': TYPE_COLOR[n.type] }, title: typeName(n.type) }, entLabel(n)));
    const l = p.links[k];
    if (l) {
      parts.push(h('span', { class: 'pp-link', dataset: { dir: l.direction } },
        h('span', { class: 'pp-rel' }, relName(l.relation, 'OUT')),
        h('span', { class: 'pp-arrow', 'aria-hidden': 'true' }, l.direction === 'IN' ? '⟵' : '⟶')));
    }
  });
  return h('figure', { class: 'path-picture', 'aria-hidden': 'true' }, parts);
}
