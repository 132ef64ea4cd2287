// termdesk extract: the JSON of the issue, a readable table, nothing written, clear input errors.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { PROJECT_ROOT, runCli, tempDir } from './helpers.js';

const seed = (prefix: string) => {
  const name = fs.readdirSync(path.join(PROJECT_ROOT, 'seeds')).find((f) => f.startsWith(prefix))!;
  return path.join(PROJECT_ROOT, 'seeds', name);
};

interface Json {
  documents: Array<{ name: string; chars: number }>;
  concepts: Array<{
    category: string;
    terms: Array<{ text: string; lang: string; type: string; status: string }>;
    occurrences: Array<{ doc: string; start: number; end: number; context: string }>;
    frequency: number;
    linked: boolean;
  }>;
}

describe('termdesk extract', () => {
  const dir = tempDir('termdesk-extract-');

  it('--json prints documents and concepts in the documented shape, and creates no database', () => {
    const db = path.join(dir, 'never.sqlite');
    const r = runCli(['--db', db, 'extract', seed('003'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fs.existsSync(db)).toBe(false);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.documents).toEqual([{ name: path.basename(seed('003')), chars: fs.readFileSync(seed('003'), 'utf8').length }]);
    for (const c of json.concepts) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['category', 'terms', 'occurrences', 'frequency', 'linked']));
      expect(c.frequency).toBe(c.occurrences.length);
      for (const t of c.terms) expect(Object.keys(t)).toEqual(expect.arrayContaining(['text', 'lang', 'type', 'status']));
      for (const o of c.occurrences) expect(Object.keys(o)).toEqual(expect.arrayContaining(['doc', 'start', 'end', 'context']));
    }
    // Linked to the reference glossary: the IMF concept with its English terms and the near-miss.
    const imf = json.concepts.find((c) => c.terms.some((t) => t.text === '国际货币组织'))!;
    expect(imf.linked).toBe(true);
    expect(imf.terms).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: 'International Monetary Fund', lang: 'en' }),
        expect.objectContaining({ text: '国际货币组织', type: 'variant', status: 'deprecated' }),
      ]),
    );
    const iso = json.concepts.find((c) => c.terms.some((t) => t.text === 'ISO'))!;
    expect(iso.terms.map((t) => t.text)).toContain('国际标准化组织');
  });

  it('leaves an existing database unchanged', () => {
    const db = path.join(dir, 'existing.sqlite');
    expect(runCli(['--db', db, 'init', '--no-seeds', '--quiet']).code).toBe(0);
    const before = runCli(['--db', db, 'stats', '--json']).stdout;
    const r = runCli(['--db', db, 'extract', seed('004'), seed('003')]);
    expect(r.code).toBe(0);
    expect(runCli(['--db', db, 'stats', '--json']).stdout).toBe(before);
    // The table: a summary line, a header, one row per concept.
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^2 documents, \d+ characters: \d+ concepts \(\d+ new\)$/);
    expect(lines[1]).toMatch(/^category\s+Chinese\s+English\s+freq\s+status\s+found by/);
    expect(r.stdout).toMatch(/孟加拉国软件和信息服务协会 \(BASIS\)|孟加拉国软件和信息服务协会/);
    expect(r.stdout).toMatch(/国际货币组织: near-miss of the official name 国际货币基金组织/);
  });

  it('--new lists only what is not known yet', () => {
    const r = runCli(['--db', path.join(dir, 'none.sqlite'), 'extract', seed('003'), '--json', '--new']);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.concepts.length).toBeGreaterThan(0);
    expect(json.concepts.every((c) => !c.linked)).toBe(true);
  });

  it('reads GB18030 and UTF-8 with BOM; refuses a missing or binary file with one line and exit 2', () => {
    const text = '国际标准化组织（ISO）和国际电工委员会（IEC）发布了标准。';
    const gb = path.join(dir, 'gb.txt');
    fs.writeFileSync(gb, iconv.encode(text, 'gb18030'));
    const bom = path.join(dir, 'bom.txt');
    fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    for (const file of [gb, bom]) {
      const r = runCli(['--db', path.join(dir, 'none.sqlite'), 'extract', file, '--json']);
      expect(r.code, file).toBe(0);
      const names = (JSON.parse(r.stdout) as Json).concepts.flatMap((c) => c.terms.map((t) => t.text));
      expect(names).toEqual(expect.arrayContaining(['国际标准化组织', 'ISO', '国际电工委员会', 'IEC']));
    }
    const bin = path.join(dir, 'bin.txt');
    fs.writeFileSync(bin, Buffer.from([0x00, 0x01, 0x02, 0xff]));
    for (const file of [path.join(dir, 'missing.txt'), bin]) {
      const r = runCli(['--db', path.join(dir, 'none.sqlite'), 'extract', file]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^termdesk: /);
      expect(r.stdout).toBe('');
    }
  });
});
