// Importing glossaries: merge rules, dry runs, all-or-nothing transactions, unsafe files.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applyGlossary, importGlossary } from '../src/exchange/import.js';
import { parseGlossary } from '../src/formats/registry.js';
import { writeTbx3 } from '../src/formats/tbx3.js';
import { type ExchangeConcept, emptyConcept, exchangeTerm } from '../src/domain/exchange.js';
import { XmlError } from '../src/formats/xml.js';
import { InputError } from '../src/domain/types.js';
import type { Store } from '../src/store/repository.js';
import { ExchangeRepository } from '../src/store/exchange-repository.js';
import { PROJECT_ROOT, memoryStore, sharedFile, tempDir } from './helpers.js';

const fixture = (name: string) => path.join(PROJECT_ROOT, 'test', 'fixtures', 'formats', name);

/** A store with one reference-like concept: the Security Council. */
function seeded(): { store: Store; council: number } {
  const store = memoryStore();
  const council = store.createConcept({ extId: 'sc', category: 'body', origin: 'reference', note: 'Principal organ.' });
  store.addTerm(council, { text: '安全理事会', lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'reference' });
  store.addTerm(council, { text: 'Security Council', lang: 'en', type: 'fullForm', status: 'preferred', origin: 'reference' });
  store.addTerm(council, { text: 'SC', lang: 'en', type: 'acronym', status: 'preferred', origin: 'reference' });
  return { store, council };
}

function entry(partial: Partial<ExchangeConcept> & Pick<ExchangeConcept, 'terms'>): ExchangeConcept {
  return emptyConcept(1, partial);
}

const term = (text: string, lang: 'zh-Hans' | 'zh-Hant' | 'en', extra: Partial<ExchangeConcept['terms'][number]> = {}) => exchangeTerm(text, lang, extra);

const tbxOf = (concepts: ExchangeConcept[]) => [...writeTbx3(concepts)].join('');

function dump(store: Store): unknown {
  return ['concept', 'term', 'term_context', 'concept_xref'].map((t) => store.db.prepare(`SELECT * FROM ${t} ORDER BY id`).all());
}

describe('merging', () => {
  let store: Store;
  let council: number;
  beforeEach(() => ({ store, council } = seeded()));

  it('merges by preferred term, adding only what is missing and overwriting nothing', async () => {
    const file = tbxOf([
      entry({
        id: 'unsc',
        category: 'organization',
        subject: 'peace and security',
        note: 'Fifteen members.',
        terms: [
          term('安全理事会', 'zh-Hans', { source: 'UNTERM', contexts: [{ text: '安全理事会举行了会议。', source: 'S/PV.9000' }] }),
          term('安理会', 'zh-Hans', { type: 'shortForm' }),
          term('Security Council', 'en', { status: 'admitted', note: 'capitalised' }),
          term('UN Security Council', 'en'),
        ],
      }),
    ]);
    const report = await importGlossary(store, file);
    expect(report.concepts).toEqual({ new: 0, merged: 1, skipped: 0 });
    expect(report.terms).toEqual({ added: 2, existing: 2 });
    expect(report.contextsAdded).toBe(1);
    const c = store.getConcept(council)!;
    // The existing concept keeps its id, category and note; the new note is appended, the empty subject filled.
    expect(c).toMatchObject({ extId: 'sc', category: 'body', subject: 'peace and security', note: 'Principal organ.\nFifteen members.' });
    const byText = new Map(c.terms.map((t) => [t.text, t]));
    // Existing terms keep their status; their empty source and note are filled.
    expect(byText.get('Security Council')).toMatchObject({ status: 'preferred', note: 'capitalised', origin: 'reference' });
    expect(byText.get('安全理事会')).toMatchObject({ source: 'UNTERM' });
    // A second preferred full form becomes admitted; a new short form keeps its status.
    expect(byText.get('UN Security Council')).toMatchObject({ status: 'admitted', origin: 'import' });
    expect(byText.get('安理会')).toMatchObject({ status: 'preferred', type: 'shortForm' });
    // Importing the same file again changes nothing.
    const again = await importGlossary(store, file);
    expect(again.concepts).toEqual({ new: 0, merged: 0, skipped: 1 });
    expect(again.items[0]).toMatchObject({ action: 'skipped', reason: `already in concept ${council}` });
  });

  it('merges by id when the entry shares a term, and not on an id alone', async () => {
    const sameId = await importGlossary(store, tbxOf([entry({ id: 'sc', terms: [term('SC', 'en', { type: 'acronym' }), term('安保理', 'zh-Hans', { type: 'variant', status: 'admitted' })] })]));
    expect(sameId.concepts.merged).toBe(1);
    expect(store.getConcept(council)!.terms.map((t) => t.text)).toContain('安保理');
    const clash = await importGlossary(store, tbxOf([entry({ id: 'sc', terms: [term('Staff College', 'en')] })]));
    expect(clash.concepts.new).toBe(1);
    expect(clash.warnings[0]).toMatch(/id "sc" belongs to concept \d+, which shares no term with this entry; imported without the id/);
    const created = store.getConcept(clash.items[0].conceptId!)!;
    expect(created.extId).toBeNull();
  });

  it('never merges on an acronym alone (ICC is two organizations)', async () => {
    const icc = await importGlossary(store, tbxOf([entry({ terms: [term('SC', 'en', { type: 'acronym' }), term('Staff Council', 'en')] })]));
    expect(icc.concepts.new).toBe(1);
  });

  it('matches Traditional Chinese against Simplified through the normalised key', async () => {
    const r = await importGlossary(store, tbxOf([entry({ terms: [term('安全理事會', 'zh-Hant')] })]));
    expect(r.concepts.merged).toBe(1);
    expect(store.getConcept(council)!.terms.find((t) => t.lang === 'zh-Hant')?.text).toBe('安全理事會');
  });

  it('creates new concepts with the file\'s dates, statuses and origins, candidates by default', async () => {
    const r = await importGlossary(store, fs.createReadStream(fixture('legacy-tool.tbx')), { fileName: 'legacy-tool.tbx' });
    expect(r.format).toBe('tbx2');
    expect(r.concepts).toEqual({ new: 2, merged: 0, skipped: 1 });
    expect(r.items[2]).toMatchObject({ action: 'skipped', fileId: 'only-french', reason: 'no terms in zh-Hans, zh-Hant or en' });
    expect(r.skippedLanguages).toEqual({ fr: 2 });
    expect(r.ignored).toMatchObject({ partOfSpeech: 2 });
    const who = store.getConcept(r.items[0].conceptId!)!;
    expect(who).toMatchObject({ extId: 'e1', category: 'other', reviewStatus: 'candidate', origin: 'import', subject: 'UN system' });
    expect(who.terms.every((t) => t.origin === 'import')).toBe(true);
  });
});

describe('the samples in ../shared/standards', () => {
  it('every valid TBX sample imports into a database', async () => {
    // [path…, new concepts, skipped (entries with only Spanish or Zulu terms), terms added]
    const samples: Array<[string[], number, number, number]> = [
      [['v3', 'basic', 'dca', 'Example_Astronomy_DCA_VALID.tbx'], 39, 6, 55],
      [['v3', 'basic', 'dct', 'Example_Astronomy_DCT_VALID.tbx'], 39, 6, 55],
      [['v3', 'core-dialect', 'Example_Astronomy_TBX-Core_VALID.tbx'], 39, 6, 55],
      [['v3', 'samples', 'core_structure_good.tbx'], 39, 6, 55],
      [['v2', 'samples', 'TBX-basic-sample.tbx'], 5, 0, 9],
      [['v2', 'samples', 'omegat-sampleTBXfile.tbx'], 1, 0, 1],
    ];
    for (const [parts, created, skipped, terms] of samples) {
      const file = sharedFile('standards', 'tbx', ...parts);
      if (!file) return;
      const store = memoryStore();
      const report = await importGlossary(store, fs.createReadStream(file), { fileName: path.basename(file) });
      expect([parts.at(-1), report.concepts, report.terms.added]).toEqual([parts.at(-1), { new: created, merged: 0, skipped }, terms]);
      expect(store.stats()).toMatchObject({ concepts: created, terms });
      store.db.close();
    }
  });
});

describe('all or nothing', () => {
  it('a file that fails halfway changes nothing, and the error names line and element', async () => {
    const { store } = seeded();
    const before = dump(store);
    const revision = store.termRevision();
    const err = await importGlossary(store, fs.createReadStream(fixture('broken-halfway.tbx')), { fileName: 'broken-halfway.tbx' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XmlError);
    expect((err as Error).message).toBe(
      'broken-halfway.tbx: line 113, column 13: <termNote> cannot come after <descripGrp> in <termSec> (content: term, (termNote|termNoteGrp)*, (admin|adminGrp|descrip|descripGrp|note|ref|transacGrp|xref)*)',
    );
    expect(dump(store)).toEqual(before);
    expect(store.termRevision()).toBe(revision);
  });

  it('a failure while writing rolls back what the transaction already wrote', () => {
    const { store } = seeded();
    const before = dump(store);
    const parsed = {
      format: 'tbx',
      dialect: 'test',
      notes: { ignored: new Map(), skippedLanguages: new Map(), warnings: [], totalWarnings: 0 } as never,
      concepts: [entry({ terms: [term('经济及社会理事会', 'zh-Hans')] }), entry({ terms: [term('x'.repeat(2000), 'en')] })],
    };
    expect(() => applyGlossary(store, parsed)).toThrow(/longer than 1000 characters/);
    expect(dump(store)).toEqual(before);
  });

  it('a truncated file is refused with its position and changes nothing', async () => {
    const { store } = seeded();
    const before = dump(store);
    const text = fs.readFileSync(fixture('un-bodies.tbx'), 'utf8');
    await expect(importGlossary(store, text.slice(0, text.length / 2))).rejects.toThrow(/^line \d+, column \d+: unclosed tag/);
    expect(dump(store)).toEqual(before);
  });
});

describe('dry run', () => {
  it('reports exactly what the import does, and changes nothing', async () => {
    const { store } = seeded();
    const before = dump(store);
    const bytes = fs.readFileSync(fixture('un-bodies.tbx'));
    const preview = await importGlossary(store, bytes, { dryRun: true });
    expect(preview.dryRun).toBe(true);
    expect(dump(store)).toEqual(before);
    const real = await importGlossary(store, bytes);
    const strip = (r: typeof real) => ({ ...r, dryRun: undefined, items: r.items.map((i) => ({ ...i, conceptId: i.action === 'new' ? null : i.conceptId })) });
    expect(strip(preview)).toEqual(strip(real));
    expect(real.concepts).toEqual({ new: 2, merged: 0, skipped: 0 });
    expect(real.crossReferencesAdded).toBe(2);
    expect(real.contextsAdded).toBe(3);
    // What pages and the CLI can show of it.
    const repo = ExchangeRepository.of(store);
    const unep = store.getConceptByExtId('unep')!;
    const unea = store.getConceptByExtId('unea')!;
    const en = unep.terms.find((t) => t.text === 'United Nations Environment Programme')!;
    expect(repo.contextsOfConcept(unep.id).get(en.id)).toEqual([
      { text: 'The United Nations Environment Programme submitted its report to the General Assembly.', source: 'A/79/25' },
      { text: 'UNEP & partners met in Nairobi.', source: null },
    ]);
    expect(repo.xrefsOfConcept(unep.id)).toEqual([{ target: 'unea', text: 'United Nations Environment Assembly', conceptId: unea.id }]);
  });
});

describe('unsafe files', () => {
  it('billion laughs and external entities are refused before anything is read or stored', async () => {
    const { store } = seeded();
    const before = dump(store);
    const dir = tempDir();
    const secret = path.join(dir, 'secret.txt');
    fs.writeFileSync(secret, 'SECRET TERM');
    const xxe = fs.readFileSync(fixture('external-entity.tbx'), 'utf8').replace('file:///etc/passwd', `file://${secret}`);
    const laughs = fs.readFileSync(fixture('billion-laughs.tbx'));
    const open = vi.spyOn(fs, 'openSync');
    const readFile = vi.spyOn(fs, 'readFileSync');
    try {
      for (const source of [xxe, laughs]) {
        const started = performance.now();
        const err = await importGlossary(store, source).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(InputError);
        expect((err as Error).message).toMatch(/ENTITY declarations are not accepted/);
        expect((err as Error).message).not.toContain('SECRET');
        expect(performance.now() - started).toBeLessThan(500);
      }
      expect(open).not.toHaveBeenCalled();
      expect(readFile).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(dump(store)).toEqual(before);
  });
});

describe('format detection', () => {
  it('tells TBX from CSV by content, whatever the encoding', async () => {
    const tbx = fs.readFileSync(fixture('un-bodies.tbx'));
    expect((await parseGlossary(tbx)).format).toBe('tbx');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tbx.toString('utf8').replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]);
    expect((await parseGlossary(utf16)).concepts).toHaveLength(2);
    expect((await parseGlossary(Buffer.from('\ufeffen,zh\nUN,联合国\n'))).format).toBe('csv');
    expect((await parseGlossary(Buffer.from('en\tzh\nUN\t联合国\n'))).format).toBe('tsv');
    await expect(parseGlossary(Buffer.alloc(0), { fileName: 'empty.csv' })).rejects.toThrow('empty.csv: the file is empty');
  });
});
