import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {
  GlossaryError,
  type Glossary,
  loadGlossary,
  parseGlossaryFile,
  readGlossaryDir,
  validateGlossary,
} from '../src/reference/glossary.js';
import { GLOSSARY_DIR } from '../src/paths.js';
import { lookup } from '../src/search/lookup.js';
import type { Store } from '../src/store/repository.js';
import { memoryStore, runCli, tempDir } from './helpers.js';

const HEADER = 'id\tcategory\tlang\ttype\tstatus\ttext\tsource\tverified\tnote';
const row = (...cells: string[]) => cells.join('\t');

describe('the reference glossary in glossary/', () => {
  let glossary: Glossary;
  beforeAll(() => {
    glossary = readGlossaryDir(GLOSSARY_DIR);
  });

  it('passes the validator: preferred zh-Hans and en per concept, unique preferred forms, upper-case acronyms, no Traditional characters, sources, notes on unverified preferred forms', () => {
    const problems = validateGlossary(glossary).map((p) => `${p.file}:${p.line}: [${p.conceptId}] ${p.problem}`);
    expect(problems).toEqual([]);
  });

  it('has at least 700 concepts, including the 193 Member States and 2 observer States', () => {
    expect(glossary.concepts.length).toBeGreaterThanOrEqual(700);
    const countries = glossary.concepts.filter((c) => c.category === 'country');
    expect(countries.length).toBeGreaterThanOrEqual(195);
  });

  it('every row names a source and every term has a verified flag', () => {
    for (const c of glossary.concepts) for (const t of c.terms) expect(t.source.length, `${t.file}:${t.line}`).toBeGreaterThan(0);
  });

  it('gives the UN forms where they differ from common usage', () => {
    const zh = (id: string) => glossary.concepts.find((c) => c.id === id)?.terms.filter((t) => t.lang === 'zh-Hans' && t.status === 'preferred').map((t) => t.text);
    expect(zh('country.bol')).toContain('多民族玻利维亚国');
    expect(zh('country.ven')).toContain('委内瑞拉玻利瓦尔共和国');
    expect(zh('country.gbr')).toContain('大不列颠及北爱尔兰联合王国');
    expect(zh('country.kor')).toContain('大韩民国');
    expect(zh('country.irn')).toContain('伊朗伊斯兰共和国');
    expect(zh('country.tza')).toContain('坦桑尼亚联合共和国');
    const en = glossary.concepts.find((c) => c.id === 'country.tur')!.terms.filter((t) => t.lang === 'en' && t.status === 'preferred').map((t) => t.text);
    expect(en).toContain('Türkiye');
  });
});

describe('loading the reference glossary', () => {
  let store: Store;
  beforeAll(() => {
    store = memoryStore();
    loadGlossary(store, readGlossaryDir(GLOSSARY_DIR));
  });

  it('loads every concept as approved reference data, and a second load changes nothing', () => {
    const glossary = readGlossaryDir(GLOSSARY_DIR);
    expect(store.stats().concepts).toBe(glossary.concepts.length);
    const rev = store.termRevision();
    const again = loadGlossary(store, glossary);
    expect(again).toMatchObject({ created: 0, updated: 0, termsAdded: 0, termsChanged: 0, termsRemoved: 0 });
    expect(store.termRevision()).toBe(rev);
  });

  it('looks up every Member State by its Chinese short name and gets the English name back', () => {
    const glossary = readGlossaryDir(GLOSSARY_DIR);
    const countries = glossary.concepts.filter((c) => c.category === 'country');
    expect(countries.length).toBeGreaterThanOrEqual(195);
    for (const c of countries) {
      const zhShort = c.terms.find((t) => t.lang === 'zh-Hans' && t.status === 'preferred' && t.type === 'shortForm') ??
        c.terms.find((t) => t.lang === 'zh-Hans' && t.status === 'preferred')!;
      const enNames = c.terms.filter((t) => t.lang === 'en' && t.status === 'preferred').map((t) => t.text);
      const top = lookup(store, zhShort.text, { limit: 3 }).results[0];
      expect(top, zhShort.text).toBeDefined();
      expect(top.terms.filter((t) => t.lang === 'en').map((t) => t.text), zhShort.text).toEqual(expect.arrayContaining(enNames));
    }
  });

  it('a re-load brings changed rows in line and removes dropped reference terms, keeping user terms', () => {
    const dir = tempDir('termdesk-gloss-');
    const file = path.join(dir, 'orgs.tsv');
    const rows = [
      HEADER,
      row('unctad', 'organization', 'zh-Hans', 'fullForm', 'preferred', '联合国贸易和发展会议', 'UNTERM', 'yes', ''),
      row('unctad', '', 'zh-Hans', 'shortForm', 'preferred', '贸发会议', 'UNTERM', 'yes', ''),
      row('unctad', '', 'en', 'fullForm', 'preferred', 'United Nations Conference on Trade and Development', 'UNTERM', 'yes', ''),
      row('unctad', '', 'en', 'acronym', 'preferred', 'UNCTAD', 'UNTERM', 'yes', ''),
      row('unctad', '', 'zh-Hans', 'variant', 'admitted', '联合国贸发会', 'UNTERM', 'no', ''),
    ];
    fs.writeFileSync(file, rows.join('\n'));
    const s = memoryStore();
    loadGlossary(s, readGlossaryDir(dir));
    const id = s.getConceptByExtId('unctad')!.id;
    s.addAlias(id, 'CNUCED');
    rows[5] = row('unctad', '', 'zh-Hans', 'variant', 'deprecated', '联合国贸发会', 'UNTERM', 'yes', 'not a UN form; use 贸发会议');
    rows.splice(2, 1);
    fs.writeFileSync(file, rows.join('\n'));
    const summary = loadGlossary(s, readGlossaryDir(dir));
    expect(summary).toMatchObject({ created: 0, termsChanged: 1, termsRemoved: 1 });
    const terms = s.getConcept(id)!.terms;
    expect(terms.map((t) => t.text).sort()).toEqual(['CNUCED', 'UNCTAD', 'United Nations Conference on Trade and Development', '联合国贸发会', '联合国贸易和发展会议'].sort());
    expect(terms.find((t) => t.text === '联合国贸发会')).toMatchObject({ status: 'deprecated', note: 'not a UN form; use 贸发会议' });
  });
});

describe('malformed glossary rows', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['bad header', ['id\tcategory\tlang'], /1: header must be/],
    ['missing column', [HEADER, 'x\tcountry\tzh-Hans\tfullForm\tpreferred\t法国\tUNTERM\tyes'], /2: expected 9 tab-separated columns, found 8/],
    ['unknown category', [HEADER, row('x', 'planet', 'zh-Hans', 'fullForm', 'preferred', '火星', 'UNTERM', 'yes', '')], /2: unknown category "planet"/],
    ['unknown language', [HEADER, row('x', 'country', 'fr', 'fullForm', 'preferred', 'France', 'UNTERM', 'yes', '')], /2: unknown language "fr"/],
    ['unknown status', [HEADER, row('x', 'country', 'en', 'fullForm', 'official', 'France', 'UNTERM', 'yes', '')], /2: unknown status "official"/],
    ['empty source', [HEADER, row('x', 'country', 'en', 'fullForm', 'preferred', 'France', '', 'yes', '')], /2: source is empty/],
    ['bad verified flag', [HEADER, row('x', 'country', 'en', 'fullForm', 'preferred', 'France', 'UNTERM', 'maybe', '')], /verified must be "yes" or "no"/],
    [
      'non-contiguous concept',
      [
        HEADER,
        row('a', 'country', 'en', 'fullForm', 'preferred', 'France', 'UNTERM', 'yes', ''),
        row('b', 'country', 'en', 'fullForm', 'preferred', 'Spain', 'UNTERM', 'yes', ''),
        row('a', '', 'zh-Hans', 'fullForm', 'preferred', '法国', 'UNTERM', 'yes', ''),
      ],
      /4: rows of concept "a" must be contiguous/,
    ],
  ];
  for (const [name, lines, message] of cases) {
    it(`${name}: stops with file, line and reason`, () => {
      expect(() => parseGlossaryFile(lines.join('\n'), 'bad.tsv')).toThrow(GlossaryError);
      expect(() => parseGlossaryFile(lines.join('\n'), 'bad.tsv')).toThrow(message);
    });
  }

  it('a preferred term with verified = no needs a note saying what is unsure; admitted and verified ones do not', () => {
    const concepts = parseGlossaryFile(
      [
        HEADER,
        row('fra', 'country', 'zh-Hans', 'fullForm', 'preferred', '法国', 'UNTERM', 'no', ''),
        row('fra', '', 'en', 'fullForm', 'preferred', 'France', 'UNTERM', 'no', 'English form not checked against a UN document here'),
        row('fra', '', 'zh-Hans', 'variant', 'admitted', '法兰西', 'UNTERM', 'no', ''),
        row('fra', '', 'en', 'fullForm', 'admitted', 'French Republic', 'UNBIS 1', 'yes', ''),
      ].join('\n'),
      'x.tsv',
    );
    expect(validateGlossary({ concepts }).map((p) => `${p.line}: ${p.problem}`)).toEqual(['2: preferred term "法国" is not verified: its note must say what is unsure']);
  });

  it('a malformed file among good ones loads nothing', () => {
    const dir = tempDir('termdesk-gloss-');
    fs.writeFileSync(
      path.join(dir, 'a-good.tsv'),
      [HEADER, row('fra', 'country', 'zh-Hans', 'fullForm', 'preferred', '法国', 'UNTERM', 'yes', ''), row('fra', '', 'en', 'fullForm', 'preferred', 'France', 'UNTERM', 'yes', '')].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'b-bad.tsv'), [HEADER, row('esp', 'country', 'zh-Hans', 'fullForm', 'preferred', '西班牙', 'UNTERM', 'yes')].join('\n'));
    const store = memoryStore();
    expect(() => loadGlossary(store, readGlossaryDir(dir))).toThrow(/b-bad\.tsv:2: expected 9/);
    expect(store.stats().concepts).toBe(0);
  });

  it('a content problem (Traditional characters in zh-Hans) stops the load and loads nothing', () => {
    const dir = tempDir('termdesk-gloss-');
    fs.writeFileSync(
      path.join(dir, 'x.tsv'),
      [
        HEADER,
        row('fra', 'country', 'zh-Hans', 'fullForm', 'preferred', '法国', 'UNTERM', 'yes', ''),
        row('fra', '', 'en', 'fullForm', 'preferred', 'France', 'UNTERM', 'yes', ''),
        row('itu', 'organization', 'zh-Hans', 'fullForm', 'preferred', '國際電信聯盟', 'UNTERM', 'yes', ''),
        row('itu', '', 'en', 'fullForm', 'preferred', 'International Telecommunication Union', 'UNTERM', 'yes', ''),
      ].join('\n'),
    );
    const store = memoryStore();
    expect(() => loadGlossary(store, readGlossaryDir(dir))).toThrow(/x\.tsv:4: zh-Hans term "國際電信聯盟" has Traditional characters/);
    expect(store.stats().concepts).toBe(0);
  });

  it('termdesk init reports a malformed glossary as file:line: reason, exit 2, nothing loaded', () => {
    const dir = tempDir('termdesk-gloss-');
    fs.writeFileSync(path.join(dir, 'bad.tsv'), [HEADER, row('fra', 'country', 'zh-Hans', 'fullForm', 'preferred', '法国', '', 'yes', '')].join('\n'));
    const db = path.join(dir, 'x.sqlite');
    const r = runCli(['--db', db, 'init', '--no-seeds', '--glossary', dir, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('termdesk: bad.tsv:2: source is empty: every row names where its form comes from\n');
    expect(JSON.parse(runCli(['--db', db, 'stats', '--json']).stdout).concepts).toBe(0);
  });
});

describe('termdesk lookup on the reference glossary', () => {
  const db = path.join(tempDir('termdesk-lookup-'), 'l.sqlite');
  beforeAll(() => {
    expect(runCli(['--db', db, 'init', '--no-seeds', '--quiet']).code).toBe(0);
  });
  const cases: Array<[string, string, string]> = [
    ['多民族玻利维亚国', 'Bolivia (Plurinational State of)', '多民族玻利维亚国'],
    ['UNCTAD', 'United Nations Conference on Trade and Development', '贸发会议'],
    ['儿基会', 'UNICEF', '联合国儿童基金会'],
    ['贸发会议', 'UNCTAD', '联合国贸易和发展会议'],
  ];
  for (const [query, en, zh] of cases) {
    it(`${query} → the concept with both languages`, () => {
      const r = runCli(['--db', db, 'lookup', query, '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.query).toBe(query);
      const top = out.results[0];
      expect(top).toMatchObject({ conceptId: expect.any(Number), score: expect.any(Number), matched: { text: expect.any(String), lang: expect.any(String), type: expect.any(String) } });
      const texts = top.terms.map((t: { text: string }) => t.text);
      expect(texts).toContain(en);
      expect(texts).toContain(zh);
    });
  }
});
