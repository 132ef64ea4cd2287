import net from 'node:net';
import type { Command, CommandContext } from '../command.js';
import { UsageError, stringOption } from '../command.js';

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

function rateOption(ctx: CommandContext, name: string, what: string): number | undefined {
  const rate = ctx.io.env[name];
  if (rate === undefined || rate === '') return undefined;
  if (!/^\d+$/.test(rate)) throw new UsageError(`${name} must be a whole number of ${what} per minute, not "${rate}"`);
  return Number(rate);
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the web UI and the JSON API (127.0.0.1:3000 by default)',
  usage: 'serve [--port N] [--host ADDRESS] [--public-host NAME]...',
  options: {
    port: { type: 'string', arg: 'N', description: 'port (default $PORT or 3000)' },
    host: { type: 'string', arg: 'ADDRESS', description: 'address to bind (default 127.0.0.1); beyond loopback needs TERMDESK_TOKEN' },
    'public-host': {
      type: 'string',
      multiple: true,
      arg: 'NAME',
      description: 'a name the server is reached by through a proxy (also $TERMDESK_PUBLIC_HOSTS); needs TERMDESK_TOKEN',
    },
  },
  maxArgs: 0,
  async run(ctx) {
    const portText = stringOption(ctx, 'port') ?? ctx.io.env.PORT ?? '3000';
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new UsageError(`port must be a number from 0 to 65535, not "${portText}"`);
    const host = hostOption(ctx);
    const token = ctx.io.env.TERMDESK_TOKEN?.trim() || undefined;
    // The web stack is loaded only by the command that needs it, so other commands start faster.
    const [{ startServer }, { checkServerConfig, writeAccess }] = await Promise.all([import('../../server/start.js'), import('../../server/access.js')]);
    const writeRateLimit = rateOption(ctx, 'TERMDESK_WRITE_RATE', 'writes');
    const checkRateLimit = rateOption(ctx, 'TERMDESK_CHECK_RATE', 'checks');
    const config = { host, token, writeRateLimit, checkRateLimit, publicHosts: publicHosts(ctx) };
    checkServerConfig(config);
    const store = await ctx.store();
    const running = await startServer({ store, config }, Number(portText));
    // Build the lookup and checker indexes now rather than on the first request.
    setImmediate(() => {
      void Promise.all([import('../../search/lookup.js'), import('../../check/term-index.js')]).then(([search, check]) => {
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
