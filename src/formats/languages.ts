// Language tags in exchange files ↔ TermDesk languages (zh-Hans, zh-Hant, en). The mapping is
// data: src/formats/data/languages.json.
import { guessLang } from '../domain/lang.js';
import type { Lang } from '../domain/types.js';
import { formatsData } from './data.js';

interface LanguageData {
  'zh-Hans': string[];
  'zh-Hant': string[];
  'zh-guess': string[];
  en: string[];
  export: Record<Lang, string>;
}

const DATA = formatsData<LanguageData>('languages.json');

const ENTRIES: Array<{ tag: string; lang: Lang | 'zh-guess' }> = (['zh-Hans', 'zh-Hant', 'zh-guess', 'en'] as const)
  .flatMap((lang) => DATA[lang].map((tag) => ({ tag, lang })))
  // Longest first, so zh-hant-tw beats zh and en-us beats en.
  .sort((a, b) => b.tag.length - a.tag.length);

/**
 * The TermDesk language of a file's language tag, or undefined when TermDesk does not store that
 * language. `text` decides for tags without script or region (`zh`): Traditional-only characters
 * make it zh-Hant.
 */
export function langFromTag(tag: string, text?: string): Lang | undefined {
  const t = tag.trim().toLowerCase().replace(/_/g, '-');
  for (const e of ENTRIES) {
    if (t === e.tag || t.startsWith(`${e.tag}-`)) {
      if (e.lang !== 'zh-guess') return e.lang;
      if (text === undefined) return 'zh-Hans';
      const guessed = guessLang(text);
      return guessed === 'en' ? 'zh-Hans' : guessed;
    }
  }
  return undefined;
}

/** The tag TermDesk writes for a language. */
export function tagForLang(lang: Lang): string {
  return DATA.export[lang];
}
