// A real TermDesk server on a random loopback port over a temporary database.
import path from 'node:path';
import { openDatabase } from '../../src/store/db.js';
import { Store } from '../../src/store/repository.js';
import { initDatabase } from '../../src/setup.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import type { ServerConfig } from '../../src/server/deps.js';
import { tempDir } from '../helpers.js';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';

export interface TestServer extends RunningServer {
  store: Store;
  stop(): Promise<void>;
}

export async function startTestServer(options: { seeds?: boolean; config?: Partial<ServerConfig> } = {}): Promise<TestServer> {
  const file = path.join(tempDir('termdesk-e2e-'), 'e2e.sqlite');
  const store = new Store(openDatabase(file));
  await initDatabase(store, { seeds: options.seeds ?? true });
  const running = await startServer({ store, config: { host: '127.0.0.1', ...options.config } }, 0);
  return {
    ...running,
    store,
    async stop() {
      await running.close();
      store.db.close();
    },
  };
}

export interface BrowserSession {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * A test server and a headless Chromium page on it (1280×900 unless the context options say
 * otherwise); `prepare` runs on the server's store before the browser starts.
 */
export async function openBrowserSession(
  options: { seeds?: boolean; context?: BrowserContextOptions; permissions?: string[]; prepare?: (server: TestServer) => void } = {},
): Promise<BrowserSession> {
  const server = await startTestServer({ seeds: options.seeds });
  options.prepare?.(server);
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options.context });
  if (options.permissions) await context.grantPermissions(options.permissions, { origin: server.url });
  const page = await context.newPage();
  return {
    server,
    browser,
    context,
    page,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}

/**
 * One HTTP request to a test server: a JSON body unless `headers` say otherwise, redirects not
 * followed; the answer's status, parsed JSON (when it is JSON), text and headers.
 */
export async function callApi(server: { url: string }, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + path, {
    method,
    redirect: 'manual',
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}
