// The list view (/list/<type>): every entity of a type as a table to sort and filter — by name,
// chapter, period of its links, and what it is linked to — with the CSV the server writes
// (/export/entities.csv, the same as `plangraph export --format csv`). Filters live in the URL.
import { h, entityHref, fill, setTitle } from './dom.js';
import { gql, ENT } from './api.js';
import { t, zh, entName, typePlural, periodName, PERIODS, TYPES, TYPE_COLOR, prefs } from './i18n.js';
import { targetValue } from './entity.js';
import { SearchBox } from './search.js';
import { loading, failure } from './views.js';

const Q = `query List($type: EntityType!) {
  entities(type: $type, first: 1000, orderBy: { field: NAME }) {
    totalCount
    nodes { ...Ent nameEn linkCount mentionCount chapters { localId number title }
      ${PERIODS.map((p) => `${p}: linkCount(period: [${p}])`).join(' ')}
      ... on Target { indicator value unit year qualifier }
      ... on Term { definition } }
  }
} ${ENT}`;

const LINKED = `query Linked($id: ID!, $type: EntityType!) {
  entities(type: $type, filter: { linkedTo: $id }, first: 1000) { nodes { id } }
  entity(id: $id) { ...Ent }
} ${ENT}`;

export class ListView {
  constructor(type, params) {
    this.type = type.toUpperCase();
    this.el = h('div', { class: 'list-page' });
    this.state = {
      q: params.get('q') || '', chapter: params.get('chapter') || '', period: params.get('period') || '',
      linked: params.get('linked') || '', sort: params.get('sort') || 'name', desc: params.get('desc') === '1',
    };
  }

  async mount(root) {
    fill(root, this.el);
    if (!TYPES.includes(this.type)) {
      fill(this.el, h('div', { class: 'card empty' }, h('p', { class: 'notice error', role: 'alert' }, t('noSuchType', { type: this.type }))));
      return;
    }
    fill(this.el, loading());
    try {
      const d = await gql(Q, { type: this.type }, { cache: true });
      this.rows = d.entities.nodes;
      await this.loadLinked();
    } catch (err) {
      fill(this.el, failure(err, () => this.mount(root)));
      return;
    }
    this.render();
  }

  title() { return typePlural(this.type); }
  refresh() { if (this.rows) this.render(); }

  async loadLinked() {
    this.linkedIds = null;
    this.linkedEntity = null;
    if (!this.state.linked) return;
    const d = await gql(LINKED, { id: this.state.linked, type: this.type }, { cache: true });
    this.linkedIds = new Set(d.entities.nodes.map((n) => n.id));
    this.linkedEntity = d.entity;
  }

  /** set changes filters and keeps them in the URL, so a view can be shared. */
  async set(changes) {
    Object.assign(this.state, changes);
    // The list's own filters; the language and the script stay as they are.
    const p = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(this.state)) {
      if (v && !(k === 'sort' && v === 'name')) p.set(k, v === true ? '1' : v);
      else p.delete(k);
    }
    history.replaceState(null, '', `/list/${this.type.toLowerCase()}${p.toString() ? '?' + p : ''}`);
    if ('linked' in changes) {
      await this.loadLinked();
      this.render();
      return;
    }
    this.renderRows(); // the filters keep their focus and what is being typed
  }

  shown() {
    const s = this.state;
    const q = s.q.trim().toLowerCase();
    const rows = this.rows.filter((r) =>
      (!q || [r.name, r.nameSimplified, r.nameEn, r.pinyin, r.indicator].some((x) => x && x.toLowerCase().includes(q))) &&
      (!s.chapter || r.chapters.some((c) => c.localId === s.chapter)) &&
      (!s.period || r[s.period] > 0) &&
      (!this.linkedIds || this.linkedIds.has(r.id)));
    const key = COLUMNS[s.sort] ? COLUMNS[s.sort].sort : COLUMNS.name.sort;
    return rows.sort((a, b) => compare(key(a), key(b)) * (s.desc ? -1 : 1));
  }

  render() {
    const chapters = new Map();
    for (const r of this.rows) for (const c of r.chapters) chapters.set(c.localId, c);
    const chapterList = [...chapters.values()].sort((a, b) => orderOf(a) - orderOf(b));
    const linkedBox = new SearchBox({ id: 'list-linked', placeholder: 'linkedToPlaceholder', onPick: (e) => this.set({ linked: e.id }) });
    const csv = `/export/entities.csv?type=${this.type}`;
    setTitle(typePlural(this.type));
    this.count = h('span', { class: 'count', id: 'list-count' });
    this.head = h('thead');
    this.body = h('tbody');
    fill(this.el,
      h('section', { class: 'card list-head', style: { '--c': TYPE_COLOR[this.type] } },
        h('h1', null, typePlural(this.type), ' ', this.count),
        h('nav', { class: 'type-tabs' }, TYPES.map((ty) => h('a', { href: `/list/${ty.toLowerCase()}`, 'aria-current': ty === this.type ? 'page' : null }, typePlural(ty)))),
        h('div', { class: 'filters' },
          h('input', { type: 'search', id: 'list-q', value: this.state.q, placeholder: t('filterByName'), oninput: (ev) => this.set({ q: ev.target.value }) }),
          h('select', { id: 'list-chapter', onchange: (ev) => this.set({ chapter: ev.target.value }) },
            h('option', { value: '' }, t('allChapters')),
            chapterList.map((c) => h('option', { value: c.localId, selected: c.localId === this.state.chapter }, chapterLabel(c)))),
          h('select', { id: 'list-period', onchange: (ev) => this.set({ period: ev.target.value }) },
            h('option', { value: '' }, t('allPeriods')),
            PERIODS.map((p) => h('option', { value: p, selected: p === this.state.period }, periodName(p)))),
          this.linkedEntity
            ? h('span', { class: 'chip-filter' }, t('linkedTo'), ' ', entName(this.linkedEntity),
              h('button', { type: 'button', class: 'icon-btn', 'aria-label': t('clear'), onclick: () => this.set({ linked: '' }) }, '×'))
            : linkedBox.el,
          h('a', { class: 'btn', id: 'list-csv', href: csv, download: '' }, '⇩ CSV'))),
      h('section', { class: 'card' }, h('table', { class: 'list-table', id: 'list-table' }, this.head, this.body)));
    this.renderRows();
  }

  /** renderRows redraws the table's header (its sort marks) and rows, and the count. */
  renderRows() {
    const rows = this.shown();
    const cols = columnsFor(this.type);
    this.count.textContent = `${rows.length} / ${this.rows.length}`;
    fill(this.head, h('tr', null, cols.map((c) => h('th', {
      scope: 'col', 'aria-sort': this.state.sort === c ? (this.state.desc ? 'descending' : 'ascending') : null,
    }, h('button', { type: 'button', class: 'sort', dataset: { col: c }, onclick: () => this.set({ sort: c, desc: this.state.sort === c && !this.state.desc }) }, t('col_' + c))))));
    fill(this.body, rows.map((r) => h('tr', { dataset: { id: r.id } }, cols.map((c) => h('td', { class: 'c-' + c }, COLUMNS[c].show(r))))));
  }
}

// The columns of the table: how a cell shows and how it sorts.
const COLUMNS = {
  name: { show: (r) => h('a', { href: entityHref(r.id) }, entName(r)), sort: (r) => r.pinyin || r.name },
  nameEn: { show: (r) => r.nameEn || '', sort: (r) => (r.nameEn || '').toLowerCase() },
  indicator: { show: (r) => zh(r.indicator || ''), sort: (r) => r.indicator || '' },
  value: { show: (r) => targetValue(r), sort: (r) => r.value ?? -Infinity },
  year: { show: (r) => (r.year ? String(r.year) : ''), sort: (r) => r.year || 0 },
  chapters: { show: (r) => r.chapters.map(chapterShort).join(' '), sort: (r) => (r.chapters[0] ? orderOf(r.chapters[0]) : 999) },
  linkCount: { show: (r) => String(r.linkCount), sort: (r) => r.linkCount },
  mentionCount: { show: (r) => String(r.mentionCount), sort: (r) => r.mentionCount },
};

function columnsFor(type) {
  return type === 'TARGET'
    ? ['name', 'nameEn', 'indicator', 'value', 'year', 'chapters', 'linkCount']
    : ['name', 'nameEn', 'chapters', 'linkCount', 'mentionCount'];
}

function compare(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

const orderOf = (c) => c.number || (/^annex/.test(c.localId) ? 100 : -1);
const chapterShort = (c) => (c.number && /^ch/.test(c.localId) ? (prefs.lang === 'en' ? `Ch.${c.number}` : `第${c.number}章`) : c.localId);
const chapterLabel = (c) => `${chapterShort(c)} ${zh(c.title || '')}`.trim();

