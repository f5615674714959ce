// The entity view (/entity/<id>): names in every form, type, description or definition, target
// value, links grouped by relation and direction with their quotes, the paragraphs that mention
// the entity, and its neighbourhood graph.
import { h, entityHref, readHref, go, fill, setTitle } from './dom.js';
import { gql, ENT, CIT } from './api.js';
import { t, zh, entName, typeName, relName, periodName, setPref, RELATIONS, TYPE_COLOR, prefs } from './i18n.js';
import { excerpt, quoteWithNames, where, display } from './marks.js';
import { GraphPanel } from './graph.js';
import { loading, failure } from './views.js';

const Q = `query EntityView($id: ID!) {
  entity(id: $id) {
    ...Ent aliases aliasesEn description descriptionEn source linkCount mentionCount
    ... on Term { definition definitionEn }
    ... on Target { indicator value unit year qualifier }
    evidence { ...Cit }
    links(first: 300) { relation direction entity { ...Ent aliases } evidence { ...Cit } }
    mentions(first: 60) { offset length text paragraph { id chapter section item text textSimplified textEn heading } }
  }
} ${ENT} ${CIT}`;

const GROUP_SHOWN = 6; // links shown per group before "show all"

export class EntityView {
  constructor(id) {
    this.id = id;
    this.openGroups = new Set();
    this.el = h('div', { class: 'entity-page' });
  }

  async mount(root) {
    fill(root, this.el);
    fill(this.el, loading());
    const ac = (this.abort = new AbortController());
    try {
      const d = await gql(Q, { id: this.id }, { signal: ac.signal, cache: true });
      this.e = d.entity;
    } catch (err) {
      if (!ac.signal.aborted) fill(this.el, failure(err, () => this.mount(root)));
      return;
    }
    if (ac.signal.aborted) return; // the reader moved on while the answer came
    if (!this.e) {
      fill(this.el, h('div', { class: 'card empty' },
        h('p', { class: 'notice error', role: 'alert' }, t('notFound', { id: this.id })),
        h('p', null, h('a', { href: '/' }, t('backHome')))));
      return;
    }
    this.info = h('div', { class: 'entity-info' });
    this.graph = new GraphPanel({ center: this.e, links: this.e.links, onOpen: (id) => go(entityHref(id)) });
    fill(this.el, this.info, h('div', { class: 'entity-graph' }, this.graph.el));
    this.render();
    this.graph.mount();
  }

  title() { return this.e ? entName(this.e) : null; }

  refresh() {
    if (!this.e) return;
    this.render();
    this.graph.relabel();
  }

  destroy() {
    if (this.abort) this.abort.abort();
    if (this.graph) this.graph.destroy();
  }

  render() {
    const e = this.e;
    fill(this.info, this.head(e), this.stated(e), this.linksCard(e), this.mentionsCard(e));
    setTitle(entName(e));
  }

  head(e) {
    const rows = [];
    const row = (k, v, cls) => v && rows.push(h('div', { class: 'nrow' }, h('dt', null, k), h('dd', { class: cls }, v)));
    row(t('asWritten'), e.name, 'zh-t');
    row(t('simplified'), e.nameSimplified, 'zh-s');
    row(t('pinyin'), e.pinyin, 'pinyin');
    row(t('english'), e.nameEn);
    if (e.aliasesEn && e.aliasesEn.length) row(t('aliasesEn'), e.aliasesEn.join('; '));
    if (e.aliases.length) {
      row(t('aliases'), e.aliases.map((a) => {
        const s = zh(a);
        return prefs.script === 's' && s !== a ? `${a}(${s})` : a;
      }).join('、'));
    }
    const en = prefs.lang === 'en' ? e.definitionEn || e.descriptionEn : null;
    const text = e.definition || e.description;
    let target = null;
    if (e.type === 'TARGET') {
      const v = targetValue(e, formatNum) || null;
      target = h('div', { class: 'target-box' },
        e.indicator && h('div', null, h('span', { class: 'tk' }, t('indicator')), h('span', { class: 'tv' }, zh(e.indicator))),
        v && h('div', null, h('span', { class: 'tk' }, t('targetValue')), h('span', { class: 'tv big' }, v)),
        e.year && h('div', null, h('span', { class: 'tk' }, t('targetYear')), h('span', { class: 'tv' }, String(e.year))));
    }
    return h('section', { class: 'card entity-head', style: { '--c': TYPE_COLOR[e.type] } },
      h('div', { class: 'eh-top' },
        h('span', { class: 'badge', dataset: { type: e.type } }, typeName(e.type)),
        h('code', { class: 'eid', title: t('idLabel') }, e.id)),
      h('h1', { id: 'entity-name', dataset: { id: e.id } }, entName(e)),
      e.nameEn && prefs.lang === 'en' ? h('div', { class: 'eh-en' }, e.nameEn) : null,
      h('dl', { class: 'names', 'aria-label': t('names') }, rows),
      text ? h('div', { class: 'desc' }, h('h3', null, t(e.definition ? 'definition' : 'description')),
        en ? h('p', { class: 'en' }, en) : null,
        h('p', { class: en ? 'zh-orig' : null }, zh(text))) : null,
      target,
      h('div', { class: 'eh-actions' },
        h('a', { class: 'btn', href: '/path?from=' + encodeURIComponent(e.id) }, '⇄ ' + t('findPaths')),
        h('a', { class: 'btn ghost', id: 'open-brief', href: '/brief/' + encodeURI(e.id) }, '▤ ' + t('brief')),
        e.mentions.length ? h('a', { class: 'btn ghost', href: readHref(e.mentions[0].paragraph.id, e.mentions[0].offset, e.mentions[0].length) }, '¶ ' + t('readInContext')) : null));
  }

  stated(e) {
    if (!e.evidence || !e.evidence.length) return null;
    return h('section', { class: 'card' },
      h('h2', { class: 'card-title' }, t('statedIn')),
      e.evidence.map((c) => this.quote(c, [e.name])));
  }

  quote(c, names) {
    return quote(c, names, { sectionLen: 14, withItem: true });
  }

  /** The links shown: all, or without those stated only in the review of 2016–2020. */
  shownLinks(e) {
    if (prefs.hideAchieved !== 'on') return e.links;
    return e.links
      .map((l) => ({ ...l, evidence: l.evidence.filter((c) => c.period !== 'ACHIEVED') }))
      .filter((l) => l.evidence.length);
  }

  linksCard(e) {
    const links = this.shownLinks(e);
    const hidden = e.links.length - links.length;
    const groups = new Map();
    for (const l of links) {
      const k = l.relation + ':' + l.direction;
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(l);
    }
    const keys = [...groups.keys()].sort((a, b) => {
      const [ra, da] = a.split(':'), [rb, db] = b.split(':');
      return RELATIONS.indexOf(ra) - RELATIONS.indexOf(rb) || (da === 'OUT' ? -1 : 1) - (db === 'OUT' ? -1 : 1);
    });
    const body = keys.map((k) => {
      const [rel, dir] = k.split(':');
      const ls = groups.get(k);
      const open = this.openGroups.has(k);
      const shown = open ? ls : ls.slice(0, GROUP_SHOWN);
      return h('div', { class: 'lgroup', dataset: { rel, dir } },
        h('h3', { class: 'lg-title' },
          h('span', { class: 'lg-arrow', 'aria-hidden': 'true' }, dir === 'IN' ? '←' : '→'),
          relName(rel, dir), h('span', { class: 'count' }, ls.length)),
        h('ul', { class: 'links' }, shown.map((l) => this.linkItem(e, l))),
        ls.length > GROUP_SHOWN ? h('button', {
          type: 'button', class: 'btn link-more',
          onclick: () => { if (open) this.openGroups.delete(k); else this.openGroups.add(k); this.render(); },
        }, open ? t('showLess') : t('showAll', { n: ls.length })) : null);
    });
    const toggle = h('label', { class: 'period-toggle' },
      h('input', {
        type: 'checkbox', id: 'hide-achieved', checked: prefs.hideAchieved === 'on',
        onchange: (ev) => { setPref('hideAchieved', ev.target.checked ? 'on' : 'off'); this.render(); },
      }), ' ', t('hideAchieved'));
    return h('section', { class: 'card', id: 'links' },
      h('h2', { class: 'card-title' }, t('links'), h('span', { class: 'count' }, links.length)),
      toggle,
      hidden ? h('p', { class: 'muted small', id: 'hidden-achieved' }, t('hiddenAchieved', { n: hidden })) : null,
      body.length ? body : h('p', { class: 'muted' }, t('noLinks')));
  }

  linkItem(e, l) {
    const o = l.entity;
    return h('li', {
      class: 'link', dataset: { id: o.id },
      onmouseenter: () => this.graph && this.graph.focus(o.id),
      onmouseleave: () => this.graph && this.graph.unfocus(),
    },
    h('div', { class: 'link-head' },
      chip(o),
      o.nameEn ? h('span', { class: 'link-en' }, o.nameEn) : null,
      h('button', {
        type: 'button', class: 'icon-btn expand', title: t('expandInGraph'), 'aria-label': t('expandInGraph') + ': ' + entName(o),
        dataset: { id: o.id }, onclick: () => this.graph && this.graph.expand(o.id),
      }, '⊕')),
    l.evidence.map((c) => this.quote(c, [e.name, ...(e.aliases || []), o.name, ...(o.aliases || [])])));
  }

  mentionsCard(e) {
    const byPara = new Map();
    for (const m of e.mentions) {
      const id = m.paragraph.id;
      if (!byPara.has(id)) byPara.set(id, { p: m.paragraph, ms: [] });
      byPara.get(id).ms.push(m);
    }
    const paras = [...byPara.values()];
    return h('section', { class: 'card', id: 'mentions' },
      h('h2', { class: 'card-title' }, t('mentions'), h('span', { class: 'count' }, e.mentionCount)),
      paras.length ? h('p', { class: 'muted small' }, t('mentionsCount', { n: e.mentionCount, p: paras.length }) +
        (e.mentionCount > e.mentions.length ? ' · ' + t('mentionsShown', { p: paras.length }) : '')) : h('p', { class: 'muted' }, t('noMentions')),
      h('ol', { class: 'mentions' }, paras.map(({ p, ms }) => h('li', { class: 'mention-item' + (p.heading ? ' heading' : '') },
        h('div', { class: 'mi-where' }, where(p, { sectionLen: 24 })),
        h('p', { class: 'mi-text' }, excerpt(display(p), ms, p.heading ? 200 : 56)),
        prefs.lang === 'en' && p.textEn ? h('p', { class: 'mi-en', lang: 'en' }, p.textEn) : null,
        h('a', { class: 'mi-read', href: readHref(p.id, ms[0].offset, ms[0].length) }, t('readInContext') + ' →')))));
  }
}

/** The marks a target's qualifier puts before its value. */
export const QUALIFIER_MARK = { ABOUT: '≈ ', AT_LEAST: '≥ ', AT_MOST: '≤ ' };

/**
 * targetValue is how a target's value reads: the number with its qualifier's mark and unit, or,
 * for a worded target, what its words ask (lower, full coverage …); '' when neither.
 */
export function targetValue(e, num = String) {
  if (e.value != null) return `${QUALIFIER_MARK[e.qualifier] || ''}${num(e.value)}${e.unit ? ' ' + zh(e.unit) : ''}`;
  return e.qualifier && !(e.qualifier in QUALIFIER_MARK) && e.qualifier !== 'EXACT' ? t('q_' + e.qualifier) : '';
}

/**
 * quote shows a citation: the words, with the names in it marked, the period they belong to,
 * and where they stand (a link to the reader).
 */
export function quote(c, names, { sectionLen = 14, withItem = false } = {}) {
  const place = [c.paragraph.chapter, c.paragraph.section, withItem ? c.paragraph.item : null].filter(Boolean).join(' › ');
  // In the English interface the paragraph's English comes with the quote: the quote is the
  // evidence, the translation helps read it.
  const en = prefs.lang === 'en' && c.paragraph.textEn
    ? h('details', { class: 'quote-en' }, h('summary', null, t('paragraphInEnglish')), h('p', { lang: 'en' }, c.paragraph.textEn))
    : null;
  return h('blockquote', { class: 'quote' },
    h('span', { class: 'qtext' + (/^[“"「『]/.test(c.quote) ? ' bare' : '') }, quoteWithNames(c.quote, names)),
    c.period ? h('span', { class: 'period', dataset: { period: c.period } }, periodName(c.period)) : null,
    h('a', { class: 'cite', href: readHref(c.paragraph.id, c.offset, c.length), title: zh(place) },
      '¶ ', where(c.paragraph, { sectionLen })),
    en);
}

/** chip is an entity's coloured link. */
export function chip(e, extra) {
  return h('a', { class: 'chip', href: entityHref(e.id), style: { '--c': TYPE_COLOR[e.type] }, dataset: { id: e.id, type: e.type }, title: typeName(e.type) + (e.nameEn ? ' · ' + e.nameEn : '') },
    h('span', { class: 'chip-dot', 'aria-hidden': 'true' }), entName(e), extra);
}

function formatNum(v) {
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
}
