// The dev-set label checker (scripts/check-devset-labels.ts): the bracket finder and split rule the
// scorer relies on, the problems it must report, and the committed labels against the real corpus.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bracketsAfterChinese,
  checkLabelFiles,
  heldOutDocs,
  readCorpus,
  type CorpusRow,
} from '../scripts/check-devset-labels.js';
import { PROJECT_ROOT, sharedFile, tempDir } from './helpers.js';

const BRACKET_HEADER = 'row\tdoc\tbracket\tocc\tkind\tfull\tshort\tacronym\ten_full\ten_acronym\tnote';
const ENTITY_HEADER = 'row\tdoc\tzh\tocc\tkind\ten\tinner\tnote';

describe('bracketsAfterChinese', () => {
  it.each([
    ['联合国开发计划署(开发署)和儿童基金会（儿基会）', ['开发署', '儿基会']],
    ['第1540(2004)号决议', []], // after a digit
    ['意大利* (2015年)', []], // after a space
    ['《南太平洋无核区条约》(《拉罗通加条约》)', ['《拉罗通加条约》']], // after 》
    ['条约(第一个是《甲条约》(《乙》)。', ['第一个是《甲条约》(《乙》)。', '《乙》']], // unclosed outer, nested inner
    ['（一般性意见交流）（续）', []], // the first follows nothing, the second a bracket
  ])('%s', (zh, expected) => {
    expect(bracketsAfterChinese(zh).map((b) => b.text)).toEqual(expected);
  });
});

describe('heldOutDocs', () => {
  it('holds out every fifth distinct document in order of first appearance', () => {
    const docs = ['a', 'a', 'b', 'c', 'd', 'b', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];
    const corpus: CorpusRow[] = docs.map((doc) => ({ doc, en: '', zh: '' }));
    expect([...heldOutDocs(corpus)]).toEqual(['e', 'j']);
  });
});

describe('checkLabelFiles', () => {
  const corpus: CorpusRow[] = [
    { doc: 'd1', en: 'the United Nations Development Programme (UNDP) and the Council', zh: '联合国开发计划署(开发署)和安理会' },
    { doc: 'd2', en: 'Mr. X (Chile)', zh: 'X先生(智利)' },
  ];
  const write = (dir: string, name: string, lines: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    return file;
  };

  it('accepts correct labels and counts them', () => {
    const dir = tempDir();
    const b = write(dir, 'brackets.1-2.tsv', [
      BRACKET_HEADER,
      '1\td1\t开发署\t1\talias\t联合国开发计划署\t开发署\t\tUnited Nations Development Programme\tUNDP\t',
      '2\td2\t智利\t1\tnot-alias\t\t\t\t\t\tperson\'s country',
    ]);
    const e = write(dir, 'entities.1-2.tsv', [
      ENTITY_HEADER,
      '1\td1\t联合国开发计划署\t1\torganization\tUnited Nations Development Programme\t联合国\t',
      '1\td1\t安理会\t1\tshort\t\t\tEnglish has only "the Council"',
    ]);
    const { problems, summary } = checkLabelFiles([b, e], corpus);
    expect(problems).toEqual([]);
    expect(summary).toContain('brackets 2 (alias 1, not-alias 1; with English 1;');
    expect(summary).toContain('entities 2 (');
  });

  it('reports wrong spans, wrong English, duplicates and brackets left unlabelled', () => {
    const dir = tempDir();
    const b = write(dir, 'brackets.1-2.tsv', [
      BRACKET_HEADER,
      // full does not end right before the bracket; en_acronym not in the English
      '1\td1\t开发署\t1\talias\t联合国开发计划\t开发署\t\t\tUNDPX\t',
      '1\td1\t开发署\t1\talias\t联合国开发计划署\t开发署\t\t\t\t',
      // row 2's bracket (智利) has no label
    ]);
    const e = write(dir, 'entities.1-2.tsv', [
      ENTITY_HEADER,
      '1\td1\t安理会\t2\tshort\t\t\t', // only one 安理会 in the row
      '1\td1\t《宪章》\t1\tshort\t\t\t', // not in the row, and a title keeps no 《》
      '1\td2\t开发署\t1\tcommittee\t\t开发署\t', // wrong doc, unknown kind, inner equal to the span
    ]);
    const messages = checkLabelFiles([b, e], corpus).problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'full "联合国开发计划" does not end right before the bracket',
        'en_acronym "UNDPX" is not in row 1\'s en',
        'same bracket and occ as line 2',
        'row 2: bracket (智利) number 1 has no label',
        '"安理会" does not occur 2 time(s) in row 1\'s zh',
        'title "《宪章》" must be labelled without its 《》 marks',
        'doc d2 is not row 1\'s doc (d1)',
        'inner "开发署" is not a proper part of "开发署"',
      ]),
    );
    expect(messages.some((m) => m.startsWith('kind committee is not one of'))).toBe(true);
  });
});

const corpusFile = sharedFile('data', 'unpc-devset-3000.en-zh.tsv');
describe.skipIf(!corpusFile)('committed dev-set labels', () => {
  it('match the corpus and cover every bracket of their ranges', () => {
    const dir = path.join(PROJECT_ROOT, 'test', 'data', 'devset');
    const files = fs
      .readdirSync(dir)
      .filter((name) => /^(brackets|entities)\..+\.tsv$/.test(name))
      .map((name) => path.join(dir, name));
    expect(files.length).toBeGreaterThan(0);
    const { problems } = checkLabelFiles(files, readCorpus(corpusFile!));
    expect(problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`)).toEqual([]);
  });
});
