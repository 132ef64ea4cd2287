// Extraction benchmark (`npm run bench -- extract`): the five seed reports (about 98,000 characters,
// 70,000 of them Chinese).
//   cold:  `termdesk extract <5 seeds> --json` in a new process (node start, modules, glossary,
//          jieba's dictionary, extraction, JSON out), median of 3 runs (TERMDESK_BENCH_COLD_RUNS);
//          goal under 1 s;
//   warm:  extractFromTexts on the same texts in this process after a warm-up, median of 5;
//   baseline in the same run: jieba segmentation alone over the same texts (the floor any
//          jieba-based extractor pays), and loading jieba's full dictionary against the pruned one
//          and against the pruned one and the HMM model cut down to the seeds (what `termdesk
//          extract` loads: src/extract/dictionary-scope.ts);
//   linearity: each seed repeated 4 and 16 times; the time per character should stay the same
//          (ratio ≈ 1 against the single input, measured in the same run).
// Prints a Markdown section on stdout; progress on stderr.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT, SEEDS_DIR, GLOSSARY_DIR } from '../src/paths.js';
import { extractFromTexts } from '../src/extract/pipeline.js';
import { ReferenceIndex } from '../src/extract/reference.js';
import { referenceFromGlossaryDir } from '../src/extract/reference-snapshot.js';
import { loadSegmenter, tokenize } from '../src/extract/segment.js';
import { readGlossaryDir } from '../src/reference/glossary.js';

const log = (m: string) => process.stderr.write(`${m}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${Math.round(x)} ms`;
const rate = (chars: number, t: number) => `${Math.round(chars / (t / 1000)).toLocaleString('en-US')} chars/s`;

const files = fs.readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
const inputs = files.map((f) => ({ name: f, text: fs.readFileSync(path.join(SEEDS_DIR, f), 'utf8') }));
const chars = inputs.reduce((n, i) => n + i.text.length, 0);
const han = inputs.reduce((n, i) => n + (i.text.match(/\p{Script=Han}/gu) ?? []).length, 0);

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

// ---------------------------------------------------------------- cold: a new process per run
// TERMDESK_BENCH_BASELINE=/path/to/another/checkout (built) times that build's cold extraction of
// the same seeds in the same run, alternating with this one, so the ratio holds on a busy machine
// (TERMDESK_BENCH_BASELINE_LABEL names it in the results).
const cli = path.join(PROJECT_ROOT, 'bin', 'termdesk.js');
const dist = path.join(PROJECT_ROOT, 'dist', 'extract', 'pipeline.js');
const baselineDir = process.env.TERMDESK_BENCH_BASELINE;
const cold: number[] = [];
const coldCpu: number[] = [];
const baseCold: number[] = [];
const baseCpu: number[] = [];
const coldDb: Array<{ ms: number; cpu?: number }> = [];
const baseColdDb: Array<{ ms: number; cpu?: number }> = [];
let coldNote = '';
const loadBefore = os.loadavg()[0];
if (baselineDir && !fs.existsSync(path.join(baselineDir, 'dist', 'cli', 'main.js'))) throw new Error(`TERMDESK_BENCH_BASELINE: no built checkout at ${baselineDir}`);
if (fs.existsSync(dist)) {
  const missingDb = path.join(os.tmpdir(), `termdesk-bench-${process.pid}-none.sqlite`);
  // /usr/bin/time (where there is one) also reports the CPU time of the child: on a loaded machine
  // the wall time includes waiting for a core, the CPU time does not.
  const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const coldRun = (bin: string, db = missingDb): { ms: number; cpu?: number } => {
    const args = [bin, '--db', db, 'extract', ...inputs.map((i) => path.join(SEEDS_DIR, i.name)), '--json'];
    const t0 = performance.now();
    const r = gnuTime
      ? spawnSync(gnuTime, ['-f', 'cpu %U %S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
      : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const t = performance.now() - t0;
    if (r.status !== 0) throw new Error(`termdesk extract failed: ${r.stderr}`);
    const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
    return { ms: t, ...(cpu ? { cpu: (Number(cpu[1]) + Number(cpu[2])) * 1000 } : {}) };
  };
  // TERMDESK_BENCH_COLD_RUNS: how many cold runs are counted (3 unless set; more on a busy machine).
  const coldRuns = Math.max(1, Number(process.env.TERMDESK_BENCH_COLD_RUNS ?? 3) || 3);
  for (let run = 0; run <= coldRuns; run++) {
    const r = coldRun(cli);
    if (run > 0) {
      cold.push(r.ms); // the first run may build the pruned dictionary cache
      if (r.cpu !== undefined) coldCpu.push(r.cpu);
    }
    log(`cold run ${run}: ${ms(r.ms)}${r.cpu !== undefined ? `, CPU ${ms(r.cpu)}` : ''}${run === 0 ? ' (warms the OS file cache and the dictionary cache; not counted)' : ''}`);
    if (baselineDir) {
      const b = coldRun(path.join(baselineDir, 'bin', 'termdesk.js'));
      if (run > 0) {
        baseCold.push(b.ms);
        if (b.cpu !== undefined) baseCpu.push(b.cpu);
      }
      log(`  baseline cold run ${run}: ${ms(b.ms)}${b.cpu !== undefined ? `, CPU ${ms(b.cpu)}` : ''}`);
    }
  }
  // What a user who ran `termdesk init` waits for: the same extraction linked against the default
  // database (reference glossary and the seeds ingested), read-only. TERMDESK_BENCH_DB_RUNS=0 skips it.
  const dbRuns = Math.max(0, Number(process.env.TERMDESK_BENCH_DB_RUNS ?? 3) || 0);
  if (dbRuns > 0) {
    const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'termdesk-bench-db-'));
    try {
      const db = path.join(dbDir, 'termdesk.sqlite');
      const init = spawnSync(process.execPath, [cli, '--db', db, 'init', '--quiet'], { encoding: 'utf8' });
      if (init.status !== 0) throw new Error(`termdesk init failed: ${init.stderr}`);
      for (let run = 0; run <= dbRuns; run++) {
        const r = coldRun(cli, db);
        const b = baselineDir ? coldRun(path.join(baselineDir, 'bin', 'termdesk.js'), db) : undefined;
        if (run > 0) {
          coldDb.push(r);
          if (b) baseColdDb.push(b);
        }
        log(`cold run with the database ${run}: ${ms(r.ms)}${r.cpu !== undefined ? `, CPU ${ms(r.cpu)}` : ''}${b ? `; baseline ${ms(b.ms)}${b.cpu !== undefined ? `, CPU ${ms(b.cpu)}` : ''}` : ''}${run === 0 ? ' (not counted)' : ''}`);
      }
    } finally {
      fs.rmSync(dbDir, { recursive: true, force: true });
    }
  }
} else {
  coldNote = 'dist/ is missing (run `npm run build`); cold runs skipped.';
}

// ---------------------------------------------------------------- in this process
const full = createRequire(import.meta.url)('nodejieba/package.json') as { version: string };
const jiebaLoad = time(() => loadSegmenter());
log(`jieba load (pruned dictionary): ${ms(jiebaLoad.ms)}`);
const fullLoad = spawnSync(
  process.execPath,
  [
    '-e',
    // The same one-line IDF and stop-word files as the pruned load, so only the main dictionary differs.
    `const t=performance.now();const j=require('nodejieba');j.load({idfDict:${JSON.stringify(path.join(os.tmpdir(), 'termdesk-jieba-idf.utf8'))},stopWordDict:${JSON.stringify(path.join(os.tmpdir(), 'termdesk-jieba-stop.utf8'))}});process.stdout.write(String(performance.now()-t))`,
  ],
  { cwd: PROJECT_ROOT, encoding: 'utf8' },
);
const fullLoadMs = Number(fullLoad.stdout);
log(`jieba load (full dictionary, new process): ${ms(fullLoadMs)}`);
// What a cold `termdesk extract` of the seeds loads: the pruned dictionary cut down to the words
// the seeds can use, in a new process each time (median of 3), against the whole pruned one loaded
// the same way.
const newProcessLoad = (cut: boolean): { ms: number; cut: boolean } => {
  const segment = pathToFileURL(path.join(PROJECT_ROOT, 'dist', 'extract', 'segment.js')).href;
  const texts = JSON.stringify(inputs.map((i) => path.join(SEEDS_DIR, i.name)));
  const script = `import fs from 'node:fs';const s=await import(${JSON.stringify(segment)});${cut ? `s.expectTexts(${texts}.map((f)=>fs.readFileSync(f,'utf8')));` : ''}const t=performance.now();s.loadSegmenter();process.stdout.write(String(performance.now()-t)+' '+s.dictionaryIsCut())`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`jieba load failed: ${r.stderr}`);
  const [t, isCut] = r.stdout.split(' ');
  return { ms: Number(t), cut: isCut === 'true' };
};
const scopedLoads = fs.existsSync(dist) ? [0, 1, 2].map(() => ({ cut: newProcessLoad(true), whole: newProcessLoad(false) })) : [];
const scopedLoadMs = scopedLoads.length ? median(scopedLoads.map((l) => l.cut.ms)) : NaN;
const prunedNewMs = scopedLoads.length ? median(scopedLoads.map((l) => l.whole.ms)) : NaN;
if (scopedLoads.some((l) => !l.cut.cut || l.whole.cut)) throw new Error('the dictionary was not cut down to the seeds (or was when it should not be)');
if (scopedLoads.length) log(`jieba load, new process: pruned ${ms(prunedNewMs)}, cut down to the seeds ${ms(scopedLoadMs)}`);

const glossary = time(() => {
  const index = ReferenceIndex.fromGlossary(readGlossaryDir(GLOSSARY_DIR));
  index.mentionPatterns(); // the variants and the scanner, which extraction builds on first use
  return index;
});
// What a cold `termdesk extract` without a database does instead: the index from its snapshot
// (src/extract/reference-snapshot.ts; the first call writes it if this build has none yet).
referenceFromGlossaryDir(GLOSSARY_DIR);
const fromSnapshot = time(() => referenceFromGlossaryDir(GLOSSARY_DIR));
log(`reference index: built ${ms(glossary.ms)}, from its snapshot ${ms(fromSnapshot.ms)}`);
const reference = glossary.value;
extractFromTexts(inputs, { reference }); // warm-up: JIT, segmenter user words
const warm: number[] = [];
let concepts = 0;
for (let i = 0; i < 5; i++) {
  const r = time(() => extractFromTexts(inputs, { reference }));
  warm.push(r.ms);
  concepts = r.value.concepts.length;
}
const warmMs = median(warm);
log(`warm: ${ms(warmMs)} (${concepts} concepts)`);

const segMs = median([0, 1, 2].map(() => time(() => inputs.forEach((i) => tokenize(i.text))).ms));
log(`segmentation alone: ${ms(segMs)}`);

const growth = [4, 16].map((times) => {
  const repeated = inputs.map((i) => ({ name: i.name, text: Array(times).fill(i.text).join('\n') }));
  const n = repeated.reduce((sum, i) => sum + i.text.length, 0);
  const t = median((times > 4 ? [0] : [0, 1, 2]).map(() => time(() => extractFromTexts(repeated, { reference })).ms));
  log(`${times} times the input: ${ms(t)}`);
  return { times, chars: n, ms: t, ratio: t / n / (warmMs / chars) };
});

const coldMs = cold.length ? median(cold) : NaN;

/** The rows of the cold runs against the default database (and the baseline's, same database). */
function coldRowsWithDb(): string[] {
  if (!coldDb.length) return [];
  const wall = median(coldDb.map((r) => r.ms));
  const cpus = coldDb.flatMap((r) => (r.cpu !== undefined ? [r.cpu] : []));
  const baseWall = baseColdDb.length ? median(baseColdDb.map((r) => r.ms)) : NaN;
  const baseCpus = baseColdDb.flatMap((r) => (r.cpu !== undefined ? [r.cpu] : []));
  const cpuNote = cpus.length ? `, CPU ${ms(median(cpus))}` : '';
  const ratio = baseColdDb.length
    ? `; baseline ${ms(baseWall)}${baseCpus.length ? `, CPU ${ms(median(baseCpus))}` : ''}: wall ${(wall / baseWall).toFixed(2)}×${baseCpus.length && cpus.length ? `, CPU ${(median(cpus) / median(baseCpus)).toFixed(2)}×` : ''}`
    : '';
  return [`| cold, linked against the default database (after \`termdesk init\`) | ${ms(wall)} | ${rate(chars, wall)} | median of ${coldDb.length}${cpuNote}${ratio} |`];
}
const lines = [
  '## Extraction (`termdesk extract`, the five seed reports)',
  '',
  `Input: ${inputs.length} reports, ${chars.toLocaleString('en-US')} characters (${han.toLocaleString('en-US')} Chinese characters); reference glossary of ${reference.concepts.length} concepts; nodejieba ${full.version}.`,
  '',
  '| measurement | time | throughput | note |',
  '|---|---:|---:|---|',
  cold.length
    ? `| cold: \`termdesk extract\` of the five seeds, new process | ${ms(coldMs)} | ${rate(chars, coldMs)} | median of ${cold.length} (fastest ${ms(Math.min(...cold))}, slowest ${ms(Math.max(...cold))}); goal < 1,000 ms: ${coldMs < 1000 ? 'met' : 'NOT met'} |`
    : `| cold | – | – | ${coldNote} |`,
  ...(coldCpu.length ? [`| cold, CPU time of that process (user + system) | ${ms(median(coldCpu))} | ${rate(chars, median(coldCpu))} | what the wall time would be on an idle core |`] : []),
  ...(baseCold.length
    ? [
        `| baseline build, cold, same run (\`TERMDESK_BENCH_BASELINE\`) | ${ms(median(baseCold))} | ${rate(chars, median(baseCold))} | fastest ${ms(Math.min(...baseCold))}; this build / baseline: wall ${(coldMs / median(baseCold)).toFixed(2)}×${baseCpu.length && coldCpu.length ? `, CPU ${(median(coldCpu) / median(baseCpu)).toFixed(2)}× (baseline CPU ${ms(median(baseCpu))})` : ''} |`,
      ]
    : []),
  ...coldRowsWithDb(),
  `| warm: extraction in a running process | ${ms(warmMs)} | ${rate(chars, warmMs)} | median of 5, ${concepts} concepts |`,
  `| jieba dictionary load, pruned (this process) | ${ms(jiebaLoad.ms)} | | what a server or an in-process extraction loads |`,
  `| jieba dictionary load, full (baseline) | ${ms(fullLoadMs)} | | ratio pruned/full ${(jiebaLoad.ms / fullLoadMs).toFixed(2)} |`,
  ...(scopedLoads.length
    ? [
        `| jieba dictionary load, pruned, new process | ${ms(prunedNewMs)} | | median of 3 |`,
        `| jieba dictionary load, pruned, dictionary and HMM model cut down to the seeds, new process (what a cold run does) | ${ms(scopedLoadMs)} | | median of 3, the same tokens; ratio cut/pruned ${(scopedLoadMs / prunedNewMs).toFixed(2)} |`,
      ]
    : []),
  `| reference glossary read and indexed, variants and scanner built (no database) | ${ms(glossary.ms)} | | what a cold run did before the snapshot |`,
  `| reference index read from its snapshot (what a cold run does) | ${ms(fromSnapshot.ms)} | | the same index; ratio to building it ${(fromSnapshot.ms / glossary.ms).toFixed(2)} |`,
  `| jieba segmentation alone (baseline) | ${ms(segMs)} | ${rate(chars, segMs)} | extraction/segmentation ${(warmMs / segMs).toFixed(1)}× |`,
  ...growth.map(
    (g) => `| ${g.times} times the input | ${ms(g.ms)} | ${rate(g.chars, g.ms)} | time per character ${g.ratio.toFixed(2)}× that of the single input (1.00 = linear) |`,
  ),
  '',
  ...(baselineDir ? [`Baseline build: ${process.env.TERMDESK_BENCH_BASELINE_LABEL ?? baselineDir}, the same glossary and seeds.`, ''] : []),
  'Cold time is what a user waits for from the shell; warm time is what a server pays per request. The machine is',
  `shared and noisy (load average ${loadBefore.toFixed(1)} at the start of this run, ${os.loadavg()[0].toFixed(1)} at the end, on ${os.cpus().length} cores):`,
  'compare the ratios, which are measured in the same run, and the CPU time.',
];
process.stdout.write(`${lines.join('\n')}\n`);
