// A real TermDesk server on a random loopback port over a temporary database.
import path from 'node:path';
import { openDatabase } from '../../src/store/db.js';
import { Store } from '../../src/store/repository.js';
import { initDatabase } from '../../src/setup.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import type { ServerConfig } from '../../src/server/app.js';
import { tempDir } from '../helpers.js';

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
