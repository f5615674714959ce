// GraphQL client: one POST per query, visible errors, and a small cache of immutable answers.
import { t, TYPES, RELATIONS, TYPE_COLOR } from './i18n.js';

export class ApiError extends Error {
  constructor(message, kind) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind; // network | http | graphql
  }
}

const cache = new Map();

/**
 * gql runs a query and resolves to its data. It rejects with an ApiError (or the AbortError of
 * signal). With cache set, the answer is kept for the page's lifetime (the plan does not change
 * under a reader often; a reload fetches afresh).
 */
export function gql(query, variables = {}, { signal, cache: useCache = false } = {}) {
  const key = useCache ? query + '\u0000' + JSON.stringify(variables) : '';
  if (useCache && cache.has(key)) return cache.get(key);
  const p = run(query, variables, signal);
  if (useCache) {
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

async function run(query, variables, signal) {
  let res;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(t('errNetwork'), 'network');
  }
  let body;
  try {
    body = await res.json();
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(t('errHttp', { status: res.status }), 'http');
  }
  if (body && Array.isArray(body.errors) && body.errors.length) {
    throw new ApiError(body.errors.map((e) => e.message).join('; '), res.ok ? 'graphql' : 'http');
  }
  if (!res.ok) throw new ApiError(t('errHttp', { status: res.status }), 'http');
  return body.data;
}

/** isAbort tells an aborted request (ignored) from a failure (shown). */
export const isAbort = (e) => e && e.name === 'AbortError';

// Fragments shared by the views.
export const ENT = 'fragment Ent on Entity { id type name nameSimplified nameEn pinyin }';
export const CIT = 'fragment Cit on Citation { quote offset length period paragraph { id chapter section item textEn } }';

/**
 * loadVocabulary reads the entity types and relations the server's schema declares (its
 * vocabulary) and puts them, in its order, into TYPES and RELATIONS: a type the explorer has no
 * colour or label for still gets its filter, in grey under its own name. The lists built into
 * i18n.js stand when the server cannot be asked.
 */
export async function loadVocabulary() {
  const d = await gql(`query Vocabulary {
    types: __type(name: "EntityType") { enumValues { name } }
    relations: __type(name: "Relation") { enumValues { name } }
  }`, {}, { cache: true });
  const names = (t) => (t && t.enumValues ? t.enumValues.map((v) => v.name) : []);
  const types = names(d.types), rels = names(d.relations);
  if (types.length) TYPES.splice(0, TYPES.length, ...types);
  if (rels.length) RELATIONS.splice(0, RELATIONS.length, ...rels);
  for (const ty of TYPES) if (!TYPE_COLOR[ty]) TYPE_COLOR[ty] = '#6b7280';
}
