// termdesk tm as a user runs it (child process on dist/).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/db.js';
import { Store } from '../src/store/repository.js';
import { PROJECT_ROOT, runCli, tempDir } from './helpers.js';

const fixtures = path.join(PROJECT_ROOT, 'test', 'fixtures', 'tm');
let dir: string;
let db: string;
const tm = (...args: string[]) => runCli(['--db', db, 'tm', ...args]);

beforeAll(() => {
  dir = tempDir('termdesk-tm-cli-');
  db = path.join(dir, 'tm.sqlite');
  // An empty, migrated database (no glossary or seeds to load).
  openDatabase(db).close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('termdesk tm', () => {
  it('imports TMX and TSV files and reports what it stored', () => {
    const a = tm('import', path.join(fixtures, 'un-sample.tmx'));
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain('un-sample.tmx: 4 units read, 3 segments added, 1 units skipped (no English/Chinese pair)');
    const b = tm('import', path.join(fixtures, 'pairs-header.tsv'), '--json');
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ format: 'tsv', added: 2, duplicates: 0 });
  });

  it('aligns and imports a document pair', () => {
    const r = tm('import', '--pair', path.join(fixtures, 'report.en.txt'), path.join(fixtures, 'report.zh.txt'), '--doc', 'A/AC.105/1090');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('8 segments added');
    expect(r.stdout).toMatch(/beads 1-1 8; left unaligned: 0 English, 0 Chinese/);
  });

  it('matches with percentages and marked differences, as text and as JSON', () => {
    const r = tm('match', 'The Committee agreed that the digital gap must be bridged.');
    expect(r.code, r.stderr).toBe(0);
    // The stored sentence starts with its paragraph number "3.", which the query lacks.
    expect(r.stdout).toMatch(/^ 7\d% {2}#\d+ {2}A\/AC\.105\/1090/m);
    expect(r.stdout).toContain('[-gap-] {+divide+}');
    expect(r.stdout).toContain('ZH  3. 委员会商定必须弥合数字鸿沟。');
    const j = tm('match', '委员会商定必须弥合数字鸿沟。', '--json');
    const body = JSON.parse(j.stdout);
    expect(body.query).toBe('委员会商定必须弥合数字鸿沟。');
    expect(body.matches[0]).toMatchObject({ target: '3. The Committee agreed that the digital divide must be bridged.', doc: 'A/AC.105/1090' });
    expect(body.matches[0].score).toBeGreaterThanOrEqual(80);
    expect(body.matches[0].score).toBeLessThan(100);
    expect(Object.keys(body.matches[0])).toEqual(expect.arrayContaining(['segmentId', 'score', 'source', 'target', 'doc', 'diff']));
  });

  it('shows concordance lines with the hit marked in both languages, [[…]] off a terminal (not «…», read as 《…》)', () => {
    // The glossary knows the term's English.
    const store = new Store(openDatabase(db));
    const id = store.createConcept({ category: 'concept', origin: 'user', reviewStatus: 'approved' });
    store.addTerm(id, { text: '数字鸿沟', lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'user' });
    store.addTerm(id, { text: 'digital divide', lang: 'en', type: 'fullForm', status: 'preferred', origin: 'user' });
    store.db.close();
    const r = tm('concordance', '數字鴻溝');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 segments contain "數字鴻溝"; English marked: digital divide');
    expect(r.stdout).toContain('必须弥合[[数字鸿沟]]。');
    // The English side: the glossary's equivalent of 数字鸿沟.
    expect(r.stdout).toContain('the [[digital divide]] must be bridged');
    expect(r.stdout).not.toContain('«');
  });

  it('proposes English equivalents for a Chinese term', () => {
    const r = tm('suggest', '数字鸿沟', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).candidates[0].text).toBe('digital divide');
  });

  it('exports TMX to a file that imports back to the same memory', () => {
    const out = path.join(dir, 'out.tmx');
    const r = tm('export', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('13 segments written');
    const other = path.join(dir, 'other.sqlite');
    openDatabase(other).close();
    const back = runCli(['--db', other, 'tm', 'import', out, '--json']);
    expect(JSON.parse(back.stdout)).toMatchObject({ added: 13 });
    const stats = JSON.parse(runCli(['--db', other, 'tm', 'stats', '--json']).stdout);
    expect(stats.segments).toBe(13);
  });

  it('bad input: exit 2, one line on stderr, nothing stored', () => {
    const before = JSON.parse(tm('stats', '--json').stdout).segments;
    for (const args of [
      ['import', path.join(fixtures, 'malformed.tmx')],
      ['import', path.join(fixtures, 'bad.tsv')],
      ['import', '--pair', path.join(fixtures, 'report.zh.txt'), path.join(fixtures, 'report.en.txt')],
      ['import', path.join(fixtures, 'un-sample.tmx'), '--en', 'en'],
      ['match', '--min', '120', 'x'],
      ['export', '--limit', '3'],
      ['constructor'],
      ['stats', '--offset', '2'],
    ]) {
      const r = tm(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^termdesk: /);
    }
    expect(tm('constructor').stderr).toBe('termdesk: unknown tm subcommand "constructor"; use one of import, export, match, concordance, suggest, stats\n');
    expect(tm('export', '--limit', '3').stderr).toBe('termdesk: --limit does not apply to tm export\n');
    expect(tm('import', path.join(fixtures, 'malformed.tmx')).stderr).toMatch(/malformed\.tmx: line 10, column \d+: closing tag does not match <seg>/);
    expect(JSON.parse(tm('stats', '--json').stdout).segments).toBe(before);
  });
});
