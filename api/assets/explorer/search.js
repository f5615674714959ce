// SearchBox: one input that finds entities by any form of their name (Traditional, Simplified,
// pinyin with or without spaces, English, aliases) with ranked suggestions as you type, grouped
// and coloured by type, and keyboard navigation (↑ ↓ Enter Esc). The header, and each end of
// the path finder, use one.
import { h, debounce, fill, go } from './dom.js';
import { gql, isAbort, ENT } from './api.js';
import { t, entName, typePlural, typeOfWord, fieldName, zh, TYPE_COLOR } from './i18n.js';

const Q = `query Suggest($text: String!, $first: Int) {
  search(text: $text, first: $first) { score matched field match entity { ...Ent } }
} ${ENT}`;

let seq = 0;

export class SearchBox {
  /**
   * @param {object} o
   * @param {string} o.id            id of the input
   * @param {string} o.placeholder   key of the placeholder string
   * @param {(e: object) => void} o.onPick  called with the chosen entity
   * @param {(q: string) => void} [o.onText] offers "search the plan text" when set
   * @param {boolean} [o.keepValue]  show the chosen entity in the box after picking
   */
  constructor(o) {
    this.o = o;
    this.uid = o.id || 'sb' + ++seq;
    this.hits = [];
    this.options = []; // flattened, in display order: {kind:'entity', hit} | {kind:'text'}
    this.active = -1;
    this.selected = null;
    this.state = 'idle'; // idle | loading | done | error
    this.error = '';
    this.abort = null;
    this.composing = false;

    this.input = h('input', {
      id: o.id, type: 'search', autocomplete: 'off', spellcheck: 'false',
      role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': this.uid + '-list', enterkeyhint: 'search',
    });
    this.list = h('ul', { class: 'suggest', id: this.uid + '-list', role: 'listbox', hidden: true });
    this.dot = h('span', { class: 'sb-dot', 'aria-hidden': 'true' });
    this.spin = h('span', { class: 'sb-spin', 'aria-hidden': 'true', hidden: true });
    this.el = h('div', { class: 'searchbox' + (o.keepValue ? ' picker' : '') },
      h('span', { class: 'sb-icon', 'aria-hidden': 'true' }), this.dot, this.input, this.spin, this.list);

    this.fetchSoon = debounce(() => this.fetch(), 140);
    this.input.addEventListener('input', () => this.onInput());
    this.input.addEventListener('compositionstart', () => { this.composing = true; });
    this.input.addEventListener('compositionend', () => { this.composing = false; this.onInput(); });
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('focus', () => { if (this.input.value.trim() && !this.selected) this.open(); });
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 120));
    // Keep focus in the input while the pointer is on the list.
    this.list.addEventListener('mousedown', (e) => e.preventDefault());
    this.relabel();
  }

  relabel() {
    this.input.placeholder = t(this.o.placeholder || 'searchPlaceholder');
    this.input.setAttribute('aria-label', t(this.o.label || 'searchLabel'));
    if (this.selected) this.input.value = entName(this.selected);
    if (!this.list.hidden) this.render();
  }

  /** setValue shows a chosen entity (or clears the box). */
  setValue(e) {
    this.selected = e || null;
    this.input.value = e ? entName(e) : '';
    this.el.dataset.type = e ? e.type : '';
    this.dot.style.background = e ? TYPE_COLOR[e.type] : '';
    this.close();
  }

  focus() { this.input.focus(); this.input.select(); }

  onInput() {
    if (this.composing) return;
    if (this.selected) { this.selected = null; this.el.dataset.type = ''; this.dot.style.background = ''; }
    const q = this.input.value.trim();
    if (!q) {
      this.fetchSoon.cancel();
      if (this.abort) this.abort.abort();
      this.hits = [];
      this.state = 'idle';
      this.close();
      return;
    }
    this.fetchSoon();
  }

  async fetch() {
    const q = this.input.value.trim();
    if (!q) return;
    if (this.abort) this.abort.abort();
    const ac = (this.abort = new AbortController());
    this.state = 'loading';
    this.spin.hidden = false;
    if (!this.hits.length) this.open();
    try {
      const d = await gql(Q, { text: q, first: 12 }, { signal: ac.signal });
      if (ac.signal.aborted) return;
      this.hits = d.search;
      this.query = q;
      this.state = 'done';
    } catch (e) {
      if (isAbort(e)) return;
      this.hits = [];
      this.query = q;
      this.state = 'error';
      this.error = e.message;
    } finally {
      if (this.abort === ac) { this.spin.hidden = true; this.abort = null; }
    }
    this.active = this.hits.length ? 0 : -1;
    if (document.activeElement === this.input) this.open();
  }

  open() {
    this.render();
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  render() {
    const q = this.input.value.trim();
    this.options = [];
    const items = [];
    if (this.state === 'loading' && !this.hits.length) {
      items.push(h('li', { class: 'sg-status' }, t('searching')));
    } else if (this.state === 'error') {
      items.push(h('li', { class: 'sg-status error', role: 'alert' }, t('searchFailed', { msg: this.error })));
    } else if (this.state === 'done' && !this.hits.length) {
      items.push(h('li', { class: 'sg-status' }, t('searchNone', { q: this.query })));
    }
    // A kind of thing ("targets", 項目) is answered with its list first.
    const listType = this.o.onText ? typeOfWord(q) : null;
    if (listType) {
      const i = this.options.length;
      this.options.push({ kind: 'list', type: listType });
      items.push(h('li', {
        class: 'sg-option sg-list', role: 'option', id: `${this.uid}-o${i}`, dataset: { i, list: listType },
        style: { '--c': TYPE_COLOR[listType] }, onmousemove: () => this.setActive(i), onclick: () => this.choose(i),
      }, h('span', { class: 'sg-texticon', 'aria-hidden': 'true' }, '☰'), t('searchList', { types: typePlural(listType) })));
    }
    // Group by type; groups in the order of their best hit (hits come ranked).
    const groups = new Map();
    for (const hit of this.hits) {
      if (!groups.has(hit.entity.type)) groups.set(hit.entity.type, []);
      groups.get(hit.entity.type).push(hit);
    }
    for (const [type, hits] of groups) {
      items.push(h('li', { class: 'sg-group', role: 'presentation', style: { '--c': TYPE_COLOR[type] } }, typePlural(type)));
      for (const hit of hits) {
        const i = this.options.length;
        this.options.push({ kind: 'entity', hit });
        items.push(this.option(i, hit));
      }
    }
    if (this.o.onText && q && this.state !== 'loading') {
      const i = this.options.length;
      this.options.push({ kind: 'text', q });
      items.push(h('li', {
        class: 'sg-option sg-text', role: 'option', id: `${this.uid}-o${i}`, dataset: { i },
        onmousemove: () => this.setActive(i), onclick: () => this.choose(i),
      }, h('span', { class: 'sg-texticon', 'aria-hidden': 'true' }, '¶'), t('searchText', { q })));
    }
    fill(this.list, ...items);
    if (this.active >= this.options.length) this.active = this.options.length - 1;
    this.setActive(this.active);
  }

  option(i, hit) {
    const e = hit.entity;
    const secondary = [e.nameEn, e.pinyin].filter(Boolean);
    const name = entName(e);
    let via = null;
    if (hit.field !== 'NAME' && hit.field !== 'NAME_SIMPLIFIED' && hit.field !== 'NAME_EN' && hit.field !== 'PINYIN') {
      via = t('matchedVia', { field: fieldName(hit.field), text: hit.field === 'ALIAS' || hit.field === 'ALIAS_SIMPLIFIED' ? zh(hit.matched) : hit.matched });
    }
    return h('li', {
      class: 'sg-option', role: 'option', id: `${this.uid}-o${i}`, 'aria-selected': 'false',
      dataset: { i, id: e.id, type: e.type, name: e.name }, style: { '--c': TYPE_COLOR[e.type] },
      onmousemove: () => this.setActive(i), onclick: () => this.choose(i),
    },
    h('span', { class: 'sg-dot', 'aria-hidden': 'true' }),
    h('span', { class: 'sg-main' },
      h('span', { class: 'sg-name' }, name),
      h('span', { class: 'sg-sub' }, secondary.join(' · '))),
    via && h('span', { class: 'sg-via' }, via));
  }

  setActive(i) {
    this.active = i;
    for (const li of this.list.querySelectorAll('.sg-option')) {
      const on = Number(li.dataset.i) === i;
      li.classList.toggle('active', on);
      li.setAttribute('aria-selected', on ? 'true' : 'false');
      if (on) {
        this.input.setAttribute('aria-activedescendant', li.id);
        li.scrollIntoView({ block: 'nearest' });
      }
    }
    if (i < 0) this.input.removeAttribute('aria-activedescendant');
  }

  onKey(e) {
    if (e.isComposing || e.keyCode === 229) return;
    const n = this.options.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (this.list.hidden) { if (this.input.value.trim()) { this.open(); if (this.state === 'idle') this.fetch(); } return; }
        if (n) this.setActive((this.active + 1) % n);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (n && !this.list.hidden) this.setActive((this.active - 1 + n) % n);
        break;
      case 'Enter': {
        e.preventDefault();
        const q = this.input.value.trim();
        if (!q || this.selected) return;
        if (this.query !== q || this.state === 'loading') {
          // Typed fast and pressed Enter: search now, then take the best hit.
          this.fetchSoon.cancel();
          this.fetch().then(() => {
            if (this.input.value.trim() === q && this.options.length) this.choose(Math.max(0, this.active));
          });
          return;
        }
        if (n) this.choose(this.active >= 0 ? this.active : 0);
        break;
      }
      case 'Escape':
        if (!this.list.hidden) { e.preventDefault(); this.close(); }
        else if (this.input.value) { e.preventDefault(); this.input.value = ''; this.onInput(); }
        else this.input.blur();
        break;
      case 'Tab':
        this.close();
        break;
    }
  }

  choose(i) {
    const opt = this.options[i];
    if (!opt) return;
    this.close();
    if (opt.kind === 'text') {
      this.o.onText(opt.q);
      return;
    }
    if (opt.kind === 'list') {
      this.input.value = '';
      go(`/list/${opt.type.toLowerCase()}`);
      return;
    }
    const e = opt.hit.entity;
    if (this.o.keepValue) this.setValue(e);
    else { this.input.value = ''; this.hits = []; this.query = ''; this.state = 'idle'; fill(this.list); this.input.blur(); }
    this.o.onPick(e);
  }
}
