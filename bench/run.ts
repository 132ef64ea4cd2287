// Runs the benchmarks (bench/*.bench.ts), each in its own process so cold starts are real and
// memory figures are not shared, and writes their Markdown sections into bench/RESULTS.md with the
// date and the machine. `npm run bench` runs all; `npm run bench -- lookup check` runs some.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, writeSections } from './results.js';

const wanted = process.argv.slice(2);
const all = fs
  .readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const names = wanted.length ? all.filter((n) => wanted.includes(n)) : all;
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}

let failed = false;
for (const name of names) {
  console.error(`── bench ${name} …`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(BENCH_DIR, `${name}.bench.ts`)], {
    cwd: path.dirname(BENCH_DIR),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    console.error(`bench ${name} failed with exit code ${r.status}`);
    failed = true;
    continue;
  }
  process.stdout.write(r.stdout);
  // A live run of some scenarios only (LIVE_SCENARIOS) is for working on them: RESULTS.md keeps whole runs.
  if (name === 'live' && process.env.LIVE_SCENARIOS) {
    console.error('bench live: LIVE_SCENARIOS set, bench/RESULTS.md left as it was');
    continue;
  }
  // Written after each benchmark, so a long run that fails later keeps what it measured.
  writeSections(new Map([[name, r.stdout]]));
}
process.exit(failed ? 1 : 0);
