// The JSON API over a real HTTP server: validation, errors, write protection, headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi as call, startTestServer, type TestServer } from './e2e/server.js';

let open: TestServer;
let guarded: TestServer;
const TOKEN = 's3cret-token-for-tests';


function conceptId(server: TestServer, text: string): number {
  return server.store.findTermsByText(text)[0].conceptId;
}

beforeAll(async () => {
  open = await startTestServer({ seeds: false });
  guarded = await startTestServer({ seeds: false, config: { token: TOKEN } });
});
afterAll(async () => {
  await open?.stop();
  await guarded?.stop();
});

describe('read routes', () => {
  it('GET /api/health answers 200 with the database counts', async () => {
    const r = await call(open, 'GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'ok', concepts: expect.any(Number), terms: expect.any(Number), documents: expect.any(Number) });
    expect(r.json.concepts).toBeGreaterThan(0);
  });

  it('GET /api/search finds UNCTAD by its Traditional short form and filters by category', async () => {
    const r = await call(open, 'GET', `/api/search?q=${encodeURIComponent('貿發會議')}&limit=5`);
    expect(r.status).toBe(200);
    expect(r.json.results[0].terms.map((t: { text: string }) => t.text)).toContain('UNCTAD');
    const none = await call(open, 'GET', `/api/search?q=${encodeURIComponent('贸发会议')}&category=country`);
    expect(none.json.results.every((x: { category: string }) => x.category === 'country')).toBe(true);
  });

  it('GET /api/concepts/:id returns terms, occurrences and sources', async () => {
    const id = conceptId(open, '贸发会议');
    const r = await call(open, 'GET', `/api/concepts/${id}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id, category: 'organization', occurrences: expect.any(Array), occurrenceCount: expect.any(Number) });
    expect(r.json.terms.find((t: { text: string }) => t.text === 'UNCTAD').source).toBeTruthy();
  });

  it('invalid input is a 4xx with a JSON error body and no stack trace', async () => {
    for (const [path, status] of [
      ['/api/search', 400],
      ['/api/search?q=x&limit=0', 400],
      ['/api/search?q=x&category=planet', 400],
      [`/api/search?q=${'x'.repeat(600)}`, 400],
      ['/api/concepts/abc', 404], // read as a reference id: no concept has it
      ['/api/concepts/99999999', 404],
      ['/api/nope', 404],
    ] as const) {
      const r = await call(open, 'GET', path);
      expect(r.status, path).toBe(status);
      expect(r.json.error, path).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      expect(r.text, path).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });

  it('sends security headers: CSP without unsafe-inline scripts, nosniff, frame protection; no CORS by default', async () => {
    const r = await call(open, 'GET', '/api/health', undefined, { origin: 'https://evil.example' });
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect(r.headers.get('x-powered-by')).toBeNull();
  });
});

describe('write routes', () => {
  it('on loopback without a token, adds an alias and changes a status', async () => {
    const id = conceptId(open, '贸发会议');
    const add = await call(open, 'POST', `/api/concepts/${id}/terms`, { text: '聯合國貿發會議' });
    expect(add.status).toBe(201);
    expect(add.json.term).toMatchObject({ text: '聯合國貿發會議', lang: 'zh-Hant', status: 'admitted', origin: 'user' });
    const again = await call(open, 'POST', `/api/concepts/${id}/terms`, { text: '聯合國貿發會議' });
    expect(again.status).toBe(200);
    expect(again.json.created).toBe(false);
    const patch = await call(open, 'PATCH', `/api/terms/${add.json.term.id}`, { status: 'deprecated', note: 'Traditional script; use 贸发会议' });
    expect(patch.status).toBe(200);
    expect(patch.json.term).toMatchObject({ status: 'deprecated', note: 'Traditional script; use 贸发会议' });
  });

  it('refuses bad bodies with 4xx and changes nothing', async () => {
    const id = conceptId(open, '贸发会议');
    const before = open.store.getConcept(id)!.terms.length;
    const cases: Array<[unknown, number]> = [
      [{}, 400],
      [{ text: '' }, 400],
      [{ text: 'x', status: 'official' }, 400],
      [{ text: 'x'.repeat(1001) }, 400],
      ['{not json', 400],
      [{ text: 'ok', lang: 'fr' }, 400],
    ];
    for (const [body, status] of cases) {
      const r = await call(open, 'POST', `/api/concepts/${id}/terms`, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.json.error.message).toBeTruthy();
    }
    const big = await call(open, 'POST', `/api/concepts/${id}/terms`, { text: 'x', note: 'y'.repeat(200_000) });
    expect(big.status).toBe(413);
    expect((await call(open, 'PATCH', '/api/terms/99999999', { status: 'deprecated' })).status).toBe(404);
    expect((await call(open, 'PATCH', `/api/terms/1`, {})).status).toBe(400);
    expect(open.store.getConcept(id)!.terms.length).toBe(before);
  });

  it('a cross-origin write (a page on another site posting to localhost) is refused', async () => {
    const id = conceptId(open, '贸发会议');
    const r = await call(open, 'POST', `/api/concepts/${id}/terms`, { text: 'evil alias' }, { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(open.store.findTermsByText('evil alias')).toEqual([]);
  });

  it('with a token set, writes need Authorization: Bearer <token>', async () => {
    const id = conceptId(guarded, '贸发会议');
    const none = await call(guarded, 'POST', `/api/concepts/${id}/terms`, { text: '贸发会' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/Bearer/);
    const wrong = await call(guarded, 'POST', `/api/concepts/${id}/terms`, { text: '贸发会' }, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(guarded.store.findTermsByText('贸发会')).toEqual([]);
    const ok = await call(guarded, 'POST', `/api/concepts/${id}/terms`, { text: '贸发会' }, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(201);
    // Reads stay open.
    expect((await call(guarded, 'GET', '/api/health')).status).toBe(200);
  });
});

describe('behind a reverse proxy', () => {
  it('a loopback server without a token refuses writes relayed by a proxy', async () => {
    const id = conceptId(open, '贸发会议');
    const r = await call(open, 'POST', `/api/concepts/${id}/terms`, { text: '经代理的别名' }, { 'x-forwarded-for': '203.0.113.9' });
    expect([r.status, r.json.error.code]).toEqual([403, 'proxy_needs_token']);
    expect(open.store.findTermsByText('经代理的别名')).toEqual([]);
  });
});

describe('reviewing concepts', () => {
  it('PATCH /api/concepts/:id approves a candidate; POST /api/concepts/:id/merge merges a duplicate', async () => {
    const store = open.store;
    const target = conceptId(open, '贸发会议');
    const dup = store.createConcept({ category: 'organization', origin: 'extraction' });
    store.addTerm(dup, { text: '联合国贸发大会', lang: 'zh-Hans', type: 'variant', status: 'admitted', origin: 'extraction' });
    const approve = await call(open, 'PATCH', `/api/concepts/${dup}`, { reviewStatus: 'approved' });
    expect(approve.status).toBe(200);
    expect(approve.json.concept.reviewStatus).toBe('approved');
    expect((await call(open, 'PATCH', `/api/concepts/${dup}`, { reviewStatus: 'maybe' })).status).toBe(400);
    expect((await call(open, 'PATCH', `/api/concepts/${dup}`, {})).status).toBe(400);
    const merge = await call(open, 'POST', `/api/concepts/${target}/merge`, { from: dup });
    expect(merge.status).toBe(200);
    expect(merge.json).toMatchObject({ target, removed: dup, termsMoved: 1 });
    expect(store.getConcept(dup)).toBeUndefined();
    expect(store.findTermsByText('联合国贸发大会')[0].conceptId).toBe(target);
    expect((await call(open, 'POST', `/api/concepts/${target}/merge`, { from: target })).status).toBe(400);
    expect((await call(open, 'POST', `/api/concepts/${target}/merge`, { from: 99999999 })).status).toBe(404);
  });
});

describe('rate limiting', () => {
  it('write and upload routes answer 429 past the per-minute limit; reads are not limited', async () => {
    const limited = await startTestServer({ seeds: false, config: { writeRateLimit: 3 } });
    try {
      const id = conceptId(limited, '贸发会议');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(limited, 'POST', `/api/concepts/${id}/terms`, { text: `限流别名${i}` })).status);
      expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      const upload = await fetch(`${limited.url}/api/import?dryRun=1`, { method: 'POST', body: new FormData(), headers: { 'x-requested-with': 'termdesk' } });
      expect(upload.status).toBe(429);
      expect(limited.store.findTermsByText('限流别名4')).toEqual([]);
      for (let i = 0; i < 10; i++) expect((await call(limited, 'GET', '/api/health')).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});
