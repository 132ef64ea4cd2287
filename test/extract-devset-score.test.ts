// The extraction figures on the development part of the labelled dev set (scripts/score-extraction.ts)
// must not fall below the floors measured when the rules were written (issue 13): a rule that helps
// one sentence and breaks others somewhere in 2,409 rows fails here. The held-out part is never
// scored by the tests (only by `npm run score:extract -- --held-out`, once, for the report).
// Skipped (visibly) when ../shared/data is absent.
import { describe, expect, it } from 'vitest';
import { CORPUS_FILE, scoreExtraction } from '../scripts/score-extraction.js';
import { sharedFile } from './helpers.js';

const corpus = sharedFile('data', 'unpc-devset-3000.en-zh.tsv');

describe.skipIf(!corpus)('extraction on the development part of the dev set', () => {
  it('keeps its recall and precision floors (alias pairs, named entities, English with --en)', { timeout: 300_000 }, () => {
    const r = scoreExtraction({ part: 'dev', english: true, corpusFile: corpus ?? CORPUS_FILE });
    const ratio = (n: number, d: number) => n / d;
    expect(r.part).toBe('dev');
    // Round 3 (3 December 2026): 31/39, 31/32; 986/1,197, 986/1,162; 201/233, 196/201.
    expect(ratio(r.aliases.found, r.aliases.gold)).toBeGreaterThanOrEqual(0.79);
    // Round 4: 31/33. Short titles in title marks ((《公约》), which Council resolutions use for the
    // treaty they cite) pair with their title; row 1034, whose title holds a verb (《遵守国际公共部门
    // 会计准则》(《公共部门会计准则》)), turned from a miss into a pair with the wrong start.
    expect(ratio(r.aliases.correct, r.aliases.predicted)).toBeGreaterThanOrEqual(0.93);
    // Round 4: 992/1,197, 992/1,159.
    expect(ratio(r.entities.found, r.entities.gold)).toBeGreaterThanOrEqual(0.825);
    expect(ratio(r.entities.correct, r.entities.predicted)).toBeGreaterThanOrEqual(0.85);
    // Round 4: 202/235 (85.96 %): two more names found; the English of one (row 682, "Policy
    // Department of the National Defence Commission (NDC) of the DPRK") is not attached.
    expect(ratio(r.english!.attached, r.english!.names)).toBeGreaterThanOrEqual(0.855);
    expect(ratio(r.english!.right, r.english!.attached)).toBeGreaterThanOrEqual(0.97);
  });
});
