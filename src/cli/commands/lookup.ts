import type { Command } from '../command.js';
import { UsageError, intOption, stringOption } from '../command.js';
import { lookup } from '../../search/lookup.js';
import { conceptLabel } from '../../domain/summary.js';
import { isCategory, isLang } from '../../domain/types.js';

export const lookupCommand: Command = {
  name: 'lookup',
  summary: 'find concepts by any of their names: full, short, acronym, Traditional script',
  usage: 'lookup QUERY [--limit N] [--lang zh-Hans|zh-Hant|en] [--category C] [--json]',
  options: {
    limit: { type: 'string', arg: 'N', description: 'at most N results (default 10)' },
    lang: { type: 'string', arg: 'LANG', description: 'match terms of this language only: zh-Hans, zh-Hant or en' },
    category: { type: 'string', arg: 'CAT', description: 'concepts of this category only' },
  },
  minArgs: 1,
  help: [
    'Understands full names, short forms and acronyms in any case, partial Chinese (鸿沟), Traditional script,',
    'English typos and word order, pinyin (maoyi fazhan huiyi) and pinyin initials (mfhy); a leading',
    '联合国 / "United Nations" is optional. Results: exact > alias > prefix > substring > pinyin > fuzzy.',
    '',
    'Example: termdesk lookup 貿發會議   →   联合国贸易和发展会议 (贸发会议) = United Nations Conference on Trade and Development (UNCTAD)',
    'A form shown that is not the preferred, verified name carries badges: 名称 [admitted], 名称 [unverified].',
  ],
  async run(ctx) {
    const query = ctx.positionals.join(' ');
    if (!query.trim()) throw new UsageError('the query is empty');
    const lang = stringOption(ctx, 'lang');
    const category = stringOption(ctx, 'category');
    if (lang !== undefined && !isLang(lang)) throw new UsageError(`--lang must be zh-Hans, zh-Hant or en, not "${lang}"`);
    if (category !== undefined && !isCategory(category)) throw new UsageError(`unknown --category "${category}"`);
    const response = lookup(await ctx.store(), query, { limit: intOption(ctx, 'limit', 10, 1, 1000), lang, category });
    if (ctx.json) {
      ctx.printJson({
        query: response.query,
        results: response.results.map((r) => ({
          conceptId: r.conceptId,
          score: Number(r.score.toFixed(4)),
          kind: r.kind,
          matched: { text: r.matched.text, lang: r.matched.lang, type: r.matched.type, status: r.matched.status, verified: r.matched.verified, highlight: r.matched.highlight },
          preferred: r.preferred ? { text: r.preferred.text, lang: r.preferred.lang, type: r.preferred.type } : null,
          category: r.category,
          reviewStatus: r.reviewStatus,
          terms: r.terms.map((t) => ({ text: t.text, lang: t.lang, type: t.type, status: t.status, verified: t.verified })),
        })),
      });
      return;
    }
    if (response.results.length === 0) {
      ctx.out(`no match for "${query}"`);
      return;
    }
    for (const r of response.results) {
      const replaced = r.preferred ? ` (${r.matched.status}: use ${r.preferred.text})` : '';
      const review = r.reviewStatus === 'candidate' ? '; candidate' : '';
      ctx.out(`#${r.conceptId}  ${conceptLabel(r.terms, { badges: true })}  [${r.category}${review}; ${r.kind} ${r.matched.text}${replaced}; ${r.score.toFixed(2)}]`);
    }
  },
};
