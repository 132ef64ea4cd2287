// Browser tests of the review page: a queue of 20 candidates from the five seeds walked with the
// keyboard only (approve, reject, merge into the suggested concept, edit a form, select and decide
// in bulk, undo), and the basic approve/reject without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, screenshotPath } from './browser.js';
import { type BrowserSession, type TestServer, openBrowserSession } from './server.js';

type Status = { id: number; status: string } | undefined;

describe.skipIf(!hasChromium)('web UI: review page', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowserSession();
    ({ server, browser, page } = session);
  });
  afterAll(() => session?.close());

  const reviewStatus = (id: number) => (server.store.db.prepare('SELECT id, review_status AS status FROM concept WHERE id = ?').get(id) as Status)?.status ?? 'gone';
  const focusedItem = () => page.evaluate(() => document.activeElement?.closest('.review-item')?.getAttribute('data-id') ?? null);

  it('walks a queue of 20 candidates with the keyboard only', async () => {
    // The seeds refer to 电子商务和数字经济问题政府间专家组 as 政府间专家组. Whether extraction files that
    // short reference under body or concept is the extractor's call; the walk needs it as a body (as a
    // reviewer would class it) so that the queue holds one suggested merge.
    const shortRef = server.store.db.prepare("SELECT c.id FROM concept c JOIN term t ON t.concept_id = c.id WHERE t.text = '政府间专家组' AND c.review_status = 'candidate'").get() as { id: number } | undefined;
    expect(shortRef, 'the seeds give the candidate 政府间专家组').toBeDefined();
    server.store.updateConcept(shortRef!.id, { category: 'body' });
    await page.goto(`${server.url}/review`);
    const ids = (await page.locator('.review-item').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))))) as number[];
    expect(ids).toHaveLength(20);
    const suggested = (await page.locator('.review-item[data-suggested]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))))) as number[];
    expect(suggested.length, 'the seeds have at least one short reference to a body (政府间专家组)').toBeGreaterThan(0);
    const expected = new Map<number, string>();
    const selected: number[] = [];
    const started = Date.now();

    // The first item has the focus when the page opens.
    expect(await focusedItem()).toBe(String(ids[0]));
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      // The database changes before the answer reaches the page: wait for the focus to move.
      await expect.poll(focusedItem, { message: `item ${i + 1} has the focus` }).toBe(String(id));
      if (suggested.includes(id)) {
        if (id === suggested[0]) {
          // The documentation's picture: a few decided above, the suggested merge in focus.
          await page.locator(`#item-${id}`).evaluate((el) => el.scrollIntoView({ block: 'center' }));
          await page.screenshot({ path: screenshotPath('review.png') });
        }
        // m: the merge field, prefilled with the suggested concept; Enter merges.
        await page.keyboard.press('m');
        await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('into');
        await page.keyboard.press('Enter');
        await page.locator(`#item-${id}.merged`).waitFor();
        expect.soft(reviewStatus(id)).toBe('gone');
        continue;
      }
      if (i === 1) {
        // e: the first form's type; typing chooses an option, Tab, Tab reaches Save, Enter saves; Esc would go back.
        await page.keyboard.press('e');
        await page.keyboard.press('v'); // variant
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator('#queue-status').innerText()).toContain('Forms saved (1 changed)');
        const term = server.store.requireConcept(id).terms[0];
        expect(term.type).toBe('variant');
      }
      if (i >= 4 && selected.length < 2) {
        // x selects two items, j moves on; A below approves them together.
        await page.keyboard.press('x');
        await page.keyboard.press('j');
        selected.push(id);
        continue;
      }
      if (selected.length === 2 && !expected.has(selected[0])) {
        // A approves the selection; the focus stays on this item, still undecided.
        await page.keyboard.press('A');
        await page.locator(`#item-${selected[1]}[data-status="approved"]`).waitFor();
        for (const s of selected) {
          expect(reviewStatus(s)).toBe('approved');
          expected.set(s, 'approved');
        }
        expect(await focusedItem()).toBe(String(id));
      }
      const key = i % 3 === 0 ? 'a' : 'r';
      const decided = key === 'a' ? 'approved' : 'rejected';
      await page.keyboard.press(key);
      // The page marks the item when the server has answered, then moves the focus on.
      await page.locator(`#item-${id}[data-status="${decided}"]`).waitFor();
      expect(reviewStatus(id)).toBe(decided);
      expected.set(id, decided);
      if (i === 2) {
        // k goes back, u undoes (back among the candidates, the focus stays), r rejects again.
        await page.keyboard.press('k');
        await page.keyboard.press('u');
        await page.locator(`#item-${id}[data-status="candidate"]`).waitFor();
        expect(reviewStatus(id)).toBe('candidate');
        await page.keyboard.press('r');
        await page.locator(`#item-${id}[data-status="rejected"]`).waitFor();
        expect(reviewStatus(id)).toBe('rejected');
      }
    }
    await expect.poll(() => page.locator('#queue-status').innerText()).toContain('All 20 on this page done.');
    for (const [id, status] of expected) expect.soft(reviewStatus(id), `concept ${id}`).toBe(status);
    console.log(`[review] 20 candidates reviewed with the keyboard in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Reloaded, the queue shows the next candidates; the rejected ones wait under their tab.
    await page.goto(`${server.url}/review`);
    const after = (await page.locator('.review-item').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-id'))))) as number[];
    expect(after.some((id) => ids.includes(id))).toBe(false);
    await page.goto(`${server.url}/review?status=rejected`);
    expect(await page.locator('.review-item').count()).toBe([...expected.values()].filter((s) => s === 'rejected').length);
  });

  it('shortcuts do not fire while typing in a field', async () => {
    await page.goto(`${server.url}/review`);
    const first = Number(await page.locator('.review-item').first().getAttribute('data-id'));
    await page.locator('.review-item').first().locator('input[name="into"]').focus();
    await page.keyboard.type('ar');
    expect(reviewStatus(first)).toBe('candidate');
    expect(await page.locator('.review-item').first().locator('input[name="into"]').inputValue()).toContain('ar');
  });

  it('approves and rejects without JavaScript, one at a time and in bulk', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.goto(`${server.url}/review`);
    const items = p.locator('.review-item');
    const [a, b, c] = (await items.evaluateAll((els) => els.slice(0, 3).map((el) => Number(el.getAttribute('data-id'))))) as number[];
    await Promise.all([p.waitForURL(/saved=approve/), items.first().locator('form.decide button[value="approve"]').click()]);
    expect(await p.locator('.message.ok').innerText()).toBe('Approved: 1 concept.');
    expect(reviewStatus(a)).toBe('approved');
    await p.locator(`#sel-${b}`).check();
    await p.locator(`#sel-${c}`).check();
    await Promise.all([p.waitForURL(/saved=reject/), p.locator('#bulk button[value="reject"]').click()]);
    expect(await p.locator('.message.ok').innerText()).toBe('Rejected: 2 concepts.');
    expect([reviewStatus(b), reviewStatus(c)]).toEqual(['rejected', 'rejected']);
    // Nothing selected: the page says so and changes nothing.
    await Promise.all([p.waitForLoadState(), p.locator('#bulk button[value="approve"]').click()]);
    expect(await p.locator('.message.error').innerText()).toContain('select at least one concept');
    // The keyboard help is hidden: it needs JavaScript.
    expect(await p.locator('#review-keys').isVisible()).toBe(false);
    await noJs.close();
  });
});
