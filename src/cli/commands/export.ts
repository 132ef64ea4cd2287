// termdesk export: the glossary as TBX v3, TBX v2, CSV, TSV or Excel, streamed to stdout or a file.
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Command } from '../command.js';
import { UsageError, stringOption } from '../command.js';
import { replaceFile } from '../../io/atomic-file.js';
import { exportGlossary, parseExportFilter } from '../../exchange/export.js';
import { EXPORT_FORMATS, type ExportFormat, FORMATS, isBinaryFormat, isExportFormat } from '../../formats/registry.js';

const BY_EXTENSION: Record<string, ExportFormat> = { '.tbx': 'tbx', '.csv': 'csv', '.tsv': 'tsv', '.txt': 'tsv', '.xlsx': 'xlsx' };

/** Writes chunks (text or bytes) to a stream, waiting whenever it asks us to. */
async function writeChunks(chunks: Iterable<string> | AsyncIterable<string | Uint8Array>, stream: NodeJS.WritableStream): Promise<void> {
  for await (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'export the glossary as TBX v3, TBX v2, CSV, TSV or Excel (streamed; stdout by default)',
  usage: 'export [--format tbx|tbx2|csv|tsv|xlsx] [--category C] [--status S] [--since DATE] [-o FILE]',
  options: {
    format: { type: 'string', short: 'f', arg: 'FORMAT', description: `${EXPORT_FORMATS.join(', ')} (default: from -o's extension, else tbx)` },
    category: { type: 'string', multiple: true, arg: 'C', description: 'only these categories (repeat or comma-separate)' },
    status: {
      type: 'string',
      multiple: true,
      arg: 'S',
      description: 'approved/candidate/rejected (concepts) or preferred/admitted/deprecated (terms)',
    },
    since: { type: 'string', arg: 'DATE', description: 'only concepts changed on or after DATE (2025-01-31)' },
    output: { type: 'string', short: 'o', arg: 'FILE', description: 'write to FILE instead of stdout' },
  },
  help: [
    'Examples:',
    '  termdesk export -o glossary.tbx                      TBX v3 (TBX-Basic), everything',
    '  termdesk export --format tbx2 -o omegat.tbx          TBX v2 for tools that read only v2',
    '  termdesk export --format csv --status approved > reviewed.csv',
    '  termdesk export -o glossary.xlsx                     Excel, one row per concept (memoQ, Trados)',
    '  termdesk export --category organization,body --since 2025-01-01 -o recent.tbx',
  ],
  maxArgs: 0,
  async run(ctx) {
    const output = stringOption(ctx, 'output');
    const given = stringOption(ctx, 'format');
    if (given !== undefined && !isExportFormat(given)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${given}"`);
    const format: ExportFormat = given ?? (output ? BY_EXTENSION[path.extname(output).toLowerCase()] : undefined) ?? 'tbx';
    const filter = parseExportFilter({
      category: ctx.options.category as string[] | undefined,
      status: ctx.options.status as string[] | undefined,
      since: stringOption(ctx, 'since'),
    });
    if (!output && isBinaryFormat(format) && ctx.io.stdout.isTTY) throw new UsageError(`${format} is a binary format: write it to a file with -o FILE, or redirect stdout`);
    const store = await ctx.store();
    const result = exportGlossary(store, format, filter);
    if (!output) {
      await writeChunks(result.chunks, ctx.io.stdout);
      if (!ctx.quiet) ctx.err(`termdesk: exported ${result.stats.concepts} concepts as ${FORMATS[format].label}`);
      return;
    }
    // Write beside the target and rename at the end: a failed export leaves no half file.
    const file = path.resolve(ctx.io.cwd, output);
    try {
      await replaceFile(file, async (temp) => {
        const stream = fs.createWriteStream(temp);
        try {
          await once(stream, 'open');
          await writeChunks(result.chunks, stream);
          stream.end();
          await once(stream, 'finish');
        } catch (err) {
          stream.destroy();
          throw err;
        }
      });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code && e.syscall) throw new UsageError(`cannot write ${output}: ${e.code === 'ENOENT' ? 'no such directory' : e.message}`);
      throw err;
    }
    const summary = { format, file, concepts: result.stats.concepts };
    if (ctx.json) ctx.printJson(summary);
    else if (!ctx.quiet) ctx.err(`termdesk: exported ${summary.concepts} concepts as ${FORMATS[format].label} to ${output}`);
  },
};
