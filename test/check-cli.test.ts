// termdesk check as a user runs it (child process on dist/), and POST /api/check over HTTP, both
// against a database loaded with the fixture glossary.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/db.js';
import { Store } from '../src/store/repository.js';
import { loadGlossary, readGlossaryDir } from '../src/reference/glossary.js';
import { startServer, type RunningServer } from '../src/server/start.js';
import { runCli, tempDir } from './helpers.js';
import { FIXTURE_GLOSSARY, seedParagraph } from './fixtures/check/helpers.js';

let dir: string;
let db: string;
let store: Store;
let server: RunningServer;
const S003 = seedParagraph('003', '国际货币组织（IMF）和世界银行');
const CLEAN = '国际电信联盟(国际电联)与互联网学会合作。';

beforeAll(async () => {
  dir = tempDir('termdesk-check-');
  db = path.join(dir, 'check.sqlite');
  store = new Store(openDatabase(db));
  loadGlossary(store, readGlossaryDir(FIXTURE_GLOSSARY));
  fs.writeFileSync(path.join(dir, 'draft.txt'), `${S003}\n`);
  fs.writeFileSync(path.join(dir, 'clean.txt'), CLEAN);
  fs.writeFileSync(path.join(dir, 'source.txt'), 'The World Health Organization and the ITU.');
  server = await startServer({ store, config: { host: '127.0.0.1' } }, 0);
});
afterAll(async () => {
  await server?.close();
  store?.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(['--db', db, 'check', ...args], { cwd: dir });

describe('termdesk check', () => {
  it('prints compiler-style lines and exits 1 on error-level findings', () => {
    const r = cli('draft.txt');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^draft\.txt:1:\d+ error non-standard-name 国际货币组织 → 国际货币基金组织$/m);
    expect(r.stdout).toMatch(/draft\.txt: 2 errors/);
  });

  it('exits 0 on a clean draft, and prints the JSON shape of the issue with --json', () => {
    expect(cli('clean.txt').code).toBe(0);
    const r = cli('draft.txt', '--json');
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json.issues[0]).sort()).toEqual(['column', 'conceptId', 'end', 'id', 'line', 'message', 'rule', 'severity', 'start', 'suggestion', 'text'].sort());
    const text = fs.readFileSync(path.join(dir, 'draft.txt'), 'utf8');
    for (const i of json.issues) expect(text.slice(i.start, i.end)).toBe(i.text);
    expect(json.summary).toMatchObject({ errors: 2, name: 'draft.txt' });
  });

  it('exits 2 with one line on stderr on bad input', () => {
    for (const args of [['missing.txt'], ['draft.txt', '--rules', 'nope'], ['draft.txt', '--format', 'pdf'], ['draft.txt', '--ignore', 'bad-id']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^termdesk: /);
    }
  });

  it('persists ignores next to the draft', () => {
    const ids: string[] = JSON.parse(cli('draft.txt', '--json').stdout).issues.filter((i: { severity: string }) => i.severity === 'error').map((i: { id: string }) => i.id);
    const r = cli('draft.txt', '--ignore', ids.join(','), '-q');
    expect(r.code).toBe(0);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'draft.txt.termdesk-ignore.json'), 'utf8'));
    expect(saved.ignore.map((e: { id: string }) => e.id).sort()).toEqual([...ids].sort());
    expect(cli('draft.txt').code).toBe(0); // the ignores hold on the next run
    expect(cli('draft.txt', '--no-ignores').code).toBe(1);
  });

  it('writes an escaped standalone HTML report', () => {
    fs.writeFileSync(path.join(dir, 'xss.txt'), '<script>alert(1)</script>国际货币组织（IMF）');
    const r = cli('xss.txt', '--format', 'html');
    expect(r.stdout).toContain('<!doctype html>');
    expect(r.stdout).not.toContain('<script>');
    expect(r.stdout).toContain('&lt;script&gt;');
    expect(r.stdout).toMatch(/<mark class="error" id="f1"/);
  });

  it('runs missing-equivalent with --source', () => {
    const r = cli('clean.txt', '--source', 'source.txt', '--rules', 'missing-equivalent');
    expect(r.stdout).toMatch(/^source\.txt:1:5 warning missing-equivalent World Health Organization → 世界卫生组织$/m);
  });
});

describe('POST /api/check', () => {
  const post = (body: unknown, query = '', headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${server.url}/api/check${query}`, { method: 'POST', headers, body: typeof body === 'string' || body instanceof FormData ? (body as string) : JSON.stringify(body) });

  it('returns the same JSON result as the CLI', async () => {
    const res = await post({ text: S003, name: 'd.txt' });
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json.issues.filter((i: { severity: string }) => i.severity === 'error').map((i: { text: string }) => i.text)).toEqual(['国际货币组织', '国际货币组织']);
    expect(json.summary.name).toBe('d.txt');
  });

  it('answers 400 on a bad body or an unknown rule, 413 on a huge one', async () => {
    expect((await post({ nope: 1 })).status).toBe(400);
    expect((await post({ text: 'x', rules: ['nope'] })).status).toBe(400);
    expect((await post({ text: 'x'.repeat(1_000_001) })).status).toBe(400);
    expect((await post(`{"text":"${'x'.repeat(7_000_000)}"}`)).status).toBe(413);
  });

  it('serves the HTML report with a strict policy, and CSV', async () => {
    const html = await post({ text: '<b>国际货币组织</b>（IMF）' }, '?format=html');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await html.text()).toContain('&lt;b&gt;');
    const csv = await post({ text: S003 }, '?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toBe('id,file,line,column,severity,rule,text,suggestion,message,conceptId,start,end');
  });

  it('checks an uploaded .txt draft, and refuses other file types', async () => {
    const form = new FormData();
    form.append('draft', new Blob([S003], { type: 'text/plain' }), 'upload.txt');
    const res = await fetch(`${server.url}/api/check`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect((await res.json()).summary).toMatchObject({ name: 'upload.txt', errors: 2 });
    const bad = new FormData();
    bad.append('draft', new Blob(['x']), 'image.png');
    expect((await fetch(`${server.url}/api/check`, { method: 'POST', body: bad })).status).toBe(415);
  });
});
