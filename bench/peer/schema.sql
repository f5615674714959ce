-- The peer of `plangraph bench --peer-*`: the plans as a plain relational schema, served by
-- PostGraphile 4 (scripts/bench-peer). Designed as a PostgreSQL user would for the questions:
-- every foreign key has an index (PostGraphile turns each into a nested relation field, and
-- without the index each nested field would scan its table), and the text search has a
-- trigram index. Idempotent: the bench applies it before loading.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE SCHEMA IF NOT EXISTS peer;

CREATE TABLE IF NOT EXISTS peer.entity (
  id              text PRIMARY KEY,
  plan            text NOT NULL,
  type            text NOT NULL,       -- Zone, Facility …
  name            text,
  name_simplified text,
  name_en         text,
  -- name_simplified and every alias in Simplified characters, one per line: what "name or
  -- alias contains" searches (a line break never occurs in a query, so no match spans two).
  search_key      text NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS entity_plan ON peer.entity (plan);
CREATE INDEX IF NOT EXISTS entity_search_key ON peer.entity USING gin (search_key gin_trgm_ops);

-- One row per distinct (from, relation, to). The entity types of both ends are copied in, as a
-- PostgreSQL user would to filter a relation by the type at its other end with PostGraphile's
-- condition argument (linksByFromId(condition: {toType: "Zone"})) instead of a join.
CREATE TABLE IF NOT EXISTS peer.link (
  id        bigint PRIMARY KEY,            -- given by the loader, which copies citations with it
  from_id   text NOT NULL REFERENCES peer.entity (id) ON DELETE CASCADE,
  from_type text NOT NULL,
  rel       text NOT NULL,               -- the API's relation name: PART_OF …
  to_id     text NOT NULL REFERENCES peer.entity (id) ON DELETE CASCADE,
  to_type   text NOT NULL,
  UNIQUE (from_id, rel, to_id)           -- also the index of from_id
);
CREATE INDEX IF NOT EXISTS link_from_type ON peer.link (from_id, to_type);
CREATE INDEX IF NOT EXISTS link_to ON peer.link (to_id, from_type);

CREATE TABLE IF NOT EXISTS peer.paragraph (
  id   text PRIMARY KEY,
  plan text NOT NULL,
  text text
);
CREATE INDEX IF NOT EXISTS paragraph_plan ON peer.paragraph (plan);

-- The quotes that state a link: a span of a paragraph.
CREATE TABLE IF NOT EXISTS peer.citation (
  link_id      bigint NOT NULL REFERENCES peer.link (id) ON DELETE CASCADE,
  paragraph_id text NOT NULL REFERENCES peer.paragraph (id) ON DELETE CASCADE,
  span_start   int NOT NULL,
  span_length  int NOT NULL,
  PRIMARY KEY (link_id, paragraph_id, span_start, span_length)  -- also the index of link_id
);
CREATE INDEX IF NOT EXISTS citation_paragraph ON peer.citation (paragraph_id);

-- Name-contains search as PostGraphile exposes it: Query.entitySearch(text: …). The caller
-- passes the text in Simplified characters, as the cayley engines of the bench do. LIKE with
-- the trigram index; the text's own % and _ are escaped.
CREATE OR REPLACE FUNCTION peer.entity_search(text text) RETURNS SETOF peer.entity
LANGUAGE sql STABLE STRICT AS $$
  SELECT * FROM peer.entity
  WHERE search_key LIKE '%' || replace(replace(replace(text, '\', '\\'), '%', '\%'), '_', '\_') || '%'
$$;
