import test from 'node:test';
import assert from 'node:assert/strict';
import { explorer } from './setup.mjs';

const { loadVocabulary } = await explorer('api.js');
const i18n = await explorer('i18n.js');

test('loadVocabulary takes the server\'s types and relations, in its order, with a colour for each', async () => {
  const saved = globalThis.fetch;
  globalThis.fetch = async () => new Response(JSON.stringify({ data: {
    types: { enumValues: [{ name: 'ZONE' }, { name: 'FACILITY' }] },
    relations: { enumValues: [{ name: 'PART_OF' }, { name: 'ADJACENT_TO' }] },
  } }), { headers: { 'Content-Type': 'application/json' } });
  try {
    await loadVocabulary();
  } finally {
    globalThis.fetch = saved;
  }
  assert.deepEqual(i18n.TYPES, ['ZONE', 'FACILITY']);
  assert.deepEqual(i18n.RELATIONS, ['PART_OF', 'ADJACENT_TO']);
  assert.ok(i18n.TYPE_COLOR.FACILITY, 'a new type gets a colour');
  assert.equal(i18n.typeName('FACILITY'), 'FACILITY');
});
