// Recall on drafted slips (test/data/check-slips.tsv): each slip, built from real sentences of the
// UN dev set, must get exactly one finding over it, and applying that finding's one suggestion must
// give the text the table expects. The floor is 95 % of the slips; every kind of slip is present.
// The drafts are checked against the default database (reference glossary + seeds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDraftInStore } from '../src/check/checker.js';
import { initDatabase } from '../src/setup.js';
import type { Store } from '../src/store/repository.js';
import { type DevRow, SLIP_KINDS, devsetRows, missReason, slipDraft, slipTable } from './fixtures/check/devset.js';
import { memoryStore } from './helpers.js';

const rows = devsetRows();
const slips = slipTable();
let store: Store;

beforeAll(async () => {
  store = memoryStore();
  await initDatabase(store);
});
afterAll(() => store?.db.close());

describe.runIf(rows)('drafted slips on real UN sentences', () => {
  it('the table has at least 60 slips and every kind', () => {
    expect(slips.length).toBeGreaterThanOrEqual(60);
    expect(new Set(slips.map((s) => s.kind))).toEqual(new Set(SLIP_KINDS));
    expect(new Set(slips.map((s) => s.id)).size).toBe(slips.length);
  });

  it('finds at least 95 % of them, each with one finding and the right suggestion', () => {
    const misses: string[] = [];
    for (const slip of slips) {
      const { draft, at } = slipDraft(slip, rows as DevRow[]);
      const why = missReason(slip, draft, at, checkDraftInStore(store, draft, { name: slip.id }));
      if (why) misses.push(`${slip.id} ${slip.kind} ${slip.slip}: ${why}`);
    }
    const recall = (slips.length - misses.length) / slips.length;
    expect(recall, `missed:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.95);
  });

  it('the unchanged sentences give no finding where the slips are put', () => {
    // The slip is the edit, not the sentence: the same place in the original rows is quiet.
    const noisy: string[] = [];
    for (const slip of slips) {
      if (slip.edits.length === 0) continue;
      const original = slip.rows.map((r) => (rows as DevRow[])[r - 1].zh).join('\n');
      const [find] = slip.edits[0];
      const start = original.indexOf(find);
      const end = start + find.length;
      const over = checkDraftInStore(store, original, { name: slip.id }).issues.filter((i) => i.start < end && start < i.end && i.severity === 'error');
      if (over.length) noisy.push(`${slip.id}: ${over.map((i) => `${i.text} → ${i.suggestion}`).join('; ')}`);
    }
    expect(noisy).toEqual([]);
  });
});
