import type { Command } from '../command.js';
import path from 'node:path';
import { UsageError, stringOption } from '../command.js';
import { createProgress } from '../progress.js';
import { initDatabase } from '../../setup.js';
import { openDatabase } from '../../store/db.js';
import { Store } from '../../store/repository.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'create the database and load the reference glossary (glossary/) and the seed reports (seeds/)',
  usage: 'init [--empty] [--no-seeds] [--glossary DIR]',
  options: {
    glossary: { type: 'string', arg: 'DIR', description: 'load the reference glossary from DIR instead of glossary/' },
    empty: { type: 'boolean', description: 'create the schema only, load nothing' },
    'no-seeds': { type: 'boolean', description: 'load the glossary but not the seed reports' },
  },
  maxArgs: 0,
  async run(ctx) {
    if (ctx.options.empty && ctx.options['no-seeds']) throw new UsageError('--empty and --no-seeds do not go together');
    const glossaryDir = stringOption(ctx, 'glossary');
    // Opened directly (not ctx.store()) so a missing database is not filled before we decide what to load.
    const store = new Store(openDatabase(ctx.dbPath));
    try {
      const progress = createProgress(ctx.io, ctx.quiet || ctx.json);
      const summary = ctx.options.empty
        ? { glossary: null, seeds: null }
        : await initDatabase(store, {
            seeds: !ctx.options['no-seeds'],
            glossaryDir: glossaryDir ? path.resolve(ctx.io.cwd, glossaryDir) : undefined,
            onProgress: (d, t, n) => progress.update(d, t, n),
          });
      progress.done();
      const stats = store.stats();
      if (ctx.json) {
        ctx.printJson({ database: ctx.dbPath, ...summary, stats });
      } else {
        ctx.out(`database: ${ctx.dbPath}`);
        if (summary.glossary) {
          const g = summary.glossary;
          ctx.out(`reference glossary: ${g.concepts} concepts (${g.created} new, ${g.updated} updated; terms ${g.termsAdded} added, ${g.termsChanged} changed, ${g.termsRemoved} removed)`);
        }
        if (summary.seeds) {
          const s = summary.seeds;
          ctx.out(`seeds: ${s.documents.length} documents (${s.documents.filter((d) => d.created).length} new), ${s.conceptsCreated} concepts created, ${s.conceptsLinked} linked, ${s.occurrences} occurrences`);
        }
        ctx.out(`total: ${stats.concepts} concepts, ${stats.terms} terms, ${stats.documents} documents`);
      }
    } finally {
      store.db.close();
    }
  },
};
