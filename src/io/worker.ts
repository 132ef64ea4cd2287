// Worker threads on our own modules, from dist/ (JavaScript) or from the TypeScript sources (tests,
// tsx): a .ts module needs the tsx loader registered inside the worker before it is imported
// (Node 20 applies neither --import nor module.register() hooks of the parent to a worker).
// runWorker runs one job (a full index build, so the main thread keeps answering requests
// meanwhile): the worker gets its input as workerData and answers with one message; typed arrays in
// the answer are transferred, not copied.
import { Worker, type WorkerOptions, parentPort, workerData } from 'node:worker_threads';

type Answer<T> = { ok: true; value: T } | { ok: false; message: string };

/** The URL of a worker module beside `importMetaUrl` (`name` ends in .js; the .ts file when running from sources). */
export function workerUrl(name: string, importMetaUrl: string): URL {
  const fromSources = importMetaUrl.endsWith('.ts');
  return new URL(fromSources ? name.replace(/\.js$/, '.ts') : name, importMetaUrl);
}

const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((tsx) => { tsx.register(); return import(workerData.moduleUrl); });
`;

/** A worker thread running the module at `url` (its workerData as given in `options`). */
export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const data = { ...(options.workerData as object), moduleUrl: url.href };
  return new Worker(TS_BOOTSTRAP, { ...options, eval: true, workerData: data });
}

/** Runs the worker module with `input`; resolves with its answer, rejects with its error. */
export function runWorker<T>(url: URL, input: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = startWorker(url, { workerData: input });
    // A worker does not keep a process alive on its own (a command that finishes does not wait).
    worker.unref();
    let answered = false;
    worker.once('message', (answer: Answer<T>) => {
      answered = true;
      if (answer.ok) resolve(answer.value);
      else reject(new Error(answer.message));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      answered = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`worker exited with code ${code} before answering`));
    });
  });
}

/** The worker side: runs `job` on the input and answers (with `transfer` moved, not copied). */
export function answerWorker<I, T>(job: (input: I) => { value: T; transfer?: ArrayBuffer[] }): void {
  if (!parentPort) throw new Error('not running in a worker thread');
  let answer: Answer<T>;
  let transfer: ArrayBuffer[] = [];
  try {
    const r = job(workerData as I);
    answer = { ok: true, value: r.value };
    transfer = r.transfer ?? [];
  } catch (err) {
    answer = { ok: false, message: (err as Error)?.message ?? String(err) };
  }
  parentPort.postMessage(answer, transfer);
}
