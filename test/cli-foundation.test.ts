import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { PROJECT_ROOT, runCli, tempDir } from './helpers.js';

const dir = tempDir('termdesk-cli-');
const db = path.join(dir, 'cli.sqlite');
const seed = path.join(PROJECT_ROOT, 'seeds', '003_382b273af66ecc2f.txt');

function stats(file = db) {
  const r = runCli(['--db', file, 'stats', '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { concepts: number; terms: number; documents: number };
}

beforeAll(() => {
  const r = runCli(['--db', db, 'init', '--no-seeds', '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});

describe('termdesk CLI: usage and exit codes', () => {
  it('prints help with exit 0, and usage errors with exit 2 and one line on stderr', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: termdesk/);
    const cases = [['frobnicate'], ['lookup'], ['lookup', 'x', '--bogus'], ['show', 'abc'], ['lookup', 'x', '--limit', '0']];
    for (const args of [...cases.map((c) => ['--db', db, ...c]), ['--db', '', 'stats']]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^termdesk: /);
    }
  });

  it('show of a missing concept is an input error', () => {
    const r = runCli(['--db', db, 'show', '999999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('termdesk: no concept with id 999999\n');
  });

  it('stats --json has the documented shape', () => {
    const r = runCli(['--db', db, 'stats', '--json']);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['concepts', 'terms', 'documents', 'byCategory', 'byLanguage']));
  });
});

describe('termdesk ingest: bad input is refused and changes nothing', () => {
  it('a missing file', () => {
    const before = stats();
    const r = runCli(['--db', db, 'ingest', path.join(dir, 'missing.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing\.txt: no such file/);
    expect(stats()).toEqual(before);
  });

  it('a directory instead of a file', () => {
    const r = runCli(['--db', db, 'ingest', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a directory/);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file (permission denied; skipped as root, which reads everything)', () => {
    const file = path.join(dir, 'secret.txt');
    fs.writeFileSync(file, '贸发会议');
    fs.chmodSync(file, 0o000);
    const r = runCli(['--db', db, 'ingest', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/permission denied/);
  });

  it('a non-UTF-8 file, even after a good one in the same command', () => {
    const bad = path.join(dir, 'latin1.txt');
    fs.writeFileSync(bad, Buffer.from('caf\xe9 na\xefve r\xe9sum\xe9', 'latin1'));
    const before = stats();
    const r = runCli(['--db', db, 'ingest', seed, bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/latin1\.txt: not valid UTF-8 \(invalid byte at offset 3\)/);
    expect(stats()).toEqual(before);
  });

  it('a binary file', () => {
    const bin = path.join(dir, 'image.txt');
    fs.writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    const r = runCli(['--db', db, 'ingest', bin]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/binary file/);
  });

  it('GB18030 text is detected and converted', () => {
    const gb = path.join(dir, 'gb.txt');
    const text = fs.readFileSync(seed, 'utf8');
    fs.writeFileSync(gb, iconv.encode(text, 'gb18030'));
    const other = path.join(dir, 'other.sqlite');
    runCli(['--db', other, 'init', '--empty', '--quiet']);
    const r = runCli(['--db', other, 'ingest', gb, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents[0]).toMatchObject({ name: 'gb.txt', chars: text.length, created: true });
    // The same content as UTF-8 is the same document.
    const again = runCli(['--db', other, 'ingest', seed, '--json']);
    expect(JSON.parse(again.stdout).documents[0].created).toBe(false);
  });

  it('ingesting the same file twice changes nothing the second time', () => {
    const first = runCli(['--db', db, 'ingest', seed, '--json']);
    expect(first.code).toBe(0);
    const before = stats();
    const second = runCli(['--db', db, 'ingest', seed, '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).documents[0].created).toBe(false);
    expect(stats()).toEqual(before);
  });
});

describe('termdesk init and the default database', () => {
  it('a command on a missing database creates it from glossary/ and seeds/ first', () => {
    const fresh = path.join(tempDir('termdesk-fresh-'), 'nested', 'fresh.sqlite');
    const r = runCli(['stats', '--json'], { env: { TERMDESK_DB: fresh } });
    expect(r.code).toBe(0);
    expect(fs.existsSync(fresh)).toBe(true);
    const s = JSON.parse(r.stdout);
    expect(s.documents).toBe(fs.readdirSync(path.join(PROJECT_ROOT, 'seeds')).filter((f) => f.endsWith('.txt')).length);
  });

  it('init is idempotent', () => {
    const before = stats();
    const r = runCli(['--db', db, 'init', '--no-seeds', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.glossary).toMatchObject({ created: 0, updated: 0, termsAdded: 0, termsChanged: 0, termsRemoved: 0 });
    expect(stats()).toEqual(before);
  });
});
