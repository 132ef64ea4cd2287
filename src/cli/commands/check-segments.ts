// termdesk check on bilingual input: an XLIFF file (check FILE.xlf) or two aligned plain texts
// (check --source EN --target ZH). Reads the segments, runs check/segments.ts, prints the report
// in the same formats and with the same exit codes as a draft check.
import fs from 'node:fs';
import path from 'node:path';
import { type CommandContext, EXIT, UsageError } from '../command.js';
import { readTextFile } from '../../io/text.js';
import { type BilingualInput, readBilingual } from '../../check/bilingual.js';
import { type SegmentCheckResult, checkSegments, segmentCounts } from '../../check/segments.js';
import { formatSegmentsHtml } from '../../check/segment-report.js';
import { type ReportFormat, formatCsv, formatText } from '../../check/reporters.js';
import { termIndexFor } from '../../check/live-index.js';
import { addIgnores, ignoreFileFor, isFindingId, readIgnoreFile } from '../../check/ignores.js';

export interface SegmentCheckArgs {
  /** An XLIFF file, or the Chinese target of aligned texts. */
  target: string;
  /** The English source of aligned texts (absent for XLIFF). */
  source?: string;
  format: ReportFormat;
  rules: string[];
  disable: string[];
  newIgnores: string[];
  ignoreFile?: string;
  noIgnores: boolean;
  output?: string;
  verbose: boolean;
}

export async function runSegmentCheck(ctx: CommandContext, args: SegmentCheckArgs): Promise<number> {
  const targetPath = path.resolve(ctx.io.cwd, args.target);
  for (const id of args.newIgnores) if (!isFindingId(id)) throw new UsageError(`"${id}" is not a finding id (run with -v or --json to see ids)`);
  const ignoreFile = path.resolve(ctx.io.cwd, args.ignoreFile ?? ignoreFileFor(targetPath));
  const existing = readIgnoreFile(ignoreFile);

  let input: BilingualInput;
  if (args.source === undefined) {
    let stream: fs.ReadStream;
    try {
      fs.accessSync(targetPath, fs.constants.R_OK);
      stream = fs.createReadStream(targetPath);
    } catch {
      throw new UsageError(`${args.target}: no such file`);
    }
    input = { kind: 'xliff', name: args.target, data: stream };
  } else {
    const source = await readTextFile(path.resolve(ctx.io.cwd, args.source));
    const target = await readTextFile(targetPath);
    input = { kind: 'aligned', source: source.text, target: target.text, sourceName: args.source, targetName: args.target };
  }
  const { segments, sourceName, exactColumns, notices } = await readBilingual(input);
  if (!ctx.quiet) for (const notice of notices) ctx.err(`termdesk: ${notice}`);

  const store = await ctx.store();
  const index = termIndexFor(store);
  const run = (ignore: string[]): SegmentCheckResult =>
    checkSegments(index, segments, { name: args.target, sourceName, exactColumns, rules: args.rules, disable: args.disable, ignore });
  const ignores = args.noIgnores ? [] : existing.ignore.map((e) => e.id);
  if (args.newIgnores.length > 0) {
    const all = run([]);
    const entries = args.newIgnores.map((id) => {
      const issue = all.issues.find((i) => i.id === id);
      return issue ? { id, rule: issue.rule, text: issue.text } : { id };
    });
    const added = addIgnores(ignoreFile, entries);
    if (!ctx.quiet) ctx.err(`termdesk: ${added.length} finding${added.length === 1 ? '' : 's'} added to ${path.relative(ctx.io.cwd, ignoreFile) || ignoreFile}`);
    ignores.push(...args.newIgnores);
  }
  const result = run(ignores);
  const report =
    args.format === 'json'
      ? JSON.stringify(result, null, 2)
      : args.format === 'html'
        ? formatSegmentsHtml(result)
        : args.format === 'csv'
          ? formatCsv(result)
          : formatText(result, { verbose: args.verbose });
  const tail = segmentCounts(result.summary.segments);
  if (args.output) {
    fs.writeFileSync(path.resolve(ctx.io.cwd, args.output), report.endsWith('\n') ? report : `${report}\n`);
    if (!ctx.quiet) ctx.err(`${formatText({ ...result, issues: [] })}; ${tail}`);
  } else {
    ctx.out(args.format === 'text' ? `${report}; ${tail}` : report);
  }
  return result.summary.errors > 0 ? EXIT.findings : EXIT.ok;
}
