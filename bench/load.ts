// npm run load: a shared-server load test. Starts `termdesk serve` on 127.0.0.1 over a fresh
// default database and drives it with autocannon:
//   1. a mixed workload for 60 s (DURATION): lookups 90 %, draft checks 8 %, writes 2 %;
//   2. lookups while a 100,000-concept TBX import runs in another process (WAL, busy timeout:
//      no SQLITE_BUSY may reach a client).
// Zero errors is the bar; throughput and p50/p99 latency go into bench/RESULTS.md.
import autocannon from 'autocannon';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { lookupQueries, seedParagraphs } from './inputs.js';
import { writeSections } from './results.js';

const DURATION = Number(process.env.DURATION ?? 60);
const IMPORT_CONCEPTS = Number(process.env.IMPORT_CONCEPTS ?? 100_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 16);
const BIN = path.join(PROJECT_ROOT, 'bin', 'termdesk.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'termdesk-load-'));
const db = path.join(work, 'load.sqlite');

function cli(args: string[]): void {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`termdesk ${args.join(' ')} failed (${r.status})`);
}

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0'], {
    env: { ...process.env, TERMDESK_WRITE_RATE: '10000000', TERMDESK_TOKEN: '' },
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
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ text: `load alias ${process.pid} ${writes}`, lang: 'en', type: 'variant', status: 'admitted' }),
          };
        },
      },
    ],
  });
  return { summary: summarise(result), counts };
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
    const mixed = await run(url, DURATION, { lookup: 0.9, check: 0.08, write: 0.02 }, conceptIds);
    const m = mixed.summary;
    let md = `### Mixed workload (${DURATION} s, ${CONNECTIONS} connections, server and load generator on the same 2 cores)\n\n`;
    md += `| requests | lookups / checks / writes | throughput | p50 | p99 | errors | non-2xx | timeouts |\n|---|---|---|---|---|---|---|---|\n`;
    md += `| ${m.requests} | ${mixed.counts.lookup} / ${mixed.counts.check} / ${mixed.counts.write} | ${m.rps.toFixed(0)} req/s | ${m.p50} ms | ${m.p99} ms | ${m.errors} | ${m.non2xx} | ${m.timeouts} |\n`;

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
    const failed = m.errors + m.non2xx + m.timeouts;
    if (failed > 0) {
      console.error(`load: ${failed} failed requests`);
      process.exitCode = 1;
    }
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
