// The start page: what the explorer is, a few places to begin, and what the plan holds.
import { h, entityHref, fill } from './dom.js';
import { gql, ENT } from './api.js';
import { t, zh, entName, typePlural, TYPES, TYPE_COLOR } from './i18n.js';
import { chip } from './entity.js';
import { failure } from './views.js';

// The places to begin are the graph's own: the most connected zones and strategies of whatever
// plans the server holds, and a path between the first zone and the first strategy.
const Q = `query Home {
  stats { entities links paragraphs citations entitiesByType { type count } }
  plans { id title titleEn period }
  zones: entities(type: ZONE, orderBy: { field: LINK_COUNT, direction: DESC }, first: 3) { nodes { ...Ent } }
  strategies: entities(type: STRATEGY, orderBy: { field: LINK_COUNT, direction: DESC }, first: 3) { nodes { ...Ent } }
} ${ENT}`;

export class HomeView {
  constructor() { this.el = h('div', { class: 'home' }); }

  async mount(root) {
    fill(root, this.el);
    this.render();
    try {
      this.d = await gql(Q, {}, { cache: true });
      this.err = null;
    } catch (e) {
      this.err = e;
    }
    this.render();
  }

  title() { return null; }
  refresh() { this.render(); }

  render() {
    const d = this.d;
    const zones = d ? d.zones.nodes : [], strategies = d ? d.strategies.nodes : [];
    const featured = zones.flatMap((z, i) => [z, strategies[i]]).filter(Boolean);
    const start = featured[0], pathEnds = zones[0] && strategies[0] ? [zones[0].id, strategies[0].id] : null;
    const plan = d && d.plans[0];
    const s = d && d.stats;
    fill(this.el, 
      h('section', { class: 'hero' },
        h('h1', null, t('heroTitle')),
        plan ? h('p', { class: 'plan-title' }, zh(plan.title)) : null,
        h('p', { class: 'lead' }, t('heroText')),
        h('p', { class: 'hint' }, t('heroHint')),
        h('div', { class: 'featured' }, featured.map((e) => chip(e))),
        this.err ? failure(this.err, () => this.mount(this.el.parentNode)) : null),
      s ? h('section', { class: 'stats' },
        h('div', { class: 'stat-row' },
          stat(s.entities, t('statEntities')), stat(s.links, t('statLinks')),
          stat(s.citations, t('statQuotes')), stat(s.paragraphs, t('statParagraphs'))),
        h('div', { class: 'type-row', 'aria-label': t('byType') },
          TYPES.map((ty) => {
            const c = s.entitiesByType.find((x) => x.type === ty);
            return h('a', { class: 'type-tile', href: `/list/${ty.toLowerCase()}`, style: { '--c': TYPE_COLOR[ty] } },
              h('b', null, c ? c.count : 0), h('span', null, typePlural(ty)));
          }))) : null,
      h('section', { class: 'cards' },
        card('◎', t('cardExplore'), t('cardExploreText'), start ? entityHref(start.id) : '/', null),
        card('⇄', t('cardPath'), t('cardPathText'), pathEnds ? `/path?from=${encodeURIComponent(pathEnds[0])}&to=${encodeURIComponent(pathEnds[1])}` : '/path',
          pathEnds ? h('span', { class: 'muted small' }, `${entName(zones[0])} ⇄ ${entName(strategies[0])}`) : null),
        card('¶', t('cardRead'), t('cardReadText'), '/read', null)));
  }
}

function stat(n, label) {
  return h('div', { class: 'stat' }, h('b', null, n.toLocaleString()), h('span', null, label));
}

function card(icon, title, text, href, extra) {
  return h('a', { class: 'card home-card', href },
    h('span', { class: 'hc-icon', 'aria-hidden': 'true' }, icon),
    h('h2', null, title), h('p', null, text), extra ? h('div', { class: 'hc-extra' }, extra) : null);
}
