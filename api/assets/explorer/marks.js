// Rendering of plan text with marked ranges: mentions (linked to their entity), a quote, search
// highlights. Offsets are in characters of the Traditional text; the Simplified text has the
// same length (checked), so one set of offsets serves both scripts.
import { h, entityHref } from './dom.js';
import { zh, entName, typeName, TYPE_COLOR } from './i18n.js';

/** display is the paragraph text in the chosen script. */
export const display = (p) => zh(p.text, p.textSimplified);

/** pickMentions keeps mentions that do not overlap, the longer first at the same start. */
export function pickMentions(mentions) {
  const ms = [...(mentions || [])].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const out = [];
  let end = 0;
  for (const m of ms) {
    if (m.offset < end || m.length <= 0) continue;
    out.push(m);
    end = m.offset + m.length;
  }
  return out;
}

function mergeRanges(ranges) {
  const rs = ranges.filter((r) => r && r.length > 0).map((r) => [r.offset, r.offset + r.length]).sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const r of rs) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

/** marked appends text[a,b) to el, wrapping the parts inside ranges in <mark class=cls>. */
function marked(el, text, a, b, ranges, cls) {
  let pos = a;
  for (const [s, e] of ranges) {
    if (e <= pos || s >= b) continue;
    const s2 = Math.max(s, pos), e2 = Math.min(e, b);
    if (s2 > pos) el.append(text.slice(pos, s2));
    el.append(h('mark', { class: cls }, text.slice(s2, e2)));
    pos = e2;
  }
  if (pos < b) el.append(text.slice(pos, b));
}

/**
 * richText renders a paragraph: its mentions as links to their entities (coloured by type),
 * and marks: [{offset, length}] as <mark class=markClass>.
 */
export function richText(p, { mentions = p.mentions, marks = [], markClass = 'qmark', link = true } = {}) {
  const text = display(p);
  const frag = document.createDocumentFragment();
  const ranges = mergeRanges(marks);
  let pos = 0;
  for (const m of link ? pickMentions(mentions) : []) {
    if (m.offset > text.length) break;
    marked(frag, text, pos, m.offset, ranges, markClass);
    const e = m.entity;
    const a = h('a', {
      class: 'mention', href: entityHref(e.id), style: { '--c': TYPE_COLOR[e.type] },
      dataset: { id: e.id, type: e.type }, title: `${typeName(e.type)} · ${entName(e)}${e.nameEn ? ' · ' + e.nameEn : ''}`,
    });
    marked(a, text, m.offset, Math.min(text.length, m.offset + m.length), ranges, markClass);
    frag.append(a);
    pos = m.offset + m.length;
  }
  marked(frag, text, pos, text.length, ranges, markClass);
  return frag;
}

/**
 * excerpt renders the parts of a long text around the marked ranges, radius characters on each
 * side, joined by ellipses.
 */
export function excerpt(text, marks, radius = 48) {
  const ranges = mergeRanges(marks);
  const frag = document.createDocumentFragment();
  if (!ranges.length) {
    frag.append(text.length > radius * 3 ? text.slice(0, radius * 3) + '…' : text);
    return frag;
  }
  const wins = [];
  for (const [s, e] of ranges) {
    const a = Math.max(0, s - radius), b = Math.min(text.length, e + radius);
    const last = wins[wins.length - 1];
    if (last && a <= last[1] + 8) last[1] = Math.max(last[1], b);
    else wins.push([a, b]);
  }
  wins.forEach(([a, b], i) => {
    if (a > 0) frag.append(i ? ' … ' : '…');
    marked(frag, text, a, b, ranges, 'hit');
    if (i === wins.length - 1 && b < text.length) frag.append('…');
  });
  return frag;
}

/** quoteWithNames renders a quote with the given names (as written) in bold. */
export function quoteWithNames(quote, names) {
  const text = zh(quote);
  const ranges = [];
  for (const n of names) {
    if (!n || n.length < 2) continue;
    for (let i = quote.indexOf(n); i >= 0; i = quote.indexOf(n, i + n.length)) ranges.push({ offset: i, length: n.length });
  }
  const frag = document.createDocumentFragment();
  marked(frag, text, 0, text.length, mergeRanges(ranges), 'qn');
  return frag;
}

/** shortChapter turns "第三章 統籌…" into "第三章"; other titles are kept (shortened). */
export function shortChapter(title) {
  if (!title) return '';
  const m = /^(第[一二三四五六七八九十百]+章)/.exec(title);
  return zh(m ? m[1] : clip(title, 16));
}

export function clip(s, n) {
  if (!s) return '';
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** where is "第三章 › section › item" for a paragraph (chapter, section, item titles). */
export function where(p, { sectionLen = 20 } = {}) {
  const parts = [shortChapter(p.chapter)];
  if (p.section) parts.push(zh(clip(p.section, sectionLen)));
  if (p.item) parts.push(zh(clip(p.item, sectionLen)));
  return parts.filter(Boolean).join(' › ');
}
