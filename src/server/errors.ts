// HTTP statuses live here and nowhere else. The domain throws InputError (bad input) and its
// kinds (NotFoundError, ConflictError, TooLargeError, UnprocessableError); the HTTP layer's own
// refusals (wrong media type, no access, an expired preview) are HttpErrors with their status and
// code. errorBody maps each
// error class to a status and a JSON body { error: { code, message } }. Waiting is not an error:
// UnavailableError (an index still being built) and a database locked by another writer past the
// wait (lock-wait.ts) are 503 with Retry-After, never 500.
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { ConflictError, InputError, NotFoundError, TooLargeError, UnavailableError, UnprocessableError } from '../domain/types.js';
import { LOCK_RETRY_AFTER_SECONDS, isLockError, retryWhenUnlocked } from './lock-wait.js';
import { errorPage } from './pages/layout.js';

/** A refusal made by the HTTP layer itself, with its status and error code. */
export class HttpError extends InputError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Headers the answer needs (Retry-After, WWW-Authenticate). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The request's content type is not one the route reads: 415. */
export function unsupportedMediaType(message: string): HttpError {
  return new HttpError(415, 'unsupported_media_type', message);
}

/** The thing existed but is gone for good (an expired import preview): 410. */
export function gone(message: string): HttpError {
  return new HttpError(410, 'gone', message);
}

/** The app's last middleware: errors become JSON (API, fragments) or a short page; never a stack trace. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  // Another process holds the write lock: try the request again shortly (lock-wait.ts).
  if (isLockError(err) && retryWhenUnlocked(req, res)) return;
  const { status, body, retryAfter } = errorBody(err);
  if (status >= 500 && status !== 503 && !(err instanceof HttpError)) console.error(`termdesk: ${req.method} ${req.path}: ${(err as Error)?.stack ?? String(err)}`);
  if (res.headersSent) {
    res.end();
    return;
  }
  if (err instanceof HttpError) res.set(err.headers);
  if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
  // A refused request may still be sending its body (an upload refused before it was read).
  if (status >= 400 && status < 500 && hasBody(req) && !req.complete) lingerOnRefusedUpload(req, res);
  if (req.path.startsWith('/api/') || req.path.startsWith('/partials/') || req.accepts(['html', 'json']) === 'json') {
    res.status(status).json(body);
    return;
  }
  res.status(status).type('html').send(errorPage(status, body.error.message));
}

function hasBody(req: Request): boolean {
  return req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
}

/**
 * A refused upload may still be arriving. With a declared Content-Length the client knows the
 * size and reads the answer early: close after it. A chunked upload is read and thrown away for a
 * bounded time and amount ("lingering close"), so the client sees its 413 instead of a reset.
 */
function lingerOnRefusedUpload(req: Request, res: Response): void {
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

/** The status and code of each kind of input error (the domain's classes carry no status). */
function inputErrorStatus(err: InputError): [number, string] {
  if (err instanceof NotFoundError) return [404, 'not_found'];
  if (err instanceof ConflictError) return [409, 'conflict'];
  if (err instanceof TooLargeError) return [413, 'too_large'];
  if (err instanceof UnprocessableError) return [422, 'invalid_input'];
  return [400, 'invalid_input'];
}

export function errorBody(err: unknown): { status: number; body: { error: { code: string; message: string; details?: unknown } }; retryAfter?: number } {
  // Not the client's fault and soon over: 503 with the seconds to wait.
  if (err instanceof UnavailableError) {
    return { status: 503, body: { error: { code: 'unavailable', message: err.message } }, retryAfter: err.retryAfterSeconds };
  }
  if ((err as { code?: unknown })?.code === 'SQLITE_READONLY') {
    return {
      status: 503,
      body: { error: { code: 'read_only', message: 'this server serves a read-only copy of the database; send writes to the primary' } },
    };
  }
  if (isLockError(err)) {
    return {
      status: 503,
      body: { error: { code: 'busy', message: 'another program is writing to the database (an import?); try again in a moment' } },
      retryAfter: LOCK_RETRY_AFTER_SECONDS,
    };
  }
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const where = first?.path?.length ? `${first.path.join('.')}: ` : '';
    return {
      status: 400,
      body: { error: { code: 'invalid_input', message: `${where}${first?.message ?? 'invalid input'}`, details: err.issues.map((i) => ({ path: i.path, message: i.message })) } },
    };
  }
  if (err instanceof HttpError) return { status: err.status, body: { error: { code: err.code, message: err.message } } };
  if (err instanceof InputError) {
    const [status, code] = inputErrorStatus(err);
    return { status, body: { error: { code, message: err.message } } };
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
