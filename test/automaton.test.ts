// The automaton's layout (breadth-first states, sorted children, built from sorted strings): the
// same occurrences and anchors as a naive search, whatever the order and overlap of the strings,
// and the same again after a round trip through its arrays (as persisted in the checker's index).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton } from '../src/domain/automaton.js';

const alphabet = fc.constantFrom('国', '际', '联', '合', '会', '组', '织', 'a', 'b');
const word = fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((a) => a.join(''));

function scanAll(a: Automaton, text: string): { matches: string[]; anchors: string[] } {
  const matches: string[] = [];
  const anchors: string[] = [];
  a.scan(
    text,
    (p, start, end) => matches.push(`${p}@${start}-${end}`),
    (x, end) => anchors.push(`${x}@${end}`),
  );
  return { matches: matches.sort(), anchors };
}

/** At each end position, the longest anchor ending there (first id among equals). */
function naiveAnchors(anchors: string[], text: string): string[] {
  const out: string[] = [];
  for (let end = 1; end <= text.length; end++) {
    let best = -1;
    anchors.forEach((x, id) => {
      if (!x || end < x.length || !text.startsWith(x, end - x.length)) return;
      if (best < 0 || x.length > anchors[best].length) best = id;
    });
    if (best >= 0) out.push(`${best}@${end}`);
  }
  return out;
}

function naiveMatches(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, id) => {
    if (!p || patterns.indexOf(p) !== id) return;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push(`${id}@${i}-${i + p.length}`);
  });
  return out.sort();
}

describe('automaton layout', () => {
  it('finds what a naive search finds, anchors included, and survives a round trip through its arrays', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 15 }), fc.array(word, { maxLength: 5 }), fc.array(alphabet, { maxLength: 50 }), (patterns, anchors, chars) => {
        const text = chars.join('');
        const a = new Automaton(patterns, anchors);
        const found = scanAll(a, text);
        expect(found.matches).toEqual(naiveMatches(patterns, text));
        expect(found.anchors).toEqual(naiveAnchors(anchors, text));
        expect(scanAll(Automaton.fromParts(a.parts()), text)).toEqual(found);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps a state with thousands of children searchable (one prefix, many continuations)', () => {
    const patterns = Array.from({ length: 3000 }, (_, i) => `联合国${String.fromCharCode(0x4e00 + i)}会`);
    const a = new Automaton(patterns);
    const hits: number[] = [];
    a.scan(`联合国${String.fromCharCode(0x4e00 + 2999)}会和联合国${String.fromCharCode(0x4e00 + 7)}会`, (p) => hits.push(p));
    expect(hits).toEqual([2999, 7]);
    expect(a.stats.states).toBe(1 + 3 + 3000 * 2);
  });

  it('refuses arrays that do not fit together', () => {
    const parts = new Automaton(['联合国', '国际']).parts();
    expect(() => Automaton.fromParts({ ...parts, fail: parts.fail.subarray(1) })).toThrow(RangeError);
  });
});
