import type { Command } from '../command.js';

export const statsCommand: Command = {
  name: 'stats',
  summary: 'counts of concepts, terms and documents, by category and language',
  usage: 'stats [--json]',
  maxArgs: 0,
  async run(ctx) {
    const s = (await ctx.store()).stats();
    if (ctx.json) {
      ctx.printJson(s);
      return;
    }
    ctx.out(`${s.concepts} concepts, ${s.terms} terms, ${s.documents} documents, ${s.occurrences} occurrences`);
    ctx.out(`by category: ${Object.entries(s.byCategory).map(([k, v]) => `${k} ${v}`).join(', ') || '-'}`);
    ctx.out(`by language: ${Object.entries(s.byLanguage).map(([k, v]) => `${k} ${v}`).join(', ') || '-'}`);
    ctx.out(`by review status: ${Object.entries(s.byReviewStatus).map(([k, v]) => `${k} ${v}`).join(', ') || '-'}`);
  },
};
