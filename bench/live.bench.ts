// Live indexes at UNTERM size (`npm run bench -- live`, issue 16): a real `termdesk serve` over the
// default database grown to 100,000 concepts (bench/generate.ts, imported with the CLI), driven by
// autocannon from this process, every figure against a baseline measured in the same run:
//
//   1. lookups for 30 s, read-only, then with one alias written per second: throughput ratio,
//      slowest lookup, and how long after each write returned its alias was found;
//   2. the same for /api/check, a term added per second and checked for;
//   3. the 90/8/2 mix (lookups, checks, writes) at the default size and at 100,000 concepts;
//   4. reads and writes while the CLI imports 100,000 more concepts, against the same load without;
//   5. cold starts: `termdesk lookup`, `termdesk check` of a short draft, a restarted server;
//   6. `serve --workers 2` against `--workers 1`;
//   7. index memory at 100,000 concepts.
// With BASELINE_DIR=<a checkout built before issue 16> the scenarios that matter are also run
// against that build, in the same run ("before"). LIVE_DURATION changes the 30 s runs;
// LIVE_CACHE=<dir> keeps the generated databases between runs; LIVE_SCENARIOS=1,5 runs only those
// numbered scenarios (for working on one of them; RESULTS.md takes whole runs).
import autocannon from 'autocannon';
import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../src/paths.js';
import { lookupQueries, seedParagraphs } from './inputs.js';
import type { ExchangeConcept } from '../src/domain/exchange.js';
import { writeTbx3 } from '../src/formats/tbx3.js';
import { generateConcepts, writeGeneratedTbx } from './generate.js';

const SELF = fileURLToPath(import.meta.url);
const DURATION = Number(process.env.LIVE_DURATION ?? 30);
const CONCEPTS = Number(process.env.LIVE_CONCEPTS ?? 100_000);
const AFTER = { name: 'after', root: PROJECT_ROOT };
const SCENARIOS = process.env.LIVE_SCENARIOS ? new Set(process.env.LIVE_SCENARIOS.split(',').map((s) => Number(s.trim()))) : undefined;
const BASELINE = process.env.BASELINE_DIR ? { name: 'before', root: path.resolve(process.env.BASELINE_DIR) } : undefined;
type Build = typeof AFTER;
const log = (m: string) => process.stderr.write(`${m}\n`);
const bin = (b: Build) => path.join(b.root, 'bin', 'termdesk.js');

// ---------------------------------------------------------------- inputs (as bench/load.ts)

const queries = lookupQueries();
const paragraphs = seedParagraphs();
let seed = 16;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];

// ---------------------------------------------------------------- databases

function cli(b: Build, db: string, args: string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [bin(b), '--db', db, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`termdesk ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms: performance.now() - started, stdout: r.stdout };
}

/** The default database (init: glossary + seeds) and the same grown to CONCEPTS more, made by the oldest build run. */
async function databases(work: string): Promise<{ small: string; big: string; tbx: string; importTbx: string }> {
  const dir = process.env.LIVE_CACHE ? path.resolve(process.env.LIVE_CACHE) : work;
  fs.mkdirSync(dir, { recursive: true });
  const maker = BASELINE ?? AFTER;
  const small = path.join(dir, 'default.sqlite');
  const big = path.join(dir, `big-${CONCEPTS}.sqlite`);
  const tbx = path.join(dir, `generated-${CONCEPTS}.tbx`);
  const importTbx = path.join(dir, `generated-${CONCEPTS}-import.tbx`);
  if (!fs.existsSync(small)) {
    log('live: building the default database …');
    cli(maker, small, ['init', '--quiet']);
  }
  if (!fs.existsSync(tbx)) await writeGeneratedTbx(tbx, CONCEPTS);
  if (!fs.existsSync(big)) {
    log(`live: importing ${CONCEPTS.toLocaleString('en')} generated concepts …`);
    fs.copyFileSync(small, `${big}.tmp`);
    cli(maker, `${big}.tmp`, ['import', tbx, '--quiet']);
    fs.renameSync(`${big}.tmp`, big);
  }
  // Another CONCEPTS concepts, none of them in `big` (other ids, other names), for the import
  // while serving.
  if (!fs.existsSync(importTbx)) writeChunks(importTbx, writeTbx3(secondSeries()));
  return { small, big, tbx, importTbx };
}

/** The generated concepts again under other ids and names ("… (Second Series)", 第二系列…), without acronyms. */
function* secondSeries(): Generator<ExchangeConcept> {
  for (const c of generateConcepts(CONCEPTS)) {
    yield {
      ...c,
      id: `more-${c.id}`,
      terms: c.terms.filter((t) => t.type !== 'acronym').map((t) => ({ ...t, text: t.lang === 'en' ? `${t.text} (Second Series)` : `第二系列${t.text}` })),
    };
  }
}

/**
 * The English name of the first concept in the import file (looked up after the import). Read from
 * the file itself: a file kept in LIVE_CACHE may come from an older bench/generate.ts.
 */
function secondSeriesProbe(importTbx: string): string {
  const head = fs.readFileSync(importTbx, 'utf8').slice(0, 64 * 1024);
  const en = head.indexOf('<langSec xml:lang="en">');
  const term = en < 0 ? null : /<term>([^<]*)<\/term>/.exec(head.slice(en));
  if (!term) throw new Error(`${importTbx}: no English term in its first concepts`);
  return term[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function writeChunks(file: string, chunks: Iterable<string>): void {
  const fd = fs.openSync(`${file}.tmp`, 'w');
  try {
    for (const chunk of chunks) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(`${file}.tmp`, file);
}

/** A working copy of a database (and of its index files, when a run already made them). */
function copyOf(source: string, work: string, name: string): string {
  const target = path.join(work, name);
  for (const suffix of ['', '-lookup.index', '-check.index']) {
    fs.rmSync(target + suffix, { force: true });
    if (fs.existsSync(source + suffix)) fs.copyFileSync(source + suffix, target + suffix);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  return target;
}

// ---------------------------------------------------------------- the server

interface Server {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn until the first lookup was answered 200. */
  readyMs: number;
  /** Milliseconds from spawn until the first check was answered 200 (503 while its index loads). */
  checkReadyMs: number;
  stop(): Promise<void>;
}

async function serve(b: Build, db: string, args: string[] = []): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin(b), '--db', db, 'serve', '--port', '0', ...args], {
    // The per-client check budgets of a shared server (docs/OPERATIONS.md) are off: the load comes
    // from one address, and these runs measure the indexes, not the budgets.
    env: { ...process.env, TERMDESK_WRITE_RATE: '10000000', TERMDESK_CHECK_RATE: '10000000', TERMDESK_CHECK_SHARE_MS: '1000', TERMDESK_TOKEN: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /serving (http:\/\/[^/\s]+)\//.exec(err);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  // Ready when a lookup and a check are answered (503 while an index is still being built).
  for (;;) {
    const r = await fetch(`${url}/api/search?q=UNCTAD&limit=1`).catch(() => undefined);
    if (r?.status === 200) break;
    await new Promise((res) => setTimeout(res, 20));
  }
  const readyMs = performance.now() - started;
  for (;;) {
    const r = await tryFetch(`${url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '联合国贸易和发展会议' }) });
    if (r.status === 200) break;
    await new Promise((res) => setTimeout(res, 20));
  }
  const checkReadyMs = performance.now() - started;
  return {
    url,
    child,
    readyMs,
    checkReadyMs,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// ---------------------------------------------------------------- load

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  status5xx: number;
  status503: number;
}

type Kind = 'lookup' | 'check' | 'write';
type Mix = Partial<Record<Kind, number>>;

async function load(url: string, duration: number, connections: number, mix: Mix, writeTargets: number[] = []): Promise<LoadResult> {
  let writes = 0;
  const shares = Object.entries(mix) as Array<[Kind, number]>;
  const r = await autocannon({
    url,
    connections,
    duration,
    timeout: 30,
    requests: [
      {
        setupRequest(req) {
          let x = random();
          let kind: Kind = shares[0][0];
          for (const [k, share] of shares) {
            if (x < share) {
              kind = k;
              break;
            }
            x -= share;
          }
          if (kind === 'lookup') return { ...req, method: 'GET', path: `/api/search?q=${encodeURIComponent(pick(queries))}&limit=10`, body: undefined, headers: {} };
          if (kind === 'check') return { ...req, method: 'POST', path: '/api/check', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: pick(paragraphs) }) };
          writes++;
          return {
            ...req,
            method: 'POST',
            path: `/api/concepts/${pick(writeTargets)}/terms`,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ text: `load alias ${process.pid} ${Date.now()} ${writes}`, lang: 'en', type: 'variant', status: 'admitted' }),
          };
        },
      },
    ],
  });
  const codes = r.statusCodeStats ?? {};
  return {
    requests: r.requests.total,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors,
    non2xx: r.non2xx,
    status5xx: r['5xx'],
    status503: codes['503']?.count ?? 0,
  };
}

interface WriterReport {
  writes: number;
  statuses: Record<number, number>;
  /** Milliseconds from a write's answer until its form was found, for each write. */
  visible: number[];
}

/**
 * One write a second for `duration` seconds; after each, the written form is looked for (every
 * 10 ms) until it is found. `write` makes the write and returns what to look for.
 */
async function writeEverySecond(duration: number, write: (i: number) => Promise<{ status: number; found: () => Promise<boolean> }>): Promise<WriterReport> {
  const report: WriterReport = { writes: 0, statuses: {}, visible: [] };
  const end = Date.now() + duration * 1000;
  for (let i = 0; Date.now() < end - 500; i++) {
    const tick = Date.now();
    const { status, found } = await write(i);
    report.writes++;
    report.statuses[status] = (report.statuses[status] ?? 0) + 1;
    if (status === 200 || status === 201) {
      const answered = Date.now();
      while (!(await found())) {
        if (Date.now() - answered > 10_000) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      report.visible.push(Date.now() - answered);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
  }
  return report;
}

async function json<T>(r: Promise<Response>): Promise<T> {
  return (await (await r).json()) as T;
}

/**
 * fetch that answers a status of 0 instead of throwing when the connection fails (a server that
 * holds its event loop for seconds, as the build before issue 16 does, may drop a kept-alive
 * connection just as it is reused).
 */
async function tryFetch(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  try {
    const r = await fetch(url, init);
    return { status: r.status, body: r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text() };
  } catch {
    return { status: 0, body: undefined };
  }
}

async function conceptOf(url: string, q: string): Promise<number> {
  return (await json<{ results: Array<{ conceptId: number }> }>(fetch(`${url}/api/search?q=${encodeURIComponent(q)}&limit=1`))).results[0].conceptId;
}

const aliasWriter = (url: string, concept: number, prefix: string) => async (i: number) => {
  const text = `${prefix}${i}号别名`;
  const r = await tryFetch(`${url}/api/concepts/${concept}/terms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, lang: 'zh-Hans' }) });
  return {
    status: r.status,
    found: async () => {
      const res = await tryFetch(`${url}/api/search?q=${encodeURIComponent(text)}&limit=1`);
      const results = (res.body as { results?: Array<{ conceptId: number; matched: { text: string } }> } | undefined)?.results;
      return results?.[0]?.conceptId === concept && results[0].matched.text === text;
    },
  };
};

const checkedTermWriter = (url: string, concept: number, prefix: string) => async (i: number) => {
  const text = `${prefix}${i}号委员会`;
  const r = await tryFetch(`${url}/api/concepts/${concept}/terms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, lang: 'zh-Hans' }) });
  return {
    status: r.status,
    found: async () => {
      const res = await tryFetch(`${url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `本段提及${text}。` }) });
      const concepts = (res.body as { concepts?: Array<{ conceptId: number; forms: Array<{ text: string }> }> } | undefined)?.concepts;
      return concepts?.some((c) => c.conceptId === concept && c.forms.some((f) => f.text === text)) ?? false;
    },
  };
};

// ---------------------------------------------------------------- report helpers

const ms = (n: number) => `${Math.round(n).toLocaleString('en')} ms`;
const rps = (n: number) => `${Math.round(n).toLocaleString('en')}/s`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : Number.NaN);
const maxOf = (xs: number[]) => (xs.length ? Math.max(...xs) : Number.NaN);
const statuses = (s: Record<number, number>) =>
  Object.entries(s)
    .map(([k, v]) => `${v}× ${k}`)
    .join(', ');
const loadRow = (label: string, r: LoadResult, extra = '') =>
  `| ${label} | ${rps(r.rps)} | ${r.p50} ms | ${r.p99} ms | ${r.max} ms | ${r.errors} | ${r.non2xx} (${r.status5xx} × 5xx, ${r.status503} × 503) |${extra}`;
const LOAD_HEADER = '| run | throughput | p50 | p99 | slowest | errors | non-2xx |';

// ---------------------------------------------------------------- scenarios

async function writesDuringLoad(b: Build, db: string, kind: 'lookup' | 'check'): Promise<string[]> {
  const server = await serve(b, db);
  try {
    const concept = await conceptOf(server.url, kind === 'lookup' ? 'UNCTAD' : 'UNICEF');
    const mix: Mix = kind === 'lookup' ? { lookup: 1 } : { check: 1 };
    const connections = kind === 'lookup' ? 8 : 4;
    await load(server.url, 3, connections, mix); // warm up
    log(`live: ${b.name}: ${kind}s read-only for ${DURATION} s …`);
    const quiet = await load(server.url, DURATION, connections, mix);
    log(`live: ${b.name}: ${kind}s with one write a second …`);
    const writer = kind === 'lookup' ? aliasWriter(server.url, concept, `实时${b.name}别名`) : checkedTermWriter(server.url, concept, `实时${b.name}检查`);
    const [busy, writes] = await Promise.all([load(server.url, DURATION, connections, mix), writeEverySecond(DURATION, writer)]);
    const what = kind === 'lookup' ? 'alias found by lookup' : 'term found by /api/check';
    return [
      loadRow(`${b.name}: read-only`, quiet, ' | | |'),
      loadRow(`${b.name}: + 1 write/s`, busy, ` ${ratio(busy.rps, quiet.rps)} | ${writes.writes} (${statuses(writes.statuses)}); ${what} after median ${ms(median(writes.visible))}, at most ${ms(maxOf(writes.visible))} |`),
    ];
  } finally {
    await server.stop();
  }
}

async function mixAt(b: Build, db: string, label: string): Promise<{ row: string; result: LoadResult }> {
  const server = await serve(b, db);
  try {
    const targets = (await json<{ results: Array<{ conceptId: number }> }>(fetch(`${server.url}/api/search?q=${encodeURIComponent('联合国')}&limit=50`))).results.map((r) => r.conceptId);
    await load(server.url, 3, 16, { lookup: 1 });
    log(`live: ${b.name}: 90/8/2 mix at ${label} for ${DURATION} s …`);
    const result = await load(server.url, DURATION, 16, { lookup: 0.9, check: 0.08, write: 0.02 }, targets);
    return { row: loadRow(`${b.name}: ${label}`, result), result };
  } finally {
    await server.stop();
  }
}

async function importWhileServing(b: Build, db: string, importTbx: string): Promise<string[]> {
  const server = await serve(b, db);
  try {
    const targets = (await json<{ results: Array<{ conceptId: number }> }>(fetch(`${server.url}/api/search?q=${encodeURIComponent('联合国')}&limit=50`))).results.map((r) => r.conceptId);
    const mix: Mix = { lookup: 0.98, write: 0.02 };
    const seconds = Math.max(DURATION, 60);
    log(`live: ${b.name}: lookups and writes for ${seconds} s without an import …`);
    const quiet = await load(server.url, seconds, 8, mix, targets);
    log(`live: ${b.name}: the same while the CLI imports ${CONCEPTS.toLocaleString('en')} concepts …`);
    const started = Date.now();
    const importer = spawn(process.execPath, [bin(b), '--db', db, 'import', importTbx, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let importErr = '';
    importer.stderr!.on('data', (d) => (importErr += d));
    const importDone = new Promise<{ code: number | null; ms: number }>((resolve) => importer.on('exit', (code) => resolve({ code, ms: Date.now() - started })));
    // From the moment the import has committed, look for one of its names every 200 ms: found once
    // the index has caught up (the rebuild in a worker that a change this big starts).
    const probe = secondSeriesProbe(importTbx);
    const foundAfter = importDone.then(async ({ code }) => {
      if (code !== 0) return Number.NaN;
      const ended = Date.now();
      while (Date.now() - ended < 180_000) {
        const r = await tryFetch(`${server.url}/api/search?q=${encodeURIComponent(probe)}&limit=1`);
        if (r.status === 200 && (r.body as { results: Array<{ matched: { text: string } }> }).results[0]?.matched.text === probe) return Date.now() - ended;
        await new Promise((res) => setTimeout(res, 200));
      }
      return Number.NaN;
    });
    const busy = await load(server.url, seconds, 8, mix, targets);
    const imported = await importDone;
    const found = await foundAfter;
    return [
      loadRow(`${b.name}: no import`, quiet, ' |'),
      loadRow(`${b.name}: during the import`, busy, ` import exit ${imported.code}${imported.code === 0 ? '' : ` (${importErr.trim().split('\n')[0]})`} in ${(imported.ms / 1000).toFixed(1)} s; p99 ${ratio(busy.p99, quiet.p99)} the quiet run's; imported names found ${Number.isNaN(found) ? 'not within 3 min' : `${(found / 1000).toFixed(1)} s after the import ended`} |`),
    ];
  } finally {
    await server.stop();
  }
}

async function coldStarts(b: Build, db: string, work: string): Promise<string> {
  const draft = path.join(work, 'short-draft.txt');
  fs.writeFileSync(draft, '联合国贸易和发展会议（贸发会议）与世界卫生组织在国际货币组织的会议上发言。\n');
  cli(b, db, ['lookup', '贸发会议']); // the first run may build and persist
  cli(b, db, ['check', draft]);
  const lookupMs: number[] = [];
  const checkMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    lookupMs.push(cli(b, db, ['lookup', pick(['贸发会议', 'UNICEF', 'maoyi fazhan', '数字鸿沟'])]).ms);
    checkMs.push(cli(b, db, ['check', draft]).ms);
  }
  const restarts: number[] = [];
  const checkRestarts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const server = await serve(b, db);
    restarts.push(server.readyMs);
    checkRestarts.push(server.checkReadyMs);
    await server.stop();
  }
  const range = (xs: number[]) => `${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`;
  return `| ${b.name} | ${range(lookupMs)} | ${range(checkMs)} | ${range(restarts)} | ${range(checkRestarts)} |`;
}

async function workersCompared(db: string): Promise<string[]> {
  const rows: string[] = [];
  for (const workers of [1, 2]) {
    const server = await serve(AFTER, db, ['--workers', String(workers)]);
    try {
      await load(server.url, 3, 16, { lookup: 1 });
      log(`live: --workers ${workers}: lookups for ${DURATION} s …`);
      const lookups = await load(server.url, DURATION, 16, { lookup: 1 });
      const mixed = await load(server.url, DURATION, 16, { lookup: 0.92, check: 0.08 });
      rows.push(`| --workers ${workers} | ${rps(lookups.rps)} | ${lookups.p99} ms | ${rps(mixed.rps)} | ${mixed.p99} ms | ${lookups.non2xx + mixed.non2xx} |`);
    } finally {
      await server.stop();
    }
  }
  return rows;
}

/** Index memory, measured in a fresh process of the given build (see memoryChild). */
function memory(b: Build, db: string): Promise<Record<string, number>> {
  const child = fork(SELF, ['--memory', b.root, db], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as Record<string, number>));
    child.once('exit', (code) => code !== 0 && reject(new Error(`memory child exited with ${code}`)));
  });
}

/** Child: heap plus typed-array memory held by the lookup and checker indexes of a build's dist/. */
async function memoryChild(root: string, db: string): Promise<void> {
  const dist = (p: string) => import(path.join(root, 'dist', p));
  const { openDatabase } = await dist('store/db.js');
  const { Store } = await dist('store/repository.js');
  const { lookup } = await dist('search/lookup.js');
  const live = fs.existsSync(path.join(root, 'dist', 'check', 'live-index.js'));
  const { termIndexFor } = await dist(live ? 'check/live-index.js' : 'check/term-index.js');
  const gc = globalThis.gc!;
  const used = () => {
    gc();
    gc();
    const m = process.memoryUsage();
    return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
  };
  const store = new Store(openDatabase(db, { readonly: true }));
  const out: Record<string, number> = {};
  let before = used();
  let t = performance.now();
  lookup(store, '贸发会议');
  out.lookupMs = performance.now() - t;
  out.lookupMiB = used() - before;
  before = used();
  t = performance.now();
  termIndexFor(store);
  out.checkMs = performance.now() - t;
  out.checkMiB = used() - before;
  process.send!(out);
  store.db.close();
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'termdesk-live-'));
  const builds = BASELINE ? [BASELINE, AFTER] : [AFTER];
  const load0 = os.loadavg().map((x) => x.toFixed(1)).join(' / ');
  try {
    const { small, big, importTbx } = await databases(work);
    // Index files for the copies: one server of this build makes them.
    const primed = copyOf(big, work, 'primed.sqlite');
    log('live: building and persisting the indexes at 100,000 concepts …');
    const p = await serve(AFTER, primed);
    const firstReadyMs = p.readyMs;
    await p.stop();
    const smallPrimed = copyOf(small, work, 'small-primed.sqlite');
    await (await serve(AFTER, smallPrimed)).stop();
    // Each run gets its own copy: this build's with its index files, the baseline's as made (it
    // cannot open a database this build has migrated).
    const fresh = (b: Build, which: 'big' | 'small', name: string) =>
      copyOf(b === AFTER ? (which === 'big' ? primed : smallPrimed) : which === 'big' ? big : small, work, `${b.name}-${name}.sqlite`);

    const out: string[] = [
      '## Live indexes at 100,000 concepts (issue 16)',
      '',
      `Default database (reference glossary + seeds) grown by ${CONCEPTS.toLocaleString('en')} generated concepts (bench/generate.ts, imported with the CLI). Server and load generator share the machine's ${os.cpus().length} cores with other work: load average ${load0} when the run started. "before" is ${BASELINE ? `the build in ${path.relative(PROJECT_ROOT, BASELINE.root) || BASELINE.root} (before issue 16)` : 'not run (set BASELINE_DIR)'}; each comparison is within this run.`,
      '',
      `First start of a server on the 100,000-concept database without index files (built in worker threads, then persisted): first lookup answered after ${ms(firstReadyMs)}.`,
      '',
    ];

    // A scenario that fails is reported in its section; the others still run.
    let scenario = 0;
    const section = async (title: string, run: () => Promise<void>) => {
      scenario++;
      if (SCENARIOS && !SCENARIOS.has(scenario)) {
        out.push(`(${title}: not run: LIVE_SCENARIOS)`);
        return;
      }
      const from = out.length;
      try {
        await run();
        log(out.slice(from).join('\n'));
      } catch (err) {
        out.push(`(${title}: failed: ${(err as Error).message.split('\n')[0]})`);
        log(`live: ${title} failed: ${(err as Error).stack}`);
      }
    };
    out.push(`### 1. Lookups (8 connections, ${DURATION} s) with one alias written per second`, '', `${LOAD_HEADER} throughput vs read-only | writes; visibility |`, '|---|---|---|---|---|---|---|---|---|');
    await section('lookups with writes', async () => {
      for (const b of builds) out.push(...(await writesDuringLoad(b, fresh(b, 'big', 'aliases'), 'lookup')));
    });
    out.push('', `### 2. /api/check (4 connections, ${DURATION} s, seed paragraphs) with one term added per second`, '', `${LOAD_HEADER} throughput vs read-only | writes; visibility |`, '|---|---|---|---|---|---|---|---|---|');
    await section('checks with writes', async () => {
      for (const b of builds) out.push(...(await writesDuringLoad(b, fresh(b, 'big', 'terms'), 'check')));
    });

    out.push('', `### 3. The 90/8/2 mix (16 connections, ${DURATION} s)`, '', LOAD_HEADER, '|---|---|---|---|---|---|---|');
    const ratios: string[] = [];
    await section('mix', async () => {
      for (const b of builds) {
        const smallRun = await mixAt(b, fresh(b, 'small', 'mix-small'), 'default size');
        const bigRun = await mixAt(b, fresh(b, 'big', 'mix-big'), `${CONCEPTS.toLocaleString('en')} concepts`);
        out.push(smallRun.row, bigRun.row);
        ratios.push(`${b.name}: p99 at ${CONCEPTS.toLocaleString('en')} concepts = ${ratio(bigRun.result.p99, smallRun.result.p99)} the default-size p99, ${bigRun.result.errors + bigRun.result.non2xx} failed requests`);
      }
    });
    out.push('', ...ratios.map((r) => `- ${r}`));

    out.push('', `### 4. A CLI import of ${CONCEPTS.toLocaleString('en')} concepts while the server takes lookups (98 %) and writes (2 %), 8 connections`, '', `${LOAD_HEADER} |`, '|---|---|---|---|---|---|---|---|');
    await section('import while serving', async () => {
      for (const b of builds) out.push(...(await importWhileServing(b, fresh(b, 'big', 'import'), importTbx)));
    });

    out.push('', `### 5. Cold starts at ${CONCEPTS.toLocaleString('en')} concepts (median of 5 runs, range)`, '', '| build | `termdesk lookup` | `termdesk check` of a one-line draft | restarted server: first lookup answered | first check answered |', '|---|---|---|---|---|');
    await section('cold starts', async () => {
      for (const b of builds) out.push(await coldStarts(b, fresh(b, 'big', 'cold'), work));
    });

    out.push('', `### 6. serve --workers 2 against --workers 1 (${CONCEPTS.toLocaleString('en')} concepts, 16 connections, ${DURATION} s each)`, '', '| server | lookups | p99 | lookups + 8 % checks | p99 | non-2xx |', '|---|---|---|---|---|---|');
    await section('workers', async () => {
      out.push(...(await workersCompared(fresh(AFTER, 'big', 'workers'))));
    });

    out.push('', `### 7. Index memory at ${CONCEPTS.toLocaleString('en')} concepts (heap + typed arrays, fresh process)`, '', '| build | lookup index | time to first lookup | checker index | time to first check |', '|---|---|---|---|---|');
    await section('memory', async () => {
      for (const b of builds) {
        const m = await memory(b, fresh(b, 'big', 'memory'));
        out.push(`| ${b.name}${b === AFTER ? ' (loaded from the index files)' : ' (built)'} | ${m.lookupMiB.toFixed(0)} MiB | ${ms(m.lookupMs)} | ${m.checkMiB.toFixed(0)} MiB | ${ms(m.checkMs)} |`);
      }
      const built = copyOf(primed, work, 'after-memory-built.sqlite');
      for (const suffix of ['-lookup.index', '-check.index']) fs.rmSync(built + suffix, { force: true });
      const m = await memory(AFTER, built);
      out.push(`| after (built, no index files) | ${m.lookupMiB.toFixed(0)} MiB | ${ms(m.lookupMs)} | ${m.checkMiB.toFixed(0)} MiB | ${ms(m.checkMs)} |`);
    });
    const files = ['-lookup.index', '-check.index'].map((s) => `${s.slice(1)} ${(fs.statSync(primed + s).size / 2 ** 20).toFixed(0)} MiB`).join(', ');
    out.push('', `Index files beside the database: ${files}. Load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}.`);
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--memory') await memoryChild(process.argv[3], process.argv[4]);
else await main();
