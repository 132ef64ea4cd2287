// What the server is built from: the store and the configuration. Everything a route needs comes
// in through AppDeps, so the CLI, the tests and the benchmarks build the same app.
import type express from 'express';
import type { Store } from '../store/repository.js';

export interface ServerConfig {
  /** Address the server listens on; decides whether writes need a token. */
  host: string;
  /** Bearer token for write routes (TERMDESK_TOKEN). */
  token?: string;
  /** Largest JSON body accepted. */
  jsonLimit?: string;
  /** Largest upload accepted (bytes). */
  uploadLimit?: number;
  /** Write requests per minute per credential (the token; the user on a loopback server without one). */
  writeRateLimit?: number;
  /** Draft checks per minute per client address (/api/check and the Check page). */
  checkRateLimit?: number;
  /** Milliseconds of event-loop checking per second per client address (default CHECK_LOOP_MS_PER_SECOND). */
  checkLoopShareMs?: number;
  /** Host names the server answers for besides loopback names and IP literals (--public-host). */
  publicHosts?: string[];
  /** Key of the pages' form tokens; by default one kept in the database (see access.ts). */
  formSecret?: string;
}

export interface AppDeps {
  store: Store;
  config: ServerConfig;
}

/** A route module: registers its routes on the app (see routes/index.ts for the order). */
export type RegisterRoutes = (app: express.Express, deps: AppDeps) => void;
