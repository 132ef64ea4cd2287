// The worker thread that checks large drafts off the server's event loop (check-runner.ts starts
// it). It opens the database read-only, keeps its own checker index (rebuilt when the store's term
// revision moves, like the main thread's), and answers one job at a time with a capped result.
import { parentPort, workerData } from 'node:worker_threads';
import { checkDraftInStore } from '../check/checker.js';
import { InputError } from '../domain/types.js';
import { termIndexFor } from '../check/term-index.js';
import { openDatabase } from '../store/db.js';
import { Store } from '../store/repository.js';
import { type CheckJob, capCheckResult } from './check-limits.js';

const store = new Store(openDatabase((workerData as { dbFile: string }).dbFile, { readonly: true }));
termIndexFor(store);
parentPort!.postMessage({ ready: true });

parentPort!.on('message', (job: CheckJob) => {
  try {
    const result = checkDraftInStore(store, job.text, job.options);
    parentPort!.postMessage({ ok: true, result: capCheckResult(result, job.maxIssues) });
  } catch (err) {
    // Input errors (an unknown rule) go back as their message; anything else is internal.
    parentPort!.postMessage({ ok: false, inputError: err instanceof InputError, message: (err as Error).message });
  }
});
