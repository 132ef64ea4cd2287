// Starting and stopping the HTTP server. Refuses a configuration access.ts rules out (no token
// beyond loopback or with public names, a short token);
// on SIGTERM/SIGINT stops accepting connections and lets in-flight requests finish.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkServerConfig } from './access.js';
import { createApp } from './app.js';
import type { AppDeps } from './deps.js';
import { InputError, UnavailableError } from '../domain/types.js';
import { liveTermIndex } from '../check/live-index.js';
import { liveLookupIndex, prepareForChanges } from '../search/lookup-index.js';
import type { Store } from '../store/repository.js';

export interface RunningServer {
  server: http.Server;
  url: string;
  /** Stops accepting connections and resolves when in-flight requests have finished. */
  close(): Promise<void>;
}

/** How long in-flight requests get to finish after SIGTERM before connections are cut. */
export const SHUTDOWN_GRACE_MS = 20_000;

export async function startServer(deps: AppDeps, port: number): Promise<RunningServer> {
  checkServerConfig(deps.config);
  const app = createApp(deps);
  const server = http.createServer(app);
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 15_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new InputError(`port ${port} on ${deps.config.host} is already in use`));
      else if (err.code === 'EADDRNOTAVAIL') reject(new InputError(`cannot listen on ${deps.config.host}: address not available`));
      else reject(err);
    });
    server.listen(port, deps.config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  // While shutting down, answers tell clients to close their keep-alive connections, and idle
  // ones are closed as soon as their last response is out.
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (closing && !res.headersSent) res.setHeader('Connection', 'close');
  });
  return {
    server,
    url: `http://${hostForUrl}:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const deadline = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        deadline.unref();
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/**
 * Readies a server's indexes in the order translators need them. The lookup index first, here (a
 * persisted one loads in a fraction of a second), so a restarted server answers lookups from its
 * first request; without an index file it is built in a worker and lookups meanwhile are answered
 * 503 with Retry-After. The checker's index, several times larger, is then loaded with a turn of the
 * event loop between reading its file and making the index of its arrays, so lookups are answered
 * meanwhile; a check that comes before it is ready is
 * answered 503 with Retry-After (UnavailableError). Call with background builds configured
 * (configureLiveIndexes), before listening; the promise resolves when the checker's index is in.
 */
export function prepareIndexes(store: Store): { checker: Promise<void> } {
  try {
    liveLookupIndex(store).current();
  } catch (err) {
    if (!(err instanceof UnavailableError)) throw err;
  }
  // What indexing a write needs (the pinyin reader) is loaded then, not on the first write's path.
  const checker = liveTermIndex(store)
    .startInBackground()
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(() => {
      if (store.db.open) prepareForChanges();
    });
  return { checker };
}
