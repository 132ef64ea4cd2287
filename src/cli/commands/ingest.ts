import path from 'node:path';
import type { Command } from '../command.js';
import { createProgress } from '../progress.js';
import { readTextFile } from '../../io/text.js';
import { ingestTexts } from '../../extract/ingest.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'add reports (.txt, .md, .docx) to the database: documents, extracted terms and their occurrences',
  usage: 'ingest FILE... [--json]',
  minArgs: 1,
  help: ['Every file is read and checked before anything is written; one bad file stores nothing.', 'Re-ingesting a file with the same content changes nothing.'],
  async run(ctx) {
    const inputs = [];
    // Read and decode everything first: a missing or non-UTF-8 file stops here, before any write.
    for (const file of ctx.positionals) {
      const { text } = await readTextFile(path.resolve(ctx.io.cwd, file));
      inputs.push({ name: path.basename(file), text });
    }
    const store = await ctx.store();
    const progress = createProgress(ctx.io, ctx.quiet || ctx.json);
    const summary = ingestTexts(store, inputs, { onProgress: (d, t, n) => progress.update(d, t, n) });
    progress.done();
    if (ctx.json) {
      ctx.printJson(summary);
      return;
    }
    for (const d of summary.documents) {
      ctx.out(`${d.name}: ${d.chars} characters${d.created ? '' : ' (already ingested, unchanged)'}`);
    }
    ctx.out(
      `${summary.conceptsCreated} new candidate concepts, ${summary.conceptsLinked} linked to existing concepts, ${summary.termsAdded} terms added` +
        `${summary.nearMisses ? ` (${summary.nearMisses} near-misses of official names kept as deprecated variants)` : ''}, ${summary.occurrences} occurrences`,
    );
  },
};
