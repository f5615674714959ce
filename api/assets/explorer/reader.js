// The plan reader (/read, /read/<paragraph id>?at=<offset>-<length>, /read?q=<text>): the
// plan's chapters and sections as a table of contents, one chapter at a time with the entities
// each paragraph mentions marked and linked, and full-text search of the plan.
import { h, readHref, go, fill } from './dom.js';
import { gql, isAbort, ENT } from './api.js';
import { t, zh, prefs } from './i18n.js';
import { richText, excerpt, where, display, clip } from './marks.js';
import { loading, failure } from './views.js';

const PLANS = `query Plans { plans { id title titleEn period } }`;
const TOC = `query Toc($plan: ID!) {
  plan(id: $plan) {
    id title titleEn
    chapters {
      id number title isChapter paragraphs { id }
      sections { id title paragraphs { id } items { id title paragraphs { id } } }
    }
  }
}`;
const PARA = `fragment P on Paragraph { id text textSimplified textEn heading mentions { offset length entity { ...Ent } } } ${ENT}`;
const TEXT = `query Text($q: String!) {
  searchText(text: $q, first: 50) { score highlights { offset length } paragraph { id chapter section item text textSimplified heading } }
}`;

export class ReaderView {
  constructor(pid, params) {
    this.el = h('div', { class: 'reader' });
    this.tocEl = h('nav', { class: 'toc-list', 'aria-label': 'Contents' });
    this.tocTitle = h('h2', { class: 'toc-title' });
    this.textEl = h('article', { class: 'reader-text', id: 'reader-text' });
    this.resultsEl = h('section', { class: 'text-results', id: 'text-results', hidden: true });
    this.chapterEl = h('div', { class: 'chapter', id: 'chapter' });
    this.target = { pid, params };
  }

  async mount(root) {
    fill(root, this.el);
    fill(this.el, 
      h('aside', { class: 'toc card' }, this.tocTitle, this.tocEl),
      h('div', { class: 'reader-main' }, this.resultsEl, this.textEl));
    fill(this.textEl, loading());
    this.tocTitle.textContent = t('toc');
    const ac = (this.abort = new AbortController());
    try {
      let planId = this.target.pid ? this.target.pid.split('/')[0] : null;
      if (!planId) {
        const d = await gql(PLANS, {}, { signal: ac.signal, cache: true });
        if (!d.plans.length) throw new Error('no plan');
        planId = d.plans[0].id;
      }
      const d = await gql(TOC, { plan: planId }, { signal: ac.signal, cache: true });
      if (!d.plan) throw new Error(t('paraNotFound', { id: this.target.pid }));
      this.plan = d.plan;
    } catch (e) {
      if (!ac.signal.aborted) fill(this.textEl, failure(e, () => this.mount(root)));
      return;
    }
    if (ac.signal.aborted) return; // the reader moved on while the answer came
    this.index();
    this.renderToc();
    await this.update(this.target.pid, this.target.params);
  }

  title() { return t('navRead'); }

  /** index lists each chapter's paragraphs in reading order, with their section. */
  index() {
    this.chapters = this.plan.chapters.map((c) => {
      const paras = c.paragraphs.map((p) => ({ id: p.id, section: null }));
      for (const s of c.sections) {
        for (const p of s.paragraphs) paras.push({ id: p.id, section: s.id });
        for (const it of s.items) for (const p of it.paragraphs) paras.push({ id: p.id, section: s.id });
      }
      return { c, paras };
    });
    this.chapterOfPara = new Map();
    this.chapters.forEach((ch, i) => ch.paras.forEach((p) => this.chapterOfPara.set(p.id, i)));
  }

  /** update shows a paragraph (or the start) and, with ?q=, the paragraphs containing q. */
  async update(pid, params) {
    this.target = { pid, params };
    const q = (params.get('q') || '').trim();
    const at = /^(\d+)-(\d+)$/.exec(params.get('at') || '');
    this.at = at ? { offset: Number(at[1]), length: Number(at[2]) } : null;
    this.pid = pid;
    if (q) this.searchText(q); else { this.resultsEl.hidden = true; this.q = null; }
    let ci = 0;
    if (pid) {
      ci = this.chapterOfPara.get(pid);
      if (ci == null) {
        fill(this.textEl, h('p', { class: 'notice error', role: 'alert' }, t('paraNotFound', { id: pid })));
        this.ci = null;
        return;
      }
    } else if (q) {
      this.textEl.hidden = true;
      return;
    }
    this.textEl.hidden = false;
    if (this.ci !== ci || !this.paras) {
      const ok = await this.loadChapter(ci);
      if (!ok) return;
    } else {
      this.renderChapter();
    }
    this.scrollToTarget();
  }

  async loadChapter(ci) {
    if (this.abort) this.abort.abort();
    const ac = (this.abort = new AbortController());
    fill(this.textEl, loading());
    const ids = this.chapters[ci].paras.map((p) => p.id);
    const query = `query Chapter(${ids.map((_, i) => `$p${i}: ID!`).join(', ')}) {\n${ids.map((_, i) => `p${i}: paragraph(id: $p${i}) { ...P }`).join('\n')}\n} ${PARA}`;
    const vars = Object.fromEntries(ids.map((id, i) => ['p' + i, id]));
    try {
      const d = await gql(query, vars, { signal: ac.signal, cache: true });
      if (ac.signal.aborted) return false; // a cached answer resolves even after the abort
      this.paras = ids.map((_, i) => d['p' + i]).filter(Boolean);
      this.ci = ci;
    } catch (e) {
      if (isAbort(e)) return false;
      fill(this.textEl, failure(e, () => this.update(this.target.pid, this.target.params)));
      return false;
    }
    this.renderChapter();
    this.renderToc();
    return true;
  }

  renderToc() {
    const cur = this.ci;
    const curSection = this.pid && this.ci != null ? (this.chapters[this.ci].paras.find((p) => p.id === this.pid) || {}).section : null;
    fill(this.tocEl, h('ol', { class: 'toc-chapters' }, this.chapters.map(({ c, paras }, i) => {
      const first = paras[0] && paras[0].id;
      return h('li', { class: 'toc-ch' + (i === cur ? ' current' : '') },
        h('a', { href: first ? readHref(first) : '#', 'aria-current': i === cur ? 'true' : null },
          h('span', { class: 'toc-num', 'aria-hidden': 'true' }, c.isChapter ? String(c.number) : c.number ? t('annexN', { n: c.number }) : ''),
          h('span', null, zh(c.title))),
        i === cur && c.sections.length ? h('ol', { class: 'toc-sections' }, c.sections.map((s) => {
          const p = s.paragraphs[0] || (s.items[0] && s.items[0].paragraphs[0]);
          return h('li', { class: s.id === curSection ? 'current' : null, dataset: { sid: s.id } }, h('a', { href: p ? readHref(p.id) : '#' }, zh(s.title)));
        })) : null);
    })));
    const curEl = this.tocEl.querySelector('.toc-ch.current');
    if (curEl) {
      const box = this.tocEl.getBoundingClientRect(), r = curEl.getBoundingClientRect();
      if (r.top < box.top || r.top > box.bottom - 40) this.tocEl.scrollTop += r.top - box.top - 8;
    }
  }

  renderChapter() {
    const ci = this.ci;
    const prev = this.chapters[ci - 1], next = this.chapters[ci + 1];
    const link = (ch, cls, label) => ch ? h('a', { class: 'btn ' + cls, href: readHref(ch.paras[0].id) }, h('small', null, label), h('span', null, zh(clip(ch.c.title, 26)))) : h('span');
    fill(this.chapterEl, ...this.paras.map((p) => this.paragraph(p)));
    this.watchSections();
    fill(this.textEl, 
      h('div', { class: 'reader-plan muted small' }, zh(this.plan.title)),
      this.chapterEl,
      h('nav', { class: 'chapter-nav' }, link(prev, 'prev', '← ' + t('prevChapter')), link(next, 'next', t('nextChapter') + ' →')));
  }

  paragraph(p) {
    const local = p.id.split('/').slice(1);
    const isTarget = p.id === this.pid;
    const marks = isTarget && this.at ? [this.at] : [];
    const body = richText(p, { marks, markClass: 'qmark' });
    const anchor = h('a', { class: 'plink', href: readHref(p.id), title: t('paragraphLink'), 'aria-label': t('paragraphLink') }, '¶');
    const attrs = { class: 'para' + (isTarget ? ' target' : ''), dataset: { pid: p.id }, id: 'p:' + p.id };
    // In the English interface the English leads and the Chinese (the evidence, with its
    // mentions and quote marks) follows it.
    const en = prefs.lang === 'en' && p.textEn ? h('span', { class: 'para-en', lang: 'en' }, p.textEn) : null;
    const zhBody = en ? h('span', { class: 'para-zh' }, body) : body;
    if (p.heading) {
      const level = local.length - 1; // ch3/h → 1, ch3/s2/h → 2, ch3/s2/i1/h → 3
      const tag = level <= 1 ? 'h2' : level === 2 ? 'h3' : 'h4';
      attrs.class += ' heading';
      return h(tag, attrs, en, zhBody, anchor);
    }
    return h('p', attrs, en, zhBody, anchor);
  }

  /** watchSections marks, in the table of contents, the section being read. */
  watchSections() {
    if (this.observer) this.observer.disconnect();
    if (typeof IntersectionObserver !== 'function') return;
    const sectionOf = new Map(this.chapters[this.ci].paras.map((p) => [p.id, p.section]));
    this.observer = new IntersectionObserver((entries) => {
      for (const en of entries) {
        if (!en.isIntersecting) continue;
        const sid = sectionOf.get(en.target.dataset.pid);
        for (const li of this.tocEl.querySelectorAll('.toc-sections li')) li.classList.toggle('current', li.dataset.sid === sid);
      }
    }, { rootMargin: '-70px 0px -65% 0px' });
    for (const el of this.chapterEl.querySelectorAll('.para')) this.observer.observe(el);
  }

  destroy() {
    if (this.observer) this.observer.disconnect();
    if (this.abort) this.abort.abort();
  }

  scrollToTarget() {
    if (!this.pid) { window.scrollTo(0, 0); return; }
    const el = this.chapterEl.querySelector(`[data-pid="${CSS.escape(this.pid)}"]`);
    if (!el) return;
    const mark = el.querySelector('mark.qmark');
    (mark && el.offsetHeight > window.innerHeight * 0.5 ? mark : el).scrollIntoView({ block: mark ? 'center' : 'start' });
    el.classList.remove('flash');
    void el.offsetWidth;
    el.classList.add('flash');
  }

  async searchText(q) {
    this.q = q;
    this.resultsEl.hidden = false;
    fill(this.resultsEl, loading());
    try {
      const d = await gql(TEXT, { q }, { cache: true });
      if (this.q !== q) return;
      this.hits = d.searchText;
      this.renderResults();
    } catch (e) {
      fill(this.resultsEl, failure(e, () => this.searchText(q)));
    }
  }

  renderResults() {
    const q = this.q, hits = this.hits || [];
    const close = h('button', {
      type: 'button', class: 'icon-btn', title: t('closeResults'), 'aria-label': t('closeResults'),
      onclick: () => go(this.pid ? readHref(this.pid) : '/read'),
    }, '×');
    fill(this.resultsEl, h('div', { class: 'card' },
      h('div', { class: 'tr-head' }, h('h2', { class: 'card-title' }, hits.length ? t('textResults', { q, n: hits.length }) : t('noTextResults', { q })), close),
      h('ol', { class: 'mentions' }, hits.map((hit) => {
        const p = hit.paragraph, hl = hit.highlights[0];
        return h('li', { class: 'mention-item' },
          h('div', { class: 'mi-where' }, where(p, { sectionLen: 24 })),
          h('p', { class: 'mi-text' }, excerpt(display(p), hit.highlights, 60)),
          h('a', { class: 'mi-read', href: readHref(p.id, hl && hl.offset, hl && hl.length) }, t('readInContext') + ' →'));
      }))));
  }

  refresh() {
    this.tocTitle.textContent = t('toc');
    if (!this.chapters) return;
    // Keep the paragraph at the top of the window where it is.
    const top = [...this.chapterEl.children].find((el) => el.getBoundingClientRect().bottom > 80);
    const before = top && top.getBoundingClientRect().top;
    this.renderToc();
    if (this.paras) this.renderChapter();
    if (this.q && this.hits) this.renderResults();
    if (top) {
      const again = this.chapterEl.querySelector(`[data-pid="${CSS.escape(top.dataset.pid)}"]`);
      if (again) window.scrollBy(0, again.getBoundingClientRect().top - before);
    }
  }
}

