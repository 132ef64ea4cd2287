// SQL injection attempts through every parameter of every route change nothing and never cause
// a server error; FTS query syntax in user input is treated as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './e2e/server.js';

const PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE term; --",
  '1; DELETE FROM concept',
  '" OR ""="',
  "%' UNION SELECT sql FROM sqlite_master --",
  '1 OR 1=1',
  "贸发会议'); DELETE FROM term WHERE ('1'='1",
  'NEAR(a b) OR c*',
  '"unbalanced',
  '(((',
  'a AND OR NOT b',
  '{col}: x',
  '*',
  '\\',
  '%00',
];

let server: TestServer;

function snapshot(): string {
  const db = server.store.db;
  const tables = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string; sql: string | null }>);
  const counts = tables
    .filter((t) => t.sql?.startsWith('CREATE TABLE') && !/fts/.test(t.name))
    .map((t) => `${t.name}=${(db.prepare(`SELECT count(*) AS n FROM "${t.name.replace(/"/g, '""')}"`).get() as { n: number }).n}`);
  return JSON.stringify({ schema: tables.map((t) => `${t.name}:${t.sql}`), counts, revision: server.store.termRevision() });
}

async function request(method: string, path: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

beforeAll(async () => {
  server = await startTestServer({ seeds: true });
});
afterAll(async () => {
  await server?.stop();
});

describe('SQL injection through every parameter', () => {
  it('read routes answer without a server error and change nothing', async () => {
    const before = snapshot();
    const e = encodeURIComponent;
    for (const p of PAYLOADS) {
      const paths = [
        `/api/search?q=${e(p)}`,
        `/api/search?q=x&lang=${e(p)}`,
        `/api/search?q=x&category=${e(p)}`,
        `/api/search?q=x&limit=${e(p)}`,
        `/api/concepts/${e(p)}`,
        `/api/tm/match?q=${e(p)}`,
        `/api/tm/concordance?q=${e(p)}`,
        `/api/tm/concordance?q=x&offset=${e(p)}`,
        `/api/tm/suggest?zh=${e(p)}`,
        `/api/tm/suggest?concept=${e(p)}`,
        `/api/tm/segments/${e(p)}`,
        `/api/export?format=${e(p)}`,
        `/api/export?format=csv&category=${e(p)}`,
        `/api/export?format=csv&status=${e(p)}`,
        `/api/export?format=csv&since=${e(p)}`,
        `/?q=${e(p)}`,
        `/?q=x&category=${e(p)}`,
        `/partials/results?q=${e(p)}`,
        `/concepts/${e(p)}`,
        `/tm?q=${e(p)}`,
        `/tm?q=${e(p)}&mode=match`,
      ];
      for (const path of paths) {
        const status = await request('GET', path);
        expect(status, `${path}`).toBeLessThan(500);
      }
    }
    expect(snapshot()).toBe(before);
  });

  it('write routes store hostile text as text and refuse hostile ids and values', async () => {
    const id = server.store.findTermsByText('贸发会议')[0].conceptId;
    const before = server.store.stats();
    let added = 0;
    for (const p of PAYLOADS) {
      expect(await request('POST', `/api/concepts/${encodeURIComponent(p)}/terms`, { text: 'x' })).toBe(400);
      expect(await request('POST', `/api/concepts/${id}/terms`, { text: 'ok', lang: p })).toBe(400);
      expect(await request('POST', `/api/concepts/${id}/terms`, { text: 'ok', status: p })).toBe(400);
      expect(await request('PATCH', `/api/terms/${encodeURIComponent(p)}`, { status: 'admitted' })).toBe(400);
      const status = await request('POST', `/api/concepts/${id}/terms`, { text: `injection ${p}`, lang: 'en', note: p });
      expect(status).toBeLessThan(300);
      if (status === 201) added++;
      expect(server.store.findTermsByText(`injection ${p}`).map((t) => t.text)).toEqual([`injection ${p}`.replace(/\s+/g, ' ').trim()]);
      expect(await request('POST', '/api/check', { text: `${p} 贸发会议`, rules: p })).toBe(400);
      expect(await request('POST', '/api/check', { text: `${p} 贸发会议` })).toBe(200);
    }
    const after = server.store.stats();
    expect(after.concepts).toBe(before.concepts);
    expect(after.terms).toBe(before.terms + added);
    expect(added).toBe(PAYLOADS.length);
  });
});
