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
    evidence?: { doc: string; zh: string; en: string };
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

  describe('--en: the English original', () => {
    const zh = ['会议由难民事务高级专员办事处和儿童基金会共同主办。', '', '政府向土著人民健康全国理事会提供技术支持。'].join('\n');
    const en = [
      "The meeting was co-hosted by the Office of the United Nations High Commissioner for Refugees and the United Nations Children's Fund.",
      '',
      'The Government provided technical support to the National Council for Indigenous Health.',
    ].join('\n');
    const zhFile = path.join(dir, 'report-zh.txt');
    const enFile = path.join(dir, 'report-en.txt');
    fs.writeFileSync(zhFile, zh);
    fs.writeFileSync(enFile, en);

    it('a new name gets the English of its aligned sentence, with the sentence pair as evidence', () => {
      const r = runCli(['--db', path.join(dir, 'none.sqlite'), 'extract', zhFile, '--en', enFile, '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as Json;
      const council = json.concepts.find((c) => c.terms.some((t) => t.text === '土著人民健康全国理事会'))!;
      expect(council.terms).toContainEqual(expect.objectContaining({ text: 'National Council for Indigenous Health', lang: 'en', origin: 'extraction' }));
      expect(council.evidence).toEqual({ doc: 'report-zh.txt', zh: '政府向土著人民健康全国理事会提供技术支持。', en: 'The Government provided technical support to the National Council for Indigenous Health.' });
      // Linked names keep the glossary's English and carry no evidence.
      const unhcr = json.concepts.find((c) => c.terms.some((t) => t.text === '难民事务高级专员办事处'))!;
      expect(unhcr.linked).toBe(true);
      expect(unhcr.evidence).toBeUndefined();
      // Without --en the same name has no English.
      const plain = JSON.parse(runCli(['--db', path.join(dir, 'none.sqlite'), 'extract', zhFile, '--json']).stdout) as Json;
      expect(plain.concepts.find((c) => c.terms.some((t) => t.text === '土著人民健康全国理事会'))!.terms.every((t) => t.lang !== 'en')).toBe(true);
    });

    it('refuses a Chinese file given as the English, and a count of --en files that does not match', () => {
      for (const args of [[zhFile, '--en', zhFile], [zhFile, zhFile, '--en', enFile], [zhFile, '--en', path.join(dir, 'missing-en.txt')]]) {
        const r = runCli(['--db', path.join(dir, 'none.sqlite'), 'extract', ...args]);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(/^termdesk: .*(Chinese|one English file per report|missing-en)/);
        expect(r.stdout).toBe('');
      }
    });

    it('ingest --en stores the English name, noted with the sentence pair it was read in', () => {
      const db = path.join(dir, 'ingest-en.sqlite');
      expect(runCli(['--db', db, 'init', '--no-seeds', '--quiet']).code).toBe(0);
      const r = runCli(['--db', db, 'ingest', zhFile, '--en', enFile, '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const shown = runCli(['--db', db, 'lookup', 'National Council for Indigenous Health', '--json']);
      expect(shown.code).toBe(0);
      const id = (JSON.parse(shown.stdout) as { results: Array<{ conceptId: number }> }).results[0].conceptId;
      const concept = JSON.parse(runCli(['--db', db, 'show', String(id), '--json']).stdout) as { terms: Array<{ text: string; note: string | null; source: string }> };
      expect(concept.terms.map((t) => t.text)).toContain('土著人民健康全国理事会');
      const english = concept.terms.find((t) => t.text === 'National Council for Indigenous Health')!;
      expect(english.source).toBe('aligned English of report-zh.txt');
      expect(english.note).toContain('"The Government provided technical support to the National Council for Indigenous Health." = "政府向土著人民健康全国理事会提供技术支持。"');
      // A failing --en stores nothing.
      const before = runCli(['--db', db, 'stats', '--json']).stdout;
      fs.writeFileSync(path.join(dir, 'other-zh.txt'), '另一份报告提到了国际测量师联合会。');
      expect(runCli(['--db', db, 'ingest', path.join(dir, 'other-zh.txt'), '--en', zhFile]).code).toBe(2);
      expect(runCli(['--db', db, 'stats', '--json']).stdout).toBe(before);
    });
  });
});
