import test from 'node:test';
import assert from 'node:assert/strict';
import { explorer } from './setup.mjs';

const { pickMentions, clip, shortChapter, where } = await explorer('marks.js');

test('pickMentions keeps the leftmost, then the longest, of overlapping mentions', () => {
  const ms = [
    { offset: 5, length: 3, id: 'c' },
    { offset: 0, length: 3, id: 'a-short' },
    { offset: 0, length: 5, id: 'a-long' },
    { offset: 4, length: 2, id: 'b-overlaps' },
    { offset: 9, length: 0, id: 'empty' },
  ];
  assert.deepEqual(pickMentions(ms).map((m) => m.id), ['a-long', 'c']);
  assert.deepEqual(pickMentions(undefined), []);
});

test('clip shortens to n characters with an ellipsis', () => {
  assert.equal(clip('白鵝潭商務區', 4), '白鵝潭…');
  assert.equal(clip('白鵝潭', 4), '白鵝潭');
  assert.equal(clip('', 4), '');
});

test('shortChapter keeps a chapter number, else a clipped title', () => {
  assert.equal(shortChapter('第三章 統籌“一帶兩區”,打造現代國際的廣州西翼中央商務區'), '第三章');
  assert.equal(shortChapter('第十一章 強化規劃實施保障'), '第十一章');
  assert.equal(shortChapter('前言'), '前言');
  assert.equal(shortChapter(''), '');
});

test('where joins chapter, section and item', () => {
  const p = { chapter: '第五章 抓好大招商', section: '第一節 做大做強支柱產業', item: '1.大力發展總部經濟。' };
  assert.equal(where(p), '第五章 › 第一節 做大做強支柱產業 › 1.大力發展總部經濟。');
  assert.equal(where({ chapter: '前言' }), '前言');
});
