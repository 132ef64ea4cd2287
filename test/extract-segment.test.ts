// Segmentation (src/extract/segment.ts): jieba's tokens with exact offsets, and the words its HMM
// made up from characters it does not know (tag x) split back into characters, each tagged alone.
import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/extract/segment.js';

describe('tokenize', () => {
  it('splits made-up words (司将, 对让, 所设) into characters with their own tags, offsets exact', () => {
    const text = '联合国采购司将继续对让·博斯科说明决议所设委员会的工作。';
    const t = tokenize(text);
    expect(t.word.slice(0, 8)).toEqual(['联合国', '采购', '司', '将', '继续', '对', '让', '·']);
    expect(t.word.slice(12, 16)).toEqual(['决议', '所', '设', '委员会']);
    expect(t.tag[2]).not.toBe('x');
    expect(t.count).toBe(t.word.length);
    for (let i = 0; i < t.count; i++) expect(text.slice(t.start[i], t.end[i])).toBe(t.word[i]);
    expect(t.word.join('')).toBe(text);
  });

  it('keeps spaces, digits and full-width letters as tokens at their offsets', () => {
    const text = 'Ａ国 2019 冠状病毒病';
    const t = tokenize(text);
    expect(t.word).toEqual(['Ａ', '国', ' ', '2019', ' ', '冠状', '病毒', '病']);
    expect([...t.start]).toEqual([0, 1, 2, 3, 7, 8, 10, 12]);
    expect([...t.end]).toEqual([1, 2, 3, 7, 8, 10, 12, 13]);
  });
});
