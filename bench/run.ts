// Runs the benchmarks (bench/*.bench.ts), each in its own process so cold starts are real and
// memory figures are not shared, and writes their Markdown sections into bench/RESULTS.md with the
// date and the machine. `npm run bench` runs all; `npm run bench -- lookup check` runs some.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const resultsFile = path.join(benchDir, 'RESULTS.md');
const wanted = process.argv.slice(2);
const all = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const names = wanted.length ? all.filter((n) => wanted.includes(n)) : all;
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

const existing = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
const sections = new Map<string, string>();
for (const m of existing.matchAll(/<!-- bench:(\S+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) sections.set(m[1], m[2]);

let failed = false;
for (const name of names) {
  console.error(`── bench ${name} …`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(benchDir, `${name}.bench.ts`)], {
    cwd: path.dirname(benchDir),
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
  sections.set(name, `_Run ${date} on ${machine}._\n\n${r.stdout.trim()}\n`);
}

const body = [...sections.keys()]
  .sort()
  .map((name) => `<!-- bench:${name} -->\n${sections.get(name)}<!-- /bench:${name} -->`)
  .join('\n\n');
fs.writeFileSync(
  resultsFile,
  `# Benchmark results\n\nWritten by \`npm run bench\` (bench/run.ts); each section says when and on which machine it ran.\nSpeed claims are ratios against a baseline measured in the same run, because these machines are noisy.\n\n${body}\n`,
);
process.exit(failed ? 1 : 0);
