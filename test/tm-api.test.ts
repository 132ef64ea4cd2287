// The translation-memory API over a real HTTP server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './e2e/server.js';
import { PROJECT_ROOT } from './helpers.js';

const fixture = (name: string) => fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'tm', name));
const TOKEN = 'tm-test-token-0123456789';
let open: TestServer;
let guarded: TestServer;

function form(files: Record<string, [string, Buffer]>, fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [field, [name, data]] of Object.entries(files)) f.append(field, new Blob([new Uint8Array(data)]), name);
  return f;
}
async function get(server: TestServer, url: string) {
  const res = await fetch(server.url + url);
  return { status: res.status, json: (await res.json()) as any };
}
async function upload(server: TestServer, body: FormData, headers: Record<string, string> = {}) {
  // X-Requested-With: the header a plain HTML form cannot send (docs/OPERATIONS.md).
  const res = await fetch(`${server.url}/api/tm/import`, { method: 'POST', body, headers: { 'x-requested-with': 'termdesk', ...headers } });
  return { status: res.status, json: (await res.json()) as any };
}

beforeAll(async () => {
  open = await startTestServer({ seeds: false });
  guarded = await startTestServer({ seeds: false, config: { token: TOKEN, uploadLimit: 4096 } });
});
afterAll(async () => {
  await open?.stop();
  await guarded?.stop();
});

describe('POST /api/tm/import', () => {
  it('imports a TMX file (201), then the same again changes nothing (200)', async () => {
    const r = await upload(open, form({ file: ['un-sample.tmx', fixture('un-sample.tmx')] }));
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ format: 'tmx', added: 3, skipped: 1 });
    const again = await upload(open, form({ file: ['un-sample.tmx', fixture('un-sample.tmx')] }));
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ added: 0, duplicates: 3 });
  });

  it('aligns a document pair sent as "en" and "zh"', async () => {
    const r = await upload(open, form({ en: ['report.en.txt', fixture('report.en.txt')], zh: ['report.zh.txt', fixture('report.zh.txt')] }, { doc: 'A/AC.105/1090' }));
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ format: 'pair', added: 8, alignment: { unalignedEn: 0, unalignedZh: 0 } });
  });

  it('maps two chosen languages of a TMX file', async () => {
    const tmx = fixture('un-sample.tmx').toString('utf8').replace(/zh-CN/g, 'fr').replace(/zh-TW/g, 'fr').replace(/zh-Hans/g, 'fr');
    const r = await upload(open, form({ file: ['other.tmx', Buffer.from(tmx)] }, { enLang: 'en', zhLang: 'fr' }));
    expect(r.status).toBe(201);
    expect(r.json.added).toBe(1);
  });

  it('rejects bad files with 400 and a message naming line and element, storing nothing', async () => {
    const before = (await get(open, '/api/tm/stats')).json.segments;
    const r = await upload(open, form({ file: ['malformed.tmx', fixture('malformed.tmx')] }));
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/malformed\.tmx: line 10, column \d+: closing tag does not match <seg>/);
    expect((await upload(open, form({}))).status).toBe(400);
    expect((await upload(open, form({ en: ['a.txt', fixture('report.en.txt')] }))).status).toBe(400);
    const notMultipart = await fetch(`${open.url}/api/tm/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(notMultipart.status).toBe(415);
    expect((await get(open, '/api/tm/stats')).json.segments).toBe(before);
  });

  it('is a write route: token required when set, size limit enforced', async () => {
    const noToken = await upload(guarded, form({ file: ['un-sample.tmx', fixture('un-sample.tmx')] }));
    expect(noToken.status).toBe(401);
    const big = await upload(guarded, form({ file: ['big.tsv', Buffer.from('The report.\t报告。\n'.repeat(400))] }), { authorization: `Bearer ${TOKEN}` });
    expect(big.status).toBe(413);
    const ok = await upload(guarded, form({ file: ['pairs-header.tsv', fixture('pairs-header.tsv')] }), { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(201);
    const crossSite = await fetch(`${open.url}/api/tm/import`, { method: 'POST', body: form({ file: ['x.tsv', fixture('pairs-header.tsv')] }), headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
  });
});

describe('read routes', () => {
  it('GET /api/tm/match returns scored matches with diffs', async () => {
    const r = await get(open, `/api/tm/match?q=${encodeURIComponent('The digital gap must be bridged.')}`);
    expect(r.status).toBe(200);
    expect(r.json.query).toBe('The digital gap must be bridged.');
    expect(r.json.matches[0]).toMatchObject({ source: 'The digital divide must be bridged.', target: '必须弥合数字鸿沟。', doc: 'A/69/767' });
    expect(r.json.matches[0].score).toBeGreaterThan(70);
    expect(r.json.matches[0].diff).toContainEqual({ op: 'insert', text: 'divide ' });
  });

  it('GET /api/tm/concordance returns hits with ranges', async () => {
    const r = await get(open, `/api/tm/concordance?q=${encodeURIComponent('数字鸿沟')}&limit=10`);
    expect(r.status).toBe(200);
    expect(r.json.total).toBe(2);
    for (const h of r.json.hits) expect(h.zh.slice(h.zhRanges[0][0], h.zhRanges[0][1])).toBe('数字鸿沟');
  });

  it('GET /api/tm/suggest proposes equivalents for a concept or a Chinese term', async () => {
    const id = open.store.createConcept({ category: 'concept', origin: 'user' });
    open.store.addTerm(id, { text: '数字鸿沟', lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'user' });
    const r = await get(open, `/api/tm/suggest?concept=${id}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ conceptId: id, zhTerms: ['数字鸿沟'] });
    expect(r.json.candidates[0].text).toBe('digital divide');
    expect((await get(open, `/api/tm/suggest?zh=${encodeURIComponent('数字鸿沟')}`)).json.candidates[0].text).toBe('digital divide');
    expect((await get(open, '/api/tm/suggest?concept=99999999')).status).toBe(404);
    expect((await get(open, '/api/tm/suggest')).status).toBe(400);
  });

  it('validates parameters with 400 and JSON errors', async () => {
    for (const url of ['/api/tm/match', '/api/tm/match?q=x&min=101', '/api/tm/concordance?q=', `/api/tm/concordance?q=${'x'.repeat(501)}`, '/api/tm/segments/abc']) {
      const r = await get(open, url);
      expect(r.status, url).toBe(400);
      expect(r.json.error.code, url).toBe('invalid_input');
    }
    expect((await get(open, '/api/tm/segments/999999')).status).toBe(404);
    expect((await get(open, '/api/tm/segments/1')).json).toMatchObject({ id: 1, origin: 'tmx' });
  });
});
