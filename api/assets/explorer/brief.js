// The brief (/brief/<id>): one page that gathers what a person asks about an entity, rolled up
// across the graph by the schema's @path fields — for an industry the broader and narrower
// industries, the zones that focus on them, the projects, policies, organisations and targets;
// for a zone what lies within it; for a strategy or term everything that serves it. Each fact
// comes with the links that lead to it, each link with its quote and period. It prints on A4
// and downloads as CSV and Markdown.
import { h, entityHref, fill, setTitle } from './dom.js';
import { gql, ENT, CIT } from './api.js';
import { t, zh, entName, typeName, relName, TYPE_COLOR, prefs } from './i18n.js';
import { quote, chip } from './entity.js';
import { loading, failure } from './views.js';

const R = '{ entity { ...Ent } via { relation direction entity { ...Ent } evidence { ...Cit } } }';

// The sections of a brief, by type: [field, label key].
const SECTIONS = {
  INDUSTRY: [['broaderIndustries', 'brBroader'], ['narrowerIndustries', 'brNarrower'], ['focusZones', 'brZones'],
    ['rolledUpProjects', 'brProjects'], ['rolledUpPolicies', 'brPolicies'], ['rolledUpOrganisations', 'brOrganisations'], ['rolledUpTargets', 'brTargets']],
  ZONE: [['subZones', 'brSubZones'], ['rolledUpProjects', 'brProjects'], ['rolledUpIndustries', 'brIndustries'],
    ['rolledUpPolicies', 'brPolicies'], ['rolledUpStrategies', 'brStrategies']],
  STRATEGY: [['rolledUpServedBy', 'brServedBy']],
  TERM: [['rolledUpServedBy', 'brServedBy']],
};

// rollups selects the roll-up fields of a type's sections.
const rollups = (type) => SECTIONS[type].map(([f]) => f + ' ' + R).join(' ');

const Q = `query Brief($id: ID!) {
  entity(id: $id) {
    ...Ent aliases description descriptionEn
    ... on Term { definition definitionEn ${rollups('TERM')} }
    ... on Industry { ${rollups('INDUSTRY')} }
    ... on Zone { ${rollups('ZONE')} }
    ... on Strategy { ${rollups('STRATEGY')} }
    links(first: 300) { relation direction entity { ...Ent } evidence { ...Cit } }
  }
} ${ENT} ${CIT}`;

export class BriefView {
  constructor(id) {
    this.id = id;
    this.el = h('div', { class: 'brief-page' });
  }

  async mount(root) {
    fill(root, this.el);
    fill(this.el, loading());
    try {
      const d = await gql(Q, { id: this.id }, { cache: true });
      this.e = d.entity;
    } catch (err) {
      fill(this.el, failure(err, () => this.mount(root)));
      return;
    }
    if (!this.e) {
      fill(this.el, h('div', { class: 'card empty' }, h('p', { class: 'notice error', role: 'alert' }, t('notFound', { id: this.id }))));
      return;
    }
    this.render();
  }

  title() { return this.e ? `${entName(this.e)} · ${t('brief')}` : null; }
  refresh() { if (this.e) this.render(); }

  /** sections returns [label, items] with items {entity, via} — the roll-ups, or the links. */
  sections() {
    const e = this.e;
    const spec = SECTIONS[e.type];
    if (spec) return spec.map(([f, key]) => [t(key), e[f] || []]);
    const groups = new Map();
    for (const l of e.links) {
      const k = relName(l.relation, l.direction);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push({ entity: l.entity, via: [l] });
    }
    return [...groups];
  }

  render() {
    const e = this.e;
    setTitle(this.title());
    const text = e.definition || e.description;
    const en = prefs.lang === 'en' ? e.definitionEn || e.descriptionEn : null;
    const sections = this.sections();
    fill(this.el,
      h('section', { class: 'card brief-head', style: { '--c': TYPE_COLOR[e.type] } },
        h('div', { class: 'eh-top' }, h('span', { class: 'badge', dataset: { type: e.type } }, typeName(e.type)), h('span', { class: 'brief-label' }, t('brief'))),
        h('h1', { id: 'brief-name' }, h('a', { href: entityHref(e.id) }, entName(e))),
        e.nameEn ? h('div', { class: 'eh-en' }, e.nameEn) : null,
        en ? h('p', { class: 'en' }, en) : null,
        text ? h('p', { class: en ? 'zh-orig' : null }, zh(text)) : null,
        h('div', { class: 'eh-actions no-print' },
          h('button', { type: 'button', class: 'btn', id: 'brief-print', onclick: () => window.print() }, '⎙ ' + t('print')),
          h('button', { type: 'button', class: 'btn ghost', id: 'brief-csv', onclick: () => download(`${e.nameEn || e.name}.csv`, 'text/csv', toCSV(e, sections)) }, '⇩ CSV'),
          h('button', { type: 'button', class: 'btn ghost', id: 'brief-md', onclick: () => download(`${e.nameEn || e.name}.md`, 'text/markdown', toMarkdown(e, sections)) }, '⇩ Markdown'))),
      sections.map(([label, items]) => h('section', { class: 'card brief-section' },
        h('h2', { class: 'card-title' }, label, h('span', { class: 'count' }, items.length)),
        items.length
          ? h('ol', { class: 'brief-items' }, items.map((it) => this.item(e, it)))
          : h('p', { class: 'muted' }, t('brNone')))));
  }

  item(e, it) {
    const steps = chain(e, it.via).map(({ l, from, subj, obj }) => {
      const names = [from.name, l.entity.name, ...(from.aliases || [])];
      return h('li', { class: 'brief-step' },
        h('span', { class: 'cs-sentence' }, `${entName(subj)} ${relName(l.relation, 'OUT')} ${entName(obj)}`),
        l.evidence.map((c) => quote(c, names, { sectionLen: 16 })));
    });
    return h('li', { class: 'brief-item', dataset: { id: it.entity.id } },
      h('div', { class: 'link-head' }, chip(it.entity), it.entity.nameEn ? h('span', { class: 'link-en' }, it.entity.nameEn) : null),
      h('ol', { class: 'brief-via' }, steps));
  }
}

/**
 * chain walks the links that lead from e to an item, one step each: the link, the entity it
 * starts from, and the subject and object of its stored direction.
 */
function chain(e, via) {
  let from = e;
  return via.map((l) => {
    const step = { l, from, subj: l.direction === 'IN' ? l.entity : from, obj: l.direction === 'IN' ? from : l.entity };
    from = l.entity;
    return step;
  });
}

/** toCSV is one row per quote: section, entity, the link it quotes, the quote and its period. */
export function toCSV(e, sections) {
  const rows = [['section', 'entity', 'entityEn', 'type', 'step', 'from', 'relation', 'to', 'quote', 'period', 'paragraph']];
  for (const [label, items] of sections) {
    for (const it of items) {
      chain(e, it.via).forEach(({ l, subj, obj }, i) => {
        for (const c of l.evidence) {
          rows.push([label, it.entity.name, it.entity.nameEn || '', it.entity.type, String(i + 1), subj.name, l.relation, obj.name, c.quote, c.period, c.paragraph.id]);
        }
      });
    }
  }
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(s) {
  s = String(s ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** toMarkdown is the brief as a document: a heading per section, an item per entity, its quotes. */
export function toMarkdown(e, sections) {
  const out = [`# ${e.name}${e.nameEn ? ' — ' + e.nameEn : ''}`, ''];
  const text = e.definition || e.description;
  if (text) out.push(text, '');
  if (e.definitionEn || e.descriptionEn) out.push(`*${e.definitionEn || e.descriptionEn}*`, '');
  for (const [label, items] of sections) {
    out.push(`## ${label} (${items.length})`, '');
    for (const it of items) {
      out.push(`- **${it.entity.name}**${it.entity.nameEn ? ' (' + it.entity.nameEn + ')' : ''}`);
      for (const { l, subj, obj } of chain(e, it.via)) {
        out.push(`  - ${subj.name} ${l.relation} ${obj.name}`);
        for (const c of l.evidence) out.push(`    > ${c.quote} — ${c.paragraph.id} (${c.period})`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

function download(name, type, text) {
  const a = h('a', { href: URL.createObjectURL(new Blob([text], { type: type + ';charset=utf-8' })), download: name.replace(/[\\/:*?"<>|]/g, '_') });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

