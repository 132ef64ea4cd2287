// The checker's data files (src/check/data/): suffix lists, blocking words, contrast classes and
// settings. Read from the source tree so the same files serve src/ (tests, tsx) and dist/.
import { dataFiles } from '../domain/data-files.js';
import type { Category } from '../domain/types.js';



export interface CheckConfig {
  /** Concept categories whose Chinese short forms must be introduced (UN house style). */
  shortFormCategories: Category[];
  nearMiss: {
    /** Only names of concepts of these categories are near-miss targets (bodies, not generic terms). */
    categories: Category[];
    /** Spans shorter than this are never near-misses. */
    minSpanLength: number;
    /** Official names shorter than this (in characters) are not near-miss targets. */
    minTermLength: number;
    /** [longest name length, largest edit distance] steps, ascending. */
    maxDistance: Array<[number, number]>;
    /** Substitutions allowed in a near-miss (insertions and deletions make up the rest). */
    maxSubstitutions: number;
    /** A character pair held by more target names than this is not looked up (see near-miss.ts). */
    maxPostings: number;
    /** …nor, for the names that need their frequent pairs (near-miss.ts, "weak"), one held by more than this. */
    maxWeakPostings: number;
  };
  /**
   * Patterns (regular expressions, case-insensitive) that mark a deprecated term's glossary note
   * as a former name (renamed body): reported as a warning, since a text written before the
   * change used it rightly and the checker cannot tell when a draft was written.
   */
  formerNameNotes: string[];
  /**
   * Categories where two admitted forms in one draft are a translator's choice by context
   * (韧性 / 复原力 for resilience): mixed-names reports them only when one form is deprecated.
   */
  mixedNamesDeprecatedOnly: Category[];
  /** Prefixes a short form does not take (联合国 + 开发署): see rules/non-standard-name.ts. */
  hybridPrefixes: string[];
  /** Titles around a Latin name that make it a person's name (Mr. …, … 先生). */
  personTitles: { before: string[]; after: string[] };
  /** Longest bracket content taken as an alias (bracket-style, introductions). */
  aliasMaxLength: number;
  /** Share of Han characters in Traditional form above which a draft counts as a Traditional draft. */
  traditionalDraftRatio: number;
}

export interface CheckData {
  config: CheckConfig;
  nameSuffixes: string[];
  blockingWords: string[];
  /** Character → contrast class id (characters of one class distinguish bodies). */
  contrastClass: Map<string, number>;
  shortFormExempt: Set<string>;
  formerName: RegExp;
  /** Nouns that make a country's short name a modifier (data/attributive-heads.txt). */
  attributiveHeads: Set<string>;
  maxAttributiveHead: number;
  /** config.hybridPrefixes as keys (filled on first use: normalising needs the normaliser). */
  hybridPrefixKeys?: string[];
}

const files = dataFiles('check');

/** Lines of a data file, without comments and blank lines. */
export const readDataLines = files.lines;

let cached: CheckData | undefined;

export function checkData(): CheckData {
  if (cached) return cached;
  const config = files.json<CheckConfig>('config.json');
  const contrastClass = new Map<string, number>();
  readDataLines('near-miss-contrasts.txt').forEach((line, i) => {
    for (const ch of line) contrastClass.set(ch, i);
  });
  cached = {
    config,
    // Longest first: the word a name ends with is the longest that fits (基金组织 before 组织).
    nameSuffixes: [...new Set(readDataLines('name-suffixes.txt'))].sort((a, b) => b.length - a.length),
    blockingWords: [...new Set(readDataLines('blocking-words.txt'))],
    contrastClass,
    shortFormExempt: new Set(readDataLines('short-form-exempt.txt')),
    formerName: new RegExp(config.formerNameNotes.join('|'), 'i'),
    attributiveHeads: new Set(readDataLines('attributive-heads.txt')),
    maxAttributiveHead: Math.max(...readDataLines('attributive-heads.txt').map((w) => w.length)),
  };
  return cached;
}
