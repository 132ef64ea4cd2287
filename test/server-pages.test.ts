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
    for (const p of ['/', '/?q=UNEP', '/check', '/check/bilingual', '/tm', '/exchange']) {
      const html = await (await fetch(server.url + p)).text();
      expect(html, p).toMatch(/<html lang="en"/);
      expect(html, p).toContain('lang="zh-Hans"');
    }
  });
});

// What is shown as official is official (issue 15): a form in a headline, a result card or a
// concept's title is bare only when it is preferred and verified; otherwise it carries badges.
describe('badges on forms that are not the preferred, verified name', () => {
  const term = (id: number, text: string, lang: 'zh-Hans' | 'en', type: 'fullForm' | 'shortForm' | 'acronym', status: 'preferred' | 'admitted', verified: boolean) => ({
    id,
    text,
    lang,
    type,
    status,
    verified,
  });
  const terms = [
    term(1, '建设和平委员会', 'zh-Hans', 'fullForm', 'preferred', true),
    term(2, '建和委', 'zh-Hans', 'shortForm', 'admitted', false),
    term(3, 'Peacebuilding Commission', 'en', 'fullForm', 'preferred', false),
    term(4, 'PBC', 'en', 'acronym', 'preferred', true),
  ];

  it('the result card badges the admitted, unverified short form and the unverified English, not the preferred verified forms', async () => {
    const { resultRow } = await import('../src/server/pages/search.js');
    const html = String(
      resultRow(
        { conceptId: 9, score: 1, kind: 'exact', matched: { ...terms[0], highlight: [[0, 7]], note: null }, preferred: null, category: 'body', reviewStatus: 'approved', terms },
        0,
      ),
    );
    const cell = (label: string) => html.slice(html.indexOf(`<span class="label">${label}</span>`)).split('</div>')[0];
    expect(cell('Short form')).toContain('<span class="badge admitted"');
    expect(cell('Short form')).toContain('<span class="badge unverified"');
    expect(cell('English')).toContain('<span class="badge unverified"');
    expect(cell('English')).not.toContain('badge admitted');
    expect(cell('Chinese')).not.toContain('class="badge');
    expect(cell('Acronym')).not.toContain('class="badge');
    expect(html.slice(0, html.indexOf('<div class="forms">'))).not.toContain('badge unverified');
  });

  it('the concept page title badges the same forms', async () => {
    const { conceptBody } = await import('../src/server/pages/concept.js');
    const concept = {
      id: 9,
      extId: 'pbc',
      category: 'body' as const,
      reviewStatus: 'approved' as const,
      origin: 'reference' as const,
      subject: null,
      definition: null,
      note: null,
      createdAt: '',
      updatedAt: '',
      terms: terms.map((t) => ({ ...t, conceptId: 9, key: t.text, origin: 'reference' as const, source: 'x', note: null, createdAt: '', updatedAt: '' })),
    };
    const html = String(conceptBody({ concept: concept as never, occurrences: [], occurrenceCount: 0, writes: 'closed', csrf: '' }));
    const h1 = html.slice(html.indexOf('<h1>'), html.indexOf('</h1>'));
    expect(h1).toMatch(/建和委.*badge admitted.*badge unverified/s);
    expect(h1.slice(0, h1.indexOf('建和委'))).not.toContain('class="badge');
    const en = html.slice(html.indexOf('class="en-title"'), html.indexOf('</p>', html.indexOf('class="en-title"')));
    expect(en).toMatch(/Peacebuilding Commission.*badge unverified/s);
    expect(en.slice(en.indexOf('PBC'))).not.toContain('class="badge');
  });

  it('the plain-text label (CLI lookup and show) marks them in brackets', async () => {
    const { conceptLabel } = await import('../src/domain/summary.js');
    expect(conceptLabel(terms, { badges: true })).toBe('建设和平委员会 (建和委 [admitted, unverified]) = Peacebuilding Commission [unverified] (PBC)');
    expect(conceptLabel(terms)).toBe('建设和平委员会 (建和委) = Peacebuilding Commission (PBC)');
  });
});
