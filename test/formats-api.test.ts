// GET /api/export and POST /api/import over a real HTTP server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTbxFile } from '../src/formats/tbx3.js';
import { startTestServer, type TestServer } from './e2e/server.js';
import { PROJECT_ROOT } from './helpers.js';

const fixture = (name: string) => path.join(PROJECT_ROOT, 'test', 'fixtures', 'formats', name);
const TOKEN = 'exchange-test-token';

let open: TestServer;
let guarded: TestServer;

beforeAll(async () => {
  open = await startTestServer({ seeds: false });
  guarded = await startTestServer({ seeds: false, config: { token: TOKEN, host: '0.0.0.0', uploadLimit: 64 * 1024 } });
});
afterAll(async () => {
  await open?.stop();
  await guarded?.stop();
});

function upload(name: string, bytes: Buffer | string): FormData {
  const form = new FormData();
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name);
  return form;
}

/** An API client's upload: X-Requested-With is the header a plain HTML form cannot send (docs/OPERATIONS.md). */
async function post(server: TestServer, query: string, body: FormData | string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/api/import${query}`, { method: 'POST', body, headers: { 'x-requested-with': 'termdesk', ...headers } });
  return { status: res.status, json: (await res.json()) as any };
}

describe('GET /api/export', () => {
  it('downloads CSV with the right type and file name, filtered', async () => {
    const res = await fetch(`${open.url}/api/export?format=csv&category=country&status=approved`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="termdesk-glossary-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\ufeffid,category,status,')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toHaveLength(1 + open.store.stats().byCategory.country);
  });

  it('streams the whole glossary as TBX v3 that reads back whole', async () => {
    const res = await fetch(`${open.url}/api/export?format=tbx`);
    expect(res.headers.get('content-type')).toBe('application/x-tbx+xml; charset=utf-8');
    const g = await readTbxFile(await res.text());
    expect(g.concepts).toHaveLength(open.store.stats().concepts);
  });

  it('answers bad filters and impossible exports with a JSON 400', async () => {
    for (const query of ['format=pdf', 'category=planet', 'since=soon', 'format=tbx2&since=2999-01-01']) {
      const res = await fetch(`${open.url}/api/export?${query}`);
      expect([query, res.status, res.headers.get('content-type')]).toEqual([query, 400, 'application/json; charset=utf-8']);
      expect(((await res.json()) as any).error.message).toBeTruthy();
    }
  });
});

describe('POST /api/import', () => {
  it('previews with dryRun=1 without changing anything, then imports', async () => {
    const bytes = fs.readFileSync(fixture('legacy-tool.tbx'));
    const before = open.store.stats();
    const preview = await post(open, '?dryRun=1', upload('legacy-tool.tbx', bytes));
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ file: 'legacy-tool.tbx', format: 'tbx2', dryRun: true, entries: 3, skippedLanguages: { fr: 2 } });
    expect(preview.json.items.map((i: { action: string }) => i.action)).toHaveLength(3);
    expect(open.store.stats()).toEqual(before);
    const real = await post(open, '', upload('legacy-tool.tbx', bytes));
    expect(real.status).toBe(200);
    expect(real.json.dryRun).toBe(false);
    expect(real.json.concepts).toEqual(preview.json.concepts);
    expect(open.store.stats().concepts).toBe(before.concepts + real.json.concepts.new);
  });

  it('refuses unsafe or malformed files with a JSON 400 naming the line, changing nothing', async () => {
    const before = open.store.stats();
    const laughs = await post(open, '', upload('billion-laughs.tbx', fs.readFileSync(fixture('billion-laughs.tbx'))));
    expect(laughs).toEqual({
      status: 400,
      json: { error: { code: 'invalid_input', message: 'billion-laughs.tbx: line 3, column 2: ENTITY declarations are not accepted (DTDs and entities are refused for safety)' } },
    });
    const broken = await post(open, '', upload('broken-halfway.tbx', fs.readFileSync(fixture('broken-halfway.tbx'))));
    expect(broken.status).toBe(400);
    expect(broken.json.error.message).toMatch(/^broken-halfway\.tbx: line 113, column 13: <termNote> cannot come after <descripGrp>/);
    expect(open.store.stats()).toEqual(before);
  });

  it('wants multipart with one file in the field "file"', async () => {
    const notMultipart = await post(open, '', '<tbx/>', { 'content-type': 'application/xml' });
    expect([notMultipart.status, notMultipart.json.error.code]).toEqual([415, 'unsupported_media_type']);
    const wrongField = new FormData();
    wrongField.append('glossary', new Blob(['x']), 'x.csv');
    expect((await post(open, '', wrongField)).json.error.message).toBe('unexpected file field "glossary": the glossary (TBX, Excel, CSV or TSV) in the field "file"');
    const noFile = new FormData();
    noFile.append('note', 'hello');
    expect((await post(open, '', noFile)).json.error.message).toBe('no file: send the glossary in the multipart field "file"');
    expect((await post(open, '?dryRun=maybe', upload('a.csv', 'en\nUN\n'))).status).toBe(400);
  });

  it('is a write route: token required beyond loopback, size limited, same origin only', async () => {
    const csv = 'en,zh-Hans\nCommittee on Exchange Tests,交换测试委员会\n';
    const anonymous = await post(guarded, '', upload('a.csv', csv));
    expect([anonymous.status, anonymous.json.error.code]).toEqual([401, 'unauthorized']);
    const auth = { authorization: `Bearer ${TOKEN}` };
    const ok = await post(guarded, '', upload('a.csv', csv), auth);
    expect(ok.status).toBe(200);
    expect(ok.json.concepts.new).toBe(1);
    const big = await post(guarded, '', upload('big.csv', `en\n${'x'.repeat(70 * 1024)}\n`), auth);
    expect([big.status, big.json.error.code]).toEqual([413, 'too_large']);
    const cross = await post(open, '', upload('a.csv', csv), { origin: 'https://evil.example' });
    expect([cross.status, cross.json.error.code]).toEqual([403, 'forbidden']);
    // Export is a read: no token needed.
    expect((await fetch(`${guarded.url}/api/export?format=csv&category=person`)).status).toBe(200);
  });
});

describe('POST /exchange/apply (the page)', () => {
  it('an expired or unknown preview is 410 Gone', async () => {
    // The page's form: its session cookie and hidden csrf field come with it.
    const pageRes = await fetch(`${open.url}/exchange`);
    const cookie = (pageRes.headers.get('set-cookie') ?? '').split(';')[0];
    const csrf = /name="csrf" value="([^"]+)"/.exec(await pageRes.text())?.[1] ?? '';
    const res = await fetch(`${open.url}/exchange/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: `csrf=${encodeURIComponent(csrf)}&pending=${'0'.repeat(32)}`,
    });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('this preview has expired or was already applied; upload the file again');
  });
});
