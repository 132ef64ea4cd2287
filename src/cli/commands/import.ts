// termdesk import: a glossary file (TBX v3 or v2, Excel, CSV, TSV) in one transaction; --dry-run
// reports what would happen and changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../command.js';
import { InputError } from '../../domain/types.js';
import { type ImportReport, importGlossary } from '../../exchange/import.js';

const FORMAT_LABEL: Record<string, string> = { tbx: 'TBX v3', tbx2: 'TBX v2', csv: 'CSV', tsv: 'TSV', xlsx: 'Excel' };

function counts(record: Record<string, number>): string {
  return Object.entries(record)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

/** The human-readable summary of an import. */
export function formatImportReport(name: string, r: ImportReport): string[] {
  const lines = [
    `${r.dryRun ? 'Dry run: would import' : 'Imported'} ${name} (${FORMAT_LABEL[r.format] ?? r.format}, ${r.dialect}): ${r.entries} entries`,
    `  concepts: ${r.concepts.new} new, ${r.concepts.merged} merged, ${r.concepts.skipped} skipped`,
    `  terms: ${r.terms.added} added, ${r.terms.existing} already present; contexts added: ${r.contextsAdded}; cross-references added: ${r.crossReferencesAdded}`,
  ];
  if (Object.keys(r.skippedLanguages).length > 0) lines.push(`  terms in languages TermDesk does not keep: ${counts(r.skippedLanguages)}`);
  if (Object.keys(r.ignored).length > 0) lines.push(`  read but not stored: ${counts(r.ignored)}`);
  // Entries skipped because they are already there need no line each; the others do.
  const skipped = r.items.filter((i) => i.action === 'skipped' && i.reason && !i.reason.startsWith('already'));
  for (const i of skipped.slice(0, 5)) lines.push(`  skipped line ${i.line}${i.label ? ` (${i.label})` : ''}: ${i.reason}`);
  if (skipped.length > 5) lines.push(`  … ${skipped.length - 5} more skipped entries (see --json)`);
  for (const w of r.warnings.slice(0, 10)) lines.push(`  warning: ${w}`);
  if (r.warningCount > 10) lines.push(`  … ${r.warningCount - 10} more warnings (see --json)`);
  if (r.dryRun) lines.push('Nothing was changed.');
  return lines;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a glossary: TBX v3 or v2, Excel (.xlsx), CSV or TSV (one transaction; --dry-run previews)',
  usage: 'import FILE [--dry-run] [--json]',
  options: { 'dry-run': { type: 'boolean', description: 'report what the import would do; change nothing' } },
  help: [
    'Concepts merge into an existing concept with the same id, or whose preferred full or short form',
    'matches; merging adds what is missing and overwrites nothing. See docs/EXCHANGE.md.',
    '',
    'Examples:',
    '  termdesk import colleagues.tbx --dry-run',
    '  termdesk import spreadsheet.csv',
    '  termdesk import glossary.xlsx',
  ],
  minArgs: 1,
  maxArgs: 1,
  async run(ctx) {
    const arg = ctx.positionals[0];
    const file = path.resolve(ctx.io.cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new InputError(`cannot read ${arg}: no such file`);
    }
    if (!stat.isFile()) throw new InputError(`cannot read ${arg}: not a file`);
    const store = await ctx.store();
    const report = await importGlossary(store, fs.createReadStream(file), { dryRun: ctx.options['dry-run'] === true, fileName: path.basename(file) });
    if (ctx.json) ctx.printJson(report);
    else for (const line of formatImportReport(path.basename(file), report)) ctx.out(line);
  },
};
