// The checker on real UN text: every Chinese sentence of the UN dev set
// (../shared/data/unpc-devset-3000.en-zh.tsv), each checked as a draft against the default database.
// Every error-level finding must be judged in the table of docs/CHECKER.md ("Error-level findings
// on the dev set"), and the table must hold nothing the checker no longer reports: a new error is a
// false alarm to fix or a true slip to add to the table. False alarms stay under 3 per 1,000
// sentences.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDraftInStore } from '../src/check/checker.js';
import { initDatabase } from '../src/setup.js';
import type { Store } from '../src/store/repository.js';
import { type DevRow, devsetRows, judgedDevsetErrors } from './fixtures/check/devset.js';
import { memoryStore } from './helpers.js';

const rows = devsetRows();
let store: Store;
let errors: string[] = [];

beforeAll(async () => {
  if (!rows) return;
  store = memoryStore();
  await initDatabase(store);
  errors = (rows as DevRow[]).flatMap((r) =>
    checkDraftInStore(store, r.zh, { name: `row ${r.row}` })
      .issues.filter((i) => i.severity === 'error')
      .map((i) => `${r.row} ${i.rule} ${i.text} → ${i.suggestion ?? ''}`),
  );
});
afterAll(() => store?.db.close());

describe.runIf(rows)('error-level findings on 3,000 sentences of 2015 UN documents', () => {
  const judged = judgedDevsetErrors();

  it('are exactly the ones judged in docs/CHECKER.md', () => {
    const table = judged.map((j) => `${j.row} ${j.rule} ${j.form} → ${j.suggestion}`);
    expect(errors.sort()).toEqual(table.sort());
  });

  it('hold at most 3 false alarms per 1,000 sentences', () => {
    const falseAlarms = judged.filter((j) => j.verdict === 'false').length;
    expect((falseAlarms * 1000) / (rows as DevRow[]).length).toBeLessThanOrEqual(3);
  });
});
