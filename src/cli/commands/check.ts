// termdesk check: the draft checker on the command line. Exit 0 without error-level findings,
// 1 with, 2 on bad input.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../command.js';
import { EXIT, UsageError, stringOption } from '../command.js';
import { readTextFile } from '../../io/text.js';
import { checkDraftInStore, selectRules } from '../../check/checker.js';
import { RULES } from '../../check/rules/index.js';
import { addIgnores, ignoreFileFor, isFindingId, readIgnoreFile } from '../../check/ignores.js';
import { FORMATS, type ReportFormat, formatCsv, formatHtml, formatText } from '../../check/reporters.js';
import { XLIFF_FILE } from '../../check/bilingual.js';
import { runSegmentCheck } from './check-segments.js';

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check a Chinese draft for non-standard, inconsistent and unintroduced names',
  usage: 'check DRAFT [--source EN_FILE] | FILE.xlf | --source EN --target ZH  [--format text|json|html|csv] [--rules a,b] [--disable a,b] [--ignore ID,...]',
  options: {
    source: { type: 'string', arg: 'EN_FILE', description: 'English source: also report glossary terms whose Chinese is missing' },
    target: { type: 'string', arg: 'ZH_FILE', description: 'with --source: aligned texts, line n translating line n, checked segment by segment' },
    format: { type: 'string', arg: 'FORMAT', description: 'text (default), json, html or csv' },
    rules: { type: 'string', arg: 'a,b', description: 'run only these rules' },
    disable: { type: 'string', arg: 'a,b', description: 'do not run these rules' },
    ignore: { type: 'string', arg: 'ID,...', description: 'ignore these findings from now on (saved next to the draft)' },
    'ignore-file': { type: 'string', arg: 'PATH', description: 'where ignores are kept (default DRAFT.termdesk-ignore.json)' },
    'no-ignores': { type: 'boolean', description: 'report ignored findings too' },
    output: { type: 'string', short: 'o', arg: 'FILE', description: 'write the report to FILE instead of stdout' },
    verbose: { type: 'boolean', short: 'v', description: 'show finding ids in text output' },
    'list-rules': { type: 'boolean', description: 'list the rules and exit' },
  },
  maxArgs: 1,
  help: [
    'Example: termdesk check draft.txt',
    '  draft.txt:12:5 error non-standard-name 国际货币组织 → 国际货币基金组织',
    'Bilingual files, segment by segment (each finding names its segment):',
    '  termdesk check translation.xlf            XLIFF 1.2 or 2.x (.xlf, .xliff, .sdlxliff, .mqxliff)',
    '  termdesk check --source en.txt --target zh.txt',
    'Rules: ' + RULES.map((r) => r.id).join(', '),
    'Exit codes: 0 no error-level findings, 1 error-level findings, 2 bad input.',
  ],
  async run(ctx) {
    if (ctx.options['list-rules']) {
      if (ctx.json) ctx.printJson(RULES.map((r) => ({ id: r.id, severity: r.defaultSeverity, description: r.description, bilingual: !!r.needsSource })));
      else for (const r of RULES) ctx.out(`${r.id.padEnd(24)} ${r.defaultSeverity.padEnd(8)} ${r.description}`);
      return EXIT.ok;
    }
    const targetOption = stringOption(ctx, 'target');
    const xliff = ctx.positionals.length === 1 && XLIFF_FILE.test(ctx.positionals[0]);
    if (targetOption !== undefined && ctx.positionals.length > 0) throw new UsageError('--target takes the Chinese file: give either DRAFT or --source EN --target ZH');
    if (targetOption !== undefined && stringOption(ctx, 'source') === undefined) throw new UsageError('--target needs --source EN_FILE (the aligned English text)');
    if (xliff && stringOption(ctx, 'source') !== undefined) throw new UsageError('an XLIFF file holds its own source; --source goes with a draft or with --target');
    if (ctx.positionals.length === 0 && targetOption === undefined) throw new UsageError(`missing argument; usage: termdesk ${checkCommand.usage}`);
    const formatOption = stringOption(ctx, 'format');
    if (formatOption !== undefined && !(FORMATS as readonly string[]).includes(formatOption)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${formatOption}"`);
    }
    const format: ReportFormat = (formatOption as ReportFormat | undefined) ?? (ctx.json ? 'json' : 'text');
    const rules = list(stringOption(ctx, 'rules'));
    const disable = list(stringOption(ctx, 'disable'));
    selectRules(rules, disable); // unknown ids stop here, before any reading
    if (xliff || targetOption !== undefined) {
      return runSegmentCheck(ctx, {
        target: targetOption ?? ctx.positionals[0],
        source: xliff ? undefined : stringOption(ctx, 'source'),
        format,
        rules,
        disable,
        newIgnores: list(stringOption(ctx, 'ignore')),
        ignoreFile: stringOption(ctx, 'ignore-file'),
        noIgnores: ctx.options['no-ignores'] === true,
        output: stringOption(ctx, 'output'),
        verbose: ctx.options.verbose === true,
      });
    }

    const draftPath = path.resolve(ctx.io.cwd, ctx.positionals[0]);
    const draft = await readTextFile(draftPath);
    const sourceOption = stringOption(ctx, 'source');
    const source = sourceOption ? { name: sourceOption, text: (await readTextFile(path.resolve(ctx.io.cwd, sourceOption))).text } : undefined;

    const ignoreFile = path.resolve(ctx.io.cwd, stringOption(ctx, 'ignore-file') ?? ignoreFileFor(draftPath));
    const newIgnores = list(stringOption(ctx, 'ignore'));
    for (const id of newIgnores) if (!isFindingId(id)) throw new UsageError(`"${id}" is not a finding id (run with -v or --json to see ids)`);
    const existing = readIgnoreFile(ignoreFile); // a malformed file stops here too

    const store = await ctx.store();
    const name = ctx.positionals[0];
    const run = (ignore: string[]) => checkDraftInStore(store, draft.text, { name, source, rules, disable, ignore });
    const ignores = ctx.options['no-ignores'] ? [] : existing.ignore.map((e) => e.id);
    if (newIgnores.length > 0) {
      // Record what each ignored id was, from a run without ignores.
      const all = run([]);
      const entries = newIgnores.map((id) => {
        const issue = all.issues.find((i) => i.id === id);
        return issue ? { id, rule: issue.rule, text: issue.text } : { id };
      });
      const added = addIgnores(ignoreFile, entries);
      if (!ctx.quiet) ctx.err(`termdesk: ${added.length} finding${added.length === 1 ? '' : 's'} added to ${path.relative(ctx.io.cwd, ignoreFile) || ignoreFile}`);
      ignores.push(...newIgnores);
    }
    const result = run(ignores);

    const report =
      format === 'json'
        ? JSON.stringify(result, null, 2)
        : format === 'html'
          ? formatHtml(result, draft.text)
          : format === 'csv'
            ? formatCsv(result)
            : formatText(result, { verbose: ctx.options.verbose === true });
    const output = stringOption(ctx, 'output');
    if (output) {
      fs.writeFileSync(path.resolve(ctx.io.cwd, output), report.endsWith('\n') ? report : `${report}\n`);
      if (!ctx.quiet) ctx.err(formatText({ ...result, issues: [] }));
    } else {
      ctx.out(report);
    }
    return result.summary.errors > 0 ? EXIT.findings : EXIT.ok;
  },
};
