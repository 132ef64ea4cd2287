// Rate limits across the processes of `serve --workers N` (node:cluster). Each worker tells the
// primary what it counted for a key; the primary tells every other worker; a worker adds the
// others' counts to its own before it decides. The messages are asynchronous, so requests that
// reach two workers within the same fraction of a millisecond may both pass: a limit can be
// overrun by about one request per worker, never N times over.
import cluster from 'node:cluster';
import type { RateCount, RateLimiter } from './rate-limit.js';

interface CountMessage {
  termdeskRate: { limiter: string; key: string } & RateCount;
}
interface OthersMessage {
  termdeskRateOthers: { limiter: string; key: string; counts: RateCount[] };
}

const sharedLimiters = new Map<string, RateLimiter>();
let listening = false;

/** In a cluster worker: shares `limiter`'s counts, under `name`, with the other workers. Elsewhere nothing. */
export function shareAcrossWorkers(name: string, limiter: RateLimiter): void {
  if (!cluster.isWorker) return;
  sharedLimiters.set(name, limiter);
  limiter.onCount = (key, count) => {
    if (process.connected) process.send?.({ termdeskRate: { limiter: name, key, ...count } } satisfies CountMessage);
  };
  if (listening) return;
  listening = true;
  process.on('message', (message: Partial<OthersMessage> | null) => {
    const m = message?.termdeskRateOthers;
    if (m) sharedLimiters.get(m.limiter)?.setOthers(m.key, m.counts);
  });
}

/** In the primary: passes each worker's counts on to the other workers. */
export function relayRateCounts(): void {
  /** limiter NUL key → worker id → that worker's count in its window. */
  const table = new Map<string, Map<number, RateCount>>();
  cluster.on('message', (from, message: Partial<CountMessage> | null) => {
    const m = message?.termdeskRate;
    if (!m) return;
    const now = Date.now();
    if (table.size > 10_000) {
      for (const [id, byWorker] of table) {
        for (const [w, c] of byWorker) if (c.resetAt <= now) byWorker.delete(w);
        if (byWorker.size === 0) table.delete(id);
      }
    }
    const id = `${m.limiter}\u0000${m.key}`;
    let byWorker = table.get(id);
    if (!byWorker) table.set(id, (byWorker = new Map()));
    byWorker.set(from.id, { count: m.count, resetAt: m.resetAt });
    for (const [w, c] of byWorker) if (c.resetAt <= now) byWorker.delete(w);
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (!worker || worker.id === from.id || !worker.isConnected()) continue;
      const counts = [...byWorker].filter(([w]) => w !== worker.id).map(([, c]) => c);
      worker.send({ termdeskRateOthers: { limiter: m.limiter, key: m.key, counts } } satisfies OthersMessage);
    }
  });
}
