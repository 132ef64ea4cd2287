import path from 'node:path';
import type { Command } from '../command.js';
import { createProgress } from '../progress.js';
import { readTextFile } from '../../io/text.js';
import { type IngestInput, ingestTexts } from '../../extract/ingest.js';
import { expectTexts } from '../../extract/segment.js';
import { ReferenceIndex } from '../../extract/reference.js';
import { alignedOriginal, anchorsOf, englishFiles } from '../english-original.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'add reports (.txt, .md, .docx) to the database: documents, extracted terms and their occurrences',
  usage: 'ingest FILE... [--en EN_FILE...] [--json]',
  options: {
    en: { type: 'string', multiple: true, arg: 'EN_FILE', description: 'the English original of the report (one per FILE, same order): new names get their English from it' },
  },
  minArgs: 1,
  help: [
    'Every file is read and checked before anything is written; one bad file stores nothing.',
    'Re-ingesting a file with the same content changes nothing.',
    'With --en, new names are stored with the English name and acronym read in the aligned English sentence (noted).',
  ],
  async run(ctx) {
    const enFiles = englishFiles(ctx);
    const inputs: IngestInput[] = [];
    // Read and decode everything first: a missing or non-UTF-8 file stops here, before any write.
    for (const file of ctx.positionals) {
      const { text } = await readTextFile(path.resolve(ctx.io.cwd, file));
      inputs.push({ name: path.basename(file), text });
    }
    const store = await ctx.store();
    // After the store (a new database is first filled with the seeds, which segments them): the
    // segmenter then reads only the part of its dictionary these texts can use.
    expectTexts(inputs.map((i) => i.text));
    if (enFiles.length > 0) {
      const anchors = anchorsOf(ReferenceIndex.fromStore(store));
      for (let i = 0; i < inputs.length; i++) inputs[i].english = await alignedOriginal(ctx, enFiles[i], inputs[i], anchors);
    }
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
