// GraphPanel: an entity and its neighbours drawn with Cytoscape (loaded as the global
// `cytoscape` from /explorer/cytoscape.min.js). Nodes are coloured by type and labelled by
// name, edges labelled by relation; click a node to open it, right-click (or long-press) to
// expand it in place; filter by type and relation; zoom, pan, export PNG.
import { h, fill } from './dom.js';
import { gql, ENT } from './api.js';
import { t, entLabel, entName, typeName, relName, TYPES, RELATIONS, TYPE_COLOR } from './i18n.js';

const EXPAND = `query Expand($id: ID!) {
  entity(id: $id) { id links(first: 200) { relation direction entity { ...Ent } } }
} ${ENT}`;

const FONT = '"Helvetica Neue", Arial, "Noto Sans CJK SC", "Noto Sans CJK TC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif';
const EXPAND_CAP = 40; // new nodes added by one expansion at most
const INITIAL_CAP = 40; // neighbours drawn at first; "show all" draws the rest
const DENSE = 40; // past this many nodes, labels show on hover or when zoomed in, and types form rings
const DENSE_LABEL_ZOOM = 1.2; // the zoom from which a dense graph shows every label

const STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      label: 'data(label)',
      width: 24,
      height: 24,
      'border-width': 2,
      'border-color': '#ffffff',
      'font-family': FONT,
      'font-size': 11,
      color: '#1e293b',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': 104,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.82,
      'text-background-padding': 1.5,
      'text-background-shape': 'roundrectangle',
      'min-zoomed-font-size': 5,
      'transition-property': 'opacity',
      'transition-duration': 150,
    },
  },
  {
    selector: 'node.center',
    style: { width: 42, height: 42, 'font-size': 14, 'font-weight': 'bold', 'border-width': 4, 'border-color': '#0f172a', 'z-index': 10 },
  },
  { selector: 'node.expanded', style: { width: 32, height: 32, 'border-width': 3, 'border-color': '#334155', 'font-weight': 'bold' } },
  {
    selector: 'edge',
    style: {
      width: 1.3,
      'line-color': '#cbd5e1',
      'target-arrow-color': '#cbd5e1',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.85,
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-family': FONT,
      'font-size': 9,
      color: '#64748b',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': 1,
      'min-zoomed-font-size': 7,
    },
  },
  { selector: 'node.hl', style: { 'border-color': '#f59e0b', 'border-width': 4, 'z-index': 20 } },
  { selector: 'edge.hl', style: { width: 2.4, 'line-color': '#475569', 'target-arrow-color': '#475569', color: '#0f172a', 'z-index': 20 } },
  { selector: '.faded', style: { opacity: 0.18 } },
  // A dense graph: a label shows on hover (and for the centre and expanded nodes) until zoomed in.
  { selector: 'node.quiet', style: { 'text-opacity': 0 } },
  { selector: 'node.quiet.hl, node.quiet.center, node.quiet.expanded', style: { 'text-opacity': 1 } },
  { selector: 'edge.quiet', style: { 'text-opacity': 0 } },
  { selector: 'edge.quiet.hl', style: { 'text-opacity': 1 } },
  { selector: '.hidden', style: { display: 'none' } },
];

/**
 * rng returns a generator of numbers in [0, 1) seeded with seed (mulberry32). The layout draws
 * its starting positions from it rather than from Math.random, so the same graph gets the same
 * picture without touching the page's global random source (cose-base, under fCoSE, still
 * breaks a rare tie with Math.random when it puts pruned leaves back).
 */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export class GraphPanel {
  /**
   * @param {object} o
   * @param {object} o.center  the entity in the middle ({id type name nameSimplified nameEn})
   * @param {object[]} o.links its links ({relation direction entity})
   * @param {(id: string) => void} o.onOpen  called when a node is clicked
   */
  constructor(o) {
    this.o = o;
    this.random = rng(hash(o.center.id)); // where expanded neighbours first appear
    this.hiddenTypes = new Set();
    this.hiddenRels = new Set();
    this.expanding = new Set();
    this.message = '';
    this.build();
  }

  build() {
    this.canvas = h('div', { class: 'graph-canvas', id: 'graph', role: 'img' });
    this.tip = h('div', { class: 'graph-tip', hidden: true });
    this.statusEl = h('div', { class: 'graph-status', 'aria-live': 'polite' });
    this.filtersEl = h('div', { class: 'graph-filters' });
    this.titleEl = h('h2', { class: 'panel-title' });
    this.hintEl = h('div', { class: 'graph-hint' });
    const zoomBy = (f) => {
      const cy = this.cy;
      if (!cy) return;
      cy.animate({ zoom: { level: cy.zoom() * f, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } } }, { duration: 150 });
    };
    this.btn = {
      zoomOut: h('button', { type: 'button', class: 'btn small square', id: 'graph-zoom-out', onclick: () => zoomBy(1 / 1.3) }, '−'),
      zoomIn: h('button', { type: 'button', class: 'btn small square', id: 'graph-zoom-in', onclick: () => zoomBy(1.3) }, '+'),
      fit: h('button', { type: 'button', class: 'btn small', id: 'graph-fit', onclick: () => this.cy && this.cy.animate({ fit: { padding: 30 } }, { duration: 250 }) }),
      layout: h('button', { type: 'button', class: 'btn small', id: 'graph-layout', onclick: () => this.layout(true, true) }),
      reset: h('button', { type: 'button', class: 'btn small', id: 'graph-reset', onclick: () => this.reset() }),
      png: h('button', { type: 'button', class: 'btn small primary', id: 'graph-png', onclick: () => this.exportPng() }),
    };
    this.el = h('section', { class: 'graph-panel card', 'aria-labelledby': 'graph-title' },
      h('div', { class: 'graph-bar' }, this.titleEl, h('div', { class: 'graph-actions' }, this.btn.zoomOut, this.btn.zoomIn, this.btn.fit, this.btn.layout, this.btn.reset, this.btn.png)),
      this.filtersEl,
      h('div', { class: 'graph-wrap' }, this.canvas, this.tip),
      h('div', { class: 'graph-foot' }, this.statusEl, this.hintEl));
    this.titleEl.id = 'graph-title';
    this.relabel();
  }

  /** mount creates the Cytoscape instance; call it once the panel is in the document. */
  mount() {
    if (typeof window.cytoscape !== 'function') {
      fill(this.canvas, h('p', { class: 'notice error' }, t('errGraph')));
      return;
    }
    this.cy = window.cytoscape({
      container: this.canvas,
      style: STYLE,
      minZoom: 0.15,
      maxZoom: 3.5,
      boxSelectionEnabled: false,
      autoungrabify: false,
    });
    this.populate();
    const cy = this.cy;
    let held = 0;
    cy.on('tap', 'node', (e) => {
      if (Date.now() - held < 700) return; // the end of a long-press
      const id = e.target.id();
      if (id !== this.o.center.id) this.o.onOpen(id);
    });
    cy.on('cxttap', 'node', (e) => this.expand(e.target.id()));
    cy.on('taphold', 'node', (e) => { held = Date.now(); this.expand(e.target.id()); });
    cy.on('mouseover', 'node', (e) => this.hover(e.target));
    cy.on('mouseout', 'node', () => this.unhover());
    cy.on('viewport drag', () => { this.tip.hidden = true; });
    cy.on('zoom', () => this.quiet());
    this.canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  }

  populate() {
    const cy = this.cy;
    cy.elements().remove();
    const c = this.o.center;
    cy.add({ group: 'nodes', data: this.nodeData(c), classes: 'center' });
    const r = this.addLinks(c, this.o.links, { cap: INITIAL_CAP });
    this.more = r.skipped; // neighbours not drawn yet: "show all" draws them
    this.hiddenTypes.clear();
    this.hiddenRels.clear();
    this.message = '';
    this.renderFilters();
    this.applyFilters();
    this.layout(false, true);
  }

  reset() {
    if (!this.cy) return;
    this.populate();
  }

  /** showAll draws the centre's neighbours left out at first. */
  showAll() {
    if (!this.cy || !this.more) return;
    const r = this.addLinks(this.o.center, this.o.links, { cap: Infinity });
    this.more = 0;
    this.flash(t('graphExpanded', { name: entLabel(this.o.center), n: r.added }));
    this.renderFilters();
    this.applyFilters();
    this.layout(true, true);
  }

  /** quiet hides the labels of a dense graph until it is zoomed in (hover shows one). */
  quiet() {
    const cy = this.cy;
    if (!cy) return;
    const dense = cy.nodes().not('.hidden').length > DENSE && cy.zoom() < DENSE_LABEL_ZOOM;
    this.canvas.dataset.dense = dense ? 'true' : 'false';
    cy.batch(() => {
      if (dense) cy.elements().addClass('quiet');
      else cy.elements().removeClass('quiet');
    });
  }

  nodeData(e) {
    return { id: e.id, ent: e, type: e.type, color: TYPE_COLOR[e.type] || '#64748b', label: entLabel(e) };
  }

  /** addLinks adds the links of entity `from`; returns [added nodes, linked entities not yet drawn]. */
  addLinks(from, links, { cap = EXPAND_CAP, near = null } = {}) {
    const cy = this.cy;
    let added = 0, skipped = 0;
    const fresh = [];
    cy.batch(() => {
      for (const l of links) {
        const other = l.entity;
        if (cy.getElementById(other.id).empty()) {
          if (added >= cap) { skipped++; continue; }
          const n = { group: 'nodes', data: this.nodeData(other) };
          if (near) n.position = { x: near.x + (this.random() - 0.5) * 120, y: near.y + (this.random() - 0.5) * 120 };
          fresh.push(cy.add(n));
          added++;
        }
        const [s, tgt] = l.direction === 'IN' ? [other.id, from.id] : [from.id, other.id];
        const id = `${s}|${l.relation}|${tgt}`;
        if (cy.getElementById(id).empty()) {
          cy.add({ group: 'edges', data: { id, source: s, target: tgt, rel: l.relation, label: relName(l.relation, 'OUT') } });
        }
      }
    });
    return { added, skipped, fresh };
  }

  async expand(id) {
    const cy = this.cy;
    if (!cy || this.expanding.has(id)) return;
    const node = cy.getElementById(id);
    if (node.empty()) return;
    const ent = node.data('ent');
    const name = entLabel(ent);
    this.expanding.add(id);
    this.flash(t('graphExpanding', { name }));
    try {
      const d = await gql(EXPAND, { id }, { cache: true });
      if (this.cy !== cy || cy.destroyed()) return;
      const links = (d.entity && d.entity.links) || [];
      const r = this.addLinks(ent, links, { near: node.position() });
      node.addClass('expanded');
      const total = r.added + r.skipped;
      this.flash(r.added === 0 && !r.skipped ? t('graphNothingNew', { name })
        : r.skipped ? t('graphCapped', { name, n: r.added, total }) : t('graphExpanded', { name, n: r.added }));
      this.renderFilters();
      this.applyFilters();
      if (r.added) this.layout(true, true);
    } catch (e) {
      this.flash(e.message, true);
    } finally {
      this.expanding.delete(id);
    }
  }

  layout(animate, randomize) {
    const cy = this.cy;
    if (!cy) return;
    const eles = cy.elements().not('.hidden');
    const n = eles.nodes().length;
    let opts;
    if (n <= 1) {
      opts = { name: 'grid', fit: true, padding: 40 };
    } else if (n > DENSE) {
      // Many nodes: rings by type around the centre (zones, then projects …), so a kind of
      // thing is found in one place.
      const ring = (node) => (node.hasClass('center') ? 100 : 50 - Math.max(0, TYPES.indexOf(node.data('type'))));
      opts = {
        name: 'concentric', fit: true, padding: 24, animate: !!animate, animationDuration: 400,
        concentric: ring, levelWidth: () => 1, minNodeSpacing: 12, startAngle: -Math.PI / 2,
      };
    } else if (typeof window.cytoscapeFcose === 'function') {
      // fCoSE (registered by cytoscape-fcose.js): compact, labels kept apart.
      opts = {
        name: 'fcose',
        quality: 'proof',
        randomize: false, // starts from scatter's positions: fCoSE's own start calls Math.random
        animate: !!animate,
        animationDuration: 450,
        fit: true,
        padding: 24,
        nodeDimensionsIncludeLabels: true,
        packComponents: true,
        nodeRepulsion: () => (n > 40 ? 6000 : 9000),
        idealEdgeLength: () => (n > 40 ? 60 : 85),
        edgeElasticity: () => 0.45,
        gravity: n > 40 ? 0.7 : 0.3,
        gravityRange: 3.0,
        numIter: 2500,
        nodeSeparation: 70,
      };
    } else {
      opts = {
        name: 'cose', animate: animate ? 'end' : false, animationDuration: 400, randomize: false, fit: true, padding: 28,
        nodeDimensionsIncludeLabels: true, nodeRepulsion: () => 14000, idealEdgeLength: () => 90, gravity: 0.8, numIter: 1200,
      };
    }
    // One layout at a time: expansions that end together would otherwise animate over each
    // other, and the first to stop would say the picture is done while another still moves it.
    if (this.running) this.running.stop();
    if (randomize && opts.name !== 'grid' && opts.name !== 'concentric') this.scatter(eles.nodes(), hash(this.o.center.id + ':' + n));
    const l = eles.layout(opts);
    this.running = l;
    this.canvas.dataset.layout = 'running';
    l.one('layoutstop', () => {
      if (this.running !== l) return; // stopped for a newer layout
      this.running = null;
      // A small graph is not blown up: keep labels at a readable size.
      if (cy.zoom() > 1.3) {
        cy.zoom(1.3);
        cy.center(eles);
      }
      this.quiet();
      this.canvas.dataset.layout = 'done';
    });
    l.run();
  }

  /**
   * scatter places nodes at seeded random points of a disc around the centre, the start of a
   * force-directed layout. layout-base (under fCoSE) has its own seeded counter; it is reset too.
   */
  scatter(nodes, seed) {
    const random = rng(seed);
    const rs = window.layoutBase && window.layoutBase.RandomSeed;
    if (rs) rs.seed = 1 + (seed % 1000);
    const radius = 60 * Math.sqrt(nodes.length);
    this.cy.batch(() => nodes.forEach((node) => {
      if (node.hasClass('center')) { node.position({ x: 0, y: 0 }); return; }
      const r = radius * Math.sqrt(random()), a = 2 * Math.PI * random();
      node.position({ x: r * Math.cos(a), y: r * Math.sin(a) });
    }));
  }

  renderFilters() {
    if (!this.cy) return;
    const types = new Map(), rels = new Map();
    this.cy.nodes().forEach((n) => types.set(n.data('type'), (types.get(n.data('type')) || 0) + 1));
    this.cy.edges().forEach((e) => rels.set(e.data('rel'), (rels.get(e.data('rel')) || 0) + 1));
    const chip = (kind, key, label, count, color) => {
      const hidden = (kind === 'type' ? this.hiddenTypes : this.hiddenRels).has(key);
      return h('button', {
        type: 'button', class: 'fchip' + (hidden ? ' off' : ''), 'aria-pressed': hidden ? 'false' : 'true',
        dataset: { kind, key }, style: color ? { '--c': color } : null,
        onclick: () => {
          const set = kind === 'type' ? this.hiddenTypes : this.hiddenRels;
          if (set.has(key)) set.delete(key); else set.add(key);
          this.renderFilters();
          this.applyFilters();
        },
      }, color ? h('span', { class: 'fdot', 'aria-hidden': 'true' }) : null, label, h('span', { class: 'fcount' }, count));
    };
    fill(this.filtersEl, 
      h('div', { class: 'frow' }, h('span', { class: 'flabel' }, t('graphTypes')),
        TYPES.filter((ty) => types.has(ty)).map((ty) => chip('type', ty, typeName(ty), types.get(ty), TYPE_COLOR[ty]))),
      h('div', { class: 'frow' }, h('span', { class: 'flabel' }, t('graphRelations')),
        RELATIONS.filter((r) => rels.has(r)).map((r) => chip('rel', r, relName(r, 'OUT'), rels.get(r)))));
    // The filter rows may wrap differently: let Cytoscape measure its container again.
    this.cy.resize();
  }

  applyFilters() {
    const cy = this.cy;
    if (!cy) return;
    const center = this.o.center.id;
    cy.batch(() => {
      cy.nodes().forEach((n) => n.toggleClass('hidden', n.id() !== center && this.hiddenTypes.has(n.data('type'))));
      cy.edges().forEach((e) => e.toggleClass('hidden', this.hiddenRels.has(e.data('rel')) || e.source().hasClass('hidden') || e.target().hasClass('hidden')));
      // A node left without a visible edge is hidden too (the centre always stays).
      cy.nodes().forEach((n) => {
        if (n.id() === center || n.hasClass('hidden')) return;
        if (n.connectedEdges().not('.hidden').empty()) n.addClass('hidden');
      });
    });
    this.updateStatus();
  }

  updateStatus() {
    const cy = this.cy;
    const nodes = cy.nodes().not('.hidden').length, edges = cy.edges().not('.hidden').length;
    const hidden = cy.nodes().length - nodes;
    this.canvas.dataset.nodes = String(cy.nodes().length);
    this.canvas.dataset.visible = String(nodes);
    this.canvas.dataset.edges = String(cy.edges().length);
    this.canvas.setAttribute('aria-label', `${t('graphTitle')}: ${entName(this.o.center)} — ${t('graphCounts', { n: nodes, m: edges })}`);
    const counts = t('graphCounts', { n: nodes, m: edges }) + (hidden ? ' ' + t('graphHidden', { h: hidden }) : '');
    fill(this.statusEl, h('span', { class: 'gcounts' }, counts),
      this.more ? h('button', { type: 'button', class: 'btn small', id: 'graph-more', onclick: () => this.showAll() }, t('graphShowAll', { n: this.more })) : null,
      this.message ? h('span', { class: 'gmsg' + (this.messageError ? ' error' : '') }, this.message) : null);
  }

  flash(msg, error = false) {
    this.message = msg;
    this.messageError = error;
    if (this.cy) this.updateStatus();
  }

  hover(node) {
    const cy = this.cy;
    cy.elements().removeClass('hl');
    node.addClass('hl');
    node.connectedEdges().addClass('hl');
    const e = node.data('ent');
    const p = node.renderedPosition();
    const expanded = node.hasClass('expanded') || node.hasClass('center');
    fill(this.tip, 
      h('div', { class: 'tip-type', style: { '--c': TYPE_COLOR[e.type] } }, typeName(e.type)),
      h('div', { class: 'tip-name' }, entName(e)),
      e.nameEn ? h('div', { class: 'tip-en' }, e.nameEn) : null,
      node.id() === this.o.center.id ? null : h('div', { class: 'tip-hint' }, t('graphOpen') + (expanded ? '' : ' · ' + t('graphExpandHint'))));
    this.tip.hidden = false;
    const w = this.canvas.clientWidth;
    this.tip.style.left = Math.min(Math.max(8, p.x + 14), w - 220) + 'px';
    this.tip.style.top = Math.max(8, p.y - 20) + 'px';
  }

  unhover() {
    this.tip.hidden = true;
    if (this.cy) this.cy.elements().removeClass('hl');
  }

  /** focus highlights one node (from the links list). */
  focus(id) {
    if (!this.cy) return;
    const n = this.cy.getElementById(id);
    this.cy.elements().removeClass('hl');
    if (n.nonempty()) { n.addClass('hl'); n.edgesWith(this.cy.getElementById(this.o.center.id)).addClass('hl'); }
  }

  unfocus() { if (this.cy) this.cy.elements().removeClass('hl'); }

  /** exportPng downloads the picture as drawn (all of it, filters applied), titled. */
  async exportPng() {
    if (!this.cy) return;
    const img = new Image();
    img.src = this.cy.png({ output: 'base64uri', bg: '#ffffff', full: true, scale: 2, maxWidth: 4000, maxHeight: 4000 });
    try {
      await img.decode();
    } catch (e) {
      this.flash(e.message || String(e), true);
      return;
    }
    const pad = 48, head = 96, foot = 56;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(img.width + 2 * pad, 900);
    canvas.height = img.height + head + foot;
    const g = canvas.getContext('2d');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, Math.round((canvas.width - img.width) / 2), head);
    g.textBaseline = 'alphabetic';
    g.fillStyle = '#0f172a';
    g.font = `bold 34px ${FONT}`;
    const c = this.o.center;
    g.fillText(entName(c) + (c.nameEn ? `  ·  ${c.nameEn}` : ''), pad, 58);
    g.fillStyle = '#64748b';
    g.font = `20px ${FONT}`;
    g.fillText(`${typeName(c.type)} · ${t('graphCounts', { n: this.cy.nodes().not('.hidden').length, m: this.cy.edges().not('.hidden').length })}`, pad, 86);
    g.fillText(`PlanGraph · ${t('brandSub')} · ${location.origin}/entity/${c.id}`, pad, canvas.height - 22);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) { this.flash('PNG', true); return; }
    const url = URL.createObjectURL(blob);
    const name = (c.nameEn || c.id.split('/').pop()).replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '');
    const a = h('a', { href: url, download: `plangraph-${name || 'graph'}.png`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  /** relabel redraws the texts after a change of script or language. */
  relabel() {
    this.titleEl.textContent = t('graphTitle');
    this.btn.fit.textContent = t('graphFit');
    this.btn.zoomIn.title = t('zoomIn');
    this.btn.zoomOut.title = t('zoomOut');
    this.btn.zoomIn.setAttribute('aria-label', t('zoomIn'));
    this.btn.zoomOut.setAttribute('aria-label', t('zoomOut'));
    this.btn.layout.textContent = t('graphLayout');
    this.btn.reset.textContent = t('graphReset');
    this.btn.png.textContent = t('graphPng');
    this.hintEl.textContent = t('graphHint');
    if (!this.cy) return;
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => n.data('label', entLabel(n.data('ent'))));
      this.cy.edges().forEach((e) => e.data('label', relName(e.data('rel'), 'OUT')));
    });
    this.renderFilters();
    this.updateStatus();
  }

  destroy() {
    if (this.cy) this.cy.destroy();
    this.cy = null;
  }
}
