// Translation-memory segments: what a pair is (both sides non-empty, bounded, whitespace folded),
// how it is keyed (normalizeKey, the full-text index text) and identified (a hash of the pair), and
// the two writes built on that: adding pairs and recomputing keys. The SQL is in
// src/store/tm-repository.ts.
import { createHash } from 'node:crypto';
import { normalizeKey } from '../domain/normalize.js';
import { InputError } from '../domain/types.js';
import type { Store } from '../store/repository.js';
import { type AddSummary, type StoredSegment, type TmOrigin, type ZhLang, TmRepository } from '../store/tm-repository.js';
import { indexText } from './tokens.js';

/** A pair to store. */
export interface NewSegment {
  en: string;
  zh: string;
  /** zh-Hant when the Chinese side was written in Traditional script (keys are Simplified either way). */
  zhLang?: ZhLang;
  /** Document name or symbol (e.g. A/69/767) the pair comes from. */
  doc?: string | null;
  /** Order of the pair within its document. */
  position?: number | null;
  /** When the translation was made (ISO 8601), if the source says so. */
  date?: string | null;
}

export const MAX_SEGMENT_LENGTH = 20_000;

/** 63 bits of SHA-1 over the pair: the identity of a pair for de-duplication. */
function pairHash(en: string, zh: string): bigint {
  const digest = createHash('sha1').update(en).update('\u0000').update(zh).digest();
  return digest.readBigInt64BE(0);
}

/** Whitespace runs (line breaks, tabs, no-break spaces) to one space, trimmed. */
export function cleanSegmentText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Stores pairs in one transaction. Every pair is checked first: an empty side or an over-long
 * segment throws InputError (naming the pair) before anything is written. A pair already stored
 * (same English and Chinese text) is not stored twice.
 */
export function addSegments(store: Store, segments: Iterable<NewSegment>, origin: TmOrigin, source: string | null, label = 'pair'): AddSummary {
  const rows: StoredSegment[] = [];
  let n = 0;
  for (const s of segments) {
    n++;
    const en = cleanSegmentText(s.en ?? '');
    const zh = cleanSegmentText(s.zh ?? '');
    if (!en || !zh) throw new InputError(`${label} ${n}: the ${!en ? 'English' : 'Chinese'} side is empty`);
    if (en.length > MAX_SEGMENT_LENGTH || zh.length > MAX_SEGMENT_LENGTH) {
      throw new InputError(`${label} ${n}: a segment is longer than ${MAX_SEGMENT_LENGTH} characters`);
    }
    const enKey = normalizeKey(en);
    const zhKey = normalizeKey(zh);
    rows.push({
      en,
      zh,
      zhLang: s.zhLang ?? 'zh-Hans',
      enKey,
      zhKey,
      enIndex: indexText(enKey),
      zhIndex: indexText(zhKey),
      hash: pairHash(en, zh),
      doc: s.doc?.trim() || null,
      position: s.position ?? null,
      date: s.date ?? null,
      origin,
      source,
    });
  }
  return TmRepository.of(store).insertSegments(rows);
}

/**
 * Recomputes the normalised keys and the index text of every segment (after a change of
 * normalizeKey). One transaction; returns how many segments changed.
 */
export function rekeySegments(store: Store): number {
  const repo = TmRepository.of(store);
  const changes = [];
  for (const r of repo.allTextAndKeys()) {
    const enKey = normalizeKey(r.en);
    const zhKey = normalizeKey(r.zh);
    if (enKey === r.enKey && zhKey === r.zhKey) continue;
    changes.push({ id: r.id, enKey, zhKey, enIndex: indexText(enKey), zhIndex: indexText(zhKey) });
  }
  repo.updateKeys(changes);
  return changes.length;
}
