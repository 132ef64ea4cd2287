// The glossary's coverage of the official names a reviewer labelled in the UNPC development set
// (scripts/glossary-coverage.ts, issue 15). The labels and the exclusions are in the repository, so
// the floor never skips.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EXCLUSIONS_FILE,
  LABELS_DIR,
  measureCoverage,
  nameKey,
  readDevsetNames,
  readExclusions,
} from '../scripts/glossary-coverage.js';
import { GLOSSARY_DIR } from '../src/paths.js';
import { parseGlossaryFile, readGlossaryDir } from '../src/reference/glossary.js';
import { tempDir } from './helpers.js';

const HEADER = 'id\tcategory\tlang\ttype\tstatus\ttext\tsource\tverified\tnote';
const glossary = (...rows: string[][]) => parseGlossaryFile([HEADER, ...rows.map((r) => r.join('\t'))].join('\n'), 'test.tsv');
const name = (kind: string, zh: string, en: string) => ({ kind, zh, en, rows: [{ row: 1, doc: 'doc/a' }] });

describe('glossary coverage of the dev-set names', () => {
  it('finds at least 90 % of the official names in scope with both languages, and every exclusion matches a label', () => {
    const report = measureCoverage(readGlossaryDir(GLOSSARY_DIR).concepts, readDevsetNames(LABELS_DIR), readExclusions(EXCLUSIONS_FILE));
    expect(report.total).toBeGreaterThanOrEqual(400);
    const missing = report.names.filter((n) => n.found !== 'both').map((n) => `${n.zh} / ${n.en}`);
    expect(report.both / report.total, missing.slice(0, 10).join('; ')).toBeGreaterThanOrEqual(0.9);
    expect(report.staleExclusions.map((e) => e.line)).toEqual([]);
  });

  it('keys names without title marks, quotes, a leading "the" or hyphens the corpus lost', () => {
    expect(nameKey('《联合国宪章》')).toBe('联合国宪章');
    expect(nameKey('"五加一"小组')).toBe('五加一小组');
    expect(nameKey('The Non-Proliferation Treaty')).toBe(nameKey('NonProliferation Treaty'));
  });

  it('counts a name only when one concept holds both its Chinese and its English', () => {
    const concepts = glossary(
      ['a', 'body', 'zh-Hans', 'fullForm', 'preferred', '人权理事会', 'x', 'yes', ''],
      ['a', '', 'en', 'fullForm', 'preferred', 'Human Rights Council', 'x', 'yes', ''],
      ['b', 'body', 'zh-Hans', 'fullForm', 'preferred', '联合国国家工作队', 'x', 'yes', ''],
      ['b', '', 'en', 'fullForm', 'preferred', 'United Nations country team', 'x', 'yes', ''],
      ['c', 'body', 'zh-Hans', 'fullForm', 'preferred', '安全理事会', 'x', 'yes', ''],
      ['d', 'body', 'en', 'fullForm', 'preferred', 'Security Council', 'x', 'yes', ''],
    );
    const report = measureCoverage(
      concepts,
      [
        name('body', '人权理事会', 'the Human Rights Council'),
        name('body', '联合国国家工作队', 'United Nations country teams'),
        name('body', '安全理事会', 'Security Council'),
        name('office', '内政部', 'Ministry of the Interior'),
      ],
      [{ zh: '内政部', en: 'Ministry of the Interior', class: 'national', reason: "a State's ministry", line: 6 }],
    );
    expect(report.names.map((n) => n.found)).toEqual(['both', 'both', 'zh-only']);
    expect(report).toMatchObject({ total: 3, both: 2, byKind: { body: { total: 3, both: 2 } } });
    expect(report.excluded.map((e) => e.zh)).toEqual(['内政部']);
  });

  it('refuses an exclusion file with an unknown class, naming the line', () => {
    const file = path.join(tempDir('termdesk-cov-'), 'x.tsv');
    fs.writeFileSync(file, '# comment\nzh\ten\tclass\treason\n内政部\tMinistry\tforeign\twhy\n');
    expect(() => readExclusions(file)).toThrow(/x\.tsv:3: class must be one of/);
  });
});
