// Every rule on drafts built from the seeds' own paragraphs with planted errors, against the
// fixture glossary; plus rule selection, ids and ignores.
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/check/rules/index.js';
import { check, findings, fixtureStore, seedParagraph } from './fixtures/check/helpers.js';

const store = fixtureStore();

// Real sentences from the seeds.
const S001_INTRO = seedParagraph('001', '联合国贸易和发展会议(贸发会议)秘书长的信函'); // introduces 贸发会议
const S001_ISOC = seedParagraph('001', '亚太经社会还与互联网学会合作'); // uses 互联网学会
const S002_ISOC = seedParagraph('002', '因特网学会与技术界合作'); // uses 因特网学会
const S003_IMF = seedParagraph('003', '国际货币组织（IMF）和世界银行'); // 国际货币组织, full-width brackets

describe('the rules', () => {
  it('every rule has an id, a description and a default severity, and ids are unique', () => {
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)+$/);
      expect(r.description.length).toBeGreaterThan(20);
      expect(['error', 'warning', 'info']).toContain(r.defaultSeverity);
    }
    expect(new Set(RULES.map((r) => r.id)).size).toBe(8);
  });
});

describe('non-standard-name', () => {
  it('reports the near-misses of seed 003 (twice in its paragraph) as errors, with the official name', () => {
    const r = check(store, S003_IMF, { rules: ['non-standard-name'] });
    expect(findings(r, 'non-standard-name')).toEqual(['国际货币组织 → 国际货币基金组织', '国际货币组织 → 国际货币基金组织']);
    expect(r.issues[0]).toMatchObject({ severity: 'error', conceptId: expect.any(Number) });
  });

  it('reports a deprecated form planted in a seed paragraph', () => {
    const draft = S001_INTRO.replace('联合国贸易和发展会议(贸发会议)', '联合国贸发会');
    const r = check(store, draft, { rules: ['non-standard-name'] });
    expect(findings(r, 'non-standard-name')).toEqual(['联合国贸发会 → 联合国贸易和发展会议']);
  });

  it('inside a quoted title the finding is a warning, not an error', () => {
    const r = check(store, '见《因特网学会年度报告》。', { rules: ['non-standard-name'] });
    expect(r.issues.map((i) => i.severity)).toEqual(['warning']);
  });

  it('finds nothing in a correct paragraph', () => {
    expect(check(store, S001_ISOC, { rules: ['non-standard-name'] }).issues).toEqual([]);
  });
});

describe('mixed-names', () => {
  it('reports one body named two ways (互联网学会 and 因特网学会, from seeds 001 and 002)', () => {
    const r = check(store, `${S001_ISOC}\n${S002_ISOC}`, { rules: ['mixed-names'] });
    expect(findings(r, 'mixed-names')).toEqual(['因特网学会 → 互联网学会']);
    expect(r.issues[0].message).toContain('互联网学会 (1×)');
  });

  it('reports 信息通信技术 next to 信息和通信技术', () => {
    const r = check(store, '信息和通信技术促进发展。信息通信技术的作用。信息和通信技术的应用。', { rules: ['mixed-names'] });
    expect(findings(r, 'mixed-names')).toEqual(['信息通信技术 → 信息和通信技术']);
  });

  it('a full name and its short form are one naming, not two', () => {
    expect(check(store, S001_INTRO, { rules: ['mixed-names'] }).issues).toEqual([]);
  });
});

describe('short forms', () => {
  const later = '贸发会议继续开展电子商务促进发展的工作。';

  it('short-form-before-full: the short form used before its introduction', () => {
    const r = check(store, `${later}\n${S001_INTRO}`, { rules: ['short-form-before-full'] });
    expect(findings(r, 'short-form-before-full')).toEqual(['贸发会议 → 联合国贸易和发展会议(贸发会议)']);
    expect(r.issues[0].line).toBe(1);
  });

  it('short-form-undefined: a short form never introduced (warning), once per body', () => {
    const r = check(store, `${later}\n${later}`, { rules: ['short-form-undefined'] });
    expect(findings(r, 'short-form-undefined')).toEqual(['贸发会议 → 联合国贸易和发展会议（贸发会议）']);
    expect(r.issues[0].severity).toBe('warning');
    expect(r.issues[0].message).toContain('2 times');
  });

  it('full-form-repeated: the full form again after the introduction', () => {
    const r = check(store, `${S001_INTRO}\n联合国贸易和发展会议秘书处编写了本报告。`, { rules: ['full-form-repeated'] });
    expect(findings(r, 'full-form-repeated')).toEqual(['联合国贸易和发展会议 → 贸发会议']);
    expect(r.issues[0].line).toBe(2);
  });

  it('an introduction satisfies all three rules; titles, quotes and exempt short forms are left alone', () => {
    const draft = `${S001_INTRO}\n贸发会议发布了《贸发会议数字经济报告》。大会通过了决议。`;
    const r = check(store, draft, { rules: ['short-form-before-full', 'short-form-undefined', 'full-form-repeated'] });
    expect(r.issues).toEqual([]);
  });

  it('country short forms need no introduction', () => {
    expect(check(store, '中国和印度代表发了言。', { rules: ['short-form-undefined'] }).issues).toEqual([]);
  });
});

describe('traditional-characters', () => {
  it('reports Traditional runs in a Simplified paragraph as one finding each', () => {
    const r = check(store, S001_ISOC.replace('互联网学会', '互聯網學會').replace('合作', '合作開發'), { rules: ['traditional-characters'] });
    expect(findings(r, 'traditional-characters')).toEqual(['聯網學會 → 联网学会', '開發 → 开发']);
    expect(r.issues[0].severity).toBe('error');
  });

  it('a Traditional draft gets one note instead of an error per character', () => {
    const r = check(store, '國際電信聯盟與聯合國貿易和發展會議合作。', { rules: ['traditional-characters'] });
    expect(r.issues.map((i) => i.severity)).toEqual(['info']);
  });
});

describe('bracket-style', () => {
  it('reports the minority bracket style around aliases', () => {
    const draft = `${S003_IMF}\n国际电信联盟(国际电联)和世界贸易组织（WTO）。`;
    const r = check(store, draft, { rules: ['bracket-style'] });
    expect(findings(r, 'bracket-style')).toEqual(['(国际电联) → （国际电联）']);
  });

  it('reports a bracket that opens full-width and closes half-width', () => {
    const r = check(store, '世界贸易组织（WTO)的报告。', { rules: ['bracket-style'] });
    expect(findings(r, 'bracket-style')).toEqual(['（WTO) → （WTO）']);
  });

  it('one consistent style is fine, and brackets that hold no alias are not counted', () => {
    expect(check(store, `${S001_INTRO}\n国际电信联盟(国际电联)在 2020 年（疫情期间）开会。`, { rules: ['bracket-style'] }).issues).toEqual([]);
  });
});

describe('missing-equivalent (bilingual)', () => {
  const source = 'The International Telecommunication Union (ITU) and the World Trade Organization worked with the Internet Society.';

  it('reports English glossary terms whose Chinese is absent from the draft, in the source', () => {
    const r = check(store, '国际电信联盟(国际电联)与互联网学会合作。', { source: { name: 'en.txt', text: source }, rules: ['missing-equivalent'] });
    expect(findings(r, 'missing-equivalent')).toEqual(['World Trade Organization → 世界贸易组织']);
    expect(r.issues[0]).toMatchObject({ in: 'source', line: 1, column: source.indexOf('World Trade') + 1 });
  });

  it('does not run without a source', () => {
    expect(check(store, '你好。').summary.rules).not.toContain('missing-equivalent');
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
