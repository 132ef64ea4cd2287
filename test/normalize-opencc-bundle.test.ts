// src/domain/normalize.ts loads opencc-js's Traditional → Simplified bundle (opencc-js/t2cn) instead
// of the full one, for start-up time. The keys of every stored term depend on it (KEY_VERSION), so
// this pins that the bundle converts exactly as the full package does: every Han character, and
// phrases in Hong Kong and Taiwan forms.
import * as Full from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { isHanCode, toSimplified } from '../src/domain/normalize.js';

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
