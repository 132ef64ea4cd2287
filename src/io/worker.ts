// Running one job in a worker thread: a full index build, so the main thread keeps answering
// requests meanwhile. The worker gets its input as workerData and answers with one message; typed
// arrays in the answer are transferred, not copied. From the TypeScript sources (tests, tsx) the
// worker is the .ts file, loaded through tsx like the rest.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker, parentPort, workerData } from 'node:worker_threads';

type Answer<T> = { ok: true; value: T } | { ok: false; message: string };

/** The URL of a worker module beside `importMetaUrl` (`name` ends in .js; the .ts file when running from sources). */
export function workerUrl(name: string, importMetaUrl: string): URL {
  const fromSources = importMetaUrl.endsWith('.ts');
  return new URL(fromSources ? name.replace(/\.js$/, '.ts') : name, importMetaUrl);
}

/**
 * tsx's require hook, which only the TypeScript sources (tests, benchmarks) need: Node 20 applies
 * neither --import nor module.register() hooks to worker threads, so the worker loads the sources
 * through require (tsx compiles them on the fly).
 */
function tsxRequireHook(): string {
  return createRequire(import.meta.url).resolve('tsx/cjs');
}

/** Runs the worker module with `input`; resolves with its answer, rejects with its error. */
export function runWorker<T>(url: URL, input: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = url.pathname.endsWith('.ts')
      ? // From the sources: tsx inside the worker, then the module.
        new Worker(`require(${JSON.stringify(tsxRequireHook())}); require(${JSON.stringify(fileURLToPath(url))});`, { eval: true, workerData: input })
      : new Worker(url, { workerData: input });
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
