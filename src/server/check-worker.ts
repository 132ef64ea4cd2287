// The worker thread that checks large drafts off the server's event loop (check-runner.ts starts
// it). It opens the database read-only, keeps its own checker index (rebuilt when the store's term
// revision moves, like the main thread's), and answers one job at a time with a capped result.
// A bilingual file is read here too: parsing megabytes of XLIFF is work for this thread.
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { checkBilingualInStore } from '../check/bilingual.js';
import { checkDraftInStore } from '../check/checker.js';
import { InputError } from '../domain/types.js';
import { termIndexFor } from '../check/live-index.js';
import { openDatabase } from '../store/db.js';
import { Store } from '../store/repository.js';
import { type CheckJob, capCheckResult, capSegmentCheckResult } from './check-limits.js';

// Large drafts are background work: on Linux this thread lowers its own scheduling priority, so
// the event loop (lookups, small checks) wins the CPU when both want it. Best effort elsewhere.
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, 10);
} catch {
  // Not Linux, or not allowed: the thread keeps the process's priority.
}

const store = new Store(openDatabase((workerData as { dbFile: string }).dbFile, { readonly: true }));
termIndexFor(store);
parentPort!.postMessage({ ready: true });

// One job at a time: the runner sends the next only after this one's answer.
parentPort!.on('message', async (job: CheckJob) => {
  try {
    const result =
      job.kind === 'draft'
        ? capCheckResult(checkDraftInStore(store, job.text, job.options), job.maxIssues)
        : capSegmentCheckResult(await checkBilingualInStore(store, job.input, job.options), job.maxIssues);
    parentPort!.postMessage({ ok: true, result });
  } catch (err) {
    // Input errors (an unknown rule) go back as their message; anything else is internal.
    parentPort!.postMessage({ ok: false, inputError: err instanceof InputError, message: (err as Error).message });
  }
});
