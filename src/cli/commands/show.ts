import type { Command } from '../command.js';
import { UsageError, intOption } from '../command.js';
import { conceptLabel } from '../../domain/summary.js';
import { stripMarkup } from '../../domain/markup.js';

export const showCommand: Command = {
  name: 'show',
  summary: 'one concept: every term with type, status and source, and where it was found',
  usage: 'show ID|REF [--contexts N] [--json]',
  options: { contexts: { type: 'string', arg: 'N', description: 'show up to N occurrences (default 5)' } },
  minArgs: 1,
  maxArgs: 1,
  async run(ctx) {
    const arg = ctx.positionals[0];
    if (arg.trim() === '') throw new UsageError('give a concept number (699) or reference id (unctad)');
    const store = await ctx.store();
    // The number `lookup` prints, or the reference id `show` prints after "id:".
    const concept = store.requireConcept(store.resolveConceptRef(arg));
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
      for (const o of occurrences) ctx.out(`  ${o.documentName}:${o.start}  ${stripMarkup(o.context).replace(/\s+/g, ' ')}`);
    }
  },
};
