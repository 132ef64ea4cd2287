// The corrections of issue 15 ("Corrections found by a review against UN sources"), each held by
// what a translator sees: a database built from glossary/ as `termdesk init` builds it, then
// lookup (the headline and badges come from `matched`/`preferred`) and the concept as `show`
// prints it (store.getConcept). Each test fails on the glossary as it was before the fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDraftInStore } from '../src/check/checker.js';
import { initDatabase } from '../src/setup.js';
import { type LookupResult, lookup } from '../src/search/lookup.js';
import type { Store } from '../src/store/repository.js';
import { memoryStore } from './helpers.js';

let store: Store;

beforeAll(async () => {
  store = memoryStore();
  await initDatabase(store, { seeds: false });
});
afterAll(() => store.db.close());

/** The concept (as `show` prints it) of a reference glossary id. */
function concept(extId: string) {
  const c = store.getConceptByExtId(extId);
  expect(c, `concept ${extId} in glossary/`).toBeDefined();
  return c!;
}
/** Texts of a concept's terms of one language, type and status. */
function forms(extId: string, lang: string, type: string | null, status: string): string[] {
  return concept(extId)
    .terms.filter((t) => t.lang === lang && (type === null || t.type === type) && t.status === status)
    .map((t) => t.text);
}
/** The lookup result whose matched term is exactly this text (the headline a user sees for it). */
function exactHit(query: string): LookupResult {
  const hit = lookup(store, query, { limit: 20 }).results.find((r) => r.matched.text === query);
  expect(hit, `lookup "${query}" finds a term with exactly this text`).toBeDefined();
  return hit!;
}
const idOf = (extId: string) => concept(extId).id;
/** The checker's findings on a draft, as `form → suggestion (severity)`. */
const checked = (text: string) =>
  checkDraftInStore(store, text, { name: 'draft.txt' }).issues.map((i) => `${i.text} → ${i.suggestion ?? ''} (${i.severity})`);

describe('UNSCEAR: the UN-document Chinese name', () => {
  it('prefers 联合国原子辐射影响问题科学委员会 (UNPC 2015/npt/conf_2015/12), with 科学委员会 as short form', () => {
    expect(forms('unscear', 'zh-Hans', 'fullForm', 'preferred')).toEqual(['联合国原子辐射影响问题科学委员会']);
    expect(forms('unscear', 'zh-Hans', 'shortForm', 'preferred')).toEqual(['科学委员会']);
    const hit = exactHit('联合国原子辐射影响问题科学委员会');
    expect(hit.conceptId).toBe(idOf('unscear'));
    expect(hit.matched.status).toBe('preferred');
  });

  it('keeps the Committee web form 联合国原子辐射效应科学委员会 as admitted, pointing to the document form', () => {
    const hit = exactHit('联合国原子辐射效应科学委员会');
    expect(hit.conceptId).toBe(idOf('unscear'));
    expect(hit.matched.status).toBe('admitted');
    expect(hit.preferred?.text).toBe('联合国原子辐射影响问题科学委员会');
  });
});

describe('CPC: Committee for Programme and Coordination and Central Product Classification', () => {
  it('gives 方案协调会 as the preferred Chinese short form of the Committee', () => {
    expect(forms('cpc', 'zh-Hans', 'shortForm', 'preferred')).toEqual(['方案协调会']);
    const hit = exactHit('方案协调会');
    expect(hit.conceptId).toBe(idOf('cpc'));
    expect(hit.matched.status).toBe('preferred');
    expect(hit.preferred).toBeNull();
  });

  it('no longer offers the unattested 方协会 as a short form: it is deprecated and points to 方案协调会', () => {
    const hit = exactHit('方协会');
    expect(hit.matched.status).toBe('deprecated');
    expect(hit.matched.type).not.toBe('shortForm');
    expect(hit.matched.note).toContain('方案协调会');
  });

  it('"CPC" finds both concepts, the Committee and the Central Product Classification (产品总分类)', () => {
    const hits = lookup(store, 'CPC', { limit: 20 }).results.filter((r) => r.matched.text === 'CPC');
    expect(new Set(hits.map((r) => r.conceptId))).toEqual(new Set([idOf('cpc'), idOf('cpc-classification')]));
    expect(forms('cpc-classification', 'zh-Hans', 'fullForm', 'preferred')).toEqual(['产品总分类']);
    expect(forms('cpc-classification', 'en', 'fullForm', 'preferred')).toEqual(['Central Product Classification']);
    expect(exactHit('产品总分类').conceptId).toBe(idOf('cpc-classification'));
  });
});

describe('World Tourism Organization: the statutory name is not deprecated', () => {
  it('shows 世界旅游组织 as preferred, with 世旅组织 as short form and an English full form', () => {
    const hit = exactHit('世界旅游组织');
    expect(hit.matched.status).toBe('preferred');
    expect(hit.preferred).toBeNull();
    expect(forms('untourism', 'zh-Hans', 'shortForm', 'preferred')).toEqual(['世旅组织']);
    expect(forms('untourism', 'en', 'fullForm', 'preferred')).toEqual(['World Tourism Organization']);
    expect(exactHit('World Tourism Organization').matched.status).toBe('preferred');
  });

  it('the checker accepts 世界旅游组织 and 世旅组织 in a draft', () => {
    expect(checked('世界旅游组织(世旅组织)秘书长的报告。').filter((i) => /世界旅游组织|世旅组织/.test(i))).toEqual([]);
  });

  it('keeps the 2024 brand UN Tourism as an admitted form of the same concept', () => {
    const hit = exactHit('UN Tourism');
    expect(hit.conceptId).toBe(idOf('untourism'));
    expect(hit.matched.status).toBe('admitted');
  });
});

describe('Bolivia and Venezuela: UNBIS labels as short forms, running-text forms as full forms', () => {
  it('admits 玻利维亚多民族国 (attested in UN documents, UNPC 2015/e/c_19/2015/2): found, not deprecated', () => {
    // Its normalised key equals that of the UNBIS label 玻利维亚（多民族国）, so lookup answers with that preferred form.
    const [first] = lookup(store, '玻利维亚多民族国').results;
    expect(first.conceptId).toBe(idOf('country.bol'));
    expect(first.kind).toBe('exact');
    expect(first.matched.status).not.toBe('deprecated');
    expect(forms('country.bol', 'zh-Hans', 'variant', 'admitted')).toContain('玻利维亚多民族国');
    const term = concept('country.bol').terms.find((t) => t.text === '玻利维亚多民族国')!;
    expect(term.verified).toBe(true);
    expect(term.source).toContain('UNPC 2015/e/c_19/2015/2');
  });

  it('does not report 玻利维亚多民族国 in a real UN sentence (UNPC 2015/e/c_19/2015/2, zh line 67)', () => {
    const issues = checked('67. 2014年7月，玻利维亚多民族国政府颁布新的儿童和青少年法，其中纳入了跨文化原则。');
    expect(issues.filter((i) => i.startsWith('玻利维亚'))).toEqual([]);
  });

  it('keeps the UNBIS labels as preferred short forms and the running-text names as preferred full forms', () => {
    expect(forms('country.bol', 'zh-Hans', 'shortForm', 'preferred')).toEqual(['玻利维亚（多民族国）']);
    expect(forms('country.bol', 'zh-Hans', 'fullForm', 'preferred')).toEqual(['多民族玻利维亚国']);
    expect(forms('country.ven', 'zh-Hans', 'shortForm', 'preferred')).toEqual(['委内瑞拉（玻利瓦尔共和国）']);
    expect(forms('country.ven', 'zh-Hans', 'fullForm', 'preferred')).toEqual(['委内瑞拉玻利瓦尔共和国']);
  });
});

describe('ICESCR: the UN-document title', () => {
  it('prefers 《经济、社会及文化权利国际公约》 and admits the authentic-text title', () => {
    expect(forms('doc.icescr', 'zh-Hans', 'fullForm', 'preferred')).toEqual(['《经济、社会及文化权利国际公约》']);
    const authentic = exactHit('《经济社会文化权利国际公约》');
    expect(authentic.conceptId).toBe(idOf('doc.icescr'));
    expect(authentic.matched.status).toBe('admitted');
    expect(authentic.preferred?.text).toBe('《经济、社会及文化权利国际公约》');
  });
});

describe('CAF: current name', () => {
  it('prefers Development Bank of Latin America and the Caribbean; Andean Development Corporation is the former name', () => {
    expect(forms('igo.caf', 'en', 'fullForm', 'preferred')).toEqual(['Development Bank of Latin America and the Caribbean']);
    const former = exactHit('Andean Development Corporation');
    expect(former.conceptId).toBe(idOf('igo.caf'));
    expect(former.matched.status).toBe('admitted');
    expect(former.matched.note).toMatch(/former name/);
  });
});

describe('Chinese short forms of UN bodies', () => {
  it('ICAO: 民航组织 is the short form, 国际民航组织 admitted', () => {
    expect(forms('icao', 'zh-Hans', 'shortForm', 'preferred')).toEqual(['民航组织']);
    const common = exactHit('国际民航组织');
    expect(common.conceptId).toBe(idOf('icao'));
    expect(common.matched.status).toBe('admitted');
  });

  it('PBSO 建设和平支助办, ITC 国贸中心, UNSCEAR 科学委员会 are the preferred short forms', () => {
    expect(forms('pbso', 'zh-Hans', 'shortForm', 'preferred')).toEqual(['建设和平支助办']);
    expect(forms('itc', 'zh-Hans', 'shortForm', 'preferred')).toEqual(['国贸中心']);
    expect(exactHit('国贸中心').conceptId).toBe(idOf('itc'));
    expect(exactHit('建和支助办').matched.status).toBe('deprecated');
    expect(exactHit('贸易中心').matched.status).toBe('deprecated');
  });

  it('IFIP is 国际信息处理联合会; the seed form is admitted', () => {
    expect(forms('igo.ifip', 'zh-Hans', 'fullForm', 'preferred')).toEqual(['国际信息处理联合会']);
    expect(exactHit('国际信息与通信处理联合会').matched.status).toBe('admitted');
  });

  it('the tax committee has no 联合国 in its preferred Chinese name', () => {
    expect(forms('tax-committee', 'zh-Hans', 'fullForm', 'preferred')).toEqual(['国际税务合作专家委员会']);
    expect(forms('tax-committee', 'zh-Hans', 'variant', 'admitted')).toContain('联合国国际税务合作专家委员会');
    expect(lookup(store, '联合国国际税务合作专家委员会').results[0].conceptId).toBe(idOf('tax-committee'));
  });

  it('IDEP, SIAP and CMW: every unverified Chinese form says what is unsure', () => {
    for (const id of ['idep', 'siap', 'cmw']) {
      for (const t of concept(id).terms.filter((x) => x.lang === 'zh-Hans' && !x.verified)) {
        expect(t.note ?? '', `${id}: ${t.text}`).toMatch(/not checked|not attested|not found/);
      }
    }
  });
});

describe('Conference of the Parties: 缔约方会议 for the UNFCCC', () => {
  it('names the UNFCCC COP 缔约方会议 and marks 缔约方大会 for it as deprecated', () => {
    expect(forms('unfccc-cop', 'zh-Hans', 'fullForm', 'preferred')).toEqual(['《联合国气候变化框架公约》缔约方会议']);
    const wrong = exactHit('《联合国气候变化框架公约》缔约方大会');
    expect(wrong.conceptId).toBe(idOf('unfccc-cop'));
    expect(wrong.matched.status).toBe('deprecated');
    expect(wrong.preferred?.text).toBe('《联合国气候变化框架公约》缔约方会议');
  });
});

describe('Eswatini: Chinese transcriptions that are not the UN name', () => {
  it('finds 埃斯瓦蒂尼 and 史瓦帝尼 as deprecated forms of 斯威士兰', () => {
    for (const q of ['埃斯瓦蒂尼', '史瓦帝尼']) {
      const hit = exactHit(q);
      expect(hit.conceptId, q).toBe(idOf('country.swz'));
      expect(hit.matched.status, q).toBe('deprecated');
      expect(hit.matched.note, q).toContain('斯威士兰');
      expect(hit.preferred?.lang, q).toBe('zh-Hans');
      expect(forms('country.swz', 'zh-Hans', null, 'preferred'), q).toContain(hit.preferred!.text);
    }
  });
});

describe('Netherlands: 荷兰 is not flagged on unverified evidence', () => {
  it('admits 荷兰 (2015 UN documents and 2022 UN lists) instead of deprecating it', () => {
    const hit = exactHit('荷兰');
    expect(hit.conceptId).toBe(idOf('country.nld'));
    expect(hit.matched.status).toBe('admitted');
    expect(concept('country.nld').terms.find((t) => t.text === '荷兰')?.verified).toBe(true);
  });

  it('does not report 荷兰 in a real UN sentence (UNPC 2015/a/ac_109/2015/7)', () => {
    expect(checked('领土与荷兰、联合王国和美国有直达海运服务。').filter((i) => i.startsWith('荷兰'))).toEqual([]);
  });
});

describe('General Assembly: 联大 is not shown as the short form', () => {
  it('has no Chinese short form 联大; 联大 is a deprecated variant that points to 大会', () => {
    const ga = concept('ga');
    expect(ga.terms.filter((t) => t.lang === 'zh-Hans' && t.type === 'shortForm').map((t) => t.text)).not.toContain('联大');
    const hit = exactHit('联大');
    expect(hit.conceptId).toBe(ga.id);
    expect(hit.matched.status).not.toBe('preferred');
    expect(hit.matched.type).toBe('variant');
    expect(hit.preferred?.text).toBe('大会');
  });

  it('the checker points 联大 in a draft to 大会', () => {
    expect(checked('联大通过了第70/1号决议。')).toContainEqual(expect.stringMatching(/^联大 → 大会 /));
  });
});

// Problems left by the three glossary expansions, merged by G4 (issue 15).
describe('merge of the three expansions: overlaps and evidence', () => {
  it('ICC is the preferred acronym of the International Criminal Court; the Chamber of Commerce keeps it admitted', () => {
    const hits = lookup(store, 'ICC', { limit: 20 }).results.filter((r) => r.matched.text === 'ICC');
    expect(hits[0].conceptId).toBe(idOf('igo.icc-court'));
    expect(hits[0].matched.status).toBe('preferred');
    const chamber = hits.find((r) => r.conceptId === idOf('igo.icc'));
    expect(chamber?.matched.status).toBe('admitted');
  });

  it('former names are admitted variants with the date they changed (人口委员会, ACC, 环境署理事会)', () => {
    for (const [text, extId] of [
      ['人口委员会', 'cpd'],
      ['Administrative Committee on Coordination', 'ceb'],
      ['发展规划委员会', 'cdp'],
      ['环境署理事会', 'unea'],
    ]) {
      const hit = exactHit(text);
      expect(hit.conceptId, text).toBe(idOf(extId));
      expect(hit.matched.status, text).toBe('admitted');
      expect(hit.matched.note, text).toMatch(/former (name|body) \(until \d{4}/);
    }
  });

  it('the treaty bodies checked in UN documents are verified with the document symbol as source', () => {
    for (const [extId, text, symbol] of [
      ['cat-committee', '禁止酷刑委员会', 'CAT/C/73/2'],
      ['spt', '防范酷刑和其他残忍、不人道或有辱人格的待遇或处罚小组委员会', 'CAT/C/73/2'],
      ['ced', '强迫失踪问题委员会', 'CED/C/24/3'],
      ['doc.icescr', '《经济、社会及文化权利国际公约》', 'E/C.12/2018/3'],
    ]) {
      const term = concept(extId).terms.find((t) => t.text === text)!;
      expect(term.verified, text).toBe(true);
      expect(term.source, text).toContain(symbol);
    }
  });

  it('the Broadband Commission prefers the form of the UN reports, 宽带促进可持续发展委员会 (seeds 001, 002)', () => {
    expect(forms('broadband-commission', 'zh-Hans', 'fullForm', 'preferred')).toEqual(['宽带促进可持续发展委员会']);
    expect(exactHit('可持续发展宽带委员会').preferred?.text).toBe('宽带促进可持续发展委员会');
  });

  it('"Islamic State" is deprecated for ISIL, pointing to the UN form', () => {
    const hit = exactHit('伊斯兰国');
    expect(hit.conceptId).toBe(idOf('sc.group.isil'));
    expect(hit.matched.status).toBe('deprecated');
    expect(hit.preferred?.text).toMatch(/伊拉克和黎凡特伊斯兰国|伊黎伊斯兰国/);
    expect(exactHit('达伊沙').conceptId).toBe(idOf('sc.group.isil'));
  });
});
