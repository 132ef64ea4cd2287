// Access control: which requests the server answers at all, who may write, and how often. The
// threat model and every rule's reason are in docs/OPERATIONS.md; the short version:
//
//   every request   the Host must be a name this server was started for (loopback names, IP
//                   literals, --public-host names): a rebound DNS name is refused, reads included.
//                   A server without a token serves one user on this machine: a request that a
//                   proxy relayed (Forwarded, X-Forwarded-*, X-Real-IP, Via) is refused.
//   writes          1. never from another site's page: Origin must be the server's own (Origin:
//                      null, from sandboxed frames, is refused) and Sec-Fetch-Site must not be
//                      cross-site;
//                   2. never a request a foreign page could forge: a request a plain HTML form can
//                      send (POST with a form or text content type) needs a proof it came from
//                      us: a Bearer token, an X-Requested-With header (scripts and API clients),
//                      or the form token of this browser session (formToken below; forms without
//                      JavaScript);
//                   3. the token, when one is set;
//                   then rate limits: refusals count per client address, accepted writes per
//                   credential (the token), so anonymous requests never use up the writers' budget.
//
// The API for routes (see docs/ARCHITECTURE.md): `requireWrite(config)` before a write route's
// body parser (JSON, multipart API) or after a small urlencoded form parser; `assertWrite(config,
// req, fields)` for multipart forms, called by readUpload (upload.ts) when the form's first fields
// have arrived and before any file byte is kept; `formToken(config, req, res)` for the hidden
// `csrf` field of every form that writes; `limitChecks(config)` for the draft checker.
import type { NextFunction, Request, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import { InputError } from '../domain/types.js';
import type { Store } from '../store/repository.js';
import type { AppDeps, ServerConfig } from './deps.js';
import { HttpError } from './errors.js';
import { RateLimiter } from './rate-limit.js';
import { shareAcrossWorkers } from './rate-share.js';

/** Shortest token accepted: 16 characters (≥ 80 bits even from a small alphabet). */
export const MIN_TOKEN_LENGTH = 16;
/** Refused requests per minute per client address before the refusals themselves become 429. */
export const REFUSALS_PER_MINUTE = 60;
/** Draft checks per minute per client address (TERMDESK_CHECK_RATE overrides). */
export const DEFAULT_CHECK_RATE = 120;
/** Writes per minute per credential (TERMDESK_WRITE_RATE overrides). */
export const DEFAULT_WRITE_RATE = 300;

/** The form fields that carry a write's proofs on the pages (first in every form). */
export const FORM_FIELDS = { token: 'token', csrf: 'csrf' } as const;
const SESSION_COOKIE = 'termdesk_session';

export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** Writes need the token when one is set, and are refused outright beyond loopback without one. */
export function writeAccess(config: ServerConfig): 'open' | 'token' | 'closed' {
  if (config.token) return 'token';
  return isLoopback(config.host) ? 'open' : 'closed';
}

/**
 * Refuses a configuration the server must not start with: a short token; no token beyond
 * loopback; no token with public names (a proxy in front means other people).
 */
export function checkServerConfig(config: ServerConfig): void {
  if (config.token !== undefined && config.token.length < MIN_TOKEN_LENGTH) {
    throw new InputError(`TERMDESK_TOKEN has ${config.token.length} characters; use at least ${MIN_TOKEN_LENGTH} (for example: openssl rand -hex 24)`);
  }
  if (config.token) return;
  if (!isLoopback(config.host)) {
    throw new InputError(`refusing to listen on ${config.host} without a token: set TERMDESK_TOKEN (writes need it beyond loopback)`);
  }
  if (config.publicHosts && config.publicHosts.length > 0) {
    throw new InputError(`refusing to serve ${config.publicHosts.join(', ')} without a token: a public name means a proxy and other people; set TERMDESK_TOKEN`);
  }
}

// ------------------------------------------------------------------------------ per-server state

interface AccessState {
  writes: RateLimiter;
  refusals: RateLimiter;
  checks: RateLimiter;
  /** Key of the form tokens (HMAC of the session cookie). */
  secret: Buffer;
}

const states = new WeakMap<ServerConfig, AccessState>();

function stateFor(config: ServerConfig, store?: Store): AccessState {
  let state = states.get(config);
  if (!state) {
    state = {
      writes: new RateLimiter(config.writeRateLimit ?? DEFAULT_WRITE_RATE),
      refusals: new RateLimiter(REFUSALS_PER_MINUTE),
      checks: new RateLimiter(config.checkRateLimit ?? DEFAULT_CHECK_RATE),
      secret: formSecret(config, store),
    };
    states.set(config, state);
    shareAcrossWorkers('writes', state.writes);
    shareAcrossWorkers('refusals', state.refusals);
    shareAcrossWorkers('checks', state.checks);
  }
  return state;
}

/**
 * The key of the form tokens: from the configuration, else kept in the database, so every
 * process serving the same database (and a restarted one) accepts the forms it rendered.
 */
function formSecret(config: ServerConfig, store?: Store): Buffer {
  if (config.formSecret) return Buffer.from(config.formSecret);
  if (store) {
    try {
      // In one transaction, so processes starting together on one database agree on the key.
      store.transaction(() => {
        if (!store.getMeta('form_secret')) store.setMeta('form_secret', randomBytes(32).toString('hex'));
      });
      return Buffer.from(store.getMeta('form_secret')!);
    } catch {
      // A read-only database: a key for this process only (forms still work until a restart).
    }
  }
  return randomBytes(32);
}

// ------------------------------------------------------------------------------ every request

const PROXY_HEADERS = ['forwarded', 'x-real-ip', 'via'];

/** Whether a proxy relayed the request (the headers nginx, Caddy, Apache and CDNs add). */
export function relayedByProxy(req: Request): boolean {
  if (PROXY_HEADERS.some((h) => req.headers[h] !== undefined)) return true;
  return Object.keys(req.headers).some((h) => h.startsWith('x-forwarded-'));
}

/** The host name of a Host header: lower case, without port, brackets or a trailing dot. */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  const name = h.startsWith('[') ? h.slice(1, h.indexOf(']') < 0 ? undefined : h.indexOf(']')) : h.replace(/:\d*$/, '');
  return name.replace(/\.$/, '');
}

/**
 * A Host this server answers for: a loopback name, an IP literal (an address cannot be rebound to
 * another site), or one of the configured public names. DNS rebinding needs a name of the
 * attacker's, which is none of these.
 */
export function hostAllowed(config: ServerConfig, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const name = hostName(hostHeader);
  if (isLoopback(name) || net.isIP(name) !== 0) return true;
  return (config.publicHosts ?? []).some((p) => hostName(p) === name);
}

/**
 * The app's first middleware: refuses a Host the server was not started for, and on a server
 * without a token any request a proxy relayed. Also sets up the form-token key from the store.
 */
export function guardRequests({ store, config }: AppDeps) {
  stateFor(config, store);
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!hostAllowed(config, req.get('host'))) {
      const name = shorten(hostName(req.get('host') ?? ''));
      next(
        new HttpError(
          403,
          'unknown_host',
          name ? `this server does not answer for the host "${name}"; if that name is yours, start it with --public-host ${name}` : 'the request has no Host header',
        ),
      );
      return;
    }
    if (!config.token && relayedByProxy(req)) {
      next(
        new HttpError(
          403,
          'proxy_needs_token',
          'this TermDesk has no token and serves one user on this machine; a proxy relayed this request: set TERMDESK_TOKEN on the server (see docs/OPERATIONS.md)',
        ),
      );
      return;
    }
    next();
  };
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

// ------------------------------------------------------------------------------ writes

/** The client's address (the proxy's, behind one: see docs/OPERATIONS.md). */
export function clientAddress(req: Request): string {
  return (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
}

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(req: Request): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
  return m ? m[1].trim() : undefined;
}

/** Content types a plain HTML form (or a no-CORS fetch) can send without a preflight. */
const SIMPLE_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * Whether the request carries something a foreign page cannot send without a CORS preflight
 * (which this server never grants): a method other than GET/HEAD/POST, a Bearer token, an
 * X-Requested-With header, or a content type other than the three a form can send.
 */
function cannotBeForged(req: Request): boolean {
  if (!['GET', 'HEAD', 'POST'].includes(req.method)) return true;
  if (bearer(req) !== undefined || req.get('x-requested-with')) return true;
  const type = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  return type !== '' && !SIMPLE_TYPES.has(type);
}

function sessionId(req: Request): string | undefined {
  const m = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([0-9a-f]{32})(?:;|$)`).exec(req.get('cookie') ?? '');
  return m?.[1];
}

function csrfFor(state: AccessState, session: string): string {
  return createHmac('sha256', state.secret).update(session).digest('base64url').slice(0, 32);
}

/**
 * The form token of this browser session, for the hidden `csrf` field of every form that writes;
 * sets the session cookie (HttpOnly, SameSite=Strict) when the browser has none yet.
 */
export function formToken(config: ServerConfig, req: Request, res: Response): string {
  let session = sessionId(req);
  if (!session) {
    session = randomBytes(16).toString('hex');
    res.append('Set-Cookie', `${SESSION_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Strict`);
  }
  return csrfFor(stateFor(config), session);
}

function formTokenValid(state: AccessState, req: Request, given: string | undefined): boolean {
  const session = sessionId(req);
  return !!session && given !== undefined && tokenMatches(given, csrfFor(state, session));
}

/** Why a request must be refused as another site's (a foreign page, a forged form), or null. */
function forgeryRefusal(state: AccessState, req: Request, fields: Record<string, unknown>): HttpError | null {
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return new HttpError(403, 'forbidden', 'cross-site writes are not allowed');
  const origin = req.get('origin');
  if (origin !== undefined) {
    if (origin === 'null') return new HttpError(403, 'forbidden', 'writes from a sandboxed or opaque page (Origin: null) are not allowed');
    if (!sameOrigin(origin, req.get('host'))) return new HttpError(403, 'forbidden', 'cross-origin writes are not allowed');
  }
  const csrf = typeof fields[FORM_FIELDS.csrf] === 'string' ? (fields[FORM_FIELDS.csrf] as string) : undefined;
  if (!cannotBeForged(req) && !formTokenValid(state, req, csrf)) {
    return new HttpError(
      403,
      'csrf',
      'this form has expired or did not come from a TermDesk page: reload the page and send it again (API clients: send an X-Requested-With header or Authorization: Bearer)',
    );
  }
  return null;
}

/** Why a write must be refused (before any rate limit), or null. */
function writeRefusal(config: ServerConfig, state: AccessState, req: Request, fields: Record<string, unknown>): HttpError | null {
  const forged = forgeryRefusal(state, req, fields);
  if (forged) return forged;
  const access = writeAccess(config);
  if (access === 'open') return null;
  const formTokenField = typeof fields[FORM_FIELDS.token] === 'string' ? (fields[FORM_FIELDS.token] as string) : undefined;
  const given = bearer(req) ?? formTokenField;
  if (access === 'token' && given !== undefined && tokenMatches(given, config.token!)) return null;
  return new HttpError(
    401,
    'unauthorized',
    access === 'closed' ? 'writes are off: this server listens beyond loopback without a token' : 'this needs the TermDesk token (Authorization: Bearer <TERMDESK_TOKEN>)',
    { 'WWW-Authenticate': 'Bearer realm="termdesk"' },
  );
}

/** Origin and Host name the same host and port (a default port may be left out of Host). */
function sameOrigin(origin: string, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const host = hostHeader.trim().toLowerCase();
  const defaultPort = url.protocol === 'https:' ? ':443' : url.protocol === 'http:' ? ':80' : '';
  return url.host === (defaultPort && host.endsWith(defaultPort) ? host.slice(0, -defaultPort.length) : host);
}

function tooMany(limiter: RateLimiter, key: string, message: string): HttpError {
  return new HttpError(429, 'rate_limited', message, { 'Retry-After': String(limiter.retryAfter(key)) });
}

/**
 * Decides a write: null when it may go ahead (counted against its credential's budget), else the
 * refusal as an HttpError (counted against the client's refusal budget; past it, a 429).
 * `fields` are the form fields read so far (token, csrf), if any.
 */
export function writeDecision(config: ServerConfig, req: Request, fields: Record<string, unknown> = {}): HttpError | null {
  const state = stateFor(config);
  const refusal = writeRefusal(config, state, req, fields);
  const client = clientAddress(req);
  if (refusal) {
    if (!state.refusals.take(client)) return tooMany(state.refusals, client, 'too many refused requests from this address; wait a minute');
    return refusal;
  }
  // One budget per credential: the token's holders share it; without a token (loopback), the user.
  const credential = config.token ? 'token' : `loopback:${client}`;
  if (!state.writes.take(credential)) return tooMany(state.writes, credential, 'too many write requests; try again in a minute');
  return null;
}

/** Throws the refusal of a write (for multipart forms, whose proofs come in the first fields). */
export function assertWrite(config: ServerConfig, req: Request, fields: Record<string, unknown> = {}): void {
  const refusal = writeDecision(config, req, fields);
  if (refusal) throw refusal;
}

/**
 * Middleware for every route that changes data. Put it before the body parser (API routes: the
 * proofs are headers) or after a small urlencoded form parser (page forms: token and csrf fields).
 */
export function requireWrite(config: ServerConfig) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const fields = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    next(writeDecision(config, req, fields) ?? undefined);
  };
}

/**
 * Throws unless the request comes from a TermDesk page (its form token) or a client that can send
 * headers a form cannot (X-Requested-With, Bearer): for reads whose upload is expensive to read
 * and check (a bilingual file), so another site's page cannot make a browser spend the checker.
 * Needs no write token; a refusal counts against the client's refusal budget like a write's.
 */
export function assertNotForged(config: ServerConfig, req: Request, fields: Record<string, unknown> = {}): void {
  const state = stateFor(config);
  const refusal = forgeryRefusal(state, req, fields);
  if (!refusal) return;
  const client = clientAddress(req);
  if (!state.refusals.take(client)) throw tooMany(state.refusals, client, 'too many refused requests from this address; wait a minute');
  throw refusal;
}

/** Middleware: draft checks per client address (TERMDESK_CHECK_RATE a minute). */
export function limitChecks(config: ServerConfig) {
  const state = stateFor(config);
  return (req: Request, _res: Response, next: NextFunction) => {
    const client = clientAddress(req);
    if (state.checks.take(client)) next();
    else next(tooMany(state.checks, client, 'too many checks from this address; try again in a minute'));
  };
}
