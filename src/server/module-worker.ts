// Starting a worker thread on one of our own modules, from dist/ (JavaScript) or from the
// TypeScript sources (the tests run those): a .ts module needs the tsx loader registered inside
// the worker before it is imported.
import { Worker, type WorkerOptions } from 'node:worker_threads';

const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then((tsx) => { tsx.register(); return import(workerData.moduleUrl); });
`;

/** The URL of a module beside `base` (import.meta.url), with the extension `base` has (.js or .ts). */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

export function moduleWorker(moduleUrl: URL, options: WorkerOptions = {}): Worker {
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, options);
  const workerData = { ...(options.workerData as object), moduleUrl: moduleUrl.href };
  return new Worker(TS_BOOTSTRAP, { ...options, eval: true, workerData });
}
