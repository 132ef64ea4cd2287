import type { Command } from '../command.js';
import { UsageError, stringOption } from '../command.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the web UI and the JSON API (127.0.0.1:3000 by default)',
  usage: 'serve [--port N] [--host ADDRESS]',
  options: {
    port: { type: 'string', arg: 'N', description: 'port (default $PORT or 3000)' },
    host: { type: 'string', arg: 'ADDRESS', description: 'address to bind (default 127.0.0.1); beyond loopback needs TERMDESK_TOKEN' },
  },
  maxArgs: 0,
  async run(ctx) {
    const portText = stringOption(ctx, 'port') ?? ctx.io.env.PORT ?? '3000';
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new UsageError(`port must be a number from 0 to 65535, not "${portText}"`);
    const host = stringOption(ctx, 'host') ?? '127.0.0.1';
    const token = ctx.io.env.TERMDESK_TOKEN?.trim() || undefined;
    // The web stack is loaded only by the command that needs it, so other commands start faster.
    const [{ startServer }, { writeAccess }] = await Promise.all([import('../../server/start.js'), import('../../server/access.js')]);
    const store = await ctx.store();
    const rate = ctx.io.env.TERMDESK_WRITE_RATE;
    if (rate !== undefined && !/^\d+$/.test(rate)) throw new UsageError(`TERMDESK_WRITE_RATE must be a whole number of writes per minute, not "${rate}"`);
    const config = { host, token, writeRateLimit: rate ? Number(rate) : undefined };
    const running = await startServer({ store, config }, Number(portText));
    // Build the lookup and checker indexes now rather than on the first request.
    setImmediate(() => {
      void Promise.all([import('../../search/lookup.js'), import('../../check/live-index.js')]).then(([search, check]) => {
        search.lookupIndex(store);
        check.termIndexFor(store);
      });
    });
    const access = writeAccess(config);
    ctx.err(`termdesk: serving ${running.url}/ (database ${ctx.dbPath}; writes ${access === 'open' ? 'open on loopback' : 'need the bearer token'})`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        ctx.err(`termdesk: ${signal}: finishing in-flight requests …`);
        void running.close().then(resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    ctx.err('termdesk: stopped');
  },
};
