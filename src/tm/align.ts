// Sentence alignment of a document and its translation (Gale & Church 1993, length-based), with
// anchors: numbers, UN document symbols and glossary terms found on both sides make a bead more
// likely; found on one side only, less. Beads 1-1, 1-2, 2-1, 1-0 and 0-1. Paragraphs are aligned
// first, then the sentences inside each aligned group of paragraphs, as in the original paper.
import { hasHan } from '../domain/lang.js';
import { normalizeKey } from '../domain/normalize.js';
import type { Store } from '../store/repository.js';
import { readDataJson } from './data.js';
import { type Sentence, mergeSoftSentences, splitParagraphs, splitSentences } from './sentences.js';
import { indexTokens } from './tokens.js';

interface GaleChurchParams {
  c: number;
  s2: number;
  priors: Record<BeadType, number>;
  anchors: { mismatch: number; match: number };
}

export type BeadType = '1-1' | '1-0' | '0-1' | '2-1' | '1-2';
const BEADS: Array<{ type: BeadType; en: number; zh: number }> = [
  { type: '1-1', en: 1, zh: 1 },
  { type: '1-0', en: 1, zh: 0 },
  { type: '0-1', en: 0, zh: 1 },
  { type: '2-1', en: 2, zh: 1 },
  { type: '1-2', en: 1, zh: 2 },
];

let params: GaleChurchParams | undefined;
function galeChurch(): GaleChurchParams {
  params ??= readDataJson<GaleChurchParams>('gale-church.json');
  return params;
}

/** One unit to align: its length and anchors. */
export interface AlignUnit {
  text: string;
  length: number;
  anchors: string[];
}

export interface Bead {
  type: BeadType;
  /** Indexes of the units on each side. */
  en: number[];
  zh: number[];
  cost: number;
}

/** Standard normal upper tail, 1 - Φ(z), z ≥ 0 (Abramowitz & Stegun 26.2.17). */
function normalTail(z: number): number {
  const t = 1 / (1 + 0.2316419 * z);
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

/** -log P(length match): Gale & Church's δ = (l_zh - c·l_en) / sqrt(l_en · s²). */
function lengthCost(enLength: number, zhLength: number, p: GaleChurchParams): number {
  if (enLength === 0 && zhLength === 0) return 0;
  const mean = (enLength + zhLength / p.c) / 2;
  const delta = (zhLength - enLength * p.c) / Math.sqrt(Math.max(mean, 1) * p.s2);
  const prob = 2 * normalTail(Math.abs(delta));
  return -Math.log(Math.max(prob, 1e-12));
}

function anchorCost(en: string[], zh: string[], p: GaleChurchParams): number {
  if (en.length === 0 && zh.length === 0) return 0;
  const remaining = new Map<string, number>();
  for (const a of zh) remaining.set(a, (remaining.get(a) ?? 0) + 1);
  let matched = 0;
  for (const a of en) {
    const n = remaining.get(a) ?? 0;
    if (n > 0) {
      matched++;
      remaining.set(a, n - 1);
    }
  }
  const mismatched = en.length + zh.length - 2 * matched;
  return p.anchors.mismatch * mismatched - p.anchors.match * matched;
}

/** Aligns two sequences of units by dynamic programming over the five bead types. */
export function alignUnits(en: readonly AlignUnit[], zh: readonly AlignUnit[]): Bead[] {
  const p = galeChurch();
  const n = en.length;
  const m = zh.length;
  const cols = m + 1;
  const cost = new Float64Array((n + 1) * cols).fill(Infinity);
  const back = new Int8Array((n + 1) * cols).fill(-1);
  cost[0] = 0;
  const priorCost = BEADS.map((b) => -Math.log(p.priors[b.type]));
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let bestBead = -1;
      for (let b = 0; b < BEADS.length; b++) {
        const bead = BEADS[b];
        const pi = i - bead.en;
        const pj = j - bead.zh;
        if (pi < 0 || pj < 0) continue;
        const prev = cost[pi * cols + pj];
        if (prev === Infinity) continue;
        let enLength = 0;
        let zhLength = 0;
        const enAnchors: string[] = [];
        const zhAnchors: string[] = [];
        for (let k = pi; k < i; k++) {
          enLength += en[k].length;
          enAnchors.push(...en[k].anchors);
        }
        for (let k = pj; k < j; k++) {
          zhLength += zh[k].length;
          zhAnchors.push(...zh[k].anchors);
        }
        // A sentence with no counterpart costs its prior only: Gale & Church's length term would
        // make a long omitted sentence dearer than pairing it with a wrong one.
        const length = bead.en === 0 || bead.zh === 0 ? 0 : lengthCost(enLength, zhLength, p);
        const c = prev + priorCost[b] + length + anchorCost(enAnchors, zhAnchors, p);
        if (c < best) {
          best = c;
          bestBead = b;
        }
      }
      cost[i * cols + j] = best;
      back[i * cols + j] = bestBead;
    }
  }
  const beads: Bead[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const b = BEADS[back[i * cols + j]];
    const pi = i - b.en;
    const pj = j - b.zh;
    beads.push({
      type: b.type,
      en: Array.from({ length: b.en }, (_, k) => pi + k),
      zh: Array.from({ length: b.zh }, (_, k) => pj + k),
      cost: cost[i * cols + j] - cost[pi * cols + pj],
    });
    i = pi;
    j = pj;
  }
  return beads.reverse();
}

// ---------------------------------------------------------------- anchors

const SYMBOL = /\b[A-Z]{1,6}(?:\/[A-Z0-9][A-Za-z0-9.-]*)+(?:\s*\(\d{4}\))?/g;
const NUMBER = /\d+(?:[,.\u00a0 ]\d{3})*(?:\.\d+)?/g;

/** Numbers and document symbols in a text, in a form both languages share. */
export function numberAndSymbolAnchors(text: string): string[] {
  const out: string[] = [];
  const rest = text.replace(SYMBOL, (m) => {
    out.push(`sym:${m.replace(/\s+/g, '').toUpperCase()}`);
    return ' ';
  });
  for (const m of rest.normalize('NFKC').matchAll(NUMBER)) out.push(`num:${m[0].replace(/[,\u00a0 ]/g, '')}`);
  return out;
}

/** Glossary terms with both a Chinese and an English form, found in either language. */
export class TermAnchors {
  private readonly en = new Map<string, Array<{ tokens: string[]; concept: number }>>();
  private readonly zh = new Map<string, Array<{ key: string; concept: number }>>();
  private size = 0;

  constructor(terms: Iterable<{ conceptId: number; key: string; lang: string; status?: string }>) {
    const byConcept = new Map<number, { en: string[]; zh: string[] }>();
    for (const t of terms) {
      if (t.status === 'deprecated') continue;
      const entry = byConcept.get(t.conceptId) ?? { en: [], zh: [] };
      if (t.lang === 'en') entry.en.push(t.key);
      else entry.zh.push(t.key);
      byConcept.set(t.conceptId, entry);
    }
    for (const [concept, forms] of byConcept) {
      if (forms.en.length === 0 || forms.zh.length === 0) continue;
      for (const key of forms.en) {
        const tokens = indexTokens(key).text;
        // Single short words (acronyms of two letters, "un") are too ambiguous to anchor on.
        if (tokens.length === 0 || (tokens.length === 1 && tokens[0].length < 3)) continue;
        const list = this.en.get(tokens[0]) ?? [];
        list.push({ tokens, concept });
        this.en.set(tokens[0], list);
      }
      for (const key of forms.zh) {
        const compact = key.replace(/\s+/g, '');
        if ([...compact].length < 2) continue;
        const head = compact.slice(0, 2);
        const list = this.zh.get(head) ?? [];
        list.push({ key: compact, concept });
        this.zh.set(head, list);
      }
      this.size++;
    }
  }

  static fromStore(store: Store): TermAnchors {
    return new TermAnchors(store.iterateTerms());
  }

  get concepts(): number {
    return this.size;
  }

  /** Concept ids whose terms occur in the text (each concept once per occurrence start). */
  find(text: string, lang: 'en' | 'zh'): string[] {
    if (this.size === 0) return [];
    const key = normalizeKey(text);
    const found = new Set<number>();
    if (lang === 'en') {
      const tokens = indexTokens(key).text;
      for (let i = 0; i < tokens.length; i++) {
        for (const cand of this.en.get(tokens[i]) ?? []) {
          if (cand.tokens.every((t, k) => tokens[i + k] === t)) found.add(cand.concept);
        }
      }
    } else {
      const compact = key.replace(/\s+/g, '');
      for (let i = 0; i + 1 < compact.length; i++) {
        for (const cand of this.zh.get(compact.slice(i, i + 2)) ?? []) {
          if (compact.startsWith(cand.key, i)) found.add(cand.concept);
        }
      }
    }
    return [...found].map((c) => `term:${c}`);
  }
}

// ---------------------------------------------------------------- documents

export interface AlignedPair {
  en: string;
  zh: string;
  type: BeadType;
  /** Position of the pair in the document (1-based). */
  position: number;
}

export interface AlignmentResult {
  pairs: AlignedPair[];
  /** Sentences left without a counterpart (1-0 and 0-1 beads). */
  unalignedEn: string[];
  unalignedZh: string[];
  paragraphs: { en: number; zh: number };
  sentences: { en: number; zh: number };
  beads: Record<BeadType, number>;
}

function nonSpaceLength(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\s/u.test(ch)) n++;
  return n;
}

function unit(text: string, lang: 'en' | 'zh', terms?: TermAnchors): AlignUnit {
  return { text, length: nonSpaceLength(text), anchors: [...numberAndSymbolAnchors(text), ...(terms?.find(text, lang) ?? [])] };
}

export interface AlignOptions {
  /** Glossary terms to use as anchors (TermAnchors.fromStore(store)). */
  terms?: TermAnchors;
}

/**
 * Aligns an English document with its Chinese version: paragraphs (non-blank lines) first, then
 * the sentences of each aligned group of paragraphs.
 */
export function alignDocuments(enText: string, zhText: string, options: AlignOptions = {}): AlignmentResult {
  const enParagraphs = splitParagraphs(enText);
  const zhParagraphs = splitParagraphs(zhText);
  const units = (p: string, lang: 'en' | 'zh') => mergeSoftSentences(splitSentences(p, lang), lang).map((s: Sentence) => unit(s.text, lang, options.terms));
  const enSentences = enParagraphs.map((p) => units(p, 'en'));
  const zhSentences = zhParagraphs.map((p) => units(p, 'zh'));
  const paragraphUnit = (sentences: AlignUnit[], text: string): AlignUnit => ({
    text,
    length: sentences.reduce((n, s) => n + s.length, 0),
    anchors: sentences.flatMap((s) => s.anchors),
  });
  const paragraphBeads = alignUnits(
    enParagraphs.map((p, i) => paragraphUnit(enSentences[i], p)),
    zhParagraphs.map((p, i) => paragraphUnit(zhSentences[i], p)),
  );

  const result: AlignmentResult = {
    pairs: [],
    unalignedEn: [],
    unalignedZh: [],
    paragraphs: { en: enParagraphs.length, zh: zhParagraphs.length },
    sentences: { en: enSentences.reduce((n, s) => n + s.length, 0), zh: zhSentences.reduce((n, s) => n + s.length, 0) },
    beads: { '1-1': 0, '1-0': 0, '0-1': 0, '2-1': 0, '1-2': 0 },
  };
  for (const pb of paragraphBeads) {
    const en = pb.en.flatMap((i) => enSentences[i]);
    const zh = pb.zh.flatMap((i) => zhSentences[i]);
    for (const bead of alignUnits(en, zh)) {
      result.beads[bead.type]++;
      const enPart = bead.en.map((i) => en[i].text);
      const zhPart = bead.zh.map((i) => zh[i].text);
      if (enPart.length === 0) result.unalignedZh.push(...zhPart);
      else if (zhPart.length === 0) result.unalignedEn.push(...enPart);
      else result.pairs.push({ en: enPart.join(' '), zh: joinChinese(zhPart), type: bead.type, position: result.pairs.length + 1 });
    }
  }
  return result;
}

/** Joins Chinese sentences: no space between Han text, one space where Latin text meets. */
function joinChinese(parts: string[]): string {
  let out = parts[0] ?? '';
  for (const p of parts.slice(1)) {
    const last = out.slice(-1);
    out += /[A-Za-z0-9]/.test(last) && /^[A-Za-z0-9]/.test(p) ? ` ${p}` : p;
  }
  return out;
}

/** True when the text looks Chinese (for choosing the side of a document pair). */
export function looksChinese(text: string): boolean {
  const sample = text.slice(0, 5000);
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0;
  return hasHan(sample) && han > sample.replace(/\s/g, '').length * 0.2;
}
