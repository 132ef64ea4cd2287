// The server with live indexes, as an operator runs it (`termdesk serve`, a child process): a
// lock held by another process makes writes wait or answer 503 with Retry-After, never 500, and
// reads keep answering meanwhile; `serve --workers 2` workers see each other's writes.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../src/domain/types.js';
import { errorBody } from '../src/server/errors.js';
import { isLockError } from '../src/server/lock-wait.js';
import { PROJECT_ROOT, runCli, serveCli, tempDir } from './helpers.js';

const dir = tempDir('termdesk-live-server-');
const db = path.join(dir, 'live.sqlite');
const children: ChildProcess[] = [];

beforeAll(() => {
  expect(runCli(['--db', db, 'init', '--no-seeds', '--quiet']).code).toBe(0);
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

async function serve(args: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const server = await serveCli(db, args, { TERMDESK_TOKEN: '', TERMDESK_WRITE_RATE: '100000' });
  children.push(server.child);
  return server;
}

/** Waits until lookups are answered (the indexes may still be building: 503 until then). */
async function ready(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const r = await fetch(`${url}/api/search?q=UNCTAD&limit=1`);
    if (r.status === 200) return;
    expect(r.status).toBe(503);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('the server never answered a lookup');
}

async function conceptOf(url: string, q: string): Promise<number> {
  const r = (await (await fetch(`${url}/api/search?q=${encodeURIComponent(q)}&limit=1`)).json()) as { results: Array<{ conceptId: number }> };
  return r.results[0].conceptId;
}

function addAlias(url: string, concept: number, text: string): Promise<Response> {
  return fetch(`${url}/api/concepts/${concept}/terms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
}

/** Another process holding the write lock for `ms` (as a CLI import's transaction does). */
function holdWriteLock(ms: number): Promise<ChildProcess> {
  const script = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(db)});
    db.prepare('BEGIN IMMEDIATE').run(); process.stdout.write('locked\\n');
    setTimeout(() => { db.prepare('COMMIT').run(); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('waiting is not an error', () => {
  it('an index being built and a lock held past the wait are 503 with Retry-After', () => {
    const building = errorBody(new UnavailableError('the lookup index is being built', 5));
    expect(building).toMatchObject({ status: 503, retryAfter: 5, body: { error: { code: 'unavailable' } } });
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']) {
      const err = Object.assign(new Error('database is locked'), { code });
      expect(isLockError(err)).toBe(true);
      expect(errorBody(err)).toMatchObject({ status: 503, body: { error: { code: 'busy' } } });
      expect(errorBody(err).retryAfter).toBeGreaterThan(0);
    }
    expect(errorBody(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' })).status).toBe(500);
  });
});

describe('a lock held by another process', () => {
  it('a write waits for it without stopping reads, and lands once it is released', async () => {
    const { url } = await serve();
    await ready(url);
    const unctad = await conceptOf(url, 'UNCTAD');
    const holder = await holdWriteLock(1500);
    const started = Date.now();
    const write = addAlias(url, unctad, '锁等待测试别名');
    // Reads are answered meanwhile: the event loop is not waiting on SQLite.
    const lookups: number[] = [];
    while (Date.now() - started < 1200) {
      const t = Date.now();
      expect((await fetch(`${url}/api/search?q=UNCTAD&limit=1`)).status).toBe(200);
      lookups.push(Date.now() - t);
    }
    expect(Math.max(...lookups)).toBeLessThan(300);
    const r = await write;
    expect(r.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    await exited(holder);
    expect(await conceptOf(url, '锁等待测试别名')).toBe(unctad);
  });

  it('a write that waits too long is answered 503 with Retry-After, never 500', async () => {
    const { url } = await serve();
    await ready(url);
    const unctad = await conceptOf(url, 'UNCTAD');
    const holder = await holdWriteLock(12_000);
    const r = await addAlias(url, unctad, '锁超时测试别名');
    expect(r.status).toBe(503);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('busy');
    holder.kill('SIGKILL');
    await exited(holder);
    // After the holder is gone, the retried write goes through.
    expect((await addAlias(url, unctad, '锁超时测试别名')).status).toBe(201);
  }, 30_000);
});

describe('serve --workers 2', () => {
  it('a write through one worker is seen through all within a second', async () => {
    const { url } = await serve(['--workers', '2']);
    await ready(url);
    const unctad = await conceptOf(url, 'UNCTAD');
    // Each fetch may reach either worker (connections are handed out in turn); ask enough times
    // that both answer, and check every answer.
    for (let round = 0; round < 3; round++) {
      const alias = `集群可见测试${round}`;
      expect((await addAlias(url, unctad, alias)).status).toBe(201);
      const written = Date.now();
      const answers: boolean[] = [];
      let allSince = 0;
      while (Date.now() - written < 3000) {
        const r = (await (await fetch(`${url}/api/search?q=${encodeURIComponent(alias)}&limit=1`, { headers: { connection: 'close' } })).json()) as {
          results: Array<{ conceptId: number; kind: string }>;
        };
        const seen = r.results[0]?.conceptId === unctad && r.results[0].kind === 'alias';
        answers.push(seen);
        if (!seen) allSince = 0;
        else if (!allSince) allSince = Date.now();
        if (answers.length >= 20 && allSince && Date.now() - allSince > 300) break;
      }
      expect(allSince - written, `visible everywhere ${allSince - written} ms after the write`).toBeLessThan(1000);
      expect(answers.slice(-10).every(Boolean)).toBe(true);
    }
  }, 30_000);
});

describe('serve --workers 2: rate limits', () => {
  it('hold for the port, not per worker: past the limit every worker answers 429', async () => {
    const server = await serveCli(db, ['--workers', '2'], { TERMDESK_TOKEN: '', TERMDESK_CHECK_RATE: '4' });
    children.push(server.child);
    await ready(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      // A new connection each time, so the checks are handed to the two workers in turn.
      const r = await fetch(`${server.url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ text: '贸发会议的报告。' }) });
      statuses.push(r.status);
      await r.arrayBuffer();
      // Counts reach the other worker by message; a client's next request comes later than that.
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
  }, 30_000);
});

describe('serve --read-only (a replica of a database another server writes)', () => {
  it('answers lookups and checks, refuses writes with 503, and follows the writer within a second', async () => {
    const primary = await serve();
    const replica = await serve(['--read-only']);
    await ready(primary.url);
    await ready(replica.url);
    const unctad = await conceptOf(replica.url, 'UNCTAD');
    const refused = await addAlias(replica.url, unctad, '副本写入测试');
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('read_only');
    expect((await addAlias(primary.url, unctad, '主库写入测试')).status).toBe(201);
    const written = Date.now();
    let seen = false;
    while (!seen && Date.now() - written < 3000) {
      const r = (await (await fetch(`${replica.url}/api/search?q=${encodeURIComponent('主库写入测试')}&limit=1`)).json()) as { results: Array<{ conceptId: number; kind: string }> };
      seen = r.results[0]?.conceptId === unctad && r.results[0].kind === 'alias';
      if (!seen) await new Promise((res) => setTimeout(res, 20));
    }
    expect(seen).toBe(true);
    expect(Date.now() - written).toBeLessThan(1000);
    const check = (await (
      await fetch(`${replica.url}/api/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '本段提及主库写入测试。' }) })
    ).json()) as { concepts: Array<{ conceptId: number }> };
    expect(check.concepts.map((c) => c.conceptId)).toContain(unctad);
  }, 30_000);
});

describe('what a server loads to start', () => {
  it('not the spreadsheet library (most of a second): exceljs is loaded when a workbook is read or written', () => {
    // The server's modules, as `termdesk serve` loads them (dist/, built by the test setup).
    const script = `
      import { createRequire } from 'node:module';
      const dist = ${JSON.stringify(path.join(PROJECT_ROOT, 'dist'))};
      await import(dist + '/server/start.js');
      await import(dist + '/cli/commands/serve.js');
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes('/exceljs/'));
      const before = loaded();
      const { writeGlossary } = await import(dist + '/formats/registry.js');
      for await (const chunk of writeGlossary('xlsx', [], { hasTarget: () => false })) void chunk;
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ before: false, after: true });
  });
});
