// The word lists the extractors decide with, read once from src/extract/data/. Keeping them in
// data files lets a terminologist adjust a boundary rule (a new introducing verb, a new name
// ending) without touching the logic; each file says in its header what its words do.
import { type Category, isCategory } from '../domain/types.js';
import { dataFiles } from '../domain/data-files.js';

const files = dataFiles('extract');

/** What a head noun needs in front to make a name (data/name-heads.tsv, names.ts). */
export type HeadEvidence = 'strong' | 'weak' | 'session' | 'post' | 'self' | 'english';

export interface NameHead {
  head: string;
  category: Category;
  evidence: HeadEvidence;
  /** Head nouns of English names of this kind (Committee, Commission), for finding a name's English. */
  english: string[];
}


export interface Lexicon {
  /** Name endings, longest first, with the category a name of that ending usually has. */
  nameSuffixes: Array<{ suffix: string; category: Category }>;
  boundaryWords: Set<string>;
  leadingModifiers: string[];
  nonAliasOpeners: string[];
  aliasIntroducers: string[];
  personTitles: string[];
  symbolSeries: Set<string>;
  foreignMarkers: Set<string>;
  listSubheadings: Set<string>;
  termStopStart: Set<string>;
  termStopEnd: Set<string>;
  genericWords: Set<string>;
  genericNames: Set<string>;
  namePrefixWords: Set<string>;
  nameModifiers: Set<string>;
  /** Words that only say what kind of unit a body is (区域, 特设, 外地): data/descriptive-modifiers.txt. */
  descriptiveModifiers: Set<string>;
  /** Words linking an organisation or country to a place inside a name (驻): data/name-linking-words.txt. */
  nameLinkingWords: Set<string>;
  /** Words ending the subject of a mandate before a post (问题, 事务): data/subject-markers.txt. */
  subjectMarkers: string[];
  /** Heads that after a document's name name a part of it (框架, 目标): data/document-part-heads.txt. */
  documentPartHeads: Set<string>;
  /** Document heads after which those heads make one name (战略框架): the file's lines marked -. */
  wholeBeforePart: Set<string>;
  /** Head nouns of names, longest first (data/name-heads.tsv). */
  nameHeads: NameHead[];
  /**
   * Every head, longest first: the heads above and those the grammar never makes a name of (报告,
   * 调查: 芬兰报告 is Finland's report), for the English of names found otherwise (titles).
   */
  allHeads: NameHead[];
  nameVariants: { optionalPrefixes: string[]; interchangeable: string[]; notConjunctions: string[]; minLength: number };
}

const readList = files.lines;

function readSuffixes(): Lexicon['nameSuffixes'] {
  const raw = files.json<Record<string, unknown>>('name-suffixes.json');
  const out: Lexicon['nameSuffixes'] = [];
  for (const [category, list] of Object.entries(raw)) {
    if (category.startsWith('_')) continue;
    if (!isCategory(category) || !Array.isArray(list)) throw new Error(`name-suffixes.json: bad entry "${category}"`);
    for (const suffix of list) out.push({ suffix: String(suffix), category });
  }
  return out.sort((a, b) => b.suffix.length - a.suffix.length);
}

const EVIDENCE = new Set(['strong', 'weak', 'session', 'post', 'self', 'english']);

function readHeads(): NameHead[] {
  const out: NameHead[] = [];
  for (const line of readList('name-heads.tsv')) {
    const [head, category, evidence, english] = line.split('\t');
    if (!head || !isCategory(category) || !EVIDENCE.has(evidence) || !english) throw new Error(`name-heads.tsv: bad line "${line}"`);
    out.push({ head, category, evidence: evidence as NameHead['evidence'], english: english.split('|') });
  }
  return out.sort((a, b) => b.head.length - a.head.length);
}

let cached: Lexicon | undefined;

/** The lexicon, loaded on first use. */
export function lexicon(): Lexicon {
  if (cached) return cached;
  const heads = readHeads();
  cached = {
    nameSuffixes: readSuffixes(),
    boundaryWords: new Set(readList('boundary-words.txt')),
    leadingModifiers: readList('leading-modifiers.txt').sort((a, b) => b.length - a.length),
    nonAliasOpeners: readList('non-alias-openers.txt'),
    aliasIntroducers: readList('alias-introducers.txt').sort((a, b) => b.length - a.length),
    personTitles: readList('person-titles.txt').sort((a, b) => b.length - a.length),
    symbolSeries: new Set(readList('symbol-series.txt')),
    foreignMarkers: new Set(readList('foreign-markers.txt').map((w) => w.toLowerCase())),
    listSubheadings: new Set(readList('list-subheadings.txt')),
    termStopStart: new Set(readList('term-stop-start.txt')),
    termStopEnd: new Set(readList('term-stop-end.txt')),
    genericWords: new Set(readList('generic-words.txt')),
    genericNames: new Set(readList('generic-names.txt')),
    namePrefixWords: new Set(readList('name-prefix-words.txt')),
    nameModifiers: new Set(readList('name-modifiers.txt')),
    descriptiveModifiers: new Set(readList('descriptive-modifiers.txt')),
    subjectMarkers: readList('subject-markers.txt'),
    nameLinkingWords: new Set(readList('name-linking-words.txt')),
    documentPartHeads: new Set(readList('document-part-heads.txt').filter((l) => !l.startsWith('-'))),
    wholeBeforePart: new Set(readList('document-part-heads.txt').filter((l) => l.startsWith('-')).map((l) => l.slice(1))),
    nameHeads: heads.filter((h) => h.evidence !== 'english'),
    allHeads: heads,
    nameVariants: files.json<Lexicon['nameVariants']>('name-variants.json'),
  };
  return cached;
}

/** The name ending of a phrase (longest match) and its category, if it has one. */
export function nameSuffixOf(text: string): { suffix: string; category: Category } | undefined {
  const t = text.replace(/[》\s]+$/u, '');
  return lexicon().nameSuffixes.find((s) => t.endsWith(s.suffix));
}
