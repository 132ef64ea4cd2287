// Server-rendered pages without a browser: what the HTML carries for an imported concept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { importGlossary } from '../src/exchange/import.js';
import { PROJECT_ROOT } from './helpers.js';
import { startTestServer, type TestServer } from './e2e/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seeds: false });
  await importGlossary(server.store, fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'formats', 'un-bodies.tbx')), { fileName: 'un-bodies.tbx' });
});
afterAll(async () => {
  await server?.stop();
});

describe('concept page of an imported concept', () => {
  it('shows the contexts that came with the TBX file and links its cross-references', async () => {
    const unep = server.store.findTermsByText('联合国环境规划署')[0].conceptId;
    // The fixture's UNEP entry cross-references UNEA, which the same file holds: the link must be there.
    const unea = server.store.findTermsByText('United Nations Environment Assembly')[0]?.conceptId;
    expect(unea).toEqual(expect.any(Number));
    const page = await (await fetch(`${server.url}/concepts/${unep}`)).text();
    expect(page).toContain('Contexts from imported glossaries');
    expect(page).toContain('联合国环境规划署执行主任向大会提交了报告。');
    expect(page).toContain('UNEP &amp; partners met in Nairobi.');
    expect(page).toContain('See also');
    expect(page).toContain(`href="/concepts/${unea}"`);
  });

  it('every page declares its language and the Chinese text carries lang="zh-Hans"', async () => {
    for (const p of ['/', '/?q=UNEP', '/check', '/tm', '/exchange']) {
      const html = await (await fetch(server.url + p)).text();
      expect(html, p).toMatch(/<html lang="en"/);
      expect(html, p).toContain('lang="zh-Hans"');
    }
  });
});
