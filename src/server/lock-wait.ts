// Waiting for another writer without stopping the server. SQLite lets one connection write at a
// time; a CLI import holds the lock for as long as its one transaction lasts (seconds at 100,000
// concepts). The server's connection waits only a few milliseconds inside SQLite (busy_timeout,
// set by `termdesk serve`), so the event loop is never held; a request that still finds the
// database locked is answered again from the start a little later, off the event loop's back
// (its body, already read, is kept), until the lock is free or the wait runs out: then 503 with
// Retry-After. A multipart upload cannot be read twice: it gets the 503 at once.
import type { Request, Response } from 'express';

/** How long a request may wait for another writer before it is answered 503. */
export const LOCK_WAIT_MS = 10_000;
/** Seconds a client refused with 503 is asked to wait. */
export const LOCK_RETRY_AFTER_SECONDS = 2;

/** The database was locked by another connection (SQLITE_BUSY, SQLITE_LOCKED and their extended codes). */
export function isLockError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

interface Waiting {
  since: number;
  attempts: number;
}

const waiting = new WeakMap<Request, Waiting>();

/**
 * Schedules the request to be handled again once a short wait has passed. False when it cannot
 * wait (an upload stream already consumed, the wait used up, the response started): the caller
 * answers 503.
 */
export function retryWhenUnlocked(req: Request, res: Response, limitMs = LOCK_WAIT_MS): boolean {
  if (res.headersSent || req.is('multipart/form-data') || !req.complete) return false;
  const w = waiting.get(req) ?? { since: Date.now(), attempts: 0 };
  waiting.set(req, w);
  // 25, 50, 100, 200, then 250 ms between attempts.
  const delay = Math.min(250, 25 * 2 ** Math.min(w.attempts, 4));
  if (Date.now() + delay - w.since > limitMs) return false;
  w.attempts++;
  const timer = setTimeout(() => {
    if (res.writableEnded || req.socket.destroyed) return;
    req.url = req.originalUrl;
    // express's own entry point for a request (how a mounted app is run); not in its types.
    const app = req.app as unknown as { handle(req: Request, res: Response, done: (err?: unknown) => void): void };
    app.handle(req, res, (err?: unknown) => {
      // Only reached when no middleware answered: the app's own 404 and error handlers always do.
      if (!res.headersSent) res.status(err ? 500 : 404).end();
    });
  }, delay);
  req.socket.once('close', () => clearTimeout(timer));
  return true;
}
