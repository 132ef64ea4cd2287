// Checker rule tests as tables, in the style of ESLint's RuleTester: for each rule, sentences it
// must leave alone (valid) and sentences it must report (invalid), with the findings expected as
// "text → suggestion" and, where it matters, properties of each issue. One file per rule
// (test/check-rules/<rule-id>.test.ts), all against the small fixture glossary.
import { describe, expect, it } from 'vitest';
import type { CheckIssue, CheckOptions } from '../../src/check/checker.js';
import { check, findings, fixtureStore, seedParagraph } from '../fixtures/check/helpers.js';

/** Real sentences from the seeds, shared by several rules' tables. */
export const SEED = {
  /** Introduces 贸发会议: 联合国贸易和发展会议(贸发会议). */
  unctadIntroduced: seedParagraph('001', '联合国贸易和发展会议(贸发会议)秘书长的信函'),
  /** Uses 互联网学会. */
  isocInternet: seedParagraph('001', '亚太经社会还与互联网学会合作'),
  /** Uses 因特网学会. */
  isocYintewang: seedParagraph('002', '因特网学会与技术界合作'),
  /** 国际货币组织 (a near-miss of 国际货币基金组织) twice, full-width brackets. */
  imfNearMiss: seedParagraph('003', '国际货币组织（IMF）和世界银行'),
};

export interface RuleCase {
  /** What the case shows (the test's name); the text itself when not given. */
  name?: string;
  text: string;
  /** The English source (bilingual rules). */
  source?: string;
}

export interface InvalidCase extends RuleCase {
  /** The rule's findings, in order, as "text → suggestion" (∅ for none). */
  findings?: string[];
  /** The rule's issues, in order: each matched with toMatchObject (so only the fields given count). */
  issues?: Array<Partial<Record<keyof CheckIssue, unknown>>>;
}

const store = fixtureStore();

function run(ruleId: string, c: RuleCase) {
  const options: CheckOptions = { rules: [ruleId] };
  if (c.source !== undefined) options.source = { name: 'en.txt', text: c.source };
  return check(store, c.text, options);
}

const title = (c: RuleCase) => c.name ?? (c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text);

/** The table of one rule: valid sentences give no finding, invalid ones exactly the findings given. */
export function ruleTester(ruleId: string, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    it.each(cases.valid.map((c) => [title(c), c] as const))('valid: %s', (_title, c) => {
      expect(run(ruleId, c).issues).toEqual([]);
    });

    it.each(cases.invalid.map((c) => [title(c), c] as const))('invalid: %s', (_title, c) => {
      if (c.findings === undefined && c.issues === undefined) throw new Error('an invalid case needs findings or issues');
      const r = run(ruleId, c);
      expect(r.issues.every((i) => i.rule === ruleId)).toBe(true);
      if (c.findings !== undefined) expect(findings(r, ruleId)).toEqual(c.findings);
      if (c.issues !== undefined) {
        expect(r.issues).toHaveLength(c.issues.length);
        c.issues.forEach((want, k) => expect(r.issues[k]).toMatchObject(want));
      }
    });
  });
}

export { check, store };
