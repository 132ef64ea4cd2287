// What an operator relies on: the server refuses unsafe set-ups, finishes in-flight requests on
// SIGTERM, and `termdesk backup` makes a consistent copy while writes go on.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT, runCli, serveCli, tempDir } from './helpers.js';

const dir = tempDir('termdesk-ops-');
const db = path.join(dir, 'ops.sqlite');
const children: ChildProcess[] = [];

beforeAll(() => {
  expect(runCli(['--db', db, 'init', '--no-seeds', '--quiet']).code).toBe(0);
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Starts `termdesk serve` on a free port and resolves with its URL once it listens. */
async function serve(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const server = await serveCli(db, args, env);
  children.push(server.child);
  return server;
}

describe('serve', () => {
  it('refuses to listen beyond loopback without a token', async () => {
    const r = runCli(['--db', db, 'serve', '--host', '0.0.0.0', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without a token: set TERMDESK_TOKEN/);
  });

  it('beyond loopback with a token, writes need the token', async () => {
    const { url } = await serve(['--host', '0.0.0.0'], { TERMDESK_TOKEN: 'team-token-0123456789' });
    const port = new URL(url).port;
    const base = `http://127.0.0.1:${port}`;
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    const denied = await fetch(`${base}/api/concepts/1/terms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"x-alias"}' });
    expect(denied.status).toBe(401);
  });

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const { child, url } = await serve();
    const target = new URL(`${url}/api/concepts/1/terms`);
    const body = JSON.stringify({ text: '在途请求的别名' });
    // Send the headers and half the body, then SIGTERM, then the rest of the body.
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      const bytes = Buffer.from(body);
      req.write(bytes.subarray(0, 10));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(bytes.subarray(10)), 300);
      }, 300);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const r = await response;
    expect(r.status).toBe(201);
    expect(JSON.parse(r.text).term.text).toBe('在途请求的别名');
    expect(await exited).toBe(0);
    // New connections are refused once it has stopped.
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  });
});

describe('backup', () => {
  it('makes a consistent copy while another process writes', async () => {
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(db)}); db.pragma('busy_timeout = 10000');
         const ins = db.prepare("INSERT INTO concept (category, origin) VALUES ('concept', 'user')");
         const t = db.prepare("INSERT INTO term (concept_id, text, lang, type, status, key, origin) VALUES (?, ?, 'en', 'fullForm', 'preferred', ?, 'user')");
         let i = 0; const end = Date.now() + 4000;
         (function tick() { db.transaction(() => { for (let k = 0; k < 50; k++, i++) { const id = ins.run().lastInsertRowid; t.run(id, 'backup term ' + i, 'backup term ' + i); } })();
           if (Date.now() < end) setImmediate(tick); else { db.close(); process.stdout.write(String(i)); } })();`,
      ],
      { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(writer);
    let written = '';
    writer.stdout!.on('data', (d) => (written += d));
    const writerDone = new Promise((resolve) => writer.on('exit', resolve));
    await new Promise((r) => setTimeout(r, 800));
    const target = path.join(dir, 'copy.sqlite');
    const r = runCli(['--db', db, 'backup', target, '--json']);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ integrity: 'ok', concepts: expect.any(Number) });
    await writerDone;
    expect(Number(written)).toBeGreaterThan(0);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    // Every concept in the copy has its term: no transaction was cut in half.
    const orphans = copy.prepare("SELECT count(*) AS n FROM concept c WHERE c.origin = 'user' AND NOT EXISTS (SELECT 1 FROM term t WHERE t.concept_id = c.id)").get() as { n: number };
    expect(orphans.n).toBe(0);
    copy.close();
    // An existing file is not overwritten without --force.
    const again = runCli(['--db', db, 'backup', target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists; use --force/);
    expect(fs.readdirSync(path.dirname(target)).filter((f) => /\.(tmp|partial)$/.test(f))).toEqual([]);
  });
});
