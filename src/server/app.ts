// The express app factory: no global state, everything it needs comes in `deps`, so the CLI,
// the tests and the benchmarks build the same app.
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { timingSafeEqual } from 'node:crypto';
import { ZodError } from 'zod';
import { InputError } from '../domain/types.js';
import type { Store } from '../store/repository.js';
import { ROUTES } from './routes/index.js';
import { errorPage } from './pages/layout.js';

export interface ServerConfig {
  /** Address the server listens on; decides whether writes need a token. */
  host: string;
  /** Bearer token for write routes (TERMDESK_TOKEN). */
  token?: string;
  /** Largest JSON body accepted. */
  jsonLimit?: string;
  /** Largest upload accepted (bytes). */
  uploadLimit?: number;
  /** Write requests per minute per client on write and upload routes. */
  writeRateLimit?: number;
}

export interface AppDeps {
  store: Store;
  config: ServerConfig;
}

export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** Writes need the token when one is set, and are refused outright beyond loopback without one. */
export function writeAccess(config: ServerConfig): 'open' | 'token' | 'closed' {
  if (config.token) return 'token';
  return isLoopback(config.host) ? 'open' : 'closed';
}

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const writeLimiters = new WeakMap<ServerConfig, ReturnType<typeof rateLimit>>();

/** One rate limiter per server, shared by every write and upload route. */
function writeLimiter(config: ServerConfig) {
  let limiter = writeLimiters.get(config);
  if (!limiter) {
    limiter = rateLimit({
      windowMs: 60_000,
      limit: config.writeRateLimit ?? 300,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).json({ error: { code: 'rate_limited', message: 'too many write requests; try again in a minute' } });
      },
    });
    writeLimiters.set(config, limiter);
  }
  return limiter;
}

/**
 * Why a write request must be refused, or null when it may go ahead: another site's page posting
 * to us (Origin), or a missing/wrong token when one is needed. `formToken` is a token sent as a
 * form field (HTML forms cannot send headers).
 */
export function writeRefusal(config: ServerConfig, req: Request, formToken?: string): { status: number; code: string; message: string } | null {
  const origin = req.get('origin');
  if (origin && origin !== 'null') {
    let sameHost = false;
    try {
      sameHost = new URL(origin).host === req.get('host');
    } catch {
      sameHost = false;
    }
    if (!sameHost) return { status: 403, code: 'forbidden', message: 'cross-origin writes are not allowed' };
  }
  const access = writeAccess(config);
  if (access === 'open') {
    // Loopback without a token means "one user on this machine". A request relayed by a reverse
    // proxy comes from someone else: it needs a token like any remote write.
    if (!req.get('x-forwarded-for') && !req.get('forwarded') && !req.get('x-real-ip')) return null;
    return { status: 401, code: 'unauthorized', message: 'writes through a proxy need TERMDESK_TOKEN to be set and sent (Authorization: Bearer <token>)' };
  }
  const m = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
  const given = m ? m[1].trim() : formToken;
  if (access === 'token' && given !== undefined && tokenMatches(given, config.token!)) return null;
  return { status: 401, code: 'unauthorized', message: 'this needs the TermDesk token (Authorization: Bearer <TERMDESK_TOKEN>)' };
}

/** Throws the refusal as an error (for routes that read a multipart body before they can check). */
export function assertWrite(config: ServerConfig, req: Request, formToken?: string): void {
  const refusal = writeRefusal(config, req, formToken);
  if (refusal) throw new InputError(refusal.message, refusal.status);
}

/** Middleware for every route that changes data: rate limit, same-origin check, token. */
export function requireWrite(config: ServerConfig) {
  const limiter = writeLimiter(config);
  const authorize = (req: Request, res: Response, next: NextFunction) => {
    const formToken = typeof req.body?.token === 'string' ? (req.body.token as string) : undefined;
    const refusal = writeRefusal(config, req, formToken);
    if (!refusal) return next();
    if (refusal.status === 401) res.set('WWW-Authenticate', 'Bearer realm="termdesk"');
    res.status(refusal.status).json({ error: { code: refusal.code, message: refusal.message } });
  };
  return (req: Request, res: Response, next: NextFunction) => {
    void limiter(req, res, (err?: unknown) => (err ? next(err) : authorize(req, res, next)));
  };
}

/** The rate limit alone, for routes that check the token themselves after reading the body. */
export function writeRateLimit(config: ServerConfig) {
  return writeLimiter(config);
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          'object-src': ["'none'"],
          'base-uri': ["'none'"],
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: false,
    }),
  );

  for (const register of ROUTES) register(app, deps);

  app.use('/api', (_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such API route' } });
  });
  app.use((_req, res) => {
    res.status(404).type('html').send(errorPage(404, 'There is no page at this address.'));
  });

  // Errors become JSON (API) or a short page; never a stack trace.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { status, body } = errorBody(err);
    if (status >= 500) console.error(`termdesk: ${req.method} ${req.path}: ${(err as Error)?.stack ?? String(err)}`);
    if (res.headersSent) {
      res.end();
      return;
    }
    if (status === 413 && !req.complete) lingerOnOversizeUpload(req, res);
    if (req.path.startsWith('/api/') || req.path.startsWith('/partials/') || req.accepts(['html', 'json']) === 'json') {
      res.status(status).json(body);
      return;
    }
    res.status(status).type('html').send(errorPage(status, body.error.message));
  });
  return app;
}

/**
 * A refused upload may still be arriving. With a declared Content-Length the client knows the
 * size and reads the answer early: close after it. A chunked upload is read and thrown away for a
 * bounded time and amount ("lingering close"), so the client sees its 413 instead of a reset.
 */
function lingerOnOversizeUpload(req: Request, res: Response): void {
  if (req.get('content-length')) {
    res.set('Connection', 'close');
    return;
  }
  let discarded = 0;
  const stop = () => req.socket.destroy();
  const timer = setTimeout(stop, 15_000);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > 512 * 1024 * 1024) stop();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

export function errorBody(err: unknown): { status: number; body: { error: { code: string; message: string; details?: unknown } } } {
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const where = first?.path?.length ? `${first.path.join('.')}: ` : '';
    return {
      status: 400,
      body: { error: { code: 'invalid_input', message: `${where}${first?.message ?? 'invalid input'}`, details: err.issues.map((i) => ({ path: i.path, message: i.message })) } },
    };
  }
  if (err instanceof InputError) {
    const code =
      err.status === 404 ? 'not_found' : err.status === 409 ? 'conflict' : err.status === 413 ? 'too_large' : err.status === 401 ? 'unauthorized' : err.status === 403 ? 'forbidden' : 'invalid_input';
    return { status: err.status, body: { error: { code, message: err.message } } };
  }
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
  const status = e?.status ?? e?.statusCode;
  if (e?.type === 'entity.too.large') return { status: 413, body: { error: { code: 'too_large', message: 'request body is larger than the limit' } } };
  if (e?.type === 'entity.parse.failed') return { status: 400, body: { error: { code: 'invalid_json', message: 'request body is not valid JSON' } } };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: { code: 'bad_request', message: e.message ?? 'bad request' } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}
