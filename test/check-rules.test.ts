// The rule registry, rule selection, finding ids and ignores. Each rule's own table of valid and
// invalid sentences is test/check-rules/<rule-id>.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/check/rules/index.js';
import { SEED, check, store } from './check-rules/rule-tester.js';
import { PROJECT_ROOT } from './helpers.js';

const S001_INTRO = SEED.unctadIntroduced;
const S003_IMF = SEED.imfNearMiss;

describe('the rules', () => {
  it('every rule has an id, a description and a default severity, and ids are unique', () => {
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)+$/);
      expect(r.description.length).toBeGreaterThan(20);
      expect(['error', 'warning', 'info']).toContain(r.defaultSeverity);
    }
    expect(new Set(RULES.map((r) => r.id)).size).toBe(8);
  });

  it('every rule has its table of valid and invalid sentences, one file per rule', () => {
    const dir = path.join(PROJECT_ROOT, 'test', 'check-rules');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => f.replace(/\.test\.ts$/, ''));
    expect(files.sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});

describe('selection, ids and ignores', () => {
  it('runs only the rules asked for, and refuses unknown rule ids', () => {
    const r = check(store, S003_IMF, { rules: ['bracket-style'] });
    expect(r.summary.rules).toEqual(['bracket-style']);
    expect(() => check(store, S003_IMF, { rules: ['no-such-rule'] })).toThrow(/unknown rule "no-such-rule"/);
    expect(check(store, S003_IMF, { disable: ['non-standard-name'] }).summary.byRule['non-standard-name']).toBeUndefined();
  });

  it('finding ids survive edits elsewhere in the draft, and ignored ids are left out and counted', () => {
    const before = check(store, S003_IMF);
    const after = check(store, `新增的一段文字。\n${S003_IMF}`);
    const id = before.issues.find((i) => i.rule === 'non-standard-name')!.id;
    expect(after.issues.map((i) => i.id)).toContain(id);
    const ignored = check(store, S003_IMF, { ignore: [id] });
    expect(ignored.issues.map((i) => i.id)).not.toContain(id);
    expect(ignored.summary.ignored).toBe(1);
  });

  it('groups every occurrence by concept', () => {
    const r = check(store, `${S001_INTRO}\n贸发会议和贸发会议。`);
    const unctad = r.concepts.find((c) => c.official === '联合国贸易和发展会议')!;
    expect(unctad.occurrences).toBe(4);
    expect(unctad.forms).toEqual(expect.arrayContaining([expect.objectContaining({ text: '贸发会议', count: 3 })]));
  });
});

describe('one finding per slip, one suggestion per finding (all rules together)', () => {
  const over = (text: string, slip: string) => {
    const at = text.indexOf(slip);
    return check(store, text).issues.filter((i) => i.start < at + slip.length && at < i.end);
  };

  it('a hybrid (联合国开发署) is one error with the short form, not also a short form to introduce', () => {
    const found = over('鼓励联合国开发署继续确保评估这些模式连带的具体信托风险。', '联合国开发署');
    expect(found.map((i) => `${i.rule} ${i.text} → ${i.suggestion}`)).toEqual(['non-standard-name 联合国开发署 → 开发署']);
  });

  it('a near-miss next to the official name is one finding, not also a mixed-names warning', () => {
    const text = '国际货币基金组织发表报告。国际货币组织的报告。';
    expect(over(text, '国际货币组织').map((i) => i.rule)).toEqual(['non-standard-name']);
    expect(check(store, text).issues.filter((i) => i.rule === 'mixed-names')).toEqual([]);
  });

  it('a name in Traditional characters that is also deprecated gets one finding', () => {
    const found = over('聯合國貿發會的報告。', '聯合國貿發會');
    expect(found).toHaveLength(1);
  });
});
