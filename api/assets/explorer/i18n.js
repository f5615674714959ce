// Preferences (script and interface language, kept in localStorage), interface strings,
// entity-type and relation vocabularies, and the Traditional→Simplified conversion.
import { T, S } from './t2s.js';

// ---- preferences -------------------------------------------------------------------------

function stored(key, allowed, fallback) {
  try {
    const v = localStorage.getItem('plangraph.' + key);
    if (allowed.includes(v)) return v;
  } catch { /* storage disabled: use the default */ }
  return fallback;
}

const navLang = (navigator.language || 'en').toLowerCase();
export const prefs = {
  /** t: Traditional (as written), s: Simplified. */
  script: stored('script', ['t', 's'], /^zh-(cn|sg|hans)/.test(navLang) ? 's' : 't'),
  /** zh or en: the interface language. */
  lang: stored('lang', ['zh', 'en'], navLang.startsWith('zh') ? 'zh' : 'en'),
  /** on: links stated only in the review of 2016–2020 are hidden. */
  hideAchieved: stored('hideAchieved', ['on', 'off'], 'off'),
};

const listeners = new Set();
export function setPref(key, value) {
  if (prefs[key] === value) return;
  prefs[key] = value;
  try { localStorage.setItem('plangraph.' + key, value); } catch { /* not kept */ }
  for (const f of listeners) f(key);
}
export function onPrefs(f) {
  listeners.add(f);
  return () => listeners.delete(f);
}

// ---- Traditional → Simplified ------------------------------------------------------------

const t2s = new Map();
for (let i = 0; i < T.length; i++) t2s.set(T[i], S[i]);

/** toSimplified converts character by character; the length never changes (see gen-t2s.mjs). */
export function toSimplified(s) {
  if (!s) return s;
  return s.replace(/[\u3400-\u9fff\uf900-\ufaff\u2e80-\u2fdf]/g, (c) => t2s.get(c) ?? c);
}

/** zh shows Chinese text in the chosen script, preferring the API's own Simplified form. */
export function zh(trad, simp) {
  if (trad == null) return trad;
  if (prefs.script !== 's') return trad;
  return simp && simp.length === trad.length ? simp : toSimplified(trad);
}

/** name of an entity in the chosen script. */
export const entName = (e) => zh(e.name, e.nameSimplified);

/** label of an entity for compact places (graph, chips): English in the English interface. */
export const entLabel = (e) => (prefs.lang === 'en' && e.nameEn ? e.nameEn : entName(e));

// ---- vocabularies ------------------------------------------------------------------------

export const TYPES = ['ZONE', 'PROJECT', 'ORGANISATION', 'INDUSTRY', 'HERITAGE', 'POLICY', 'STRATEGY', 'TERM', 'TARGET'];
export const TYPE_COLOR = {
  ZONE: '#2563eb',
  PROJECT: '#ea580c',
  ORGANISATION: '#db2777',
  HERITAGE: '#0f766e',
  INDUSTRY: '#16a34a',
  POLICY: '#7c3aed',
  STRATEGY: '#dc2626',
  TERM: '#0891b2',
  TARGET: '#b7791f',
};
const TYPE_NAME = {
  zh: { ZONE: '區域', PROJECT: '項目', ORGANISATION: '機構', INDUSTRY: '產業', HERITAGE: '文化資源', POLICY: '政策', STRATEGY: '戰略', TERM: '名詞', TARGET: '目標' },
  en: { ZONE: 'Zone', PROJECT: 'Project', ORGANISATION: 'Organisation', INDUSTRY: 'Industry', HERITAGE: 'Heritage', POLICY: 'Policy', STRATEGY: 'Strategy', TERM: 'Term', TARGET: 'Target' },
};
const TYPE_PLURAL = {
  en: { ZONE: 'Zones', PROJECT: 'Projects', ORGANISATION: 'Organisations', INDUSTRY: 'Industries', HERITAGE: 'Heritage', POLICY: 'Policies', STRATEGY: 'Strategies', TERM: 'Terms', TARGET: 'Targets' },
};
export const typeName = (ty) => ui(TYPE_NAME[prefs.lang][ty] || ty);

/**
 * typeOfWord returns the entity type a word names in either language and script (targets,
 * target, 目標, 目标), or null: a search for a kind of thing offers its list.
 */
export function typeOfWord(word) {
  const w = (word || '').trim().toLowerCase();
  if (!w) return null;
  for (const ty of TYPES) {
    const names = [TYPE_NAME.en[ty], TYPE_PLURAL.en[ty], TYPE_NAME.zh[ty], ty].filter(Boolean);
    if (names.some((n) => n.toLowerCase() === w || toSimplified(n) === w)) return ty;
  }
  return null;
}
export const typePlural = (ty) => ui((TYPE_PLURAL[prefs.lang] || TYPE_NAME[prefs.lang])[ty] || ty);

// The periods of the plan a quote can belong to (graph.Periods), with their labels.
export const PERIODS = ['ACHIEVED', 'CONTEXT', 'PLANNED', 'VISION', 'GLOSSARY'];
const PERIOD_NAME = {
  zh: { ACHIEVED: '“十三五”成就', CONTEXT: '發展環境', PLANNED: '“十四五”任務', VISION: '2035年遠景', GLOSSARY: '名詞解釋' },
  en: { ACHIEVED: 'achieved 2016–20', CONTEXT: 'context', PLANNED: 'planned 2021–25', VISION: 'vision 2035', GLOSSARY: 'glossary' },
};
export const periodName = (p) => ui(PERIOD_NAME[prefs.lang][p] || p);

export const RELATIONS = ['PART_OF', 'LOCATED_IN', 'FOCUSES_ON', 'SERVES', 'SUPPORTS', 'DEFINES', 'RELATED_TO'];
// [read from the link's source (OUT), read from its target (IN)]
const REL_NAME = {
  en: {
    PART_OF: ['part of', 'has part'],
    LOCATED_IN: ['located in', 'contains'],
    FOCUSES_ON: ['focuses on', 'focus of'],
    SERVES: ['serves', 'served by'],
    SUPPORTS: ['supports', 'supported by'],
    DEFINES: ['defines', 'defined by'],
    RELATED_TO: ['related to', 'related to'],
  },
  zh: {
    PART_OF: ['屬於', '包含'],
    LOCATED_IN: ['位於', '區內有'],
    FOCUSES_ON: ['重點發展', '發展載體'],
    SERVES: ['服務於', '為其服務'],
    SUPPORTS: ['支持', '受支持於'],
    DEFINES: ['解釋包含', '見於名詞解釋'],
    RELATED_TO: ['相關', '相關'],
  },
};
/** relName is the readable label of a relation read in a direction (OUT or IN). */
export const relName = (rel, dir = 'OUT') => ui((REL_NAME[prefs.lang][rel] || [rel, rel])[dir === 'IN' ? 1 : 0]);

const FIELD_NAME = {
  zh: { NAME: '名稱', NAME_SIMPLIFIED: '簡體名稱', NAME_EN: '英文名', PINYIN: '拼音', ALIAS: '別名', ALIAS_SIMPLIFIED: '別名', ALIAS_PINYIN: '別名拼音', ALIAS_EN: '英文別名' },
  en: { NAME: 'name', NAME_SIMPLIFIED: 'Simplified', NAME_EN: 'English', PINYIN: 'pinyin', ALIAS: 'alias', ALIAS_SIMPLIFIED: 'alias', ALIAS_PINYIN: 'alias pinyin', ALIAS_EN: 'English alias' },
};
export const fieldName = (f) => ui(FIELD_NAME[prefs.lang][f] || f);

// ---- interface strings (Chinese written in Traditional, shown in the chosen script) -------

const STR = {
  zh: {
    brandSub: '荔灣區“十四五”規劃知識圖譜',
    navHome: '探索', navPath: '關聯路徑', navRead: '規劃全文',
    searchPlaceholder: '搜索名稱:繁體、简体、拼音或 English',
    searchLabel: '搜索實體',
    searching: '搜索中…',
    searchNone: '沒有名稱匹配「{q}」的實體',
    searchText: '在規劃全文中搜索「{q}」',
    searchFailed: '搜索失敗:{msg}',
    matchedVia: '{field}:{text}',
    loading: '加載中…',
    retry: '重試',
    errNetwork: '無法連接服務器,請檢查網絡後重試。',
    errHttp: '服務器返回錯誤 (HTTP {status})。',
    errGraph: '關係圖庫未能加載。',
    notFound: '找不到實體 {id}。',
    backHome: '返回首頁',
    graphShowAll: '再顯示 {n} 個', searchList: '{types}一覽 →', brief: '簡報', print: '打印', brBroader: '所屬產業', brNarrower: '細分產業', brZones: '重點發展的區域',
    brProjects: '項目', brPolicies: '政策', brOrganisations: '機構', brTargets: '目標', brSubZones: '下轄區域', brIndustries: '產業',
    brStrategies: '服務的戰略', brServedBy: '服務與組成', brNone: '規劃中沒有記錄。', noSuchType: '沒有這類實體:{type}', linkedToPlaceholder: '與…關聯(輸入名稱)', filterByName: '按名稱篩選', allChapters: '全部章節', allPeriods: '全部時期',
    linkedTo: '關聯:', clear: '清除', col_name: '名稱', col_nameEn: '英文名', col_indicator: '指標', col_value: '目標值', col_year: '年份',
    col_chapters: '章節', col_linkCount: '關聯數', col_mentionCount: '提及數',
    // home
    heroTitle: '荔灣區“十四五”規劃,一張可探索的知識圖譜',
    heroText: '《廣州市荔灣區國民經濟和社會發展第十四個五年規劃和2035年遠景目標綱要》中的區域、項目、產業、政策、戰略、名詞與目標,以及規劃原文中連接它們的每一句話。',
    heroHint: '在上方搜索框輸入名稱(繁體、簡體、拼音或英文均可),或從這裡開始:',
    statEntities: '個實體', statLinks: '條關聯', statParagraphs: '個段落', statQuotes: '處原文依據',
    cardExplore: '探索實體', cardExploreText: '查看一個實體的全部名稱、簡介、關聯及其原文依據,並在關係圖中逐步展開。',
    cardPath: '查找關聯路徑', cardPathText: '這個項目為何與那個戰略相關?找出兩者之間最短的關聯鏈條,每一步都有原文為證。',
    cardRead: '閱讀規劃全文', cardReadText: '按章節閱讀規劃原文,文中提及的實體均已標示,點擊即可查看。',
    cardPathExample: '例:白鵝潭聚龍組團 → 廣州西翼中央商務區',
    byType: '實體類型',
    // entity
    names: '名稱', asWritten: '原文', simplified: '簡體', pinyin: '拼音', english: '英文', aliases: '別名', aliasesEn: '英文別名',
    description: '簡介', definition: '釋義', indicator: '指標', targetValue: '目標值', targetYear: '目標年份',
    q_DECREASE: '降低', q_FULL: '全覆蓋', q_PEAK: '達峰', q_IN_STEP: '同步增長', q_ASSIGNED: '完成市下達任務',
    statedIn: '規劃原文', paragraphInEnglish: '段落英譯', hideAchieved: '隱藏“十三五”成就', hiddenAchieved: '另有 {n} 項只見於“十三五”成就', links: '關聯', linksCount: '{n} 項關聯', noLinks: '規劃中沒有記錄此實體的關聯。',
    mentions: '提及段落', mentionsCount: '在 {p} 個段落中提及 {n} 次', mentionsShown: '顯示前 {p} 個段落', noMentions: '規劃正文中沒有直接提及。',
    readInContext: '閱讀上下文', showAll: '顯示全部 {n} 項', showLess: '收起',
    expandInGraph: '在關係圖中展開', findPaths: '查找關聯路徑', source: '數據來源',
    idLabel: '標識',
    // graph
    graphTitle: '關係圖', zoomIn: '放大', zoomOut: '縮小', graphFit: '適應', graphLayout: '重新布局', graphPng: '導出 PNG', graphReset: '重置',
    graphHint: '點擊節點打開 · 右鍵或長按展開 · 滾輪縮放 · 拖動平移',
    graphCounts: '{n} 個實體 · {m} 條關聯', graphHidden: '(已隱藏 {h} 個)',
    graphTypes: '類型', graphRelations: '關係',
    graphExpanding: '正在展開 {name}…', graphExpanded: '已展開 {name}:新增 {n} 個實體',
    graphNothingNew: '{name} 沒有新的關聯', graphCapped: '已展開 {name}:新增 {n} 個實體(共 {total} 個,僅顯示前 {n} 個)',
    graphOpen: '點擊打開', graphExpandHint: '右鍵展開',
    // paths
    pathTitle: '兩個實體之間有什麼關聯?', pathText: '選擇起點和終點,查看最短的關聯鏈條,以及規劃原文中說明每一步的句子。',
    from: '起點', to: '終點', swap: '互換', maxHops: '最多步數', find: '查找關聯',
    pickBoth: '請先選擇起點和終點。', sameEntity: '起點和終點是同一個實體。',
    noPath: '在 {h} 步之內沒有找到關聯。可以增加步數再試。',
    pathsFound: '找到 {n} 條關聯,最短 {s} 步', pathN: '關聯 {i}', steps: '{s} 步', step1: '直接關聯',
    pickFrom: '搜索起點…', pickTo: '搜索終點…',
    // reader
    toc: '目錄', annexN: '附{n}', prevChapter: '上一章', nextChapter: '下一章', paragraphLink: '本段鏈接',
    textResults: '規劃全文中包含「{q}」的段落:{n} 個', noTextResults: '規劃全文中沒有找到「{q}」。',
    closeResults: '關閉搜索結果', paraNotFound: '找不到段落 {id}。',
    legend: '文中標示的實體:',
  },
  en: {
    brandSub: 'Liwan 14th Five-Year Plan as a knowledge graph',
    navHome: 'Explore', navPath: 'Connections', navRead: 'Read the plan',
    searchPlaceholder: 'Search by name: 中文, pinyin or English',
    searchLabel: 'Search entities',
    searching: 'Searching…',
    searchNone: 'No entity name matches “{q}”',
    searchText: 'Search the plan text for “{q}”',
    searchFailed: 'Search failed: {msg}',
    matchedVia: '{field}: {text}',
    loading: 'Loading…',
    retry: 'Retry',
    errNetwork: 'Cannot reach the server. Check the connection and retry.',
    errHttp: 'The server answered with an error (HTTP {status}).',
    errGraph: 'The graph library did not load.',
    notFound: 'There is no entity {id}.',
    backHome: 'Back to the start',
    graphShowAll: 'Show {n} more', searchList: 'List of all {types} →', brief: 'Brief', print: 'Print', brBroader: 'Broader industries', brNarrower: 'Narrower industries',
    brZones: 'Zones that focus on it', brProjects: 'Projects', brPolicies: 'Policies', brOrganisations: 'Organisations', brTargets: 'Targets',
    brSubZones: 'Zones within it', brIndustries: 'Industries', brStrategies: 'Strategies it serves', brServedBy: 'What serves it', brNone: 'The plan records none.', noSuchType: 'No such kind of entity: {type}', linkedToPlaceholder: 'Linked to… (type a name)', filterByName: 'Filter by name', allChapters: 'All chapters', allPeriods: 'All periods',
    linkedTo: 'Linked to', clear: 'Clear', col_name: 'Name', col_nameEn: 'English', col_indicator: 'Indicator', col_value: 'Value', col_year: 'Year',
    col_chapters: 'Chapters', col_linkCount: 'Links', col_mentionCount: 'Mentions',
    heroTitle: 'The Liwan District 14th Five-Year Plan, as a knowledge graph',
    heroText: 'The zones, projects, industries, policies, strategies, terms and targets of the Outline of the 14th Five-Year Plan of Liwan District, Guangzhou — and every sentence of the plan that ties them together.',
    heroHint: 'Type a name in the search box above (Traditional, Simplified, pinyin or English), or start here:',
    statEntities: 'entities', statLinks: 'links', statParagraphs: 'paragraphs', statQuotes: 'quotes as evidence',
    cardExplore: 'Explore an entity', cardExploreText: 'See every name of an entity, what it is, what it is linked to and the words of the plan behind each link — and grow its graph step by step.',
    cardPath: 'Find connections', cardPathText: 'Why is this project tied to that strategy? Find the shortest chains between two entities, each step backed by a quote.',
    cardRead: 'Read the plan', cardReadText: 'Read the plan chapter by chapter with every named entity marked; click one to open it.',
    cardPathExample: 'e.g. Julong Cluster → Guangzhou West Wing CBD',
    byType: 'Entities by type',
    names: 'Names', asWritten: 'As written', simplified: 'Simplified', pinyin: 'Pinyin', english: 'English', aliases: 'Aliases', aliasesEn: 'Other English names',
    description: 'Description', definition: 'Definition', indicator: 'Indicator', targetValue: 'Target value', targetYear: 'By year',
    q_DECREASE: 'lower it', q_FULL: 'full coverage', q_PEAK: 'reach the peak', q_IN_STEP: 'keep pace', q_ASSIGNED: "meet the city's figure",
    statedIn: 'Stated in the plan', paragraphInEnglish: 'The paragraph in English', hideAchieved: 'Hide 2016–2020 achievements', hiddenAchieved: '{n} more stated only as 2016–2020 achievements', links: 'Links', linksCount: '{n} {n|link|links}', noLinks: 'The plan records no links of this entity.',
    mentions: 'Mentioned in', mentionsCount: '{n} {n|mention|mentions} in {p} {p|paragraph|paragraphs}', mentionsShown: 'showing the first {p} paragraphs', noMentions: 'Not named in the plan text itself.',
    readInContext: 'Read in context', showAll: 'Show all {n}', showLess: 'Show fewer',
    expandInGraph: 'Expand in the graph', findPaths: 'Find connections', source: 'Source',
    idLabel: 'ID',
    graphTitle: 'Neighbourhood', zoomIn: 'Zoom in', zoomOut: 'Zoom out', graphFit: 'Fit', graphLayout: 'Re-layout', graphPng: 'Export PNG', graphReset: 'Reset',
    graphHint: 'Click a node to open · right-click or long-press to expand · scroll to zoom · drag to pan',
    graphCounts: '{n} {n|entity|entities} · {m} {m|link|links}', graphHidden: '({h} hidden)',
    graphTypes: 'Types', graphRelations: 'Relations',
    graphExpanding: 'Expanding {name}…', graphExpanded: 'Expanded {name}: {n} new {n|entity|entities}',
    graphNothingNew: '{name} has no further links', graphCapped: 'Expanded {name}: {n} new entities (of {total}; the first {n} shown)',
    graphOpen: 'click to open', graphExpandHint: 'right-click to expand',
    pathTitle: 'How are two entities connected?', pathText: 'Pick a start and an end to see the shortest chains of links between them, and the sentence of the plan behind each step.',
    from: 'From', to: 'To', swap: 'Swap', maxHops: 'Max steps', find: 'Find connections',
    pickBoth: 'Pick both a start and an end first.', sameEntity: 'Start and end are the same entity.',
    noPath: 'No connection within {h} steps. Allow more steps and try again.',
    pathsFound: '{n} connections found; the shortest has {s} steps', pathsFound1: '{n} connections found; the shortest is a direct link', pathOne: 'One connection found, {s} steps long', pathOne1: 'One connection found: a direct link', pathN: 'Connection {i}', steps: '{s} steps', step1: 'direct link',
    pickFrom: 'Search the start…', pickTo: 'Search the end…',
    toc: 'Contents', annexN: 'A{n}', prevChapter: 'Previous', nextChapter: 'Next', paragraphLink: 'Link to this paragraph',
    textResults: '{n} {n|paragraph|paragraphs} of the plan {n|contains|contain} “{q}”', noTextResults: 'The plan text does not contain “{q}”.',
    closeResults: 'Close the results', paraNotFound: 'There is no paragraph {id}.',
    legend: 'Entities marked in the text:',
  },
};

/** ui converts a Chinese interface string to the chosen script. */
function ui(s) {
  return prefs.lang === 'zh' && prefs.script === 's' ? toSimplified(s) : s;
}

/** t is the interface string key with {vars} filled in. */
export function t(key, vars) {
  const s = ui(STR[prefs.lang][key] ?? STR.en[key] ?? key);
  if (!vars) return s;
  return s
    .replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (m, k, one, many) => (Number(vars[k]) === 1 ? one : many))
    .replace(/\{(\w+)\}/g, (m, k) => String(vars[k] ?? m));
}

/** htmlLang is the lang attribute for the current preferences. */
export const htmlLang = () => (prefs.lang === 'en' ? 'en' : prefs.script === 's' ? 'zh-Hans' : 'zh-Hant');
