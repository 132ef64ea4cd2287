// src/domain/normalize.ts loads opencc-js's Traditional → Simplified bundle (opencc-js/t2cn) instead
// of the full one, for start-up time. The keys of every stored term depend on it (KEY_VERSION), so
// this pins that the bundle converts exactly as the full package does: every Han character, and
// phrases in Hong Kong and Taiwan forms.
import fs from 'node:fs';
import path from 'node:path';
import * as Full from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { isHanCode, normalizeKey, openccVersion, toSimplified } from '../src/domain/normalize.js';
import { PROJECT_ROOT } from '../src/paths.js';

describe("opencc-js's t2cn bundle", () => {
  const full = Full.Converter({ from: 'hk', to: 'cn' });

  it('converts every Han character as the full package does', () => {
    const differ: string[] = [];
    for (let cp = 0x2e80; cp < 0x323b0; cp++) {
      if (!isHanCode(cp)) continue;
      const ch = String.fromCodePoint(cp);
      if (toSimplified(ch) !== full(ch)) differ.push(ch);
    }
    expect(differ).toEqual([]);
  });

  it('converts phrases as the full package does', () => {
    const simplified = '联合国儿童基金会与世界卫生组织在乾隆年间的资讯里着重说明了发展中国家的网络安全问题，并于台湾和香港举行了会议。';
    for (const to of ['hk', 'tw', 'twp'] as const) {
      const traditional = Full.Converter({ from: 'cn', to })(simplified);
      expect(toSimplified(traditional)).toBe(full(traditional));
    }
  });
});

// Keys fold Han characters through src/domain/data/simplified-characters.txt instead of making the
// converter in every process: the table must say exactly what the converter says.
describe('data/simplified-characters.txt', () => {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, 'src', 'domain', 'data', 'simplified-characters.txt'), 'utf8');
  const table = new Map(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t') as [string, string]),
  );

  it('was derived from the opencc-js installed (after an upgrade: npx tsx scripts/derive-simplified-characters.ts)', () => {
    expect(/^# opencc-js (\S+)$/m.exec(text)?.[1]).toBe(openccVersion());
  });

  it('lists every Han character the converter changes, as it changes it, and no other', () => {
    const differ: string[] = [];
    for (let cp = 0x2e80; cp < 0x323b0; cp++) {
      if (!isHanCode(cp)) continue;
      const ch = String.fromCodePoint(cp);
      if ((table.get(ch) ?? ch) !== toSimplified(ch)) differ.push(ch);
    }
    expect(differ).toEqual([]);
    expect(table.size).toBeGreaterThan(4000);
  });

  it('is what keys fold Traditional characters with', () => {
    expect(normalizeKey('國際電信聯盟（ＩＴＵ）')).toBe('国际电信联盟(itu)');
    expect(normalizeKey('衞生')).toBe(`${table.get('衞') ?? '衞'}生`);
  });
});
