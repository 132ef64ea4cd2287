// Checking drafts for the server without letting one draft stall it. A small draft is checked on
// the event loop (milliseconds); a large one in a worker thread (check-worker.ts) with a memory
// ceiling (resourceLimits) and a time limit: a worker past either is stopped, the draft refused,
// and a fresh worker started for the next one. Large drafts wait their turn, one per client and
// MAX_QUEUED_CHECKS in all, so one client cannot fill the queue. Small drafts are charged to their
// client's share of the event loop (CHECK_LOOP_MS_PER_SECOND). Every answer carries at most
// MAX_ISSUES_PER_ANSWER findings.
import type { Worker } from 'node:worker_threads';
import { type BilingualCheckOptions, type BilingualInput, checkBilingualInStore } from '../check/bilingual.js';
import { type CheckOptions, checkDraftInStore } from '../check/checker.js';
import { termIndexFor } from '../check/live-index.js';
import { InputError, TooLargeError, UnprocessableError } from '../domain/types.js';
import type { Store } from '../store/repository.js';
import {
  CHECK_LOOP_BURST_SECONDS,
  CHECK_LOOP_MS_PER_SECOND,
  CHECK_WORKER_MEMORY_MB,
  type CappedCheckResult,
  type CappedSegmentCheckResult,
  type CheckJob,
  INLINE_CHECK_CHARS,
  MAX_ISSUES_PER_ANSWER,
  MAX_QUEUED_CHECKS,
  capCheckResult,
  capSegmentCheckResult,
  checkTimeLimitMs,
} from './check-limits.js';
import { HttpError } from './errors.js';
import { startWorker, workerUrl } from '../io/worker.js';

/** How long a new worker may take to open the database and build its index. */
const WORKER_START_MS = 60_000;

/** A bilingual input as the server holds it: an uploaded file's bytes (a worker can be sent them), or texts. */
export type BilingualUpload = Extract<BilingualInput, { kind: 'aligned' }> | { kind: 'xliff'; name: string; data: Uint8Array };

type Reply = { ok: true; result: unknown } | { ok: false; inputError: boolean; message: string };

export class DraftChecker {
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  /** The tail of the queue of large drafts: each waits for the one before. */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiting = new Set<string>();
  /** Each client's remaining share of the event loop, in milliseconds, and when it was last topped up. */
  private readonly shares = new Map<string, { ms: number; at: number }>();

  private readonly burstMs: number;

  constructor(
    private readonly store: Store,
    /** Milliseconds of event-loop checking per second per client. */
    private readonly shareMsPerSecond = CHECK_LOOP_MS_PER_SECOND,
  ) {
    this.burstMs = shareMsPerSecond * CHECK_LOOP_BURST_SECONDS;
  }

  /** The client's share now (refilled at CHECK_LOOP_MS_PER_SECOND, up to the burst). */
  private share(client: string, now: number): { ms: number; at: number } {
    let share = this.shares.get(client);
    if (!share) {
      if (this.shares.size > 10_000) this.shares.clear();
      share = { ms: this.burstMs, at: now };
      this.shares.set(client, share);
    }
    share.ms = Math.min(this.burstMs, share.ms + ((now - share.at) * this.shareMsPerSecond) / 1000);
    share.at = now;
    return share;
  }

  /** Checks a draft for `client` (an address): on the event loop when small, else in the worker. */
  check(text: string, options: CheckOptions, client: string): Promise<CappedCheckResult> {
    const chars = text.length + (options.source?.text.length ?? 0);
    return this.run<CappedCheckResult>(chars, client, () => capCheckResult(checkDraftInStore(this.store, text, options), MAX_ISSUES_PER_ANSWER), {
      kind: 'draft',
      text,
      options,
      maxIssues: MAX_ISSUES_PER_ANSWER,
    });
  }

  /**
   * Checks a translation against its source (an XLIFF file's bytes, or aligned texts), segment by
   * segment, under the same limits as a draft: the file's size decides where it is read and checked.
   */
  checkBilingual(input: BilingualUpload, options: BilingualCheckOptions, client: string): Promise<CappedSegmentCheckResult> {
    const chars = input.kind === 'aligned' ? input.source.length + input.target.length : input.data.byteLength;
    return this.run<CappedSegmentCheckResult>(
      chars,
      client,
      async () => capSegmentCheckResult(await checkBilingualInStore(this.store, input, options), MAX_ISSUES_PER_ANSWER),
      { kind: 'bilingual', input, options, maxIssues: MAX_ISSUES_PER_ANSWER },
    );
  }

  private async run<T>(chars: number, client: string, inline: () => T | Promise<T>, job: CheckJob): Promise<T> {
    // An in-memory database cannot be opened by another thread: check here (tests, embedding).
    if (chars <= INLINE_CHECK_CHARS || this.store.db.memory) {
      const share = this.share(client, performance.now());
      if (share.ms <= 0) {
        throw new HttpError(429, 'rate_limited', 'this address has used its share of the checker; try again in a second', { 'Retry-After': '1' });
      }
      // Building the index after a change to the terms is nobody's draft: not charged.
      termIndexFor(this.store);
      const started = performance.now();
      try {
        // In-memory input only (no I/O is awaited): the check holds the event loop from start to end.
        return await inline();
      } finally {
        share.ms -= performance.now() - started;
      }
    }
    if (this.waiting.has(client)) {
      throw new HttpError(429, 'rate_limited', 'a large draft from this address is still being checked; wait for its answer', { 'Retry-After': '5' });
    }
    if (this.waiting.size >= MAX_QUEUED_CHECKS) {
      throw new HttpError(503, 'busy', 'the checker is busy with large drafts; try again shortly', { 'Retry-After': '10' });
    }
    this.waiting.add(client);
    const run = this.tail.then(() => this.inWorker<T>(job, checkTimeLimitMs(chars)));
    this.tail = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      this.waiting.delete(client);
    }
  }

  /** Stops the worker (the server is closing). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    await worker?.terminate();
  }

  private start(): Promise<Worker> {
    this.ready ??= new Promise<Worker>((resolve, reject) => {
      const worker = startWorker(workerUrl('./check-worker.js', import.meta.url), {
        workerData: { dbFile: this.store.db.name },
        resourceLimits: { maxOldGenerationSizeMb: CHECK_WORKER_MEMORY_MB, maxYoungGenerationSizeMb: 48 },
      });
      worker.unref();
      this.worker = worker;
      // Between jobs too: a worker that fails is dropped, and the next draft starts a new one.
      worker.on('error', () => this.discard(worker));
      const settle = (err?: Error) => {
        clearTimeout(timer);
        worker.off('message', onReady);
        worker.off('error', onFailure);
        worker.off('exit', onExit);
        if (!err) return resolve(worker);
        this.discard(worker);
        reject(err);
      };
      const onReady = () => settle();
      const onFailure = (err: Error) => settle(err);
      const onExit = () => settle(new Error('the checker worker stopped while starting'));
      const timer = setTimeout(() => settle(new Error('the checker worker did not start in time')), WORKER_START_MS);
      worker.on('message', onReady);
      worker.on('error', onFailure);
      worker.on('exit', onExit);
    });
    return this.ready;
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) {
      this.worker = undefined;
      this.ready = undefined;
    }
    worker.removeAllListeners();
    void worker.terminate();
  }

  private async inWorker<T>(job: CheckJob, limitMs: number): Promise<T> {
    const worker = await this.start();
    return new Promise<T>((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        fn();
      };
      const onMessage = (reply: Reply) =>
        done(() => {
          if (reply.ok) resolve(reply.result as T);
          else reject(reply.inputError ? new InputError(reply.message) : new Error(reply.message));
        });
      const onError = (err: NodeJS.ErrnoException) =>
        done(() => {
          this.discard(worker);
          reject(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new TooLargeError(`checking this draft needs more than ${CHECK_WORKER_MEMORY_MB} MB; split it into smaller parts`)
              : err,
          );
        });
      const onExit = () =>
        done(() => {
          this.discard(worker);
          reject(new Error('the checker worker stopped'));
        });
      const timer = setTimeout(
        () =>
          done(() => {
            this.discard(worker);
            reject(new UnprocessableError(`checking this draft took longer than ${Math.round(limitMs / 1000)} s; split it into smaller parts`));
          }),
        limitMs,
      );
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(job);
    });
  }
}

const checkers = new WeakMap<Store, DraftChecker>();

/** The store's draft checker (one worker per store, shared by the API and the Check page). */
export function draftCheckerFor(store: Store, config: { checkLoopShareMs?: number } = {}): DraftChecker {
  let checker = checkers.get(store);
  if (!checker) {
    checker = new DraftChecker(store, config.checkLoopShareMs);
    checkers.set(store, checker);
  }
  return checker;
}

