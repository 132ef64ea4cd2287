// Picking the forms a translator wants to see first: Chinese full and short forms, English
// name and acronym. Used by the CLI, the API and the web pages.
import type { Lang, TermStatus, TermType } from './types.js';

interface TermLike {
  text: string;
  lang: Lang;
  type: TermType;
  status: TermStatus;
}

export interface ConceptForms<T extends TermLike = TermLike> {
  zhFull?: T;
  zhShort?: T;
  enFull?: T;
  enShort?: T;
}

const rank = (s: TermStatus) => (s === 'preferred' ? 0 : s === 'admitted' ? 1 : 2);

function pick<T extends TermLike>(terms: T[], lang: Lang, types: TermType[]): T | undefined {
  let best: T | undefined;
  for (const t of terms) {
    if (t.lang !== lang || !types.includes(t.type) || t.status === 'deprecated') continue;
    if (!best || rank(t.status) < rank(best.status) || (rank(t.status) === rank(best.status) && types.indexOf(t.type) < types.indexOf(best.type))) {
      best = t;
    }
  }
  return best;
}

/** The main forms of a concept (deprecated terms never chosen). */
export function conceptForms<T extends TermLike>(terms: T[]): ConceptForms<T> {
  const zhFull = pick(terms, 'zh-Hans', ['fullForm', 'variant']) ?? pick(terms, 'zh-Hant', ['fullForm', 'variant']);
  let zhShort = pick(terms, 'zh-Hans', ['shortForm', 'abbreviation', 'acronym']);
  const enFull = pick(terms, 'en', ['fullForm', 'variant', 'shortForm']);
  let enShort = pick(terms, 'en', ['acronym', 'abbreviation', 'shortForm']);
  if (zhShort && zhFull && zhShort.text === zhFull.text) zhShort = undefined;
  if (enShort && enFull && enShort.text === enFull.text) enShort = undefined;
  return { zhFull: zhFull ?? zhShort, zhShort: zhFull ? zhShort : undefined, enFull: enFull ?? enShort, enShort: enFull ? enShort : undefined };
}

/** "联合国贸易和发展会议 (贸发会议) = United Nations Conference on Trade and Development (UNCTAD)" */
export function conceptLabel(terms: TermLike[]): string {
  const f = conceptForms(terms);
  const side = (full?: TermLike, short?: TermLike) =>
    full ? (short ? `${full.text} (${short.text})` : full.text) : short ? short.text : '';
  const zh = side(f.zhFull, f.zhShort);
  const en = side(f.enFull, f.enShort);
  return zh && en ? `${zh} = ${en}` : zh || en || '(no terms)';
}
