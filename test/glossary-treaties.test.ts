// The treaties, treaty meetings and conferences of the reference glossary (issue 15): a translator who
// types an English name, an acronym or a Chinese title without its 《》 gets the UN form, and the
// per-convention wording of "Conference of the Parties" (缔约方会议 / 缔约方大会) is kept.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGlossary, readGlossaryDir } from '../src/reference/glossary.js';
import { GLOSSARY_DIR } from '../src/paths.js';
import { lookup } from '../src/search/lookup.js';
import type { Store } from '../src/store/repository.js';
import { memoryStore } from './helpers.js';

const preferredZh = (store: Store, query: string) => {
  const top = lookup(store, query, { limit: 3 }).results[0];
  expect(top, query).toBeDefined();
  return top.terms.filter((t) => t.lang === 'zh-Hans' && t.status === 'preferred').map((t) => t.text);
};

describe('treaties, treaty meetings and conferences in the reference glossary', () => {
  let store: Store;
  beforeAll(() => {
    store = memoryStore();
    loadGlossary(store, readGlossaryDir(GLOSSARY_DIR));
  });

  const cases: Array<[string, string]> = [
    ['Treaty on the Non-Proliferation of Nuclear Weapons', '《不扩散核武器条约》'],
    ['不扩散核武器条约', '《不扩散核武器条约》'],
    ['NPT Review Conference', '不扩散核武器条约缔约国审议大会'],
    ['UNTOC', '《联合国打击跨国有组织犯罪公约》'],
    ['Organized Crime Convention', '《有组织犯罪公约》'],
    ['Conference of the States Parties to the United Nations Convention against Corruption', '《联合国反腐败公约》缔约国会议'],
    ['Conference of the Parties to the United Nations Convention against Transnational Organized Crime', '联合国打击跨国有组织犯罪公约缔约方会议'],
    ['Habitat III', '联合国住房和城市可持续发展大会（人居三）'],
    ['Rome Statute', '《国际刑事法院罗马规约》'],
    ['Fourth Geneva Convention', '《日内瓦第四公约》'],
  ];
  for (const [query, zh] of cases) {
    it(`${query} → ${zh}`, () => {
      expect(preferredZh(store, query)).toContain(zh);
    });
  }

  it('writes 缔约方大会 for the CBD, Basel, Rotterdam, Stockholm and UNCCD Conferences of the Parties and 缔约方会议 for the UNFCCC sessions', () => {
    for (const query of [
      'Conference of the Parties to the Convention on Biological Diversity',
      'Conference of the Parties to the Basel Convention',
      'Conference of the Parties to the Rotterdam Convention',
      'Conference of the Parties to the Stockholm Convention',
      'Conference of the Parties to the United Nations Convention to Combat Desertification',
    ]) {
      const zh = preferredZh(store, query);
      expect(zh.some((t) => t.endsWith('缔约方大会')), `${query}: ${zh.join(' / ')}`).toBe(true);
    }
    for (const query of ['COP 21', 'twenty-first session of the Conference of the Parties to the United Nations Framework Convention on Climate Change']) {
      expect(preferredZh(store, query)).toContain('《联合国气候变化框架公约》缔约方会议第二十一届会议');
    }
  });

  it('keeps the CBD meetings (第N次会议) apart from the UNFCCC sessions (第N届会议)', () => {
    expect(preferredZh(store, 'CBD COP 15')).toContain('《生物多样性公约》缔约方大会第十五次会议');
    expect(preferredZh(store, 'COP 15')).toContain('《联合国气候变化框架公约》缔约方会议第十五届会议');
  });
});
