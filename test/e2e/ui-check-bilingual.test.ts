// Browser test of the bilingual Check page: from the Check page to "a translation against its
// source", upload an XLIFF file built here from a real UN sentence pair (the UN dev set) whose
// translation leaves out the World Health Organization's Chinese name, and see the
// missing-equivalent finding with its segment id; reach the finding's span from the keyboard;
// no horizontal scrolling at phone width.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { devsetFile, devsetPair, xliff12 } from '../fixtures/check/bilingual.js';
import { hasChromium } from './browser.js';
import { type BrowserSession, type TestServer, openBrowserSession } from './server.js';

describe.skipIf(!hasChromium || !devsetFile)('web UI: Check page, a translation against its source', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;
  let xliff: string;

  beforeAll(async () => {
    session = await openBrowserSession({ seeds: false });
    ({ server, page } = session);
    // 2015/e/cn_6/2015/ngo/260: "According to the World Health Organization, HIV infection …"
    const who = devsetPair('2015/e/cn_6/2015/ngo/260', 'According to the World Health Organization');
    expect(who.zh).toContain('世界卫生组织');
    // The translation as a translator might leave it: 世界卫生组织 turned into 该组织 ("the organization").
    xliff = xliff12([{ id: 'para-12', en: who.en, zh: who.zh.replace('世界卫生组织', '该组织') }]);
  });
  afterAll(() => session?.close());

  it('uploads an XLIFF file and shows the missing equivalent with its segment id', async () => {
    await page.goto(`${server.url}/check`);
    await Promise.all([page.waitForURL(/\/check\/bilingual$/), page.getByRole('link', { name: /translation against its source/ }).click()]);
    await page.locator('#xliff-file').setInputFiles({ name: 'E-CN.6-2015-NGO-260.xlf', mimeType: 'application/xliff+xml', buffer: Buffer.from(xliff) });
    await Promise.all([page.waitForURL(/\/check\/bilingual$/), page.locator('#bilingual-form button[type="submit"]').click()]);
    const row = page.locator('table.segments tr', { has: page.locator('th.id', { hasText: 'para-12' }) });
    await row.waitFor();
    expect(await row.locator('td[lang="en"] mark').innerText()).toBe('World Health Organization');
    const findings = page.locator('tr.findings-row li', { hasText: 'missing-equivalent' });
    expect(await findings.count()).toBe(1);
    expect(await findings.innerText()).toContain('世界卫生组织');
    expect(await page.locator('.summary').innerText()).toContain('1 of 1 segments checked');
  });

  it('the finding links to its span, from the keyboard', async () => {
    const link = page.locator('tr.findings-row li', { hasText: 'missing-equivalent' }).locator('a');
    const href = (await link.getAttribute('href'))!;
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(href);
    expect(await page.locator(`${href}:target`).innerText()).toBe('World Health Organization');
  });

  it('fits a phone screen: no horizontal scrolling, source and target labelled', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.locator('table.segments td[lang="zh-Hans"] .side').first().isVisible()).toBe(true);
  });
});
