// Picking the forms a translator wants to see first: Chinese full and short forms, English
// name and acronym. Used by the CLI, the API and the web pages.
import type { Lang, TermStatus, TermType } from './types.js';

interface TermLike {
  text: string;
  lang: Lang;
  type: TermType;
  status: TermStatus;
  /** false: not checked against an authoritative source. Absent: unknown, no badge. */
  verified?: boolean;
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

/**
 * Why a form shown as a concept's name or short form is not simply the name to write: its status
 * when it is not preferred (admitted, deprecated) and "unverified" when it was not checked against
 * an authoritative source. Empty for a preferred, verified form. Pages and the CLI show these as
 * badges next to the form, so that only a preferred form looks official.
 */
export function formBadges(t: Pick<TermLike, 'status' | 'verified'>): string[] {
  const badges: string[] = [];
  if (t.status !== 'preferred') badges.push(t.status);
  if (t.verified === false) badges.push('unverified');
  return badges;
}

/** A form with its badges in brackets, for plain-text output: "联大 [admitted]". */
export function formWithBadges(t: TermLike): string {
  const badges = formBadges(t);
  return badges.length > 0 ? `${t.text} [${badges.join(', ')}]` : t.text;
}

/**
 * "联合国贸易和发展会议 (贸发会议) = United Nations Conference on Trade and Development (UNCTAD)";
 * with `badges`, a form that is not preferred or not verified carries them: "(联大 [admitted])".
 */
export function conceptLabel(terms: TermLike[], options: { badges?: boolean } = {}): string {
  const f = conceptForms(terms);
  const text = (t: TermLike) => (options.badges ? formWithBadges(t) : t.text);
  const side = (full?: TermLike, short?: TermLike) =>
    full ? (short ? `${text(full)} (${text(short)})` : text(full)) : short ? text(short) : '';
  const zh = side(f.zhFull, f.zhShort);
  const en = side(f.enFull, f.enShort);
  return zh && en ? `${zh} = ${en}` : zh || en || '(no terms)';
}
