// The reference index kept between runs (src/extract/reference-snapshot.ts): what is read back
// extracts exactly what the index built from the files extracts, a changed glossary is never read
// from an old snapshot, and a damaged snapshot is rebuilt without an error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFromTexts } from '../src/extract/pipeline.js';
import { ReferenceIndex } from '../src/extract/reference.js';
import { referenceFromConcepts, referenceFromGlossaryDir, snapshotName, storeSnapshotName } from '../src/extract/reference-snapshot.js';
import type { KnownConcept } from '../src/extract/reference.js';
import { readGlossaryDir } from '../src/reference/glossary.js';
import { GLOSSARY_DIR, SEEDS_DIR } from '../src/paths.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'termdesk-snapshot-test-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A glossary directory of a few of the project's files, and a cache directory, of this test's own. */
function glossaryCopy(name: string): { dir: string; cache: string } {
  const dir = path.join(work, name, 'glossary');
  const cache = path.join(work, name, 'cache');
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(cache, { recursive: true });
  for (const f of ['un-principal-organs.tsv', 'un-funds-programmes.tsv', 'countries.tsv', 'digital-field.tsv']) fs.copyFileSync(path.join(GLOSSARY_DIR, f), path.join(dir, f));
  return { dir, cache };
}

const seed = fs.readFileSync(path.join(SEEDS_DIR, fs.readdirSync(SEEDS_DIR).find((f) => f.startsWith('003'))!), 'utf8');
const extract = (reference: ReferenceIndex) =>
  JSON.stringify(extractFromTexts([{ name: 'seed', text: seed }], { reference, recurring: false }).concepts.map((c) => [c.reference?.ref, c.terms.map((t) => t.text), c.occurrences.map((o) => o.start)]));

describe('the reference index kept between runs', () => {
  it('a snapshot read back extracts what the index built from the files extracts', () => {
    const built = ReferenceIndex.fromGlossary(readGlossaryDir(GLOSSARY_DIR));
    const copy = ReferenceIndex.fromSnapshot(v8.deserialize(v8.serialize(built.snapshot())));
    expect(extract(copy)).toBe(extract(built));
    expect(copy.lookupVariant('儿童基金会')?.concept.ref).toBe('unicef');
    expect(copy.concepts.length).toBe(built.concepts.length);
  });

  it('is written on the first run and read on the next', () => {
    const { dir, cache } = glossaryCopy('first');
    const first = referenceFromGlossaryDir(dir, cache);
    const file = path.join(cache, snapshotName(dir));
    expect(fs.existsSync(file)).toBe(true);
    const written = fs.statSync(file).mtimeMs;
    const second = referenceFromGlossaryDir(dir, cache);
    expect(fs.statSync(file).mtimeMs).toBe(written);
    expect(extract(second)).toBe(extract(first));
  });

  it('a changed glossary file names another snapshot: an old one is never read', () => {
    const { dir, cache } = glossaryCopy('changed');
    referenceFromGlossaryDir(dir, cache);
    const before = snapshotName(dir);
    fs.appendFileSync(path.join(dir, 'un-funds-programmes.tsv'), 'test.fund\torganization\tzh-Hans\tfullForm\tpreferred\t测试快照基金\ttest\tno\t\n');
    expect(snapshotName(dir)).not.toBe(before);
    expect(referenceFromGlossaryDir(dir, cache).lookup('测试快照基金')[0]?.concept.ref).toBe('test.fund');
  });

  it('gives back every concept and term as written, each property in its own order (kept as columns)', () => {
    const cache = path.join(work, 'columns');
    fs.mkdirSync(cache, { recursive: true });
    const glossary = ReferenceIndex.fromGlossary(readGlossaryDir(GLOSSARY_DIR)).concepts.slice(0, 400);
    // Concepts as a database gives them (ids, a concept without a glossary id) and a property
    // this snapshot code does not know of: it must come back too.
    const stored = [
      ...glossary.slice(0, 50),
      { ref: '#9001', conceptId: 9001, extId: null, category: 'organization', origin: 'extraction', terms: [{ id: 1, text: '测试\u3000组织', lang: 'zh-Hans', type: 'fullForm', status: 'preferred', key: '测试组织' }] },
      { ref: '#9002', conceptId: 9002, extId: null, category: 'concept', origin: 'extraction', terms: [], note: { added: 'later', n: [1, 2] } },
    ] as KnownConcept[];
    for (const concepts of [glossary, stored]) {
      const built = referenceFromConcepts(concepts, cache);
      expect(fs.existsSync(path.join(cache, storeSnapshotName(concepts)))).toBe(true);
      const read = referenceFromConcepts(concepts, cache);
      expect(read).not.toBe(built);
      expect(JSON.stringify(read.concepts)).toBe(JSON.stringify(concepts));
      const shapes = (cs: KnownConcept[]) => JSON.stringify(cs.map((c) => [Object.keys(c), c.terms.map((t) => Object.keys(t))]));
      expect(shapes(read.concepts)).toBe(shapes(concepts));
    }
  });

  it('a damaged snapshot is rebuilt, not an error', () => {
    const { dir, cache } = glossaryCopy('damaged');
    const good = extract(referenceFromGlossaryDir(dir, cache));
    const file = path.join(cache, snapshotName(dir));
    fs.writeFileSync(file, 'not a snapshot');
    expect(extract(referenceFromGlossaryDir(dir, cache))).toBe(good);
    expect(() => v8.deserialize(fs.readFileSync(file))).not.toThrow();
  });
});
