// Browser test of the import/export page: download an export, preview an import, apply it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { tempDir } from '../helpers.js';
import { hasChromium, screenshotPath } from './browser.js';
import { type BrowserSession, type TestServer, openBrowserSession } from './server.js';

describe.skipIf(!hasChromium)('web UI: import and export', () => {
  let server: TestServer;
  let page: Page;
  let exported = '';

  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowserSession({ seeds: false, context: { acceptDownloads: true } });
    ({ server, page } = session);
  });
  afterAll(() => session?.close());

  it('exports the country names as TBX v3', async () => {
    await page.goto(`${server.url}/exchange`);
    await page.locator('#ex-format').selectOption('tbx');
    await page.locator('#ex-category').selectOption('country');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('form[action="/api/export"] button').click()]);
    expect(download.suggestedFilename()).toMatch(/\.tbx$/);
    exported = fs.readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain('urn:iso:std:iso:30042:ed-2');
    expect(exported).toContain('多民族玻利维亚国');
    expect((exported.match(/<conceptEntry/g) ?? []).length).toBeGreaterThanOrEqual(195);
  });

  it('previews a CSV import without changing anything, then applies it', async () => {
    const csv = path.join(tempDir('termdesk-ex-ui-'), 'team.csv');
    fs.writeFileSync(
      csv,
      '\ufeffzh-Hans full,zh-Hans short,en full,en acronym,category,status,note\n' +
        '中文处术语审校小组,审校小组,Chinese Section Terminology Review Group,CSTRG,group,approved,our team\'s own body\n' +
        '联合国贸易和发展会议,贸发会议,United Nations Conference on Trade and Development,UNCTAD,organization,approved,\n',
    );
    const before = server.store.stats().concepts;
    await page.goto(`${server.url}/exchange`);
    await page.locator('#im-file').setInputFiles(csv);
    await Promise.all([page.waitForURL(/\/exchange\/preview$/), page.locator('form[action="/exchange/preview"] button').click()]);
    const summary = await page.locator('#preview-h + .summary').innerText();
    expect(summary).toMatch(/1\s+new/);
    expect(summary).toMatch(/1\s+skipped/);
    expect(server.store.stats().concepts).toBe(before);
    await page.screenshot({ path: screenshotPath('import-preview.png') });
    await Promise.all([page.waitForURL(/\/exchange\/apply$/), page.locator('form[action="/exchange/apply"] button').click()]);
    await expect(page.locator('.message.ok').innerText()).resolves.toContain('Imported team.csv');
    expect(server.store.stats().concepts).toBe(before + 1);
    expect(server.store.findTermsByText('Chinese Section Terminology Review Group')).toHaveLength(1);
  });

  it('downloads an Excel workbook and previews its import: every concept already there', async () => {
    await page.goto(`${server.url}/exchange`);
    await page.locator('#ex-format').selectOption('xlsx');
    await page.locator('#ex-category').selectOption('organization');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('form[action="/api/export"] button').click()]);
    expect(download.suggestedFilename()).toMatch(/^termdesk-glossary-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(tempDir('termdesk-ex-ui-'), download.suggestedFilename());
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
    const organizations = server.store.db.prepare("SELECT count(*) AS n FROM concept WHERE category = 'organization' AND review_status <> 'rejected'").get() as { n: number };
    await page.goto(`${server.url}/exchange`);
    await page.locator('#im-file').setInputFiles(file);
    await Promise.all([page.waitForURL(/\/exchange\/preview$/), page.locator('form[action="/exchange/preview"] button').click()]);
    const summary = await page.locator('#preview-h + .summary').innerText();
    expect(summary).toMatch(new RegExp(`${organizations.n}\\s+skipped`));
    expect(summary).toContain('xlsx (Excel workbook');
  });

  it('a malformed file is refused with its line and element, nothing imported', async () => {
    const bad = path.join(tempDir('termdesk-ex-ui-'), 'bad.tbx');
    fs.writeFileSync(bad, '<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">\n<text><body>\n<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>x</term></termSec></langSec>\n</body></text></tbx>\n');
    const before = server.store.stats().concepts;
    await page.goto(`${server.url}/exchange`);
    await page.locator('#im-file').setInputFiles(bad);
    await page.locator('form[action="/exchange/preview"] button').click();
    await expect(page.locator('.message.error').innerText()).resolves.toMatch(/line \d+|:\d+/);
    expect(server.store.stats().concepts).toBe(before);
  });
});
