import type { Command } from '../command.js';
import { UsageError, intOption } from '../command.js';
import { conceptLabel } from '../../domain/summary.js';
import { NotFoundError } from '../../domain/types.js';

export const showCommand: Command = {
  name: 'show',
  summary: 'one concept: every term with type, status and source, and where it was found',
  usage: 'show ID [--contexts N] [--json]',
  options: { contexts: { type: 'string', arg: 'N', description: 'show up to N occurrences (default 5)' } },
  minArgs: 1,
  maxArgs: 1,
  async run(ctx) {
    const arg = ctx.positionals[0];
    if (!/^\d+$/.test(arg)) throw new UsageError(`ID must be a concept number, not "${arg}"`);
    const store = await ctx.store();
    const concept = store.getConcept(Number(arg));
    if (!concept) throw new NotFoundError(`no concept with id ${arg}`);
    const limit = intOption(ctx, 'contexts', 5, 0, 10_000);
    const occurrences = store.occurrencesOfConcept(concept.id, limit);
    const total = store.countOccurrencesOfConcept(concept.id);
    if (ctx.json) {
      ctx.printJson({ ...concept, occurrenceCount: total, occurrences });
      return;
    }
    ctx.out(`#${concept.id}  ${conceptLabel(concept.terms, { badges: true })}`);
    ctx.out(`category: ${concept.category}; review: ${concept.reviewStatus}; origin: ${concept.origin}${concept.extId ? `; id: ${concept.extId}` : ''}`);
    if (concept.subject) ctx.out(`subject: ${concept.subject}`);
    if (concept.definition) ctx.out(`definition: ${concept.definition}`);
    if (concept.note) ctx.out(`note: ${concept.note.replace(/\n/g, '; ')}`);
    ctx.out('terms:');
    for (const t of concept.terms) {
      const extra = [t.source ? `source ${t.source}` : '', t.verified ? '' : 'unverified', t.note ?? ''].filter(Boolean).join('; ');
      ctx.out(`  ${t.lang.padEnd(7)} ${t.type.padEnd(12)} ${t.status.padEnd(10)} ${t.text}${extra ? `  (${extra})` : ''}`);
    }
    if (total > 0) {
      ctx.out(`occurrences: ${total}`);
      for (const o of occurrences) ctx.out(`  ${o.documentName}:${o.start}  ${o.context.replace(/\s+/g, ' ')}`);
    }
  },
};
