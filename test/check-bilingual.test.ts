// Checking a translation against its source, segment by segment: the XLIFF reader (1.2 and 2.x,
// inline codes out of the text with their offsets, safe XML), aligned plain texts, the checker on
// segments (Chinese rules on the whole target, missing-equivalent pair by pair, the segment id in
// every finding), and `termdesk check FILE.xlf` / `check --source EN --target ZH` in every format.
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { alignedLines, inlineText, readXliff } from '../src/formats/xliff.js';
import { readXmlTree } from '../src/formats/xml.js';
import { checkSegments } from '../src/check/segments.js';
import { termIndexFor } from '../src/check/live-index.js';
import { initDatabase } from '../src/setup.js';
import type { Store } from '../src/store/repository.js';
import { PROJECT_ROOT, memoryStore, runCli, tempDir } from './helpers.js';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'bilingual');
const fixture = (name: string) => path.join(FIXTURES, name);

describe('XLIFF reader', () => {
  it('reads XLIFF 1.2: units in groups, inline codes out of the text with their offsets, alt-trans and translate="no" left out', async () => {
    const doc = await readXliff(fs.readFileSync(fixture('report-1.2.xlf')), { fileName: 'report-1.2.xlf' });
    expect(doc).toMatchObject({ format: 'xliff-1.2', version: '1.2', sourceLanguage: 'en-US', targetLanguage: 'zh-CN', sourceLang: 'en', targetLang: 'zh-Hans', notTranslatable: 1 });
    expect(doc.segments.map((s) => s.id)).toEqual(['tu1', 'tu2', 'tu4', 'tu5']);
    const [tu1, tu2, tu4, tu5] = doc.segments;
    expect(tu1.source.text).toBe('The International Monetary Fund (IMF) and the United Nations Conference on Trade and Development met.');
    expect(tu1.target!.text).toBe('国际货币组织（IMF）和联合国贸易和发展会议举行了会议。');
    // <bpt>/<ept> hold native code (<b>), not words; their places are kept.
    expect(tu1.target!.codes).toEqual([
      { offset: 12, element: 'bpt', id: '2' },
      { offset: 22, element: 'ept', id: '2' },
    ]);
    expect(tu1.source.codes.slice(0, 2)).toEqual([
      { offset: 4, element: 'g', id: '1' },
      { offset: 31, element: '/g', id: '1' },
    ]);
    expect(tu1.target!.line).toBe(9);
    expect(tu2.target!.text).toBe('该组织向人权理事会作了报告。');
    expect(tu4.target).toBeNull();
    // Entities decoded; an SDLXLIFF-style <mrk mtype="seg"> is text.
    expect(tu5.source.text).toBe('UNCTAD & the IMF');
    expect(tu5.target!.text).toBe('贸发会议和国际货币基金组织');
  });

  it('reads XLIFF 2.x: a unit’s segments and ignorables joined in order, <pc> text, <ph/> out, <cp> a character', async () => {
    const doc = await readXliff(fs.readFileSync(fixture('report-2.0.xlf')));
    expect(doc).toMatchObject({ format: 'xliff-2', sourceLanguage: 'en', targetLanguage: 'zh-Hans', targetLang: 'zh-Hans' });
    expect(doc.segments.map((s) => [s.id, s.target?.text ?? null])).toEqual([
      ['u1', '世界卫生组织举行了会议。 世界贸易组织\u2028也举行了会议。'],
      ['u2', '国际货币组织表示同意。'],
      ['u3', null],
    ]);
    expect(doc.segments[0].source.text).toBe('The World Health Organization met. The World Trade Organization too.');
    expect(doc.segments[0].target!.codes).toEqual([{ offset: 6, element: 'ph', id: '2' }]);
  });

  it('refuses other XML, unknown versions, units without a source, DTDs and entities, with the line', async () => {
    await expect(readXliff('<tmx version="1.4"><body/></tmx>', { fileName: 'x.xlf' })).rejects.toThrow('x.xlf is not an XLIFF file: its root element is <tmx>, not <xliff>');
    await expect(readXliff('<xliff version="3.0"/>', { fileName: 'x.xlf' })).rejects.toThrow('x.xlf: line 1, column 1: XLIFF version "3.0" is not supported (1.2 and 2.x are)');
    await expect(readXliff('<xliff version="1.2"><file><body>\n<trans-unit id="a"><target>x</target></trans-unit></body></file></xliff>', { fileName: 'x.xlf' })).rejects.toThrow(
      'x.xlf: line 2, column 1: <trans-unit> has no <source>',
    );
    const bomb = '<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><xliff version="1.2">&b;</xliff>';
    await expect(readXliff(bomb, { fileName: 'bomb.xlf' })).rejects.toThrow('bomb.xlf: line 1, column 39: ENTITY declarations are not accepted (DTDs and entities are refused for safety)');
    await expect(readXliff('<xliff version="1.2"><file><body><trans-unit id="a"><source>&nbsp;</source></trans-unit></body></file></xliff>')).rejects.toThrow('unknown entity "&nbsp;"');
  });

  it('keeps text inside paired codes and leaves native code out', async () => {
    const el = await readXmlTree('<target>A<g id="1">B<x id="2"/>C</g><ph id="3">{\\b}</ph>D</target>');
    expect(inlineText(el)).toEqual({
      text: 'ABCD',
      codes: [
        { offset: 1, element: 'g', id: '1' },
        { offset: 2, element: 'x', id: '2' },
        { offset: 3, element: '/g', id: '1' },
        { offset: 3, element: 'ph', id: '3' },
      ],
    });
  });
});

describe('aligned plain texts', () => {
  it('pairs line n with line n, skips pairs of empty lines, and refuses different line counts', () => {
    const segs = alignedLines('A.\n\nB.\n', '甲。\n\n乙。', { source: 'en.txt', target: 'zh.txt' });
    expect(segs.map((s) => [s.id, s.source.text, s.target?.text])).toEqual([
      ['1', 'A.', '甲。'],
      ['3', 'B.', '乙。'],
    ]);
    expect(() => alignedLines('A.\nB.\n', '甲。', { source: 'en.txt', target: 'zh.txt' })).toThrow('en.txt has 2 lines and zh.txt 1: aligned texts need one segment a line');
  });
});

describe('checking segments', () => {
  let store: Store;
  beforeAll(async () => {
    store = memoryStore();
    await initDatabase(store, { seeds: false });
  }, 60_000);

  it('reports a missing official Chinese with both segments, and the Chinese rules on the target, each finding with its segment', async () => {
    const doc = await readXliff(fs.readFileSync(fixture('report-1.2.xlf')));
    const result = checkSegments(termIndexFor(store), doc.segments, { name: 'report-1.2.xlf', sourceName: 'report-1.2.xlf', exactColumns: false });
    const found = result.issues.map((i) => [i.segment, i.rule, i.text, i.in ?? 'target']);
    expect(found).toContainEqual(['tu1', 'non-standard-name', '国际货币组织', 'target']);
    expect(found).toContainEqual(['tu2', 'missing-equivalent', 'World Health Organization', 'source']);
    // The IMF's near-miss counts as rendering it; UNCTAD is there; tu5 names both.
    expect(found.filter(([, rule]) => rule === 'missing-equivalent')).toHaveLength(1);
    const imf = result.issues.find((i) => i.rule === 'non-standard-name')!;
    expect(imf).toMatchObject({ start: 0, end: 6, line: 9, severity: 'error' });
    const who = result.issues.find((i) => i.rule === 'missing-equivalent')!;
    expect(doc.segments[1].source.text.slice(who.start, who.end)).toBe('World Health Organization');
    expect(result.segments.map((s) => s.id)).toEqual(['tu1', 'tu2']);
    expect(result.segments[1]).toMatchObject({ source: 'The World Health Organization reported to the Human Rights Council.', target: '该组织向人权理事会作了报告。' });
    expect(result.summary.segments).toEqual({ total: 4, checked: 3, untranslated: 1, withFindings: 2 });
    // Short forms are judged over the whole target: 贸发会议 in tu5 was introduced in tu1.
    expect(found.filter(([seg, rule]) => seg === 'tu5' && rule === 'short-form-undefined')).toEqual([]);
  });

  it('gives exact columns for aligned texts, and respects --rules', () => {
    const segments = alignedLines('x\nThe IMF said.', '甲\n他说，国际货币组织表示。', { source: 'en', target: 'zh' });
    const result = checkSegments(termIndexFor(store), segments, { name: 'zh.txt', sourceName: 'en.txt', exactColumns: true, rules: ['non-standard-name'] });
    expect(result.issues.map((i) => [i.segment, i.line, i.column, i.start])).toEqual([['2', 2, 4, 3]]);
    expect(result.summary.rules).toEqual(['non-standard-name']);
  });
});

describe('termdesk check on bilingual files', () => {
  const dir = tempDir('termdesk-bilingual-');
  const db = path.join(dir, 'g.sqlite');
  beforeAll(() => {
    expect(runCli(['--db', db, 'init', '--no-seeds']).code).toBe(0);
  }, 60_000);

  it('check FILE.xlf: text with the segment, JSON with "segment", CSV with a segment column, HTML side by side; exit 1 on errors', () => {
    const file = fixture('report-1.2.xlf');
    const text = runCli(['--db', db, 'check', file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`${file}:9:11 error non-standard-name 国际货币组织 → 国际货币基金组织  [segment tu1]`);
    expect(text.stdout).toContain('    source: The World Health Organization reported to the Human Rights Council.\n    target: 该组织向人权理事会作了报告。');
    expect(text.stdout).toMatch(/; 3 of 4 segments checked \(1 not translated yet\)\n$/);

    const json = JSON.parse(runCli(['--db', db, 'check', file, '--json']).stdout);
    expect(json.issues.every((i: { segment?: string }) => typeof i.segment === 'string')).toBe(true);
    expect(json.segments[0].targetCodes).toEqual([
      { offset: 12, element: 'bpt', id: '2' },
      { offset: 22, element: 'ept', id: '2' },
    ]);

    const csv = runCli(['--db', db, 'check', file, '--format', 'csv']).stdout.split('\r\n');
    expect(csv[0]).toBe('id,file,segment,line,column,severity,rule,text,suggestion,message,conceptId,start,end');
    expect(csv.some((row) => row.includes(',tu2,') && row.includes('missing-equivalent'))).toBe(true);

    const out = path.join(dir, 'report.html');
    const html = runCli(['--db', db, 'check', file, '--format', 'html', '-o', out]);
    expect(html.code).toBe(1);
    const page = fs.readFileSync(out, 'utf8');
    expect(page).toContain('<tr id="seg-tu1">');
    expect(page).toMatch(/<mark id="f-\d+" class="error"/);
    expect(page).not.toContain('<script');
  });

  it('check --source EN --target ZH; the ignore file works as for drafts; bad usage exits 2', () => {
    const en = path.join(dir, 'en.txt');
    const zh = path.join(dir, 'zh.txt');
    fs.writeFileSync(en, 'The World Health Organization met.\nThe IMF agreed.\n');
    fs.writeFileSync(zh, '该组织举行了会议。\n国际货币基金组织表示同意。\n');
    const r = runCli(['--db', db, 'check', '--source', en, '--target', zh, '--json']);
    expect(r.code).toBe(0);
    const issue = JSON.parse(r.stdout).issues[0];
    expect(issue).toMatchObject({ rule: 'missing-equivalent', segment: '1', in: 'source', line: 1, column: 5 });
    const ignored = runCli(['--db', db, 'check', '--source', en, '--target', zh, '--ignore', issue.id]);
    expect(ignored.stdout).toContain('1 ignored');
    expect(fs.existsSync(`${zh}.termdesk-ignore.json`)).toBe(true);

    fs.writeFileSync(zh, '该组织举行了会议。\n');
    expect(runCli(['--db', db, 'check', '--source', en, '--target', zh])).toMatchObject({ code: 2 });
    expect(runCli(['--db', db, 'check', '--target', zh]).stderr).toBe('termdesk: --target needs --source EN_FILE (the aligned English text)\n');
    expect(runCli(['--db', db, 'check', fixture('report-2.0.xlf'), '--source', en]).code).toBe(2);
    const fr = path.join(dir, 'fr.xlf');
    fs.writeFileSync(fr, '<xliff version="2.0" srcLang="en" trgLang="fr"><file id="f"><unit id="1"><segment><source>a</source><target>b</target></segment></unit></file></xliff>');
    expect(runCli(['--db', db, 'check', fr])).toMatchObject({ code: 2, stderr: `termdesk: ${fr}: the target language is fr; the checker reads Chinese targets (zh, zh-CN, zh-Hans …)\n` });
  });
});
