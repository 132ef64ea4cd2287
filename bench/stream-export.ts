// Shared by the exchange and xlsx benchmarks: an export streamed to a file with backpressure, the
// process's memory sampled as it goes, and the figures' formatting.
import fs from 'node:fs';
import { once } from 'node:events';
import type { ExportFormat } from '../src/formats/registry.js';
import { exportGlossary } from '../src/exchange/export.js';
import type { Store } from '../src/store/repository.js';

export const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
export const secs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
export const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;

/** Writes chunks (text or bytes) to a file with backpressure; calls `each` after every chunk. */
export async function writeFile(file: string, chunks: Iterable<string> | AsyncIterable<string | Uint8Array>, each?: () => void): Promise<void> {
  const out = fs.createWriteStream(file);
  for await (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
    each?.();
  }
  out.end();
  await once(out, 'finish');
}

export interface SampledExport {
  ms: number;
  bytes: number;
  baseHeap: number;
  maxHeap: number;
  maxRss: number;
  samples: Array<{ concepts: number; heap: number; rss: number }>;
}

/** Exports the whole store in `format` to `file`, sampling heap and RSS five times on the way. */
export async function sampledExport(store: Store, format: ExportFormat, file: string, concepts: number): Promise<SampledExport> {
  gc();
  const baseHeap = process.memoryUsage().heapUsed;
  const result = exportGlossary(store, format);
  const samples: SampledExport['samples'] = [];
  let nextSample = 0;
  let maxHeap = 0;
  let maxRss = 0;
  const start = performance.now();
  await writeFile(file, result.chunks, () => {
    const m = process.memoryUsage();
    maxHeap = Math.max(maxHeap, m.heapUsed);
    maxRss = Math.max(maxRss, m.rss);
    if (result.stats.concepts >= nextSample) {
      samples.push({ concepts: result.stats.concepts, heap: m.heapUsed, rss: m.rss });
      nextSample += concepts / 5;
    }
  });
  return { ms: performance.now() - start, bytes: fs.statSync(file).size, baseHeap, maxHeap, maxRss, samples };
}

/** The memory table of a sampled export. */
export function memoryTable(s: SampledExport): string[] {
  return [
    '| concepts written | heap used | RSS |',
    '|---:|---:|---:|',
    ...s.samples.map((x) => `| ${x.concepts.toLocaleString('en-US')} | ${mb(x.heap)} | ${mb(x.rss)} |`),
    `| (peak) | ${mb(s.maxHeap)} | ${mb(s.maxRss)} |`,
  ];
}
