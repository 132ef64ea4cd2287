// Shared test helpers: temporary databases, the CLI as a child process, ../shared data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { openDatabase } from '../src/store/db.js';
import { Store } from '../src/store/repository.js';
import { PROJECT_ROOT } from '../src/paths.js';

export { PROJECT_ROOT };

/** ../shared beside the project (present on developer machines and in CI). */
export const SHARED_DIR = path.resolve(PROJECT_ROOT, '..', 'shared');

/** Path to a file under ../shared, or undefined (with a visible notice) when it is absent. */
export function sharedFile(...parts: string[]): string | undefined {
  const p = path.join(SHARED_DIR, ...parts);
  if (fs.existsSync(p)) return p;
  console.warn(`[skip] ${path.relative(PROJECT_ROOT, p)} is absent: tests that need it are skipped`);
  return undefined;
}

export function tempDir(prefix = 'termdesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh, empty (migrated) store in a temporary file. */
export function tempStore(): { store: Store; file: string; cleanup(): void } {
  const dir = tempDir();
  const file = path.join(dir, 'test.sqlite');
  const store = new Store(openDatabase(file));
  return {
    store,
    file,
    cleanup() {
      if (store.db.open) store.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An in-memory store. */
export function memoryStore(): Store {
  return new Store(openDatabase(':memory:'));
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (bin/termdesk.js → dist/) as a user would. The test setup builds dist/
 * once per run (test/global-setup.ts).
 */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'termdesk.js'), ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { ...process.env, TERMDESK_DB: '', ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Starts `termdesk serve --port 0` on a database as a child process and resolves with its URL once
 * it listens (the caller stops it: SIGTERM, or SIGKILL after the test).
 */
export function serveCli(db: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'termdesk.js'), '--db', db, 'serve', '--port', '0', ...args], {
    env: { ...process.env, TERMDESK_DB: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /serving (http:\/\/[^/\s]+)\//.exec(stderr);
      if (m) resolve({ child, url: m[1], stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
}
