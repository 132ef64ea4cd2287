// TMX 1.4b: the compliance-kit samples, Chinese language tags, inline codes, safety, errors that
// change nothing, DTD-valid export and lossless round trips.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DtdValidator, XmlDocument, XmlDtd } from 'libxml2-wasm';
import iconv from 'iconv-lite';
import { parseTmx, serializeTmx, tmxDateToIso } from '../src/formats/tmx.js';
import { exportTmx, importTmFile, mapTmxLang } from '../src/tm/import.js';
import { TmRepository } from '../src/store/tm-repository.js';
import type { Store } from '../src/store/repository.js';
import { PROJECT_ROOT, memoryStore, sharedFile } from './helpers.js';

const fixture = (name: string) => fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'tm', name));
const samplesDir = sharedFile('standards', 'tmx', 'samples');
const dtdFile = sharedFile('standards', 'tmx', 'tmx14.dtd');

/** Validates a document against tmx14.dtd with libxml2; returns the errors (empty when valid). */
function dtdErrors(xml: string): string[] {
  const dtd = XmlDtd.fromBuffer(fs.readFileSync(dtdFile!));
  const validator = new DtdValidator(dtd);
  const doc = XmlDocument.fromString(xml);
  try {
    validator.validate(doc);
    return [];
  } catch (err) {
    return [(err as Error).message];
  } finally {
    doc.dispose();
    validator.dispose();
  }
}

let store: Store;
beforeEach(() => {
  store = memoryStore();
});
afterEach(() => store.db.close());

const segments = () => [...TmRepository.of(store).iterateSegments()];

describe('language tags', () => {
  it('maps zh/en variants, Traditional regions to zh-Hant, others to nothing', () => {
    expect(['zh', 'zh-CN', 'ZH-CN', 'zh-Hans', 'zh-SG', 'zh_Hans_CN'].map(mapTmxLang)).toEqual(Array(6).fill('zh-Hans'));
    expect(['zh-TW', 'zh-HK', 'zh-Hant', 'zh-Hant-TW', 'zh-MO'].map(mapTmxLang)).toEqual(Array(5).fill('zh-Hant'));
    expect(['en', 'en-US', 'EN-GB', 'en-us'].map(mapTmxLang)).toEqual(Array(4).fill('en'));
    expect(['fr', 'ja-JP', 'enx'].map(mapTmxLang)).toEqual([null, null, null]);
  });
  it('reads TMX dates as ISO 8601', () => {
    expect(tmxDateToIso('20150312T101500Z')).toBe('2015-03-12T10:15:00Z');
    expect(tmxDateToIso('garbage')).toBeNull();
  });
});

describe('import', () => {
  it('imports zh/en pairs with dates, documents, Traditional marked zh-Hant, inline codes stripped and <hi> text kept', async () => {
    const s = await importTmFile(store, fixture('un-sample.tmx'), 'un-sample.tmx');
    expect(s).toMatchObject({ format: 'tmx', read: 4, added: 3, skipped: 1, duplicates: 0 });
    const [a, b, c] = segments();
    expect(a).toMatchObject({ en: 'The digital divide must be bridged.', zh: '必须弥合数字鸿沟。', zhLang: 'zh-Hans', doc: 'A/69/767', date: '2015-03-12T10:15:00Z', origin: 'tmx', source: 'un-sample.tmx' });
    expect(b).toMatchObject({ en: 'The Security Council met on 5 March 2015.', zh: '安全理事會於2015年3月5日舉行會議。', zhLang: 'zh-Hant' });
    expect(c).toMatchObject({ en: 'United Nations Conference on Trade and Development', zh: '联合国贸易和发展会议' });
  });

  it('does not store a pair twice', async () => {
    await importTmFile(store, fixture('un-sample.tmx'), 'un-sample.tmx');
    const again = await importTmFile(store, fixture('un-sample.tmx'), 'copy.tmx');
    expect(again).toMatchObject({ added: 0, duplicates: 3 });
    expect(segments()).toHaveLength(3);
  });

  it('rejects a malformed file with line and element, and stores nothing (not even the good units before the error)', async () => {
    await expect(importTmFile(store, fixture('malformed.tmx'), 'malformed.tmx')).rejects.toThrow(/malformed\.tmx: line 10, column \d+: closing tag does not match <seg>/);
    await expect(importTmFile(store, fixture('missing-lang.tmx'), 'missing-lang.tmx')).rejects.toThrow(/missing-lang\.tmx: line 10, column 7: <tuv>: missing xml:lang/);
    expect(segments()).toHaveLength(0);
  });

  it('refuses entity declarations (no external entities, no entity expansion)', async () => {
    await expect(importTmFile(store, fixture('xxe.tmx'), 'xxe.tmx')).rejects.toThrow(/xxe\.tmx: line \d+/);
    expect(segments()).toHaveLength(0);
  });

  it('explains what to do when no unit has both English and Chinese', async () => {
    const tmx = '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="de"><seg>b</seg></tuv></tu></body></tmx>';
    await expect(importTmFile(store, Buffer.from(tmx), 'de.tmx')).rejects.toThrow('languages found: en, de); choose two with --en LANG --zh LANG');
  });

  it('rejects elements TMX does not allow inside a segment', async () => {
    const tmx = '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>a <b>bold</b></seg></tuv><tuv xml:lang="zh"><seg>乙</seg></tuv></tu></body></tmx>';
    await expect(importTmFile(store, Buffer.from(tmx), 'b.tmx')).rejects.toThrow(/line 1, column \d+: <b>: not allowed inside <seg>/);
  });

  it('reads UTF-16 (both byte orders) as well as UTF-8', async () => {
    const text = fixture('un-sample.tmx').toString('utf8').replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16-be')]);
    expect((await parseTmx(le)).units[0].variants[1].text).toBe('必须弥合数字鸿沟。');
    expect((await parseTmx(be)).units[1].variants[1].text).toBe('安全理事會於2015年3月5日舉行會議。');
  });
});

describe.skipIf(!samplesDir)('the TMX compliance-kit samples (../shared/standards/tmx/samples)', () => {
  const sample = (name: string) => fs.readFileSync(path.join(samplesDir!, name));

  it('parse: ImportTest1C (plain), 1L (comments, notes, props, ude), 2A (UTF-16LE with BOM, inline codes)', async () => {
    const c = await parseTmx(sample('ImportTest1C.tmx'), { fileName: 'ImportTest1C.tmx' });
    expect(c.units).toHaveLength(3);
    expect(c.header.srclang).toBe('en-us');
    expect(c.units[2].variants.map((v) => v.lang)).toEqual(['fr-ca', 'ja-jp', 'es-es', 'en-us', 'en-gb']);

    const l = await parseTmx(sample('ImportTest1L.tmx'), { fileName: 'ImportTest1L.tmx' });
    expect(l.units).toHaveLength(1);
    expect(l.units[0]).toMatchObject({ tuid: 'tu001', date: '2002-05-23T09:12:00Z', notes: ['Text of tu note 1', 'Text of tu note 2'] });
    expect(l.units[0].variants.map((v) => [v.lang, v.text.trim()])).toEqual([
      ['en-us', 'Text of the segment.'],
      ['fr', 'Texte du segment.'],
      ['en-gb', 'Text of the segment.'],
    ]);

    const a = await parseTmx(sample('ImportTest2A.tmx'), { fileName: 'ImportTest2A.tmx' });
    const en = a.units.map((u) => u.variants.find((v) => /^en/i.test(v.lang))!.text.trim());
    expect(en).toEqual([
      'The big black cat sleeps.',
      'Test for special characters = <=lt, >=gt, &=amp, "=quot.',
      'Nested formatting = Bold+Italic+Underlined, Bold+Italic, Bold.',
      'First sentence.',
      'Second sentence.',
      'Picture:',
      'Some text with a part highlighted.',
    ]);
  });

  it('import: all three import once two of their languages are chosen; nothing else changes between them', async () => {
    const c = await importTmFile(store, sample('ImportTest1C.tmx'), 'ImportTest1C.tmx', { enLang: 'en-US', zhLang: 'ja-JP' });
    const l = await importTmFile(store, sample('ImportTest1L.tmx'), 'ImportTest1L.tmx', { enLang: 'en-us', zhLang: 'fr' });
    const a = await importTmFile(store, sample('ImportTest2A.tmx'), 'ImportTest2A.tmx', { enLang: 'en-us', zhLang: 'fr-ca' });
    expect([c.added, l.added, a.added]).toEqual([3, 1, 7]);
    const all = segments();
    expect(all.find((s) => s.en === 'Second entry in US English')?.zh).toBe('Second entry in Japanese');
    expect(all.find((s) => s.en === 'Some text with a part highlighted.')?.zh).toBe('Du texte avec une portion délimitée.');
    expect(all.find((s) => s.en.startsWith('Test for special'))?.zh).toBe('Test pour caractères spéciaux = <=lt, >=gt, &=amp, "=quot.');
  });

  it('import without a language choice says which languages the file has', async () => {
    await expect(importTmFile(store, sample('ImportTest2A.tmx'), 'ImportTest2A.tmx')).rejects.toThrow('languages found: en-us, fr-ca, En-uS, FR-CA');
  });
});

describe.skipIf(!dtdFile)('export (validated against ../shared/standards/tmx/tmx14.dtd)', () => {
  it('writes TMX 1.4b that the DTD accepts, with documents, positions and dates as properties', async () => {
    await importTmFile(store, fixture('un-sample.tmx'), 'un-sample.tmx');
    await importTmFile(store, fixture('pairs-header.tsv'), 'pairs-header.tsv');
    const xml = [...exportTmx(store)].join('');
    expect(dtdErrors(xml)).toEqual([]);
    expect(xml).toContain('<tuv xml:lang="zh-Hant">');
    expect(xml).toContain('<prop type="x-termdesk-doc">A/69/767</prop>');
    expect(xml).toContain('creationdate="20150312T101500Z"');
  });

  it('escapes markup-like text and still validates', () => {
    const xml = [...serializeTmx([{ variants: [{ lang: 'en', text: 'a < b & "c" ]]> \u0001' }, { lang: 'zh-Hans', text: '甲<乙>' }] }])].join('');
    expect(dtdErrors(xml)).toEqual([]);
  });

  it('the DTD check is real: an export missing a required header attribute fails it', () => {
    const xml = [...serializeTmx([{ variants: [{ lang: 'en', text: 'a' }] }])].join('').replace(/ srclang="en"/, '');
    expect(dtdErrors(xml).length).toBe(1);
  });

  it('round trip: export then import into an empty memory keeps every pair, document, position and date', async () => {
    await importTmFile(store, fixture('un-sample.tmx'), 'un-sample.tmx');
    await importTmFile(store, fixture('pairs-header.tsv'), 'pairs-header.tsv');
    const before = segments().map(({ en, zh, zhLang, doc, position, date }) => ({ en, zh, zhLang, doc, position, date }));
    const xml = [...exportTmx(store)].join('');
    const other = memoryStore();
    try {
      await importTmFile(other, Buffer.from(xml), 'export.tmx');
      const after = [...TmRepository.of(other).iterateSegments()].map(({ en, zh, zhLang, doc, position, date }) => ({ en, zh, zhLang, doc, position, date }));
      expect(after).toEqual(before);
    } finally {
      other.db.close();
    }
  });
});
