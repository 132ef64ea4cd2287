// The checker on the unchanged seeds against the default database (reference glossary + seeds):
// the real problems are found, and the error-level findings are exactly the ones judged in
// docs/CHECKER.md (every one of them read and judged true; a new error here is a false alarm
// to fix or a new true finding to add to the table).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDatabase } from '../src/setup.js';
import { checkDraftInStore, type CheckResult } from '../src/check/checker.js';
import type { Store } from '../src/store/repository.js';
import { PROJECT_ROOT, memoryStore } from './helpers.js';

let store: Store;
const results = new Map<string, CheckResult>();
const seedsDir = path.join(PROJECT_ROOT, 'seeds');

beforeAll(async () => {
  store = memoryStore();
  await initDatabase(store);
  for (const f of fs.readdirSync(seedsDir).sort()) {
    results.set(f.slice(0, 3), checkDraftInStore(store, fs.readFileSync(path.join(seedsDir, f), 'utf8'), { name: f }));
  }
});
afterAll(() => store?.db.close());

/** The error table of docs/CHECKER.md: seed, line, form. */
function documentedErrors(): string[] {
  const doc = fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'CHECKER.md'), 'utf8');
  const table = doc.split('<!-- seed-errors -->')[1]?.split('<!-- /seed-errors -->')[0] ?? '';
  return table
    .split('\n')
    .filter((l) => /^\|\s*\d{3}\s*\|/.test(l))
    .map((l) => {
      const cells = l.split('|').map((c) => c.trim());
      return `${cells[1]}:${cells[2]} ${cells[4]}`;
    });
}

describe('the seeds against the default database', () => {
  it('finds 国际货币组织 in seed 003 as an error, pointing to 国际货币基金组织', () => {
    const hits = results.get('003')!.issues.filter((i) => i.text === '国际货币组织');
    expect(hits.length).toBe(2);
    for (const h of hits) expect(h).toMatchObject({ rule: 'non-standard-name', severity: 'error', suggestion: '国际货币基金组织' });
  });

  it('finds that seed 001 names the Internet Society two ways (互联网学会 and 因特网学会)', () => {
    const mixed = results.get('001')!.issues.filter((i) => i.rule === 'mixed-names' && i.text === '因特网学会');
    expect(mixed).toHaveLength(1);
    expect(mixed[0].suggestion).toBe('互联网学会');
  });

  it('reports exactly the error-level findings judged in docs/CHECKER.md', () => {
    const actual = [...results.entries()].flatMap(([seed, r]) =>
      r.issues.filter((i) => i.severity === 'error').map((i) => `${seed}:${i.line}:${i.column} ${i.text}`),
    );
    expect(actual.sort()).toEqual(documentedErrors().sort());
  });

  it('offsets, lines and columns point at the reported text', () => {
    for (const [seed, r] of results) {
      const f = fs.readdirSync(seedsDir).find((x) => x.startsWith(seed))!;
      const text = fs.readFileSync(path.join(seedsDir, f), 'utf8');
      const lines = text.split('\n');
      for (const i of r.issues) {
        expect(text.slice(i.start, i.end)).toBe(i.text);
        expect(lines[i.line - 1].slice(i.column - 1, i.column - 1 + i.text.length)).toBe(i.text);
      }
    }
  });
});
