// Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core.
// Never downloads a browser; tests skip with a notice when Chromium is not installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.TERMDESK_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[skip] ${CHROMIUM} is absent: browser tests are skipped (apt-get install chromium)`);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Whether fontconfig knows a font with Chinese glyphs. Without one Chromium draws boxes, and a
 * screenshot of boxes must not replace the tracked ones in docs/screenshots (.ci/run installs
 * fonts-noto-cjk). Unknown (no fc-list) counts as absent.
 */
export function hasCjkFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh-cn', 'family'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

const cjkFont = hasChromium && hasCjkFont();
if (hasChromium && !cjkFont) {
  console.warn('[skip] no CJK font (apt-get install fonts-noto-cjk): browser tests run, but their screenshots go to a temporary directory, not docs/screenshots');
}

const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'docs', 'screenshots');
let scratch: string | undefined;

/** Where a test saves screenshot `name`: docs/screenshots with a CJK font, a temporary directory without. */
export function screenshotPath(name: string): string {
  if (cjkFont) return path.join(SCREENSHOT_DIR, name);
  scratch ??= fs.mkdtempSync(path.join(os.tmpdir(), 'termdesk-screenshots-'));
  return path.join(scratch, name);
}
