// Who may write: writes are open on loopback without a token, need the token when one is set,
// and are refused beyond loopback without one; every write is same-origin and rate-limited.
import type { NextFunction, Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { timingSafeEqual } from 'node:crypto';
import type { ServerConfig } from './deps.js';
import { HttpError } from './errors.js';

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
  if (refusal) throw new HttpError(refusal.status, refusal.code, refusal.message);
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
