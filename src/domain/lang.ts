// Guessing the language of a term from its script.
import type { Lang } from './types.js';
import { findTraditional } from './normalize.js';

const HAN_GLOBAL = /\p{Script=Han}/gu;

/** zh-Hans for Han text, zh-Hant when it contains Traditional-only characters, en otherwise. */
export function guessLang(text: string): Lang {
  const han = text.match(HAN_GLOBAL)?.length ?? 0;
  if (han === 0) return 'en';
  return findTraditional(text).length > 0 ? 'zh-Hant' : 'zh-Hans';
}

export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}
