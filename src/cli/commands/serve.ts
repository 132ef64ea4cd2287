import cluster, { type Worker } from 'node:cluster';
import net from 'node:net';
import type { Command, CommandContext } from '../command.js';
import { UsageError, stringOption } from '../command.js';

/** How often a server looks for writes made by other processes (another worker, a CLI import). */
const POLL_MS = 250;
/** Milliseconds SQLite itself may wait for another writer's lock (the rest of the wait is lock-wait.ts's, off the event loop). */
const BUSY_TIMEOUT_MS = 20;
/** A worker that dies is started again, unless workers keep dying (this many within a minute). */
const MAX_RESTARTS_PER_MINUTE = 5;

/** An address to bind: an IP literal or a host name, nothing else (no spaces, no port). */
function hostOption(ctx: CommandContext): string {
  const host = stringOption(ctx, 'host') ?? '127.0.0.1';
  if (net.isIP(host) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/.test(host)) {
    throw new UsageError(`--host must be an IP address or a host name, not "${host}"; usage: termdesk serve [--port N] [--host ADDRESS]`);
  }
  return host;
}

/** Public names from --public-host (repeatable) and TERMDESK_PUBLIC_HOSTS (comma-separated). */
function publicHosts(ctx: CommandContext): string[] {
  const given = ctx.options['public-host'];
  const names = [...(Array.isArray(given) ? given : []), ...(ctx.io.env.TERMDESK_PUBLIC_HOSTS ?? '').split(',')].map((h) => h.trim()).filter(Boolean);
  for (const name of names) {
    if (!/^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/.test(name)) throw new UsageError(`a public host must be a host name (termdesk.example.org), not "${name}"`);
  }
  return names;
}

function rateOption(ctx: CommandContext, name: string, what: string, per = 'minute'): number | undefined {
  const rate = ctx.io.env[name];
  if (rate === undefined || rate === '') return undefined;
  if (!/^\d+$/.test(rate)) throw new UsageError(`${name} must be a whole number of ${what} per ${per}, not "${rate}"`);
  return Number(rate);
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the web UI and the JSON API (127.0.0.1:3000 by default)',
  usage: 'serve [--port N] [--host ADDRESS] [--public-host NAME]... [--workers N] [--read-only]',
  options: {
    port: { type: 'string', arg: 'N', description: 'port (default $PORT or 3000)' },
    host: { type: 'string', arg: 'ADDRESS', description: 'address to bind (default 127.0.0.1); beyond loopback needs TERMDESK_TOKEN' },
    'public-host': {
      type: 'string',
      multiple: true,
      arg: 'NAME',
      description: 'a name the server is reached by through a proxy (also $TERMDESK_PUBLIC_HOSTS); needs TERMDESK_TOKEN',
    },
    workers: { type: 'string', arg: 'N', description: 'processes serving the one port (default 1; a write through one is seen by all within a second)' },
    'read-only': { type: 'boolean', description: 'open the database read-only and refuse writes (503): a replica of a database another server writes (docs/SCALING.md)' },
  },
  maxArgs: 0,
  async run(ctx) {
    const portText = stringOption(ctx, 'port') ?? ctx.io.env.PORT ?? '3000';
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new UsageError(`port must be a number from 0 to 65535, not "${portText}"`);
    const workersText = stringOption(ctx, 'workers') ?? '1';
    if (!/^\d+$/.test(workersText) || Number(workersText) < 1 || Number(workersText) > 64) throw new UsageError(`--workers must be a number from 1 to 64, not "${workersText}"`);
    const workers = Number(workersText);
    const host = hostOption(ctx);
    const token = ctx.io.env.TERMDESK_TOKEN?.trim() || undefined;
    const writeRateLimit = rateOption(ctx, 'TERMDESK_WRITE_RATE', 'writes');
    const checkRateLimit = rateOption(ctx, 'TERMDESK_CHECK_RATE', 'checks');
    const checkLoopShareMs = rateOption(ctx, 'TERMDESK_CHECK_SHARE_MS', 'milliseconds of checking', 'second');
    if (checkLoopShareMs !== undefined && (checkLoopShareMs < 1 || checkLoopShareMs > 1000)) {
      throw new UsageError(`TERMDESK_CHECK_SHARE_MS must be from 1 to 1000 milliseconds of checking per second, not "${checkLoopShareMs}"`);
    }
    const config = { host, token, writeRateLimit, checkRateLimit, checkLoopShareMs, publicHosts: publicHosts(ctx) };
    const { checkServerConfig, writeAccess } = await import('../../server/access.js');
    checkServerConfig(config);
    if (workers > 1 && cluster.isPrimary) return runPrimary(ctx, workers, config);

    // The web stack is loaded only by the command that needs it, so other commands start faster.
    const [{ startServer, prepareIndexes }, { configureLiveIndexes }] = await Promise.all([import('../../server/start.js'), import('../../store/live-index.js')]);
    // A replica (LiteFS, or any copy another server writes to) is opened read-only: no migration,
    // no pruning; writes are refused with 503, lookups follow the writer's changes by polling.
    const store = ctx.options['read-only'] ? await ctx.readOnlyStore() : await ctx.store();
    // Never hold the event loop for another writer: SQLite waits briefly, lock-wait.ts the rest.
    store.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Indexes: full builds in worker threads while the current ones answer; other processes'
    // writes picked up by polling the store's revision, off the request path.
    configureLiveIndexes(store, { background: true, pollMs: POLL_MS });
    // The lookup index is loaded before listening, the checker's after (see prepareIndexes).
    void prepareIndexes(store);
    const running = await startServer({ store, config }, Number(portText));
    const access = writeAccess(config);
    if (cluster.isWorker) process.send?.({ serving: running.url });
    else ctx.err(`termdesk: serving ${running.url}/ (database ${ctx.dbPath}; ${writesLine(ctx, access)})`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        if (!cluster.isWorker) ctx.err(`termdesk: ${signal}: finishing in-flight requests …`);
        void running.close().then(resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    if (cluster.isWorker) cluster.worker?.disconnect(); // the channel to the primary would keep the process alive
    else ctx.err('termdesk: stopped');
  },
};

/**
 * The primary of `serve --workers N`: prepares the database once (creating or migrating it), starts
 * N workers that serve the same port (node:cluster hands out connections), starts a worker again
 * if one dies, and passes SIGTERM/SIGINT on to all of them.
 */
async function runPrimary(ctx: CommandContext, workers: number, config: { host: string; token?: string }): Promise<number | undefined> {
  // The configuration was checked by the caller (checkServerConfig).
  const { writeAccess } = await import('../../server/access.js');
  // Rate limits hold for the port: each worker's counts reach the others through here.
  (await import('../../server/rate-share.js')).relayRateCounts();
  // Created, migrated and the glossary synced here, so the workers do not race to do it.
  (ctx.options['read-only'] ? await ctx.readOnlyStore() : await ctx.store()).db.close();
  let stopping = false;
  const restarts: number[] = [];
  const start = () => cluster.fork();
  const url = await new Promise<string>((resolve, reject) => {
    let ready = 0;
    let first: string | undefined;
    const onMessage = (_worker: Worker, message: { serving?: string }) => {
      if (!message?.serving) return;
      first ??= message.serving;
      if (++ready === workers) {
        cluster.off('message', onMessage);
        resolve(first);
      }
    };
    cluster.on('message', onMessage);
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      if (ready < workers) {
        stopping = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
        reject(new Error(`a worker exited while starting (${signal ?? `code ${code}`}); run without --workers to see why`));
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
      if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
        ctx.err(`termdesk: workers keep exiting (last: ${signal ?? `code ${code}`}); not starting more`);
        return;
      }
      ctx.err(`termdesk: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
      start();
    });
    for (let i = 0; i < workers; i++) start();
  });
  ctx.err(`termdesk: serving ${url}/ with ${workers} workers (database ${ctx.dbPath}; ${writesLine(ctx, writeAccess(config))})`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      ctx.err(`termdesk: ${signal}: finishing in-flight requests …`);
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      if (alive.length === 0) resolve();
      let left = alive.length;
      for (const w of alive) {
        w.once('exit', () => {
          if (--left === 0) resolve();
        });
        w.kill('SIGTERM');
      }
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  ctx.err('termdesk: stopped');
  return undefined;
}

function writesLine(ctx: CommandContext, access: string): string {
  if (ctx.options['read-only']) return 'read-only: writes are refused';
  return `writes ${access === 'open' ? 'open on loopback' : 'need the bearer token'}`;
}
