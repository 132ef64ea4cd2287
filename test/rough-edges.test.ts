// The rough edges issue 18 lists, each with the test that failed before its fix (the search page's
// keyboard, the no-JavaScript text, the phone-width terms table and the screenshot guard are in
// test/e2e/ui-search.test.ts and test/e2e/browser.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { stripMarkup } from '../src/domain/markup.js';
import { normalizeKey } from '../src/domain/normalize.js';
import { counted } from '../src/domain/words.js';
import { ingestTexts } from '../src/extract/ingest.js';
import { addSegments } from '../src/tm/segments.js';
import { suggestEquivalents } from '../src/tm/equivalents.js';
import { concordance } from '../src/tm/concordance.js';
import { summaryLine } from '../src/check/reporters.js';
import { checkDraftInStore } from '../src/check/checker.js';
import { markedDraft } from '../src/server/pages/check.js';
import { startTestServer, type TestServer } from './e2e/server.js';
import { PROJECT_ROOT, memoryStore, runCli, tempDir } from './helpers.js';

describe('the reference id is accepted everywhere the concept number is', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seeds: false });
  });
  afterAll(() => server?.stop());

  it('/concepts/unctad leads to the concept page; /api/concepts/unctad answers; a merge takes an id', async () => {
    const id = server.store.getConceptByExtId('unctad')!.id;
    const page = await fetch(`${server.url}/concepts/unctad?saved=alias`, { redirect: 'manual' });
    expect(page.status).toBe(301);
    expect(page.headers.get('location')).toBe(`/concepts/${id}?saved=alias`);
    expect((await fetch(`${server.url}/concepts/no-such-body`)).status).toBe(404);
    const api = await fetch(`${server.url}/api/concepts/unctad`);
    expect((await api.json()).id).toBe(id);
    const from = server.store.createConcept({ category: 'organization', origin: 'user' });
    server.store.addTerm(from, { text: '贸发大会', lang: 'zh-Hans', type: 'variant', status: 'admitted', origin: 'user' });
    const merge = await fetch(`${server.url}/api/concepts/${id}/merge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: `#${from}` }) });
    expect(merge.status).toBe(200);
    expect(server.store.requireConcept(id).terms.map((t) => t.text)).toContain('贸发大会');
  });

  it('termdesk show unctad', () => {
    const db = path.join(tempDir('termdesk-show-'), 's.sqlite');
    expect(runCli(['--db', db, 'init', '--no-seeds']).code).toBe(0);
    const byRef = runCli(['--db', db, 'show', 'unctad']);
    expect(byRef.code).toBe(0);
    expect(byRef.stdout).toMatch(/^#\d+ {2}联合国贸易和发展会议 \(贸发会议\) = United Nations Conference on Trade and Development \(UNCTAD\)\ncategory: organization; review: approved; origin: reference; id: unctad\n/);
    const n = /^#(\d+)/.exec(byRef.stdout)![1];
    expect(runCli(['--db', db, 'show', n]).stdout).toBe(byRef.stdout);
    expect(runCli(['--db', db, 'show', 'unicorn'])).toMatchObject({ code: 2, stderr: 'termdesk: no concept with number or reference id "unicorn"\n' });
    // lookup --help names every language --lang takes.
    expect(runCli(['lookup', '--help']).stdout).toContain('lookup QUERY [--limit N] [--lang zh-Hans|zh-Hant|en]');
  });
});

describe('markup in contexts', () => {
  it('strips tags and footnote references from a snippet, also where the snippet cuts a tag', () => {
    expect(stripMarkup('数据库。<sup>67</sup> 电子商务')).toBe('数据库。 电子商务');
    expect(stripMarkup('p>66</sup> 互联网和管辖权政策网络')).toBe(' 互联网和管辖权政策网络');
    expect(stripMarkup('sup> 互联网')).toBe(' 互联网');
    expect(stripMarkup('维持着一个数据库。<sup>6')).toBe('维持着一个数据库。');
    expect(stripMarkup('a <b>bold</b> word<br/>')).toBe('a bold word');
    expect(stripMarkup('3 > 2 and 《公约》')).toBe('3 > 2 and 《公约》');
  });

  it("strips a Word converter's note references and bookmarks, whole or cut by the snippet's ends; keeps other brackets", () => {
    // Seed 003 was converted from Word and keeps these markers.
    expect(stripMarkup('研讨会（GSR）。[footnoteRef:1]并会定期')).toBe('研讨会（GSR）。并会定期');
    expect(stripMarkup('2879][bookmark: _Hlk83397445][bookmark: _Hlk83397569]目前，多边')).toBe('目前，多边');
    expect(stripMarkup('noteRef:3] OECD、世界经济论坛')).toBe(' OECD、世界经济论坛');
    expect(stripMarkup('巨型自由贸易协定（FTA）[footnoteR')).toBe('巨型自由贸易协定（FTA）');
    expect(stripMarkup('见[1:  参见国际电联官网介绍] 和 [a] 项')).toBe('见[1:  参见国际电联官网介绍] 和 [a] 项');
    expect(stripMarkup('数据库。<sup>67</sup>[endnoteRef:2] 电子商务')).toBe('数据库。 电子商务');
  });

  it("the Check page shows a Word converter's markers dimmed, outside and beside the findings, with the text escaped", () => {
    const text = '<b>国际电联</b>[footnoteRef:1]并会[bookmark: _Hlk83397445]主办';
    const issue = { id: 'x', rule: 'short-form-undefined', severity: 'warning' as const, start: 3, end: 7, line: 1, column: 4, text: '国际电联', message: 'm', suggestion: null, conceptId: null };
    expect(String(markedDraft(text, [issue]))).toBe(
      '&lt;b&gt;<mark id="f-0" class="warning" title="short-form-undefined: m">国际电联</mark>&lt;/b&gt;<span class="markup">[footnoteRef:1]</span>并会<span class="markup">[bookmark: _Hlk83397445]</span>主办',
    );
  });

  it('ingest stores contexts without markup; offsets still point into the document as written', () => {
    const store = memoryStore();
    // Seed 001 writes its footnote references as <sup>n</sup>.
    const name = fs.readdirSync(path.join(PROJECT_ROOT, 'seeds')).find((f) => f.startsWith('001'))!;
    const text = fs.readFileSync(path.join(PROJECT_ROOT, 'seeds', name), 'utf8');
    expect(text).toContain('<sup>');
    ingestTexts(store, [{ name, text }]);
    const rows = store.db.prepare('SELECT o.start, o."end", o.context, t.text FROM occurrence o JOIN term t ON t.id = o.term_id').all() as Array<{ start: number; end: number; context: string; text: string }>;
    expect(rows.length).toBeGreaterThan(100);
    const nearMarkup = rows.filter((r) => text.slice(Math.max(0, r.start - 30), r.end + 30).includes('sup>'));
    expect(nearMarkup.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r.context).not.toMatch(/<\/?sup|sup>/);
      expect(normalizeKey(text.slice(r.start, r.end))).toBe(normalizeKey(r.text));
    }
  });
});

describe('translation memory', () => {
  it('proposes nothing from one segment (no more 1.000 for every phrase of a single sentence), and real equivalents from enough', () => {
    const store = memoryStore();
    addSegments(store, [{ en: 'Dead people who tested positive were counted in official statistics.', zh: '官方统计数据计入了检测呈阳性的死者。' }], 'user', 'test');
    const once = suggestEquivalents(store, { zh: ['官方统计数据'] });
    expect(once.segments).toBe(1);
    expect(once.candidates).toEqual([]);
    addSegments(
      store,
      [
        { en: 'Official statistics are produced by national offices.', zh: '官方统计数据由国家统计局编制。' },
        { en: 'The quality of official statistics improved.', zh: '官方统计数据的质量有所提高。' },
      ],
      'user',
      'test',
    );
    const three = suggestEquivalents(store, { zh: ['官方统计数据'] });
    expect(three.candidates[0]).toMatchObject({ text: 'official statistics', together: 3 });
    expect(three.candidates.every((c) => c.together >= 2)).toBe(true);
  });

  it('tm suggest --missing --limit N lists N concepts, those with most segments first', () => {
    const dir = tempDir('termdesk-missing-');
    const db = path.join(dir, 'm.sqlite');
    expect(runCli(['--db', db, 'init', '--empty']).code).toBe(0);
    const tsv = path.join(dir, 'pairs.tsv');
    const pairs: string[] = [];
    const terms = ['甲组织', '乙组织', '丙组织', '丁组织'];
    terms.forEach((t, i) => {
      for (let k = 0; k <= i; k++) pairs.push(`Organization ${'ABCD'[i]} met (${k}).\t${t}举行了会议（${k}）。`);
    });
    fs.writeFileSync(tsv, `${pairs.join('\n')}\n`);
    expect(runCli(['--db', db, 'tm', 'import', tsv]).code).toBe(0);
    const csv = path.join(dir, 'terms.csv');
    fs.writeFileSync(csv, `zh-Hans full\n${terms.join('\n')}\n`);
    expect(runCli(['--db', db, 'import', csv]).code).toBe(0);
    const r = runCli(['--db', db, 'tm', 'suggest', '--missing', '--limit', '2']);
    expect(r.code).toBe(0);
    const heads = r.stdout.split('\n').filter((l) => /^#\d+/.test(l));
    expect(heads).toHaveLength(2);
    expect(heads[0]).toContain('丁组织: 4 of 10 segments contain 丁组织');
    expect(heads[1]).toContain('丙组织: 3 of 10 segments contain 丙组织');
    expect(r.stdout.split('\n')[0]).toBe('4 concepts without an English term, 4 of them in the memory; the 2 in most segments (--limit):');
    const json = JSON.parse(runCli(['--db', db, 'tm', 'suggest', '--missing', '--limit', '3', '--json']).stdout);
    expect(json.concepts).toHaveLength(3);
  });

  it('marks the English equivalent in the English side of a Chinese concordance hit', () => {
    const store = memoryStore();
    const id = store.createConcept({ category: 'body', origin: 'user', reviewStatus: 'approved' });
    store.addTerm(id, { text: '安全理事会', lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'user' });
    store.addTerm(id, { text: 'Security Council', lang: 'en', type: 'fullForm', status: 'preferred', origin: 'user' });
    addSegments(store, [{ en: "The Security Council's members met.", zh: '安全理事会成员举行了会议。' }], 'user', 'test');
    const r = concordance(store, '安全理事會');
    expect(r.english).toEqual(['Security Council']);
    const hit = r.hits[0];
    expect(hit.enRanges.map(([s, e]) => hit.en.slice(s, e))).toEqual(['Security Council']);
    expect(hit.zhRanges.map(([s, e]) => hit.zh.slice(s, e))).toEqual(['安全理事会']);
  });

  it('the web concordance pages through every hit', async () => {
    const server = await startTestServer({ seeds: false });
    try {
      addSegments(server.store, Array.from({ length: 60 }, (_, i) => ({ en: `The digital divide widened in region ${i}.`, zh: `第${i}区域的数字鸿沟扩大了。` })), 'user', 'test');
      const first = await (await fetch(`${server.url}/tm?q=${encodeURIComponent('数字鸿沟')}&mode=concordance`)).text();
      expect(first).toContain('1–50 of 60');
      expect((first.match(/<li>/g) ?? []).length).toBeGreaterThanOrEqual(50);
      const next = /<a href="([^"]+)" rel="next">Next 10 →<\/a>/.exec(first);
      expect(next).not.toBeNull();
      const second = await (await fetch(`${server.url}${next![1].replace(/&amp;/g, '&')}`)).text();
      expect(second).toContain('51–60 of 60');
      expect(second).toContain('rel="prev"');
      expect(second).not.toContain('rel="next"');
    } finally {
      await server.stop();
    }
  });
});

describe('counts and labels', () => {
  it('never says "1 notes" or "1 concepts"', async () => {
    expect(counted(1, 'note')).toBe('1 note');
    expect(counted(2, 'entry', 'entries')).toBe('2 entries');
    const store = memoryStore();
    const id = store.createConcept({ category: 'organization', origin: 'reference', extId: 'x' });
    store.addTerm(id, { text: '贸发会议', lang: 'zh-Hans', type: 'shortForm', status: 'preferred', origin: 'reference' });
    const result = checkDraftInStore(store, '贸发会议。', { name: 'd.txt' });
    expect(summaryLine(result)).toMatch(/; 1 term occurrence of 1 concept in 5 characters$/);
  });

  it('extract: the status column says new exactly for the concepts the count calls new', () => {
    const dir = tempDir('termdesk-extract-new-');
    const db = path.join(dir, 'e.sqlite');
    const seed = path.join(PROJECT_ROOT, 'seeds', fs.readdirSync(path.join(PROJECT_ROOT, 'seeds')).sort()[3]);
    expect(runCli(['--db', db, 'init', '--no-seeds']).code).toBe(0);
    // Ingest once, so the second look finds stored candidates.
    expect(runCli(['--db', db, 'ingest', seed]).code).toBe(0);
    const r = runCli(['--db', db, 'extract', seed]);
    const lines = r.stdout.trimEnd().split('\n');
    const announced = Number(/\((\d+) new\)$/.exec(lines[0])![1]);
    const status = lines.slice(2).map((l) => /\s\d+\s+(reference|stored|new)\s/.exec(l)?.[1]);
    expect(status.every((x) => x !== undefined)).toBe(true);
    expect(status.filter((x) => x === 'new')).toHaveLength(announced);
    // Candidates the earlier ingest stored are neither new nor reference.
    expect(status.filter((x) => x === 'stored').length).toBeGreaterThan(0);
    const onlyNew = runCli(['--db', db, 'extract', seed, '--new']).stdout.trimEnd().split('\n');
    expect(onlyNew.slice(2).filter((l) => /\s\d+\s+new\s/.test(l))).toHaveLength(announced);
    expect(onlyNew.slice(2).filter((l) => /\s\d+\s+(?:stored|reference)\s/.test(l))).toEqual([]);
  });

  it('a garbage .tbx file is reported as not TBX, not as a CSV problem; nothing is imported', () => {
    const dir = tempDir('termdesk-garbage-');
    const db = path.join(dir, 'g.sqlite');
    const file = path.join(dir, 'glossary.tbx');
    fs.writeFileSync(file, Buffer.from([0x00, 0x13, 0x37, 0xff, 0xfe, 0x01, 0x02, 0x03, 0x04, 0x05]));
    expect(runCli(['--db', db, 'init', '--empty']).code).toBe(0);
    const r = runCli(['--db', db, 'import', file]);
    expect(r).toMatchObject({ code: 2, stderr: 'termdesk: glossary.tbx is not a TBX file: its content is binary data, not an XML document (it should start with <?xml or <martif or <tbx)\n' });
    fs.writeFileSync(file, 'id,en\n1,United Nations\n');
    expect(runCli(['--db', db, 'import', file]).stderr).toContain('glossary.tbx is not a TBX file: its content is plain text');
  });

  it('README: every section marker once, closed once; the show example is what show prints', () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const markers = readme.match(/<!-- \/?[a-z:-]+ -->/g) ?? [];
    const counts = new Map<string, number>();
    for (const m of markers) counts.set(m, (counts.get(m) ?? 0) + 1);
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(readme).toContain('npx termdesk show unctad');
  });
});
