// Fetches the full introspection result (every option graphql-js knows) from the URL given as
// the first argument, builds a client schema with graphql-js and checks the public contract in
// it. Prints one JSON object: {ok, problems, types}.
import { buildClientSchema, getIntrospectionQuery, printSchema, assertValidSchema } from 'graphql';

const url = process.argv[2];
const query = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});
const res = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
  body: JSON.stringify({ query, operationName: 'IntrospectionQuery' }),
});
const body = await res.json();
const problems = [];
if (body.errors) problems.push('errors: ' + JSON.stringify(body.errors));
let schema;
try {
  schema = buildClientSchema(body.data);
  assertValidSchema(schema);
} catch (e) {
  problems.push('buildClientSchema: ' + e.message);
  console.log(JSON.stringify({ ok: false, problems }));
  process.exit(0);
}
const want = {
  Entity: ['id', 'type', 'name', 'nameSimplified', 'nameEn', 'pinyin', 'aliases', 'description', 'links', 'mentions'],
  Link: ['relation', 'direction', 'entity', 'evidence'],
  Citation: ['paragraph', 'quote', 'offset'],
  Mention: ['paragraph', 'offset', 'text'],
  Paragraph: ['id', 'chapter', 'section', 'text'],
  SearchHit: ['entity', 'score', 'matched'],
  Path: ['length', 'nodes', 'links'],
  Term: ['definition'],
  Target: ['indicator', 'value', 'unit', 'year'],
  Query: ['entity', 'search', 'entities', 'paths', 'paragraph', 'stats'],
  EntityConnection: ['totalCount', 'edges', 'pageInfo'],
};
for (const [type, fields] of Object.entries(want)) {
  const t = schema.getType(type);
  if (!t) { problems.push(`missing type ${type}`); continue; }
  const have = t.getFields();
  for (const f of fields) if (!have[f]) problems.push(`missing ${type}.${f}`);
}
const enums = {
  EntityType: ['ZONE', 'PROJECT', 'INDUSTRY', 'POLICY', 'STRATEGY', 'TERM', 'TARGET'],
  Relation: ['PART_OF', 'LOCATED_IN', 'FOCUSES_ON', 'SERVES', 'SUPPORTS', 'DEFINES', 'RELATED_TO'],
  Direction: ['OUT', 'IN', 'BOTH'],
};
for (const [name, values] of Object.entries(enums)) {
  const e = schema.getType(name);
  const have = e ? e.getValues().map((v) => v.name) : [];
  for (const v of values) if (!have.includes(v)) problems.push(`missing ${name}.${v}`);
}
for (const t of ['Zone', 'Project', 'Industry', 'Policy', 'Strategy', 'Term', 'Target']) {
  const impl = schema.getPossibleTypes(schema.getType('Entity')).map((x) => x.name);
  if (!impl.includes(t)) problems.push(`${t} does not implement Entity`);
}
const links = schema.getType('Entity').getFields().links;
const args = Object.fromEntries(links.args.map((a) => [a.name, String(a.type) + (a.defaultValue !== undefined ? '=' + a.defaultValue : '')]));
if (args.direction !== 'Direction=BOTH' || args.first !== 'Int=100') problems.push('Entity.links arguments: ' + JSON.stringify(args));
console.log(JSON.stringify({ ok: problems.length === 0, problems, types: Object.keys(schema.getTypeMap()).length, sdlBytes: printSchema(schema).length }));
