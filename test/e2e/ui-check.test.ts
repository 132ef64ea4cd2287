// Browser test of the Check page: paste a draft, see findings, jump, apply a suggestion, download.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../helpers.js';
import { hasChromium, screenshotPath } from './browser.js';
import { type BrowserSession, type TestServer, openBrowserSession } from './server.js';

// A real paragraph of seed 003 (a proposal to ITU) that writes 国际货币组织 for the IMF.
const seed003 = fs.readFileSync(path.join(PROJECT_ROOT, 'seeds', '003_382b273af66ecc2f.txt'), 'utf8');
const paragraph = seed003.split('\n').find((l) => l.includes('国际货币组织'))!;

describe.skipIf(!hasChromium)('web UI: Check page', () => {
  let server: TestServer;
  let page: Page;

  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowserSession({ seeds: false, context: { acceptDownloads: true } });
    ({ server, page } = session);
  });
  afterAll(() => session?.close());

  it('shows the findings of a pasted draft, highlighted in the text', async () => {
    expect(paragraph).toBeTruthy();
    await page.goto(`${server.url}/check`);
    await page.locator('#draft-text').fill(paragraph);
    await Promise.all([page.waitForURL(/\/check$/), page.locator('#check-form button[type="submit"]').click()]);
    const finding = page.locator('li.finding').filter({ hasText: '国际货币组织' }).first();
    await finding.waitFor();
    expect(await finding.innerText()).toContain('国际货币基金组织');
    expect(await finding.locator('code').innerText()).toBe('non-standard-name');
    const markId = (await finding.locator('a.where').getAttribute('href'))!.slice(1);
    expect(await page.locator(`#${markId}`).innerText()).toBe('国际货币组织');
    await page.screenshot({ path: screenshotPath('check.png'), fullPage: false });
  });

  it('clicking a finding jumps to it in the draft', async () => {
    const finding = page.locator('li.finding').filter({ hasText: '国际货币组织' }).first();
    const markId = (await finding.locator('a.where').getAttribute('href'))!.slice(1);
    await finding.locator('a.where').click();
    await expect.poll(() => page.locator(`#${markId}`).getAttribute('class')).toContain('focus');
    await expect.poll(() => page.locator(`#${markId}`).isVisible()).toBe(true);
  });

  it('applying a suggestion corrects the draft and checks again', async () => {
    const imfFindings = () => page.locator('li.finding').filter({ has: page.locator('code', { hasText: 'non-standard-name' }) }).filter({ hasText: '国际货币组织' });
    const findingsBefore = await imfFindings().count();
    const finding = imfFindings().first();
    await Promise.all([page.waitForEvent('load'), finding.locator('button.apply').click()]);
    await page.locator('.summary').waitFor();
    const count = (s: string, x: string) => s.split(x).length - 1;
    const before = count(paragraph, '国际货币组织');
    expect(before).toBeGreaterThan(0);
    await expect.poll(async () => count(await page.locator('#draft-text').inputValue(), '国际货币组织'), { timeout: 10_000 }).toBe(before - 1);
    expect(count(await page.locator('#draft-text').inputValue(), '国际货币基金组织')).toBe(count(paragraph, '国际货币基金组织') + 1);
    // The rest of the draft is unchanged: only the span was replaced.
    expect((await page.locator('#draft-text').inputValue()).length).toBe(paragraph.length + 2);
    expect(await imfFindings().count()).toBe(findingsBefore - 1);
  });

  it('downloads the report as CSV', async () => {
    await page.locator('#draft-text').fill(paragraph);
    await Promise.all([page.waitForURL(/\/check$/), page.locator('#check-form button[type="submit"]').click()]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[formaction="/api/check?format=csv"]').click()]);
    const file = await download.path();
    const csv = fs.readFileSync(file!, 'utf8');
    expect(csv).toContain('non-standard-name');
    expect(csv).toContain('国际货币组织');
  });

  it('an empty draft gets a clear message', async () => {
    await page.goto(`${server.url}/check`);
    await page.locator('#check-form button[type="submit"]').click();
    await expect(page.locator('.message.error').innerText()).resolves.toMatch(/empty/);
  });
});
