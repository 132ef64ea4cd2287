// termdesk export / import as a user runs them (child process on the built dist/).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDatabase, openStore } from '../src/setup.js';
import { openDatabase } from '../src/store/db.js';
import { Store } from '../src/store/repository.js';
import { PROJECT_ROOT, runCli, tempDir } from './helpers.js';

const fixture = (name: string) => path.join(PROJECT_ROOT, 'test', 'fixtures', 'formats', name);

let dir: string;
let db: string;

function stats(file: string) {
  const store = new Store(openDatabase(file));
  try {
    return { ...store.stats(), contexts: (store.db.prepare('SELECT count(*) AS n FROM term_context').get() as { n: number }).n };
  } finally {
    store.db.close();
  }
}

beforeAll(async () => {
  dir = tempDir();
  db = path.join(dir, 'cli.sqlite');
  // Opened the way the CLI opens it (openStore records the key version, so no upgrade notice).
  const store = await openStore(db);
  await initDatabase(store, { seeds: false });
  store.db.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('termdesk export', () => {
  it('streams TBX v3 to stdout by default', () => {
    // (Filtered: runCli collects stdout in a 1 MB buffer.)
    const r = runCli(['--db', db, 'export', '--category', 'meeting', '--category', 'person']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<\?xml-model /);
    expect(r.stdout).toContain('<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">');
    expect(r.stdout.trimEnd().endsWith('</tbx>')).toBe(true);
    const n = stats(db).byCategory.meeting + stats(db).byCategory.person;
    expect(r.stdout.match(/<conceptEntry /g)).toHaveLength(n);
    expect(r.stdout.match(/category=(meeting|person);/g)).toHaveLength(n);
    expect(r.stderr).toBe(`termdesk: exported ${n} concepts as TBX v3 (TBX-Basic, DCA)\n`);
  });

  it('writes a filtered CSV or TBX v2 file with -o, the format taken from the extension', () => {
    const csv = path.join(dir, 'countries.csv');
    const r = runCli(['--db', db, 'export', '--category', 'country', '--status', 'approved', '-o', csv]);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(csv, 'utf8');
    expect(text.startsWith('\ufeffid,category,status,')).toBe(true);
    const rows = text.trimEnd().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(190);
    expect(rows.every((row) => row.split(',')[1] === 'country')).toBe(true);
    expect(r.stderr).toMatch(new RegExp(`exported ${rows.length} concepts as CSV \\(UTF-8 with BOM\\) to .*countries\\.csv`));
    const v2 = path.join(dir, 'omegat.tbx');
    expect(runCli(['--db', db, 'export', '--format', 'tbx2', '--category', 'body,meeting', '-o', v2, '--json']).stdout).toMatch(/"format": "tbx2"/);
    expect(fs.readFileSync(v2, 'utf8')).toContain('<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">');
  });

  it('refuses bad options with one line and exit code 2, leaving no file behind', () => {
    const out = path.join(dir, 'never.tbx');
    for (const [args, message] of [
      [['--format', 'pdf'], 'termdesk: --format must be one of tbx, tbx2, csv, tsv, xlsx, not "pdf"'],
      [['--since', 'yesterday'], 'termdesk: --since needs a date like 2025-01-31 (or an ISO timestamp), not "yesterday"'],
      [['--format', 'tbx2', '--since', '2999-01-01', '-o', out], 'termdesk: TBX v2 cannot hold an empty glossary (its <body> needs at least one entry); nothing matches the filters'],
      [['-o', path.join(dir, 'no', 'such', 'dir.tbx')], `termdesk: cannot write ${path.join(dir, 'no', 'such', 'dir.tbx')}: no such directory`],
    ] as Array<[string[], string]>) {
      const r = runCli(['--db', db, 'export', ...args]);
      expect([args, r.code, r.stderr]).toEqual([args, 2, `${message}\n`]);
    }
    expect(fs.existsSync(out)).toBe(false);
    // No temporary file is left beside the target (io/atomic-file.ts writes `<target>.<pid>.tmp`).
    expect(fs.readdirSync(dir).filter((f) => /\.(tmp|partial)$/.test(f))).toEqual([]);
  });
});

describe('termdesk import', () => {
  it('--dry-run reports the import and changes nothing; then the import does it', () => {
    const before = stats(db);
    const dry = runCli(['--db', db, 'import', fixture('legacy-tool.tbx'), '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run: would import legacy-tool.tbx (TBX v2, TBX): 3 entries');
    expect(dry.stdout).toContain('terms in languages TermDesk does not keep: fr 2');
    expect(dry.stdout).toContain('skipped line 66: no terms in zh-Hans, zh-Hant or en');
    expect(dry.stdout.trimEnd().endsWith('Nothing was changed.')).toBe(true);
    expect(stats(db)).toEqual(before);
    const real = runCli(['--db', db, 'import', fixture('legacy-tool.tbx'), '--json']);
    expect(real.code).toBe(0);
    const report = JSON.parse(real.stdout);
    expect(report).toMatchObject({ format: 'tbx2', dryRun: false, entries: 3 });
    // The dry run's counts were the real ones.
    const counts = /concepts: (\d+) new, (\d+) merged, (\d+) skipped/.exec(dry.stdout)!.slice(1).map(Number);
    expect([report.concepts.new, report.concepts.merged, report.concepts.skipped]).toEqual(counts);
    expect(stats(db).concepts).toBe(before.concepts + report.concepts.new);
  });

  it('refuses unsafe and malformed files with one line naming line and element, changing nothing', () => {
    const before = stats(db);
    for (const [file, message] of [
      ['billion-laughs.tbx', 'termdesk: billion-laughs.tbx: line 3, column 2: ENTITY declarations are not accepted (DTDs and entities are refused for safety)'],
      [
        'broken-halfway.tbx',
        'termdesk: broken-halfway.tbx: line 113, column 13: <termNote> cannot come after <descripGrp> in <termSec> (content: term, (termNote|termNoteGrp)*, (admin|adminGrp|descrip|descripGrp|note|ref|transacGrp|xref)*)',
      ],
    ]) {
      const r = runCli(['--db', db, 'import', fixture(file)]);
      expect([file, r.code, r.stderr]).toEqual([file, 2, `${message}\n`]);
      expect(r.stdout).toBe('');
    }
    expect(runCli(['--db', db, 'import', path.join(dir, 'missing.tbx')]).stderr).toBe('termdesk: cannot read ' + path.join(dir, 'missing.tbx') + ': no such file\n');
    expect(stats(db)).toEqual(before);
  });

  it('exports and re-imports through files: the second export is the same file', () => {
    const a = path.join(dir, 'a.tbx');
    const b = path.join(dir, 'b.tbx');
    const copy = path.join(dir, 'copy.sqlite');
    const exported = runCli(['--db', db, 'export', '-o', a]);
    expect([exported.code, exported.stderr]).toEqual([0, expect.stringContaining('exported')]);
    // An empty database (created without the glossary) receives the file.
    const store = new Store(openDatabase(copy));
    store.db.close();
    const r = runCli(['--db', copy, 'import', a]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/concepts: \d+ new, 0 merged, 0 skipped/);
    expect(runCli(['--db', copy, 'export', '-o', b]).code).toBe(0);
    expect(fs.readFileSync(b, 'utf8')).toBe(fs.readFileSync(a, 'utf8'));
  });
});
