// Brackets that are not aliases must never become one. The sentences are the seeds' own; the test
// runs the whole pipeline (with the project glossary) and fails if any bracket content below shows
// up as a term, or if a document symbol is attached to the words before it.
import { describe, expect, it } from 'vitest';
import { extractFromTexts } from '../src/extract/pipeline.js';
import { allSeeds, bracketCandidates, projectReference } from './fixtures/extract/helpers.js';

const NOT_ALIASES: Array<{ sentence: string; inner: string }> = [
  { sentence: '下列发言者随后发言：巴巴多斯代表(代表 77 国集团和中国发言)、菲律宾代表(代表亚太集团)、大韩民国代表。', inner: '代表亚太集团' },
  { sentence: '目前第71号决议（2018年，迪拜，修订版）有关2020-2023年战略规划目标的总体目标均涉及数字治理。', inner: '2018年，迪拜，修订版' },
  { sentence: '人工智能和其他新兴技术创新(如量子计算)改变经济、社会和文化生活各方面的潜力既引发了兴趣。', inner: '如量子计算' },
  { sentence: '专家们欢迎贸发会议和工作组的工作,并商定了工作组第 3 次会议的拟议议题(见第一章)。', inner: '见第一章' },
  { sentence: '第三位嘉宾根据联合国关于隐私权的报告(A/76/220)的结论，讨论了疫情期间卫生监测。', inner: 'A/76/220' },
  { sentence: '互联网学会和非洲网络信息中心(即非洲的区域互联网注册机构)发起了一个项目。', inner: '即非洲的区域互联网注册机构' },
  { sentence: '选举费布里安·鲁迪亚德先生(印度尼西亚)为主席, 选举马赛厄斯·弗兰克先生(智利)为副主席。', inner: '印度尼西亚' },
  { sentence: '(a) 公共治理当局和所有利益攸关方在推动信息和通信技术促进发展方面的作用(C1)', inner: 'C1' },
  { sentence: '关于信息社会世界峰会行动方针(议程项目 3)的讨论。', inner: '议程项目 3' },
];

describe('brackets that are not aliases', () => {
  const reference = projectReference();

  for (const { sentence, inner } of NOT_ALIASES) {
    it(`(${inner}) is not an alias`, () => {
      for (const ref of [undefined, reference]) {
        const candidates = bracketCandidates(sentence, ref);
        expect(candidates.flatMap((c) => c.terms.map((t) => t.text))).not.toContain(inner.replace(/\s+/g, ''));
        expect(candidates.flatMap((c) => c.terms.map((t) => t.text))).not.toContain(inner);
        const result = extractFromTexts([{ name: 's.txt', text: sentence }], { reference: ref, recurring: false });
        for (const concept of result.concepts) {
          const extracted = concept.terms.filter((t) => t.origin === 'extraction').map((t) => t.text);
          if (extracted.includes(inner)) {
            // Only a document symbol may stand alone as a term: the symbol of a document, not an alias.
            expect(inner).toMatch(/^[A-Z]+\//);
            expect(concept.terms.map((t) => t.text)).toEqual([inner]);
          }
        }
      }
    });
  }

  it('in the five seeds, no short form or acronym is an explanation, a date, a place or a symbol', () => {
    const aliases = allSeeds().flatMap((s) =>
      bracketCandidates(s.text, reference).flatMap((c) => c.terms.filter((t) => t.type === 'shortForm' || t.type === 'acronym').map((t) => t.text)),
    );
    expect(aliases.length).toBeGreaterThan(60);
    for (const alias of aliases) {
      expect(alias, alias).not.toMatch(/^(代表|见|如|即|包括|特别是|主要|议程项目|第|例如)/u);
      expect(alias, alias).not.toMatch(/[，,：:；;]|\d{4}年/u);
      expect(alias, alias).not.toMatch(/^[A-Z]{1,6}\/[A-Z0-9]/);
      expect(alias, alias).not.toMatch(/^C\d{1,2}$/); // action-line codes C1 … C11 (G20 is a group)
    }
    for (const { inner } of NOT_ALIASES) expect(aliases).not.toContain(inner);
  });
});
