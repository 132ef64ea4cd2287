// Hostile data is shown as text on every page: terms and notes with <script>, event-handler
// attributes and quote-breaking strings never run, and no page needs an inline script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium } from './browser.js';
import { type BrowserSession, type TestServer, openBrowserSession } from './server.js';

export const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '"><img src=x onerror="window.__pwned=2">',
  '" onmouseover="window.__pwned=3" x="',
  "'><svg onload=window.__pwned=4>",
  '</textarea><script>window.__pwned=5</script>',
  '{{constructor.constructor("window.__pwned=6")()}}',
];

describe.skipIf(!hasChromium)('web UI: hostile text is inert', () => {
  let server: TestServer;
  let page: Page;
  let conceptId: number;
  const violations: string[] = [];

  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowserSession({
      seeds: false,
      prepare: ({ store }) => {
        conceptId = store.createConcept({ category: 'organization', origin: 'user', note: HOSTILE.join(' ') });
        store.addTerm(conceptId, { text: `恶意机构 ${HOSTILE[0]}`, lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'user', note: HOSTILE[1] });
        HOSTILE.slice(1).forEach((text, i) =>
          store.addTerm(conceptId, { text: `evil ${i} ${text}`, lang: 'en', type: 'variant', status: 'admitted', origin: 'user', source: HOSTILE[2] }),
        );
      },
    });
    ({ server, page } = session);
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    page.on('dialog', (d) => {
      violations.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  });

  afterAll(() => session?.close());

  async function expectInert(p: Page) {
    expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await p.locator('img[src="x"], svg[onload]').count()).toBe(0);
    expect(await p.locator('[onmouseover], [onerror], [onload]').count()).toBe(0);
  }

  it('search results show hostile terms as text', async () => {
    await page.goto(`${server.url}/?q=${encodeURIComponent('恶意机构')}`);
    await page.locator('.result').first().waitFor();
    await page.locator('.result').first().hover();
    await expectInert(page);
    expect(await page.locator('.result').first().innerText()).toContain('<script>window.__pwned = 1</script>');
  });

  it('live search (fetched fragments) shows them as text', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('#q').fill('evil');
    await page.locator('.result').first().waitFor();
    await page.mouse.move(10, 10);
    await page.locator('.result').first().hover();
    await expectInert(page);
  });

  it('the concept page shows hostile terms, notes and sources as text', async () => {
    await page.goto(`${server.url}/concepts/${conceptId}`);
    await page.locator('table.terms').hover();
    await expectInert(page);
    const body = await page.locator('main').innerText();
    for (const h of HOSTILE) expect(body).toContain(h.trim());
  });

  it('a hostile query string is shown as text', async () => {
    await page.goto(`${server.url}/?q=${encodeURIComponent(HOSTILE[1])}`);
    await expectInert(page);
    expect(await page.locator('#q').inputValue()).toBe(HOSTILE[1]);
  });

  it('no page tripped the Content-Security-Policy (no inline scripts or styles are needed)', () => {
    expect(violations).toEqual([]);
  });
});
