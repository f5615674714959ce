import test from 'node:test';
import assert from 'node:assert/strict';
import { explorer } from './setup.mjs';

const i18n = await explorer('i18n.js');

test('toSimplified converts character by character and keeps the length', () => {
  const trad = '白鵝潭商務區“十四五”規劃';
  const simp = i18n.toSimplified(trad);
  assert.equal(simp, '白鹅潭商务区“十四五”规划');
  assert.equal(simp.length, trad.length);
});

test('zh follows the script preference and prefers the API\'s Simplified form', () => {
  i18n.setPref('script', 't');
  assert.equal(i18n.zh('規劃'), '規劃');
  i18n.setPref('script', 's');
  assert.equal(i18n.zh('規劃'), '规划');
  assert.equal(i18n.zh('規劃', '规划'), '规划');
  assert.equal(i18n.zh('規劃', 'x'), '规划'); // a Simplified form of another length is not trusted
  i18n.setPref('script', 't');
});

test('every type and relation has its labels in both languages', () => {
  for (const lang of ['en', 'zh']) {
    i18n.setPref('lang', lang);
    for (const ty of i18n.TYPES) assert.notEqual(i18n.typeName(ty), ty, `${lang} label of ${ty}`);
    for (const rel of i18n.RELATIONS) assert.notEqual(i18n.relName(rel), rel, `${lang} label of ${rel}`);
    for (const p of ['ACHIEVED', 'CONTEXT', 'PLANNED', 'VISION', 'GLOSSARY']) assert.notEqual(i18n.periodName(p), p, `${lang} label of ${p}`);
  }
});

test('typeOfWord reads a kind of thing in English or Chinese, either script', () => {
  assert.equal(i18n.typeOfWord('targets'), 'TARGET');
  assert.equal(i18n.typeOfWord('Target'), 'TARGET');
  assert.equal(i18n.typeOfWord('目標'), 'TARGET');
  assert.equal(i18n.typeOfWord('目标'), 'TARGET');
  assert.equal(i18n.typeOfWord('zones'), 'ZONE');
  assert.equal(i18n.typeOfWord('white goose'), null);
});
