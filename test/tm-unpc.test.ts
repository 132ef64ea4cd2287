// The translation memory on real UN data: the UN Parallel Corpus dev-set sample (3,000 pairs) and
// the TICO-19 memory from ../shared/data (skipped when absent).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeTmx } from '../src/formats/tmx.js';
import { seededRandom } from '../bench/eval.js';
import { alignDocuments } from '../src/tm/align.js';
import { concordance } from '../src/tm/concordance.js';
import { suggestEquivalents } from '../src/tm/equivalents.js';
import { fuzzyMatch } from '../src/tm/fuzzy.js';
import { importTmFile } from '../src/tm/import.js';
import { TmRepository } from '../src/store/tm-repository.js';
import { cleanSegmentText } from '../src/tm/segments.js';
import type { Store } from '../src/store/repository.js';
import { memoryStore, sharedFile } from './helpers.js';

const unpcFile = sharedFile('data', 'unpc-devset-3000.en-zh.tsv');
const ticoFile = sharedFile('data', 'tico19-tm.en-zh.tsv');

interface Row {
  doc: string;
  en: string;
  zh: string;
}
function readUnpc(): Row[] {
  return fs
    .readFileSync(unpcFile!, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const c = l.split('\t');
      return { doc: c[0], en: c[3], zh: c[4] };
    });
}

/** One edit: a word changed, dropped, or two neighbours swapped. */
function perturb(units: string[], random: () => number, vocabulary: string[]): string[] {
  const out = [...units];
  const i = Math.floor(random() * (out.length - 1));
  const kind = Math.floor(random() * 3);
  if (kind === 0) out[i] = vocabulary[Math.floor(random() * vocabulary.length)];
  else if (kind === 1) out.splice(i, 1);
  else [out[i], out[i + 1]] = [out[i + 1], out[i]];
  return out;
}

describe.skipIf(!unpcFile)('UN Parallel Corpus sample', () => {
  let store: Store;
  let rows: Row[];
  let ids: Map<string, number>;

  beforeAll(async () => {
    rows = readUnpc();
    store = memoryStore();
    const s = await importTmFile(store, fs.readFileSync(unpcFile!), 'unpc-devset-3000.en-zh.tsv');
    expect(s).toMatchObject({ format: 'tsv', read: 3000, added: 3000, duplicates: 0 });
    ids = new Map([...TmRepository.of(store).iterateSegments()].map((seg) => [`${seg.en}\t${seg.zh}`, seg.id]));
  });
  afterAll(() => store?.db.close());

  it('imports the 3,000 pairs as TSV, with their documents and positions', () => {
    expect(TmRepository.of(store).count().count).toBe(3000);
    const doc = TmRepository.of(store).segmentsOfDocument('2015/a/ac_182/l_139');
    expect(doc.length).toBeGreaterThan(1);
    expect(doc[0]).toMatchObject({ position: 1, origin: 'tsv' });
  });

  it('imports the same 3,000 pairs as TMX (zh-CN / en-US), identical to the TSV import', async () => {
    const xml = [...serializeTmx(rows.map((r) => ({ props: [{ type: 'x-doc', value: r.doc }], variants: [{ lang: 'en-US', text: r.en }, { lang: 'zh-CN', text: r.zh }] })))].join('');
    const other = memoryStore();
    try {
      const s = await importTmFile(other, Buffer.from(xml), 'unpc.tmx');
      expect(s).toMatchObject({ format: 'tmx', read: 3000, added: 3000 });
      const pairs = (st: Store) => [...TmRepository.of(st).iterateSegments()].map((x) => `${x.doc}\t${x.en}\t${x.zh}\t${x.zhLang}`);
      expect(pairs(other)).toEqual(pairs(store));
    } finally {
      other.db.close();
    }
  });

  const idOf = (r: Row) => ids.get(`${cleanSegmentText(r.en)}\t${cleanSegmentText(r.zh)}`)!;
  const sameText = (segmentId: number, r: Row, side: 'en' | 'zh') => TmRepository.of(store).get(segmentId)?.[side] === cleanSegmentText(r[side]);

  it('200 English sentences with a word changed, dropped or reordered find their original pair first', () => {
    const random = seededRandom(8);
    const candidates = rows.filter((r) => r.en.split(/\s+/).length >= 10);
    const vocabulary = [...new Set(rows.flatMap((r) => r.en.split(/\s+/)))];
    let found = 0;
    const misses: string[] = [];
    for (let k = 0; k < 200; k++) {
      const r = candidates[Math.floor((k * candidates.length) / 200)];
      let words = r.en.split(/\s+/);
      words = perturb(words, random, vocabulary);
      if (words.length > 20) words = perturb(words, random, vocabulary);
      const query = words.join(' ');
      const top = fuzzyMatch(store, query, { limit: 1 }).matches[0];
      // A duplicate of the same English text elsewhere in the corpus counts as found.
      if (top && (top.segmentId === idOf(r) || sameText(top.segmentId, r, 'en'))) found++;
      else misses.push(`${query} → ${top?.source ?? 'nothing'}`);
    }
    expect(misses).toEqual([]);
    expect(found).toBe(200);
  });

  it('200 Chinese sentences with characters changed, dropped or reordered find their original pair first', () => {
    const random = seededRandom(19);
    const candidates = rows.filter((r) => [...r.zh].length >= 15);
    const vocabulary = [...new Set(rows.flatMap((r) => [...r.zh]))].filter((c) => /\p{Script=Han}/u.test(c));
    const misses: string[] = [];
    for (let k = 0; k < 200; k++) {
      const r = candidates[Math.floor((k * candidates.length) / 200)];
      let chars = perturb([...r.zh], random, vocabulary);
      chars = perturb(chars, random, vocabulary);
      const query = chars.join('');
      const top = fuzzyMatch(store, query, { limit: 1 }).matches[0];
      if (!(top && (top.segmentId === idOf(r) || sameText(top.segmentId, r, 'zh')))) misses.push(`${query} → ${top?.source ?? 'nothing'}`);
    }
    expect(misses).toEqual([]);
  });

  it('aligning the documents rebuilt from the sample recovers at least 95% of the original pairs', () => {
    // Each document's sentences are joined into paragraphs, in order; as in real UN documents a
    // line that does not end a sentence (a heading, a list item ending in ":" or ";") is a
    // paragraph of its own, in both languages.
    const hardEnd = (s: string, zh: boolean) => (zh ? /[。！？!?][”’"'」』）)]*$/u : /[.!?]["'”’)\]]*$/u).test(s.trim());
    const byDoc = new Map<string, Row[]>();
    for (const r of rows) byDoc.set(r.doc, [...(byDoc.get(r.doc) ?? []), r]);
    let recovered = 0;
    for (const docRows of byDoc.values()) {
      const en: string[][] = [[]];
      const zh: string[][] = [[]];
      docRows.forEach((r, i) => {
        en[en.length - 1].push(r.en.trim());
        zh[zh.length - 1].push(r.zh.trim());
        if (i < docRows.length - 1 && (!hardEnd(r.en, false) || !hardEnd(r.zh, true))) {
          en.push([]);
          zh.push([]);
        }
      });
      const result = alignDocuments(en.map((p) => p.join(' ')).join('\n'), zh.map((p) => p.join('')).join('\n'));
      const got = new Set(result.pairs.map((p) => `${cleanSegmentText(p.en)}\t${cleanSegmentText(p.zh)}`));
      for (const r of docRows) if (got.has(`${cleanSegmentText(r.en)}\t${cleanSegmentText(r.zh)}`)) recovered++;
    }
    const rate = recovered / rows.length;
    console.info(`[tm] alignment recovered ${recovered} of ${rows.length} pairs (${(rate * 100).toFixed(1)}%)`);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });

  it('concordance finds 安全理事会 in Simplified and Traditional input alike, and "Security Council" in the English', () => {
    const zh = concordance(store, '安全理事会', { limit: 5 });
    expect(zh.total).toBeGreaterThan(100);
    expect(concordance(store, '安全理事會').total).toBe(zh.total);
    for (const h of zh.hits) expect(h.zhRanges.map(([s, e]) => h.zh.slice(s, e))).toContain('安全理事会');
    const en = concordance(store, 'security council', { limit: 5 });
    expect(en.total).toBeGreaterThan(100);
    for (const h of en.hits) expect(h.enRanges.map(([s, e]) => h.en.slice(s, e))).toContain('Security Council');
  });

  it('proposes "Security Council" for 安全理事会 from the memory', () => {
    const r = suggestEquivalents(store, { zh: ['安全理事会'] });
    expect(r.candidates[0].text).toBe('Security Council');
    expect(r.candidates[0].dice).toBeGreaterThan(0.9);
  });
});

describe.skipIf(!ticoFile)('TICO-19 translation memory', () => {
  it('imports (one repeated pair is stored once) and finds COVID-19 terms', async () => {
    const store = memoryStore();
    try {
      const s = await importTmFile(store, fs.readFileSync(ticoFile!), 'tico19-tm.en-zh.tsv');
      expect(s.added + s.duplicates).toBe(3071);
      expect(s.duplicates).toBe(1);
      expect(suggestEquivalents(store, { zh: ['肺炎'] }).candidates[0].text).toBe('pneumonia');
      expect(concordance(store, '新型冠状病毒').total).toBeGreaterThan(10);
    } finally {
      store.db.close();
    }
  });
});
