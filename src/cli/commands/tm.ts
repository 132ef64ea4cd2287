// termdesk tm: the translation memory from the command line. Thin: parse, call src/tm, print.
import fs from 'node:fs';
import path from 'node:path';
import type { Command, CommandContext } from '../command.js';
import { UsageError, intOption, stringOption } from '../command.js';
import { InputError } from '../../domain/types.js';
import { counted } from '../../domain/words.js';
import { replaceFileSync } from '../../io/atomic-file.js';
import { readRegularFile } from '../../io/read-file.js';
import type { Store } from '../../store/repository.js';
import { type Range, concordance } from '../../tm/concordance.js';
import { type DiffSpan, fuzzyMatch } from '../../tm/fuzzy.js';
import { type ImportSummary, exportTmx, importDocumentPair, importTmFile } from '../../tm/import.js';
import { MIN_TOGETHER, conceptSegmentCount, conceptsWithoutEnglish, suggestEquivalents, type EquivalentsResponse } from '../../tm/equivalents.js';

/** English candidates shown per concept by tm suggest --missing. */
const MISSING_CANDIDATES = 3;
import { TmRepository } from '../../store/tm-repository.js';
import { conceptLabel } from '../../domain/summary.js';

/** Translation-memory files can be much larger than reports. */
const MAX_TM_FILE_BYTES = 512 * 1024 * 1024;

function readInput(ctx: CommandContext, file: string): { name: string; bytes: Buffer } {
  return { name: path.basename(file), bytes: readRegularFile(path.resolve(ctx.io.cwd, file), MAX_TM_FILE_BYTES, file) };
}

function printImport(ctx: CommandContext, s: ImportSummary): void {
  if (ctx.json) {
    ctx.printJson(s);
    return;
  }
  const dup = s.duplicates ? `, ${s.duplicates} already in the memory` : '';
  const skipped = s.skipped ? `, ${s.skipped} units skipped (no English/Chinese pair)` : '';
  ctx.out(`${s.file}: ${s.read} ${s.format === 'tmx' ? 'units' : 'pairs'} read, ${s.added} segments added${dup}${skipped}`);
  if (s.alignment) {
    const a = s.alignment;
    const beads = Object.entries(a.beads)
      .filter(([, n]) => n > 0)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    ctx.out(`alignment: ${a.paragraphs.en}/${a.paragraphs.zh} paragraphs, ${a.sentences.en}/${a.sentences.zh} sentences (en/zh); beads ${beads}; left unaligned: ${a.unalignedEn} English, ${a.unalignedZh} Chinese`);
  }
}

/** wdiff-style markers: [-only in the query-]{+only in the stored segment+}. */
export function formatDiff(diff: DiffSpan[]): string {
  return diff.map((d) => (d.op === 'equal' ? d.text : d.op === 'delete' ? `[-${d.text.trimEnd()}-] ` : `{+${d.text.trimEnd()}+} `)).join('').trim();
}

function highlight(text: string, ranges: Range[], tty: boolean): string {
  let out = '';
  let at = 0;
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (s < at) continue;
    // [[…]] off a terminal: «…» read as Chinese title marks (《…》), and brackets of one pair occur in UN text.
    out += text.slice(at, s) + (tty ? `\x1b[1;33m${text.slice(s, e)}\x1b[0m` : `[[${text.slice(s, e)}]]`);
    at = e;
  }
  return out + text.slice(at);
}

function printSuggestions(ctx: CommandContext, r: EquivalentsResponse, store: Store): void {
  const concept = r.conceptId !== null ? store.getConcept(r.conceptId) : undefined;
  ctx.out(`${concept ? `#${concept.id}  ${conceptLabel(concept.terms)}` : r.zhTerms.join(', ')}: ${r.segments} of ${counted(r.total, 'segment')} ${r.segments === 1 ? 'contains' : 'contain'} ${r.zhTerms.join(' / ')}`);
  if (r.candidates.length === 0) {
    ctx.out(`  no English candidate (a candidate needs ${MIN_TOGETHER} segments in common with the term)`);
    return;
  }
  for (const c of r.candidates) {
    ctx.out(`  ${c.dice.toFixed(3)}  ${String(c.together).padStart(4)}/${String(c.anywhere).padEnd(5)} ${c.text}`);
  }
}

function sideOption(ctx: CommandContext): 'en' | 'zh' | undefined {
  const lang = stringOption(ctx, 'lang');
  if (lang !== undefined && lang !== 'en' && lang !== 'zh') throw new UsageError(`--lang must be en or zh, not "${lang}"`);
  return lang;
}

/** tm import FILE, or --pair EN_FILE ZH_FILE (aligned). */
async function importSubcommand(ctx: CommandContext, args: string[]): Promise<void> {
  if (ctx.options.pair) {
    if (args.length !== 2) throw new UsageError('usage: termdesk tm import --pair EN_FILE ZH_FILE');
    if (ctx.options.en || ctx.options.zh) throw new UsageError('--en and --zh are for TMX files, not --pair');
    const en = readInput(ctx, args[0]);
    const zh = readInput(ctx, args[1]);
    const store = await ctx.store();
    printImport(ctx, await importDocumentPair(store, en, zh, { doc: stringOption(ctx, 'doc'), glossaryAnchors: !ctx.options['no-glossary'] }));
    return;
  }
  if (args.length !== 1) throw new UsageError('usage: termdesk tm import FILE (one file), or --pair EN_FILE ZH_FILE');
  if (ctx.options.doc || ctx.options['no-glossary']) throw new UsageError('--doc and --no-glossary go with --pair');
  const enLang = stringOption(ctx, 'en');
  const zhLang = stringOption(ctx, 'zh');
  if ((enLang === undefined) !== (zhLang === undefined)) throw new UsageError('give both --en LANG and --zh LANG, or neither');
  const file = readInput(ctx, args[0]);
  const store = await ctx.store();
  printImport(ctx, await importTmFile(store, file.bytes, file.name, { enLang, zhLang }));
}

/** tm export [-o FILE]: the memory as TMX, to stdout or atomically to a file. */
async function exportSubcommand(ctx: CommandContext, args: string[]): Promise<void> {
  if (args.length > 0) throw new UsageError('usage: termdesk tm export [-o FILE]');
  const store = await ctx.store();
  const output = stringOption(ctx, 'output');
  const count = TmRepository.of(store).count().count;
  if (!output) {
    for (const chunk of exportTmx(store)) ctx.io.stdout.write(chunk);
    return;
  }
  // Written next to the target and renamed, so a failed export never leaves half a file.
  const target = path.resolve(ctx.io.cwd, output);
  replaceFileSync(target, (temp) => {
    let fd: number;
    try {
      fd = fs.openSync(temp, 'w');
    } catch (err) {
      throw new InputError(`${output}: cannot write (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      for (const chunk of exportTmx(store)) fs.writeSync(fd, chunk);
    } finally {
      fs.closeSync(fd);
    }
  });
  if (ctx.json) ctx.printJson({ file: target, segments: count });
  else ctx.err(`${count} segments written to ${output}`);
}

/** tm match TEXT: fuzzy matches with their differences. */
async function matchSubcommand(ctx: CommandContext, args: string[]): Promise<void> {
  const text = args.join(' ');
  if (!text.trim()) throw new UsageError('usage: termdesk tm match TEXT');
  const lang = sideOption(ctx);
  const store = await ctx.store();
  const r = fuzzyMatch(store, text, { limit: intOption(ctx, 'limit', 5, 1, 100), minScore: intOption(ctx, 'min', 50, 0, 100), lang });
  if (ctx.json) {
    ctx.printJson({ query: r.query, lang: r.lang, matches: r.matches });
    return;
  }
  if (r.matches.length === 0) {
    ctx.out(`no match of ${intOption(ctx, 'min', 50, 0, 100)}% or more`);
    return;
  }
  for (const m of r.matches) {
    ctx.out(`${String(m.score).padStart(3)}%  #${m.segmentId}${m.doc ? `  ${m.doc}` : ''}`);
    ctx.out(`  ${m.sourceLang === 'en' ? 'EN' : 'ZH'}  ${m.score === 100 ? m.source : formatDiff(m.diff)}`);
    ctx.out(`  ${m.sourceLang === 'en' ? 'ZH' : 'EN'}  ${m.target}`);
  }
}

/** tm concordance TERM: the segments that contain it, hits highlighted. */
async function concordanceSubcommand(ctx: CommandContext, args: string[]): Promise<void> {
  const text = args.join(' ');
  if (!text.trim()) throw new UsageError('usage: termdesk tm concordance TERM');
  const lang = sideOption(ctx);
  const store = await ctx.store();
  const r = concordance(store, text, { limit: intOption(ctx, 'limit', 20, 1, 1000), offset: intOption(ctx, 'offset', 0, 0, 10_000_000), lang });
  if (ctx.json) {
    ctx.printJson(r);
    return;
  }
  const tty = ctx.io.stdout.isTTY === true;
  const shown = r.hits.length < r.total ? ` (showing ${r.hits.length}${r.hits.length > 0 ? ` from ${intOption(ctx, 'offset', 0, 0, 10_000_000) + 1}` : ''}; --offset for more)` : '';
  const english = r.english.length > 0 ? `; English marked: ${r.english.join(', ')}` : '';
  ctx.out(`${counted(r.total, 'segment')} ${r.total === 1 ? 'contains' : 'contain'} "${r.query}"${shown}${english}`);
  for (const h of r.hits) {
    ctx.out(`#${h.segmentId}${h.doc ? `  ${h.doc}` : ''}`);
    ctx.out(`  EN  ${highlight(h.en, h.enRanges, tty)}`);
    ctx.out(`  ZH  ${highlight(h.zh, h.zhRanges, tty)}`);
  }
}

/** tm suggest CONCEPT_ID | ZH_TERM | --missing: English equivalents from the memory. */
async function suggestSubcommand(ctx: CommandContext, args: string[]): Promise<void> {
  const text = args.join(' ');
  const store = await ctx.store();
  if (ctx.options.missing) {
    if (args.length > 0) throw new UsageError('--missing takes no argument');
    // --limit counts concepts here: the ones the memory says most about come first.
    const limit = intOption(ctx, 'limit', 20, 1, 1000);
    const missing = conceptsWithoutEnglish(store, 100_000);
    const inMemory = missing
      .map((id) => ({ id, segments: conceptSegmentCount(store, id) }))
      .filter((c) => c.segments > 0)
      .sort((a, b) => b.segments - a.segments || a.id - b.id);
    const results = inMemory.slice(0, limit).map((c) => suggestEquivalents(store, { conceptId: c.id }, { limit: MISSING_CANDIDATES }));
    if (ctx.json) {
      ctx.printJson({ withoutEnglish: missing.length, inMemory: inMemory.length, concepts: results });
      return;
    }
    if (missing.length === 0) {
      ctx.out('every concept with a Chinese term has an English term');
      return;
    }
    ctx.out(`${counted(missing.length, 'concept')} without an English term, ${inMemory.length} of them in the memory${results.length < inMemory.length ? `; the ${results.length} in most segments (--limit)` : ''}:`);
    for (const r of results) printSuggestions(ctx, r, store);
    return;
  }
  const limit = intOption(ctx, 'limit', 10, 1, 100);
  if (!text.trim()) throw new UsageError('usage: termdesk tm suggest CONCEPT_ID | ZH_TERM | --missing');
  const r = /^\d+$/.test(text.trim())
    ? suggestEquivalents(store, { conceptId: Number(text.trim()) }, { limit })
    : suggestEquivalents(store, { zh: [text] }, { limit });
  if (ctx.json) ctx.printJson(r);
  else printSuggestions(ctx, r, store);
}

/** tm stats: how many segments, by origin and by largest document. */
async function statsSubcommand(ctx: CommandContext, args: string[]): Promise<void> {
  if (args.length > 0) throw new UsageError('usage: termdesk tm stats');
  const s = TmRepository.of(await ctx.store()).stats();
  if (ctx.json) {
    ctx.printJson(s);
    return;
  }
  ctx.out(`${s.segments} segments`);
  for (const [origin, n] of Object.entries(s.byOrigin)) ctx.out(`  ${origin.padEnd(10)} ${n}`);
  if (s.documents.length) {
    ctx.out('largest documents:');
    for (const d of s.documents.slice(0, 10)) ctx.out(`  ${String(d.segments).padStart(6)}  ${d.doc ?? '(none)'}`);
  }
}

/** Options every command takes; the others must belong to the subcommand. */
const GLOBAL_OPTIONS = ['db', 'json', 'quiet', 'help', 'version'];

const SUBCOMMANDS: Record<string, { options: string[]; run: (ctx: CommandContext, args: string[]) => Promise<void> }> = {
  import: { options: ['pair', 'en', 'zh', 'doc', 'no-glossary'], run: importSubcommand },
  export: { options: ['output'], run: exportSubcommand },
  match: { options: ['limit', 'min', 'lang'], run: matchSubcommand },
  concordance: { options: ['limit', 'offset', 'lang'], run: concordanceSubcommand },
  suggest: { options: ['limit', 'missing'], run: suggestSubcommand },
  stats: { options: [], run: statsSubcommand },
};

export const tmCommand: Command = {
  name: 'tm',
  summary: 'translation memory: import TMX/TSV or align a document pair, export TMX, fuzzy match, concordance, term equivalents',
  usage:
    'tm import FILE [--en LANG --zh LANG] | tm import --pair EN_FILE ZH_FILE | tm export [-o FILE] | tm match TEXT | tm concordance TERM | tm suggest CONCEPT_ID|ZH_TERM|--missing | tm stats',
  options: {
    pair: { type: 'boolean', description: 'import: align an English document and its Chinese version (.txt/.md/.docx)' },
    en: { type: 'string', arg: 'LANG', description: 'import: the TMX xml:lang to read as English (default: en, en-*)' },
    zh: { type: 'string', arg: 'LANG', description: 'import: the TMX xml:lang to read as Chinese (default: zh, zh-*)' },
    doc: { type: 'string', arg: 'NAME', description: 'import --pair: document name stored with the pairs' },
    'no-glossary': { type: 'boolean', description: 'import --pair: do not use glossary terms as alignment anchors' },
    output: { type: 'string', short: 'o', arg: 'FILE', description: 'export: write to FILE instead of standard output' },
    limit: { type: 'string', arg: 'N', description: 'match/concordance/suggest: at most N results' },
    min: { type: 'string', arg: 'PERCENT', description: 'match: lowest match percentage (default 50)' },
    offset: { type: 'string', arg: 'N', description: 'concordance: skip the first N hits' },
    lang: { type: 'string', arg: 'en|zh', description: 'match/concordance: the language of the query side' },
    missing: { type: 'boolean', description: 'suggest: every concept with a Chinese term and no English term' },
  },
  minArgs: 1,
  help: [
    'Examples:',
    '  termdesk tm import unpc.tsv                     aligned en<TAB>zh lines (or a header naming en and zh columns)',
    '  termdesk tm import memory.tmx                   TMX 1.4b, UTF-8 or UTF-16; en-* and zh-* variants',
    '  termdesk tm import --pair report.en.docx report.zh.docx',
    '  termdesk tm match "No reform of the United Nations can redefine the principles of the Charter."',
    '  termdesk tm concordance 数字鸿沟',
    '  termdesk tm suggest 42                           English candidates for concept 42 from the memory',
    '  termdesk tm export -o memory.tmx',
    'Imports are all-or-nothing: a malformed file stores nothing. Pairs already stored are not added twice.',
  ],
  async run(ctx) {
    const [sub, ...args] = ctx.positionals;
    const subcommand = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!subcommand) throw new UsageError(`unknown tm subcommand "${sub}"; use one of ${Object.keys(SUBCOMMANDS).join(', ')}`);
    for (const [name, value] of Object.entries(ctx.options)) {
      if (value === undefined || GLOBAL_OPTIONS.includes(name)) continue;
      if (!subcommand.options.includes(name)) throw new UsageError(`--${name} does not apply to tm ${sub}`);
    }
    await subcommand.run(ctx, args);
  },
};
