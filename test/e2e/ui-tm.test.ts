// Browser test of the translation-memory page and the TM lines on a concept page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { tempDir } from '../helpers.js';
import { hasChromium, screenshotPath } from './browser.js';
import { type BrowserSession, type TestServer, openBrowserSession } from './server.js';

const PAIRS = [
  ['The digital divide between developed and developing countries remains wide.', '发达国家与发展中国家之间的数字鸿沟仍然很大。'],
  ['Bridging the digital divide requires investment in broadband infrastructure.', '弥合数字鸿沟需要对宽带基础设施进行投资。'],
  ['UNCTAD supports least developed countries in e-commerce.', '贸发会议在电子商务方面支持最不发达国家。'],
  ['The Commission on Science and Technology for Development met in Geneva.', '科学和技术促进发展委员会在日内瓦举行会议。'],
];

describe.skipIf(!hasChromium)('web UI: translation memory', () => {
  let server: TestServer;
  let page: Page;

  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowserSession({ seeds: false });
    ({ server, page } = session);
  });
  afterAll(() => session?.close());

  it('imports a TSV file through the form', async () => {
    const file = path.join(tempDir('termdesk-tm-ui-'), 'pairs.tsv');
    fs.writeFileSync(file, PAIRS.map(([en, zh]) => `${en}\t${zh}`).join('\n') + '\n');
    await page.goto(`${server.url}/tm`);
    await page.locator('#tm-file').setInputFiles(file);
    await Promise.all([page.waitForURL(/imported=/), page.locator('form[action="/tm/import"] button[type="submit"]').click()]);
    await expect(page.locator('.message.ok').innerText()).resolves.toContain(`Imported ${PAIRS.length} segments`);
  });

  it('concordance shows every line with 数字鸿沟, the hit highlighted in both languages', async () => {
    await page.goto(`${server.url}/tm?q=${encodeURIComponent('数字鸿沟')}`);
    const lines = page.locator('ol.concordance li');
    await expect(lines.count()).resolves.toBe(2);
    expect(await lines.first().locator('mark').first().innerText()).toBe('数字鸿沟');
    await page.goto(`${server.url}/tm?q=${encodeURIComponent('digital divide')}&mode=concordance`);
    expect((await page.locator('ol.concordance mark').allInnerTexts()).map((t) => t.toLowerCase())).toContain('digital divide');
  });

  it('fuzzy match finds the stored sentence with the differences marked', async () => {
    const q = 'Bridging the digital divide requires investment in mobile infrastructure.';
    await page.goto(`${server.url}/tm?q=${encodeURIComponent(q)}&mode=match`);
    const top = page.locator('ol.matches li').first();
    await top.waitFor();
    const score = Number((await top.locator('.score').innerText()).replace('%', ''));
    expect(score).toBeGreaterThanOrEqual(70);
    expect(score).toBeLessThan(100);
    expect(await top.innerText()).toContain('弥合数字鸿沟需要对宽带基础设施进行投资。');
    expect((await top.locator('ins').allInnerTexts()).map((t) => t.trim())).toContain('broadband');
    expect((await top.locator('del').allInnerTexts()).map((t) => t.trim())).toContain('mobile');
    await page.screenshot({ path: screenshotPath('tm.png') });
  });

  it('a concept page shows how its name was translated in the memory', async () => {
    const id = server.store.findTermsByText('数字鸿沟')[0]?.conceptId;
    expect(id).toBeDefined();
    await page.goto(`${server.url}/concepts/${id}`);
    const section = page.locator('section[aria-labelledby="tm-h"]');
    await expect(section.locator('li').count()).resolves.toBe(2);
  });
});
