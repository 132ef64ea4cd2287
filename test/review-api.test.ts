// The review queue over HTTP: the JSON API and the page's form posts, with the token rules of
// every other write (token when one is set, same origin), and the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { callApi as call, startTestServer, type TestServer } from './e2e/server.js';
import { runCli, tempDir } from './helpers.js';

let open: TestServer;
let guarded: TestServer;
const TOKEN = 's3cret-token-for-review-tests';


function candidate(server: TestServer, zh: string): number {
  const id = server.store.createConcept({ category: 'concept', origin: 'extraction' });
  server.store.addTerm(id, { text: zh, lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'extraction', verified: false });
  return id;
}

const status = (server: TestServer, id: number) => server.store.getConceptRecord(id)?.reviewStatus;

beforeAll(async () => {
  open = await startTestServer({ seeds: false });
  guarded = await startTestServer({ seeds: false, config: { token: TOKEN } });
});
afterAll(async () => {
  await open?.stop();
  await guarded?.stop();
});

describe('review API', () => {
  it('GET /api/review lists candidates with counts; bad parameters are a 400', async () => {
    const a = candidate(open, '测试候选甲');
    const r = await call(open, 'GET', '/api/review?limit=50');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ reviewStatus: 'candidate', offset: 0, limit: 50, counts: { candidate: expect.any(Number), rejected: expect.any(Number) } });
    expect(r.json.items.map((i: { conceptId: number }) => i.conceptId)).toContain(a);
    expect((await call(open, 'GET', '/api/review?limit=500')).status).toBe(400);
    expect((await call(open, 'GET', '/api/review?status=pending')).status).toBe(400);
    const one = await call(open, 'GET', `/api/review/${a}`);
    expect(one.json).toMatchObject({ conceptId: a, label: '测试候选甲', forms: [{ text: '测试候选甲', type: 'fullForm' }] });
    expect((await call(open, 'GET', '/api/review/unctad')).json.conceptId).toBe(open.store.getConceptByExtId('unctad')!.id);
  });

  it('POST /api/review/approve|reject|reopen decide all or nothing; merge takes numbers or reference ids', async () => {
    const a = candidate(open, '测试候选乙');
    const b = candidate(open, '测试候选丙');
    const bad = await call(open, 'POST', '/api/review/reject', { ids: [a, 987654321] });
    expect(bad.status).toBe(404);
    expect(status(open, a)).toBe('candidate');
    const ok = await call(open, 'POST', '/api/review/reject', { ids: [a, String(b)] });
    expect(ok.json).toEqual({ action: 'reject', reviewStatus: 'rejected', ids: [a, b], changed: 2 });
    expect((await call(open, 'POST', '/api/review/reopen', { ids: [a] })).json.changed).toBe(1);
    expect((await call(open, 'POST', '/api/review/approve', { ids: [] })).status).toBe(400);
    expect((await call(open, 'POST', '/api/review/delete', { ids: [a] })).status).toBe(400);
    const unctad = open.store.getConceptByExtId('unctad')!.id;
    expect((await call(open, 'POST', '/api/review/reject', { ids: ['unctad'] })).status).toBe(409);
    const merged = await call(open, 'POST', '/api/review/merge', { from: a, into: 'unctad' });
    expect(merged.json).toMatchObject({ target: unctad, removed: a });
    expect(open.store.requireConcept(unctad).terms.map((t) => t.text)).toContain('测试候选乙');
  });

  it('writes need the token when one is set, and refuse another site’s page', async () => {
    const a = candidate(guarded, '测试候选丁');
    expect((await call(guarded, 'POST', '/api/review/approve', { ids: [a] })).status).toBe(401);
    expect((await call(guarded, 'POST', '/api/review/approve', { ids: [a] }, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect(status(guarded, a)).toBe('candidate');
    expect((await call(guarded, 'POST', '/api/review/approve', { ids: [a] }, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect(status(guarded, a)).toBe('approved');
    const b = candidate(open, '测试候选戊');
    expect((await call(open, 'POST', '/api/review/reject', { ids: [b] }, { origin: 'https://evil.example' })).status).toBe(403);
    expect(status(open, b)).toBe('candidate');
  });
});

describe('review page forms', () => {
  // What a browser holds after loading the review page: its session cookie and the page's csrf field.
  const sessions = new Map<TestServer, { cookie: string; csrf: string }>();
  const formSession = async (s: TestServer) => {
    let held = sessions.get(s);
    if (!held) {
      const res = await fetch(`${s.url}/review`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      const csrf = /name="csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
      expect(csrf).not.toBe('');
      held = { cookie, csrf };
      sessions.set(s, held);
    }
    return held;
  };
  /** A page form's body, csrf field first, as the review page's forms send it. */
  const form = (fields: Array<[string, string]>) => async (s: TestServer) => new URLSearchParams([['csrf', (await formSession(s)).csrf], ...fields]).toString();
  const post = async (s: TestServer, path: string, body: (s: TestServer) => Promise<string>, headers: Record<string, string> = {}) =>
    call(s, 'POST', path, await body(s), { 'content-type': 'application/x-www-form-urlencoded', cookie: (await formSession(s)).cookie, ...headers });

  it('a post redirects back to the queue with a message; with Accept: application/json it answers JSON', async () => {
    const a = candidate(open, '测试候选己');
    const b = candidate(open, '测试候选庚');
    const r = await post(open, '/review/decide', form([['action', 'approve'], ['id', String(a)], ['view', 'candidate'], ['offset', '0']]));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/review?saved=approve%3A1');
    expect(status(open, a)).toBe('approved');
    const j = await post(open, '/review/decide', form([['action', 'reject'], ['id', String(b)]]), { accept: 'application/json' });
    expect(j.json).toMatchObject({ reviewStatus: 'rejected', ids: [b] });
    const page = await call(open, 'GET', '/review?status=rejected');
    expect(page.text).toContain('测试候选庚');
    // A bad request shows the page again with the reason, and changes nothing.
    const none = await post(open, '/review/decide', form([['action', 'approve']]));
    expect(none.status).toBe(400);
    expect(none.text).toContain('select at least one concept');
  });

  it('saves a form’s type and status; token mode needs the token field', async () => {
    const a = candidate(open, '测试候选辛');
    const term = open.store.requireConcept(a).terms[0];
    const r = await post(open, '/review/edit', form([['id', String(a)], [`type-${term.id}`, 'shortForm'], [`status-${term.id}`, 'admitted']]), { accept: 'application/json' });
    expect(r.json.changed).toHaveLength(1);
    expect(open.store.getTerm(term.id)).toMatchObject({ type: 'shortForm', status: 'admitted' });
    const bad = await post(open, '/review/edit', form([['id', String(a)], [`type-${term.id}`, 'nickname']]), { accept: 'application/json' });
    expect(bad.status).toBe(400);

    const g = candidate(guarded, '测试候选壬');
    expect((await post(guarded, '/review/decide', form([['action', 'reject'], ['id', String(g)]]))).status).toBe(401);
    expect((await post(guarded, '/review/decide', form([['action', 'reject'], ['id', String(g)], ['token', TOKEN]]))).status).toBe(303);
    expect(status(guarded, g)).toBe('rejected');
    expect((await call(guarded, 'GET', '/review?status=rejected')).text).toContain('name="token"');
  });
});

describe('termdesk review', () => {
  it('lists, approves, rejects, merges and edits; bad ids exit 2 and change nothing', () => {
    const db = path.join(tempDir('termdesk-review-cli-'), 'r.sqlite');
    const init = runCli(['--db', db, 'init']);
    expect(init.code).toBe(0);
    const list = runCli(['--db', db, 'review', '--limit', '3', '--json']);
    expect(list.code).toBe(0);
    const page = JSON.parse(list.stdout);
    expect(page.items).toHaveLength(3);
    expect(page.items[0].frequency).toBeGreaterThanOrEqual(page.items[1].frequency);
    const [a, b, c] = page.items.map((i: { conceptId: number }) => i.conceptId);

    const text = runCli(['--db', db, 'review', '--limit', '1']);
    expect(text.stdout).toMatch(/^\d+ candidates to review, most frequent first/);
    expect(text.stdout).toContain(`#${a}  `);

    const bad = runCli(['--db', db, 'review', '--reject', String(a), '999999999']);
    expect(bad).toMatchObject({ code: 2, stderr: 'termdesk: no concept with id 999999999\n' });
    expect(runCli(['--db', db, 'review', '--reject', String(a), String(b)]).stdout).toBe(`2 concepts rejected: #${a} #${b}\n`);
    expect(runCli(['--db', db, 'review', '--approve', String(c)]).stdout).toBe(`1 concept approved: #${c}\n`);
    const rejected = JSON.parse(runCli(['--db', db, 'review', '--rejected', '--json']).stdout);
    expect(rejected.items.map((i: { conceptId: number }) => i.conceptId).sort()).toEqual([a, b].sort());
    expect(runCli(['--db', db, 'review', '--merge', String(a), 'unctad']).stdout).toMatch(new RegExp(`^merged #${a} into #\\d+: 1 term moved`));
    const termId = page.items[2].forms[0].termId;
    expect(runCli(['--db', db, 'review', '--term', String(termId), '--type', 'variant']).stdout).toContain('is now variant');
    expect(runCli(['--db', db, 'review', '--approve', '1', '--reject', '2'])).toMatchObject({ code: 2, stderr: 'termdesk: choose one of --approve, --reject\n' });
    expect(runCli(['--db', db, 'review', '--merge', '1'])).toMatchObject({ code: 2, stderr: 'termdesk: --merge takes two concept ids: FROM INTO\n' });
  });
});
