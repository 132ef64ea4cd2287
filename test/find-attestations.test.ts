// The glossary's attestation tool (scripts/find-attestations.ts): what counts as evidence that a
// form is the UN form of a concept, on small hand-made sentence pairs and UNBIS rows.
import { describe, expect, it } from 'vitest';
import {
  type SentencePair,
  evidenceData,
  evidenceFor,
  findOverlaps,
  formKey,
  noteAfterVerification,
  occurrences,
  sentencePair,
  sourceAfterVerification,
  standsAlone,
  tooGeneric,
  unsureClause,
} from '../scripts/find-attestations.js';
import { type RefConcept, parseGlossaryFile } from '../src/reference/glossary.js';

const HEADER = 'id\tcategory\tlang\ttype\tstatus\ttext\tsource\tverified\tnote';
const glossary = (...rows: string[][]) => parseGlossaryFile([HEADER, ...rows.map((r) => r.join('\t'))].join('\n'), 'test.tsv');
const concept = (...rows: string[][]) => glossary(...rows)[0];
const term = (c: RefConcept, text: string) => c.terms.find((t) => t.text === text)!;
/** Evidence of one term with only these pairs / UNBIS rows / seeds, the glossary being `all`. */
function evidence(c: RefConcept, text: string, opts: { pairs?: SentencePair[]; unbis?: Array<{ id: string; en: string; zh: string }>; seeds?: string[]; all?: RefConcept[]; labels?: Map<number, Array<{ zhKey: string; enKey: string }>> }) {
  const data = evidenceData(
    opts.all ?? [c],
    opts.pairs ?? [],
    opts.unbis ?? [],
    (opts.seeds ?? []).map((text, i) => ({ label: `seed:00${i}`, text })),
    opts.labels,
  );
  return evidenceFor(c, term(c, text), data);
}
const sources = (ev: ReturnType<typeof evidence>) => ev.found.map((f) => f.source);

const NPT = concept(
  ['treaty.npt', 'document', 'zh-Hans', 'fullForm', 'preferred', '《不扩散核武器条约》', 'x', 'no', ''],
  ['treaty.npt', '', 'en', 'fullForm', 'preferred', 'Treaty on the Non-Proliferation of Nuclear Weapons', 'x', 'no', ''],
  ['treaty.npt', '', 'en', 'acronym', 'preferred', 'NPT', 'x', 'no', ''],
  ['treaty.npt', '', 'en', 'shortForm', 'admitted', 'Treaty', 'x', 'no', ''],
);

describe('find-attestations: matching forms in sentences', () => {
  it('keys a title without its marks, nested marks included', () => {
    expect(formKey('《关于执行1982年12月10日〈联合国海洋法公约〉第十一部分的协定》')).toBe('关于执行1982年12月10日联合国海洋法公约第十一部分的协定');
    expect(formKey('Treaty on the Non-Proliferation of Nuclear Weapons')).toBe('treaty on the non-proliferation of nuclear weapons');
  });

  it('matches Latin forms on word boundaries only, a plural only when asked', () => {
    expect(occurrences(formKey('a catalogue of treaties'), formKey('CAT'))).toEqual([]);
    expect(occurrences(formKey('Parties to the NPT, and others'), formKey('NPT'))).toHaveLength(1);
    expect(occurrences(formKey('《不扩散条约》第六条'), formKey('不扩散条约'))).toEqual([0]);
    expect(occurrences('the sanctions committees met', 'sanctions committee')).toEqual([]);
    expect(occurrences('the sanctions committees met', 'sanctions committee', true)).toEqual([4]);
  });

  it('does not count a form that only stands inside a longer form', () => {
    const long = formKey('United Nations Convention against Corruption');
    const short = formKey('Convention against Corruption');
    expect(standsAlone(formKey('the United Nations Convention against Corruption entered into force'), short, [long, short])).toBe(false);
    expect(standsAlone(formKey('the Convention against Corruption provisions'), short, [long, short])).toBe(true);
  });

  it('treats one-word English forms and Chinese forms under three characters as too generic', () => {
    expect(tooGeneric(term(NPT, 'Treaty'))).toBe(true);
    expect(tooGeneric(term(NPT, 'NPT'))).toBe(false);
    expect(tooGeneric({ lang: 'zh-Hans', type: 'fullForm', text: '《公约》' })).toBe(true);
    expect(tooGeneric({ lang: 'zh-Hans', type: 'fullForm', text: '安理会' })).toBe(false);
  });
});

describe('find-attestations: evidence from the dev set', () => {
  it('finds a title nested in a longer name with its own marks (第三次《佩林达巴条约》缔约国大会)', () => {
    const csp = concept(
      ['tb.pelindaba-csp', 'meeting', 'zh-Hans', 'fullForm', 'preferred', '《佩林达巴条约》缔约国大会', 'x', 'no', ''],
      ['tb.pelindaba-csp', '', 'en', 'fullForm', 'preferred', 'Conference of States Parties to the Treaty of Pelindaba', 'x', 'no', ''],
    );
    const pair = sentencePair('2015/npt/conf_2015/2', 'The Third Conference of States Parties to the Treaty of Pelindaba noted ...', '第三次《佩林达巴条约》缔约国大会注意到……');
    expect(sources(evidence(csp, '《佩林达巴条约》缔约国大会', { pairs: [pair] }))).toEqual(['UNPC 2015/npt/conf_2015/2']);
  });

  it('needs a name of the concept in the aligned sentence, and reports the form alone otherwise', () => {
    const unaligned = sentencePair('doc/a', 'States that have not acceded to the Treaty', '尚未加入《不扩散核武器条约》的国家', 1);
    const aligned = sentencePair('doc/b', 'States that have not acceded to the NPT', '尚未加入《不扩散核武器条约》的国家', 2);
    const ev = evidence(NPT, '《不扩散核武器条约》', { pairs: [unaligned, aligned] });
    expect(sources(ev)).toEqual(['UNPC doc/b']);
    expect(ev.alone).toEqual(['UNPC doc/a (row 1)']);
  });

  it('does not take a generic back-reference ("the Treaty") as the aligned name', () => {
    const pair = sentencePair('doc/c', 'Parties to the Treaty', '《不扩散核武器条约》缔约国');
    expect(sources(evidence(NPT, '《不扩散核武器条约》', { pairs: [pair] }))).toEqual([]);
  });

  it('matches an acronym in its own case only', () => {
    const isa = concept(
      ['isa', 'organization', 'zh-Hans', 'fullForm', 'preferred', '国际海底管理局', 'x', 'no', ''],
      ['isa', '', 'en', 'acronym', 'preferred', 'ISA', 'x', 'no', ''],
    );
    const lower = sentencePair('doc/l', 'the isa of the Authority', '国际海底管理局的');
    const upper = sentencePair('doc/u', 'ISA', '国际海底管理局');
    expect(sources(evidence(isa, 'ISA', { pairs: [lower, upper] }))).toEqual(['UNPC doc/u']);
  });

  it('keeps the capitals of an English form: "commission of inquiry" does not attest "Commission of Inquiry"', () => {
    const coi = concept(
      ['hrc.coi', 'body', 'zh-Hans', 'fullForm', 'preferred', '调查委员会', 'x', 'no', ''],
      ['hrc.coi', '', 'en', 'fullForm', 'preferred', 'Commission of Inquiry on Syria', 'x', 'no', ''],
      ['hrc.coi', '', 'en', 'fullForm', 'admitted', 'commission of inquiry on Syria', 'x', 'no', ''],
    );
    const pair = sentencePair('doc/c', 'the commission of inquiry on Syria reported', '调查委员会报告');
    expect(sources(evidence(coi, 'Commission of Inquiry on Syria', { pairs: [pair] }))).toEqual([]);
    expect(sources(evidence(coi, 'commission of inquiry on Syria', { pairs: [pair] }))).toEqual(['UNPC doc/c']);
  });

  it('masks a form that stands inside a longer name labelled in that dev-set row (协商小组 in 国际农业研究协商小组)', () => {
    const group = concept(
      ['hrc.consultative-group', 'body', 'zh-Hans', 'fullForm', 'preferred', '协商小组', 'x', 'no', ''],
      ['hrc.consultative-group', '', 'en', 'fullForm', 'preferred', 'Consultative Group', 'x', 'no', ''],
    );
    const pair = sentencePair('2015/e/2015/9/add_4', 'Consultative Group on International Agricultural Research', '国际农业研究协商小组', 2577);
    const labels = new Map([[2577, [{ zhKey: formKey('国际农业研究协商小组'), enKey: formKey('Consultative Group on International Agricultural Research') }]]]);
    expect(sources(evidence(group, '协商小组', { pairs: [pair] }))).toEqual(['UNPC 2015/e/2015/9/add_4']);
    expect(sources(evidence(group, '协商小组', { pairs: [pair], labels }))).toEqual([]);
    expect(sources(evidence(group, 'Consultative Group', { pairs: [pair], labels }))).toEqual([]);
  });

  it('masks a form inside a longer form of another concept (人权高专 inside 人权高专办)', () => {
    const [hc, office] = glossary(
      ['hc', 'person', 'zh-Hans', 'shortForm', 'preferred', '人权高专', 'x', 'no', ''],
      ['hc', '', 'en', 'fullForm', 'preferred', 'High Commissioner', 'x', 'no', ''],
      ['ohchr', 'body', 'zh-Hans', 'shortForm', 'preferred', '人权高专办', 'x', 'no', ''],
      ['ohchr', '', 'en', 'fullForm', 'preferred', 'Office of the High Commissioner', 'x', 'no', ''],
    );
    const pair = sentencePair('doc/h', 'the Office of the High Commissioner', '人权高专办');
    expect(sources(evidence(hc, '人权高专', { pairs: [pair], all: [hc, office] }))).toEqual([]);
  });
});

describe('find-attestations: UNBIS and seed reports', () => {
  const bodies = concept(
    ['x.treaty-bodies', 'concept', 'zh-Hans', 'fullForm', 'preferred', '条约监督机构', 'x', 'no', ''],
    ['x.treaty-bodies', '', 'en', 'fullForm', 'preferred', 'treaty-monitoring bodies', 'x', 'no', ''],
  );
  it('takes a UNBIS descriptor only when its English and Chinese both name the concept, and reports the other as a conflict', () => {
    const unbis = [
      { id: '1006690', en: 'TREATY-MONITORING BODIES', zh: '条约监督机构' },
      { id: '9999999', en: 'TREATY-MONITORING BODIES', zh: '别的译名' },
    ];
    const ev = evidence(bodies, 'treaty-monitoring bodies', { unbis });
    expect(sources(ev)).toEqual(['UNBIS 1006690']);
    expect(ev.conflicts).toEqual(['UNBIS 9999999 TREATY-MONITORING BODIES = 别的译名']);
  });

  it('takes an acronym right after a Chinese name in a seed, and a long Chinese form standing alone', () => {
    const unctad = concept(
      ['unctad', 'organization', 'zh-Hans', 'fullForm', 'preferred', '联合国贸易和发展会议', 'x', 'no', ''],
      ['unctad', '', 'zh-Hans', 'shortForm', 'preferred', '贸发会议', 'x', 'no', ''],
      ['unctad', '', 'en', 'acronym', 'preferred', 'UNCTAD', 'x', 'no', ''],
    );
    expect(sources(evidence(unctad, 'UNCTAD', { seeds: ['贸发会议(UNCTAD)的报告'] }))).toEqual(['seed:000']);
    expect(sources(evidence(unctad, 'UNCTAD', { seeds: ['贸发会议的报告。另见 UNCTAD 网站'] }))).toEqual([]);
    expect(sources(evidence(unctad, '联合国贸易和发展会议', { seeds: ['联合国贸易和发展会议的报告'] }))).toEqual(['seed:000']);
  });
});

describe('find-attestations: rewriting rows and listing overlaps', () => {
  it('drops the "not checked" clause of a note and puts the evidence before a named source', () => {
    expect(noteAfterVerification('former name (until 2019); not checked here')).toBe('former name (until 2019)');
    expect(noteAfterVerification('not checked here: Chinese form written from UN usage')).toBe('');
    expect(sourceAfterVerification('UNPC doc/a', 'UNTERM (not checked here)')).toBe('UNPC doc/a');
    expect(sourceAfterVerification('UNPC doc/a', 'A/RES/70/1')).toBe('UNPC doc/a; A/RES/70/1');
  });

  it('says what is unsure for each kind of form', () => {
    expect(unsureClause({ lang: 'en', type: 'acronym', status: 'preferred' })).toBe('acronym not checked against a UN document here');
    expect(unsureClause({ lang: 'zh-Hans', type: 'shortForm', status: 'admitted' })).toBe('Chinese short form not checked against a UN document here');
    expect(unsureClause({ lang: 'zh-Hans', type: 'variant', status: 'deprecated' })).toBe('where this form is used was not checked here');
  });

  it('lists forms two concepts hold, titles without their marks', () => {
    const all = glossary(
      ['a', 'document', 'zh-Hans', 'fullForm', 'preferred', '《北京行动纲要》', 'x', 'no', ''],
      ['a', '', 'en', 'acronym', 'admitted', 'BPFA', 'x', 'no', ''],
      ['b', 'document', 'zh-Hans', 'shortForm', 'admitted', '北京行动纲要', 'x', 'no', ''],
      ['b', '', 'en', 'fullForm', 'preferred', 'Beijing Declaration', 'x', 'no', ''],
    );
    expect(findOverlaps(all)).toEqual([
      {
        lang: 'zh-Hans',
        key: '北京行动纲要',
        holders: [
          { id: 'a', type: 'fullForm', status: 'preferred', where: 'test.tsv:2' },
          { id: 'b', type: 'shortForm', status: 'admitted', where: 'test.tsv:4' },
        ],
      },
    ]);
  });
});
