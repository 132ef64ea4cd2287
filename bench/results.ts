// bench/RESULTS.md: one section per benchmark, each stamped with its date and machine, so a
// partial run (`npm run bench -- lookup`, `npm run load`) replaces only its own sections.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_FILE = path.join(BENCH_DIR, 'RESULTS.md');

export function machineLine(): string {
  return `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

export function stamp(): string {
  return `_Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machineLine()}._`;
}

/** Replaces (or adds) the named sections of bench/RESULTS.md. */
export function writeSections(updates: Map<string, string>): void {
  const existing = fs.existsSync(RESULTS_FILE) ? fs.readFileSync(RESULTS_FILE, 'utf8') : '';
  const sections = new Map<string, string>();
  for (const m of existing.matchAll(/<!-- bench:(\S+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) sections.set(m[1], m[2]);
  for (const [name, body] of updates) sections.set(name, `${stamp()}\n\n${body.trim()}\n`);
  const body = [...sections.keys()]
    .sort()
    .map((name) => `<!-- bench:${name} -->\n${sections.get(name)}<!-- /bench:${name} -->`)
    .join('\n\n');
  fs.writeFileSync(
    RESULTS_FILE,
    `# Benchmark results\n\nWritten by \`npm run bench\` (bench/run.ts) and \`npm run load\` (bench/load.ts); each section says when and on which machine it ran.\nSpeed claims are ratios against a baseline measured in the same run, because these machines are noisy.\n\n${body}\n`,
  );
}
