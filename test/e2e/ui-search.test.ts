// Browser tests of the search and concept pages in headless Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, screenshotPath } from './browser.js';
import { type BrowserSession, type TestServer, openBrowserSession } from './server.js';

describe.skipIf(!hasChromium)('web UI: search and concept pages', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowserSession({ permissions: ['clipboard-read', 'clipboard-write'] });
    ({ server, browser, page } = session);
  });
  afterAll(() => session?.close());

  it('typing 貿發會議 shows the UNCTAD row; its copy button copies 贸发会议', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('#q').pressSequentially('貿發會議', { delay: 30 });
    const row = page.locator('.result').filter({ hasText: 'UNCTAD' }).first();
    await row.waitFor({ timeout: 10_000 });
    await expect(row.locator('.form .text').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(['联合国贸易和发展会议', '贸发会议', 'United Nations Conference on Trade and Development', 'UNCTAD']),
    );
    // The matched form is highlighted.
    expect(await row.locator('mark').count()).toBeGreaterThan(0);
    await row.locator('button.copy[data-copy="贸发会议"]').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('贸发会议');
    // The URL follows the query so the result can be shared or reloaded.
    expect(decodeURIComponent(new URL(page.url()).search)).toContain('q=貿發會議');
    await page.screenshot({ path: screenshotPath('search.png'), fullPage: false });
  });

  it('keyboard: c types in the box; ↓ goes to the results, where c copies the Chinese form; ↑ comes back', async () => {
    await page.goto(`${server.url}/`);
    await page.evaluate(() => navigator.clipboard.writeText('unchanged'));
    await page.locator('#q').pressSequentially('unc', { delay: 20 });
    await page.locator('.result').first().waitFor();
    expect(await page.locator('#q').inputValue()).toBe('unc');
    await page.keyboard.press('ArrowDown');
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    expect(await focused()).toBe('result-0');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('result-1');
    await page.keyboard.press('c');
    const chinese = await page.locator('#result-1 button.copy').first().getAttribute('data-copy');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(chinese);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('q');
    // Tab to the category list and press c: the list does what lists do, the clipboard is left alone.
    await page.evaluate(() => navigator.clipboard.writeText('unchanged'));
    await page.locator('#category').focus();
    await page.keyboard.press('c');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('unchanged');
  });

  it('keyboard: ↓ moves the selection, Enter opens the concept page', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('#q').fill('UNCTAD');
    await page.locator('.result').first().waitFor();
    await page.locator('#q').press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(page.locator('.result.active').count()).resolves.toBe(1);
    await Promise.all([page.waitForURL(/\/concepts\/\d+/), page.locator('#q').press('Enter')]);
    await expect(page.locator('h1').innerText()).resolves.toContain('联合国贸易和发展会议');
    expect(await page.locator('table.terms').innerText()).toContain('UNCTAD');
    expect(await page.locator('[lang="zh-Hans"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[lang="en"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('concept.png'), fullPage: true });
  });

  it('adding an alias with the form makes it findable by search', async () => {
    await page.goto(`${server.url}/?q=UNCTAD`);
    await Promise.all([page.waitForURL(/\/concepts\/\d+/), page.locator('.result .open').first().click()]);
    const conceptUrl = page.url().split('?')[0];
    await page.locator('#alias-text').fill('联合国贸发大会');
    await Promise.all([page.waitForURL(/saved=alias/), page.locator('form.alias button[type="submit"]').click()]);
    await expect(page.locator('.message.ok').innerText()).resolves.toBe('Alias added.');
    expect(await page.locator('table.terms').innerText()).toContain('联合国贸发大会');

    await page.goto(`${server.url}/`);
    await page.locator('#q').fill('联合国贸发大会');
    const row = page.locator('.result').first();
    await row.waitFor();
    expect(await row.locator('a.open').getAttribute('href')).toBe(new URL(conceptUrl).pathname);
  });

  it('a candidate concept from the seeds can be approved from its page', async () => {
    const candidate = server.store.db.prepare("SELECT id FROM concept WHERE review_status = 'candidate' AND origin = 'extraction' LIMIT 1").get() as { id: number } | undefined;
    expect(candidate).toBeDefined();
    await page.goto(`${server.url}/concepts/${candidate!.id}`);
    await expect(page.locator('.meta .badge.candidate').count()).resolves.toBe(1);
    await Promise.all([page.waitForURL(/saved=review/), page.locator('form[action$="/review"] button').click()]);
    await expect(page.locator('.meta .badge.approved').count()).resolves.toBe(1);
    expect(server.store.getConcept(candidate!.id)!.reviewStatus).toBe('approved');
  });

  it('the basic search works without JavaScript', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.goto(`${server.url}/`);
    await p.locator('#q').fill('儿基会');
    await Promise.all([p.waitForURL(/q=/), p.locator('form.search button[type="submit"]').click()]);
    expect(await p.locator('.result').first().innerText()).toContain('UNICEF');
    // Without JavaScript the page promises nothing it cannot do (results as you type, c to copy).
    const help = await p.locator('#search-help').innerText();
    expect(help).not.toMatch(/as you type|copies/);
    expect(help).toContain('Press Enter or Search');
    expect(await p.locator('button.copy').first().isVisible()).toBe(false);
    await noJs.close();
  });

  it('is usable on a phone-sized screen without horizontal scrolling', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const p = await phone.newPage();
    await p.goto(`${server.url}/?q=${encodeURIComponent('国际电信联盟')}`);
    await p.locator('.result').first().waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await p.screenshot({ path: screenshotPath('search-phone.png') });
    // The concept page's terms table fits too: every term and its status are on screen.
    await p.goto(`${server.url}/concepts/unctad`);
    expect(new URL(p.url()).pathname).toMatch(/^\/concepts\/\d+$/);
    const cut = await p.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('table.terms td')].filter((td) => td.getBoundingClientRect().right > width + 1).length;
    });
    expect(cut).toBe(0);
    expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await phone.close();
  });
});
