import { describe, expect, it } from 'vitest';
import { evidenceFor, formKey, occurrences, sentencePair, standsAlone, tooGeneric } from '../scripts/find-attestations.js';
import { parseGlossaryFile } from '../src/reference/glossary.js';

const HEADER = 'id\tcategory\tlang\ttype\tstatus\ttext\tsource\tverified\tnote';
const concept = (...rows: string[][]) => parseGlossaryFile([HEADER, ...rows.map((r) => r.join('\t'))].join('\n'), 'test.tsv')[0];
const term = (c: ReturnType<typeof concept>, text: string) => c.terms.find((t) => t.text === text)!;

describe('find-attestations: matching forms in the dev set', () => {
  it('keys a title without its marks, nested marks included', () => {
    expect(formKey('《关于执行1982年12月10日〈联合国海洋法公约〉第十一部分的协定》')).toBe('关于执行1982年12月10日联合国海洋法公约第十一部分的协定');
    expect(formKey('Treaty on the Non-Proliferation of Nuclear Weapons')).toBe('treaty on the non-proliferation of nuclear weapons');
  });

  it('matches Latin forms on word boundaries only', () => {
    expect(occurrences(formKey('a catalogue of treaties'), formKey('CAT'))).toEqual([]);
    expect(occurrences(formKey('Parties to the NPT, and others'), formKey('NPT'))).toHaveLength(1);
    expect(occurrences(formKey('《不扩散条约》第六条'), formKey('不扩散条约'))).toEqual([0]);
  });

  it('does not count a short form that only stands inside a longer form of the same concept', () => {
    const long = formKey('United Nations Convention against Corruption');
    const short = formKey('Convention against Corruption');
    expect(standsAlone(formKey('the United Nations Convention against Corruption entered into force'), short, [long, short])).toBe(false);
    expect(standsAlone(formKey('the Convention against Corruption provisions'), short, [long, short])).toBe(true);
  });

  it('finds a title nested in a longer name with its own marks (第三次《佩林达巴条约》缔约国大会)', () => {
    const csp = concept(
      ['tb.pelindaba-csp', 'meeting', 'zh-Hans', 'fullForm', 'preferred', '《佩林达巴条约》缔约国大会', 'x', 'no', ''],
      ['tb.pelindaba-csp', '', 'en', 'fullForm', 'preferred', 'Conference of States Parties to the Treaty of Pelindaba', 'x', 'no', ''],
    );
    const pair = sentencePair('2015/npt/conf_2015/2', 'The Third Conference of States Parties to the Treaty of Pelindaba noted ...', '第三次《佩林达巴条约》缔约国大会注意到……');
    expect(evidenceFor(csp, term(csp, '《佩林达巴条约》缔约国大会'), [pair], []).unpc).toEqual(['2015/npt/conf_2015/2']);
  });

  it('needs a name of the concept in the aligned sentence, not only the form on its own side', () => {
    const npt = concept(
      ['treaty.npt', 'document', 'zh-Hans', 'fullForm', 'preferred', '《不扩散核武器条约》', 'x', 'no', ''],
      ['treaty.npt', '', 'en', 'fullForm', 'preferred', 'Treaty on the Non-Proliferation of Nuclear Weapons', 'x', 'no', ''],
      ['treaty.npt', '', 'en', 'acronym', 'preferred', 'NPT', 'x', 'no', ''],
    );
    const unaligned = sentencePair('doc/a', 'States that have not acceded to the Treaty', '尚未加入《不扩散核武器条约》的国家');
    const aligned = sentencePair('doc/b', 'States that have not acceded to the NPT', '尚未加入《不扩散核武器条约》的国家');
    expect(evidenceFor(npt, term(npt, '《不扩散核武器条约》'), [unaligned, aligned], []).unpc).toEqual(['doc/b']);
  });

  it('takes a UNBIS descriptor only when its English and Chinese both name the concept', () => {
    const c = concept(
      ['x.treaty-bodies', 'concept', 'zh-Hans', 'fullForm', 'preferred', '条约监督机构', 'x', 'no', ''],
      ['x.treaty-bodies', '', 'en', 'fullForm', 'preferred', 'treaty-monitoring bodies', 'x', 'no', ''],
    );
    const unbis = [
      { id: '1006690', en: 'TREATY-MONITORING BODIES', zh: '条约监督机构' },
      { id: '9999999', en: 'TREATY-MONITORING BODIES', zh: '别的译名' },
    ];
    expect(evidenceFor(c, term(c, 'treaty-monitoring bodies'), [], unbis).unbis).toEqual(['1006690']);
  });

  it('treats one-word English forms and Chinese forms under three characters as too generic to apply', () => {
    const c = concept(
      ['x.c', 'document', 'zh-Hans', 'fullForm', 'preferred', '《公约》', 'x', 'no', ''],
      ['x.c', '', 'en', 'fullForm', 'preferred', 'Convention', 'x', 'no', ''],
      ['x.c', '', 'en', 'acronym', 'preferred', 'CWC', 'x', 'no', ''],
    );
    expect(tooGeneric(term(c, '《公约》'))).toBe(true);
    expect(tooGeneric(term(c, 'Convention'))).toBe(true);
    expect(tooGeneric(term(c, 'CWC'))).toBe(false);
  });
});
