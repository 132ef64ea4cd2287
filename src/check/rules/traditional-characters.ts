// traditional-characters: Traditional characters or forms in a Simplified draft (opencc-js,
// Hong Kong/Taiwan variants included). One finding per word, not per run of changed characters:
// characters at most two Han characters apart make one finding, and a finding grows to the whole
// name it falls in (聯合國兒童基金會 → 联合国儿童基金会, one finding, not 聯 / 國兒 / 會).
// A draft written mostly in Traditional characters is a Traditional draft: one note, no errors.
import { type NormalizedText, findTraditional, isHanCode, toSimplified } from '../../domain/normalize.js';
import type { Rule, RuleFinding } from '../rule.js';

const HAN = /\p{Script=Han}/gu;
const HAN_ONLY = /^\p{Script=Han}*$/u;
/** Unchanged Han characters that may stand between two changed ones of one word. */
const MAX_GAP = 2;

export const traditionalCharacters: Rule = {
  id: 'traditional-characters',
  description: 'Traditional characters or forms in a Simplified Chinese draft; the Simplified form is suggested.',
  defaultSeverity: 'error',
  check({ draft, data }) {
    const text = draft.text;
    if (!changedByNormalisation(draft.scan.norm, text)) return [];
    const found = findTraditional(text);
    if (found.length === 0) return [];
    const han = text.match(HAN)?.length ?? 0;
    if (han > 0 && found.length / han > data.config.traditionalDraftRatio) {
      return [
        {
          start: found[0].index,
          end: found[0].index + found[0].char.length,
          message: `This draft is written in Traditional characters (${found.length} of ${han} Chinese characters); the traditional-characters rule applies to Simplified drafts only.`,
          suggestion: null,
          conceptId: null,
          severity: 'info',
        },
      ];
    }
    // Names found in the draft (terms and near-misses): a word the finding should not cut.
    const names = [...draft.scan.occurrences, ...draft.scan.nearMisses].map((o) => [o.start, o.end] as const).sort((a, b) => a[0] - b[0]);
    // [start, end, grown to a name]: a name is a whole word, so no gap joins it to the next run.
    const spans: Array<[number, number, boolean]> = [];
    for (const f of found) {
      let start = f.index;
      let end = f.index + f.char.length;
      let named = false;
      for (const [s, e] of names) {
        if (s >= end) break;
        if (e > start) {
          start = Math.min(start, s);
          end = Math.max(end, e);
          named = true;
        }
      }
      const last = spans[spans.length - 1];
      const nearby = last && !last[2] && !named && start - last[1] <= MAX_GAP && HAN_ONLY.test(text.slice(last[1], start));
      if (last && (start < last[1] || nearby)) {
        last[0] = Math.min(last[0], start);
        last[1] = Math.max(last[1], end);
        last[2] ||= named;
      } else {
        spans.push([start, end, named]);
      }
    }
    return spans.map(([start, end]): RuleFinding => {
      const written = text.slice(start, end);
      const simplified = toSimplified(written);
      return {
        start,
        end,
        message: `Traditional form "${written}" in a Simplified draft; write "${simplified}".`,
        suggestion: simplified,
        conceptId: null,
      };
    });
  },
};

/**
 * Whether some Han character of the draft changed when it was normalised (Traditional → Simplified,
 * one character at a time): the scan's work, reused, so a Simplified draft skips the phrase-level
 * conversion findTraditional does over the whole text.
 */
function changedByNormalisation(norm: NormalizedText, text: string): boolean {
  const t = norm.text;
  for (let i = 0; i < t.length; i++) {
    const code = t.charCodeAt(i);
    const at = norm.offsets[i];
    if (isHanCode(code) && text.charCodeAt(at) !== code) return true;
    // A character outside the BMP (two units): compare both.
    if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(at) !== code || text.charCodeAt(at + 1) !== t.charCodeAt(i + 1))) return true;
  }
  return false;
}
