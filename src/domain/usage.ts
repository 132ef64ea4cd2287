// Where a non-preferred form is still right: the usage tag of a term's note. A form such as 叙利亚
// is not the name of the State (阿拉伯叙利亚共和国), yet UN documents print it every day as a
// modifier (叙利亚难民), in fixed titles (叙利亚问题特使) and in letters of Member States
// reproduced as received. The glossary says so in the term's note, in one tag the validator
// checks (src/reference/glossary.ts) and the checker reads from the stored note:
//
//   {usage: attributive, as-received}      {usage: until 2019}
//
// A form with a usage tag is right somewhere, so the checker never reports it as an error: where
// it recognises one of the contexts nothing is reported, elsewhere a warning. The tag lives in the
// note so that it travels with the term through the store, TBX/CSV exchange and user edits.

/** The contexts a usage tag may name (see glossary/README.md, "Usage tags"). */
export const USAGE_CONTEXTS = {
  attributive: 'before a noun, as a modifier or in a compound (叙利亚难民, 英国王室, 朝鲜半岛)',
  'as-received': 'in texts UN documents reproduce as received: letters and statements of Member States, NGO statements',
  title: 'inside titles and names that contain it (叙利亚问题特使, the full titles of the ad hoc tribunals)',
  quotation: 'inside a quotation',
} as const;

export type UsageContext = keyof typeof USAGE_CONTEXTS;

export interface TermUsage {
  contexts: ReadonlySet<UsageContext>;
  /** A former name: right for what happened before this year (`until 2019`). */
  until?: number;
}

const TAG = /\{usage:([^{}]*)\}/;
const ALL_TAGS = /\{usage:[^{}]*\}/g;

/** The usage tag of a note, or null when there is none. Throws an Error saying what is malformed. */
export function parseUsage(note: string | null | undefined): TermUsage | null {
  if (!note?.includes('{usage:')) return null;
  const tags = note.match(ALL_TAGS) ?? [];
  if (tags.length !== 1) throw new Error(tags.length === 0 ? 'usage tag not closed: write {usage: context, …}' : 'more than one {usage: …} tag');
  const body = TAG.exec(note)![1];
  const contexts = new Set<UsageContext>();
  let until: number | undefined;
  for (const raw of body.split(',')) {
    const item = raw.trim();
    const year = /^until (\d{4})$/.exec(item);
    if (year) {
      if (until !== undefined) throw new Error('more than one "until YEAR" in the usage tag');
      until = Number(year[1]);
    } else if (Object.hasOwn(USAGE_CONTEXTS, item)) {
      contexts.add(item as UsageContext);
    } else {
      throw new Error(`unknown usage "${item}": use ${Object.keys(USAGE_CONTEXTS).join(', ')} or "until YEAR"`);
    }
  }
  return until === undefined ? { contexts } : { contexts, until };
}

/** parseUsage for stored notes: a malformed tag (not possible through the glossary) counts as none. */
export function usageOf(note: string | null | undefined): TermUsage | null {
  try {
    return parseUsage(note);
  } catch {
    return null;
  }
}
