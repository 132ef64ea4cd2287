// npm run load: a shared-server load test. Starts `termdesk serve` on 127.0.0.1 over a fresh
// default database, with a token (as a shared server has), and drives it with autocannon:
//   1. a mixed workload for 60 s (DURATION): lookups 90 %, draft checks 8 %, writes 2 % (the
//      writes carry the token; lookups and checks are anonymous, as readers are);
//   2. the same workload again while an attacker, from another address (127.0.0.2), sends
//      near-miss drafts (400,000 characters, and 3,900 for the on-loop path) and anonymous 20 MB
//      uploads (API and page) as fast as it can on ATTACK_CONNECTIONS connections;
//   3. lookups while a 100,000-concept TBX import runs in another process (WAL, busy timeout:
//      no SQLITE_BUSY may reach a client).
// The bar: zero errors for the honest clients, and under attack a p99 within 3× the quiet run's
// (both runs in this invocation). Throughput and p50/p99 latency go into bench/RESULTS.md.
// The check and write rate limits are raised for the 16 robots (no person checks 20 drafts a
// second): the attacker gets the same raised limits, so what holds it off here is the worker,
// its one-large-draft-per-client queue, the caps and authorisation before the body.
import autocannon from 'autocannon';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { lookupQueries, seedParagraphs } from './inputs.js';
import { writeSections } from './results.js';

const DURATION = Number(process.env.DURATION ?? 60);
const IMPORT_CONCEPTS = Number(process.env.IMPORT_CONCEPTS ?? 100_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 16);
const ATTACK_CONNECTIONS = Number(process.env.ATTACK_CONNECTIONS ?? 4);
const TOKEN = randomBytes(24).toString('hex');
const BIN = path.join(PROJECT_ROOT, 'bin', 'termdesk.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'termdesk-load-'));
const db = path.join(work, 'load.sqlite');

function cli(args: string[]): void {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`termdesk ${args.join(' ')} failed (${r.status})`);
}

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0'], {
    env: { ...process.env, TERMDESK_WRITE_RATE: '10000000', TERMDESK_CHECK_RATE: '10000000', TERMDESK_TOKEN: TOKEN },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /serving (http:\/\/[^/\s]+)\//.exec(err);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

// Realistic inputs: names from the reference glossary (as typed, in Traditional script, with a
// typo, partial), and paragraphs of the seed reports as drafts.
const queries = lookupQueries();
const paragraphs = seedParagraphs();
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

interface Summary {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}

function summarise(r: autocannon.Result): Summary {
  return {
    requests: r.requests.total,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
  };
}

async function run(url: string, duration: number, mix: { lookup: number; check: number; write: number }, conceptIds: number[]) {
  const counts = { lookup: 0, check: 0, write: 0 };
  let writes = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    timeout: 30,
    requests: [
      {
        setupRequest(req) {
          const r = Math.random();
          if (r < mix.lookup) {
            counts.lookup++;
            return { ...req, method: 'GET', path: `/api/search?q=${encodeURIComponent(pick(queries))}&limit=10`, body: undefined, headers: {} };
          }
          if (r < mix.lookup + mix.check) {
            counts.check++;
            return { ...req, method: 'POST', path: '/api/check', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: pick(paragraphs) }) };
          }
          counts.write++;
          writes++;
          return {
            ...req,
            method: 'POST',
            path: `/api/concepts/${pick(conceptIds)}/terms`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
            body: JSON.stringify({ text: `load alias ${process.pid} ${writes}`, lang: 'en', type: 'variant', status: 'admitted' }),
          };
        },
      },
    ],
  });
  return { summary: summarise(result), counts };
}

// ------------------------------------------------------------------------------ the attacker

const NEAR_MISS = '国际货币组织'; // a near-miss of 国际货币基金组织, the checker's most expensive input
const hostileDraft = (chars: number) => JSON.stringify({ text: NEAR_MISS.repeat(Math.ceil(chars / NEAR_MISS.length)).slice(0, chars) });
const LARGE_DRAFT = hostileDraft(400_000);
const SMALL_DRAFT = hostileDraft(3_900);
const UPLOAD_BYTES = 20 * 1024 * 1024;
const MEGABYTE = Buffer.alloc(1024 * 1024, 0x61);

/** One request from the attacker's address; resolves to the status, or the error code when the server cut it off. */
function attackRequest(url: string, method: string, path: string, headers: Record<string, string>, body: string | 'upload'): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: string) => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    const req = http.request({ hostname, port, method, path, headers, localAddress: '127.0.0.2', agent: false }, (res) => {
      res.resume();
      res.on('end', () => done(String(res.statusCode)));
      res.on('error', () => done(String(res.statusCode)));
    });
    req.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? 'error'));
    if (body !== 'upload') {
      req.end(body);
      return;
    }
    // A 20 MB file, sent as fast as the server takes it, until it answers.
    let sent = 0;
    const pump = () => {
      while (!settled && sent < UPLOAD_BYTES) {
        sent += MEGABYTE.length;
        if (!req.write(MEGABYTE)) return void req.once('drain', pump);
      }
      if (!settled) req.end('\r\n--x--\r\n');
    };
    req.write('--x\r\nContent-Disposition: form-data; name="file"; filename="big.tmx"\r\n\r\n');
    pump();
  });
}

/** The attacker: ATTACK_CONNECTIONS loops, each cycling through its four requests, until `stop`. */
async function attack(url: string, stop: { stopped: boolean }): Promise<Map<string, number>> {
  const outcomes = new Map<string, number>();
  const json = { 'content-type': 'application/json' };
  const multipart = { 'content-type': 'multipart/form-data; boundary=x' };
  const cycle: Array<[string, string, Record<string, string>, string | 'upload']> = [
    ['large near-miss draft', '/api/check', json, LARGE_DRAFT],
    ['small near-miss draft', '/api/check', json, SMALL_DRAFT],
    ['anonymous API upload', '/api/tm/import', { ...multipart, 'x-requested-with': 'x' }, 'upload'],
    ['anonymous page upload', '/tm/import', multipart, 'upload'],
  ];
  await Promise.all(
    Array.from({ length: ATTACK_CONNECTIONS }, async (_, k) => {
      for (let i = k; !stop.stopped; i++) {
        const [what, path, headers, body] = cycle[i % cycle.length];
        const outcome = await attackRequest(url, 'POST', path, headers, body);
        const key = `${what}: ${outcome}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    }),
  );
  return outcomes;
}

function mixedRow(label: string, run: { summary: Summary; counts: { lookup: number; check: number; write: number } }): string {
  const m = run.summary;
  return `| ${label} | ${m.requests} | ${run.counts.lookup} / ${run.counts.check} / ${run.counts.write} | ${m.rps.toFixed(0)} req/s | ${m.p50} ms | ${m.p99} ms | ${m.errors} | ${m.non2xx} | ${m.timeouts} |\n`;
}

async function main(): Promise<void> {
  console.error(`load: building the default database in ${work} …`);
  cli(['init', '--quiet']);
  const { child, url } = await startServer();
  const search = await (await fetch(`${url}/api/search?q=${encodeURIComponent('联合国')}&limit=50`)).json();
  const conceptIds: number[] = search.results.map((r: { conceptId: number }) => r.conceptId);
  const sections = new Map<string, string>();
  try {
    console.error(`load: mixed workload for ${DURATION} s with ${CONNECTIONS} connections …`);
    const loadBefore = os.loadavg()[0];
    const quiet = await run(url, DURATION, { lookup: 0.9, check: 0.08, write: 0.02 }, conceptIds);
    console.error(`load: the same while an attacker sends near-miss drafts and anonymous uploads on ${ATTACK_CONNECTIONS} connections …`);
    const stop = { stopped: false };
    const attacker = attack(url, stop);
    const attacked = await run(url, DURATION, { lookup: 0.9, check: 0.08, write: 0.02 }, conceptIds);
    stop.stopped = true;
    const outcomes = await attacker;
    const m = quiet.summary;
    const a = attacked.summary;
    const ratio = a.p99 / Math.max(1, m.p99);
    let md = `### Mixed workload, quiet and under attack (${DURATION} s each, ${CONNECTIONS} honest connections, server and load generators on the same 2 cores)\n\n`;
    md += `| run | requests | lookups / checks / writes | throughput | p50 | p99 | errors | non-2xx | timeouts |\n|---|---|---|---|---|---|---|---|---|\n`;
    md += mixedRow('quiet', quiet);
    md += mixedRow(`under attack (${ATTACK_CONNECTIONS} attacker connections)`, attacked);
    md += `\nThe machine is shared: load average ${loadBefore.toFixed(1)} before the quiet run, ${os.loadavg()[0].toFixed(1)} after the attacked one (${os.cpus().length} cores); compare the two runs, not these figures with other days'.\n`;
    md += `\nHonest p99 under attack: ${ratio.toFixed(2)}× the quiet run (bar: 3×). What the attacker got (request: answer or connection error, count):\n\n`;
    md += `| attacker request | answers |\n|---|---|\n`;
    for (const [key, n] of [...outcomes].sort()) {
      const [what, outcome] = key.split(': ');
      md += `| ${what} | ${outcome} × ${n} |\n`;
    }
    const tbx = path.join(work, 'big.tbx');
    const generator = path.join(PROJECT_ROOT, 'bench', 'generate.ts');
    if (fs.existsSync(generator)) {
      const { writeGeneratedTbx } = (await import(generator)) as { writeGeneratedTbx: (file: string, n: number) => Promise<void> };
      await writeGeneratedTbx(tbx, IMPORT_CONCEPTS);
      console.error(`load: lookups while importing ${IMPORT_CONCEPTS} concepts …`);
      const importer = spawn(process.execPath, [BIN, '--db', db, 'import', tbx, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let importErr = '';
      importer.stderr!.on('data', (d) => (importErr += d));
      const started = Date.now();
      const importDone = new Promise<number | null>((resolve) => importer.on('exit', resolve));
      let importMs = 0;
      void importDone.then(() => (importMs = Date.now() - started));
      const during = await run(url, Math.max(10, Math.min(DURATION, 120)), { lookup: 1, check: 0, write: 0 }, conceptIds);
      const code = await importDone;
      const d = during.summary;
      md += `\n### Lookups during a ${IMPORT_CONCEPTS.toLocaleString('en')}-concept import\n\n`;
      md += `| import | import time | lookups | throughput | p50 | p99 | errors | non-2xx |\n|---|---|---|---|---|---|---|---|\n`;
      md += `| exit ${code}${code === 0 ? '' : ` (${importErr.trim().split('\n')[0]})`} | ${(importMs / 1000).toFixed(1)} s | ${d.requests} | ${d.rps.toFixed(0)} req/s | ${d.p50} ms | ${d.p99} ms | ${d.errors} | ${d.non2xx} |\n`;
    }
    sections.set('load', md);
    process.stdout.write(md);
    writeSections(sections);
    const failed = m.errors + m.non2xx + m.timeouts + a.errors + a.non2xx + a.timeouts;
    if (failed > 0) {
      console.error(`load: ${failed} failed honest requests`);
      process.exitCode = 1;
    }
    if (ratio > 3) {
      console.error(`load: honest p99 under attack is ${ratio.toFixed(2)}× the quiet run's (bar: 3×)`);
      process.exitCode = 1;
    }
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
