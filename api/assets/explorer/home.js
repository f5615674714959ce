// The start page: what the explorer is, a few places to begin, and what the plan holds.
import { h, entityHref, fill } from './dom.js';
import { gql, ENT } from './api.js';
import { t, zh, typePlural, TYPES, TYPE_COLOR } from './i18n.js';
import { chip } from './entity.js';
import { failure } from './views.js';

const FEATURED = [
  'liwan-14fyp/zone/baietan-bd',
  'liwan-14fyp/strategy/guangzhou-west-cbd',
  'liwan-14fyp/term/term-1-11-network',
  'liwan-14fyp/zone/guangzhou-intl-medicine-port',
  'liwan-14fyp/zone/hailong-innovation-zone',
  'liwan-14fyp/strategy/lingnan-culture-core-area',
];
const PATH_EXAMPLE = ['liwan-14fyp/zone/julong-cluster', 'liwan-14fyp/strategy/guangzhou-west-cbd'];

const Q = `query Home {
  stats { entities links paragraphs citations entitiesByType { type count } }
  plans { id title titleEn period }
  ${FEATURED.map((id, i) => `f${i}: entity(id: ${JSON.stringify(id)}) { ...Ent }`).join('\n  ')}
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
    const featured = d ? FEATURED.map((_, i) => d['f' + i]).filter(Boolean) : [];
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
            return h('div', { class: 'type-tile', style: { '--c': TYPE_COLOR[ty] } },
              h('b', null, c ? c.count : 0), h('span', null, typePlural(ty)));
          }))) : null,
      h('section', { class: 'cards' },
        card('◎', t('cardExplore'), t('cardExploreText'), entityHref(FEATURED[0]), null),
        card('⇄', t('cardPath'), t('cardPathText'), `/path?from=${encodeURIComponent(PATH_EXAMPLE[0])}&to=${encodeURIComponent(PATH_EXAMPLE[1])}`, h('span', { class: 'muted small' }, t('cardPathExample'))),
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
