// A Chinese name with a Latin-script acronym or name in brackets, and the reverse gloss:
//   国际标准化组织（ISO）, 二十国集团（G20）, 2019 冠状病毒病(COVID-19)
//   跨太平洋伙伴关系协议/全面与进步跨太平洋伙伴关系协定（TPP/CPTPP）  paired forms, split at the slash
//   区域全面经济伙伴关系（RCEP，目前已签署…）                         a comment after the acronym
//   《中欧全面投资协定》（CAI）                                         a title before the bracket
//   喀麦隆社区倡议小组(Groupe d'Initiative Commune Cadire)             a name in another language
//   BASIS[孟加拉国软件和信息服务协会], B2C[企业对消费者]                 acronym first, Chinese in brackets
//   “2030 Connect”(“连通 2030”)                                       an English name with its Chinese
//
// Nothing in an acronym tells where its Chinese name begins, so the left boundary comes from the
// reference glossary when it knows the acronym (a name it lists, or a near-miss of one:
// 国际货币组织（IMF）), and otherwise from boundary.ts: hard stops, boundary words, numbers only
// when the acronym carries them, leading modifiers stripped (巨型自由贸易协定（FTA）→ 自由贸易协定).
import { normalizeWithOffsets } from '../domain/normalize.js';
import { termKey } from './occurrences.js';
import type { Lang } from '../domain/types.js';
import { countHan, findNameStart, segmentStart, trimEnd } from './boundary.js';
import type { BracketGroup } from './brackets.js';
import { categoryOfName } from './categories.js';
import { type PreparedDocument, displayForm, isHardStop } from './document.js';
import { lexicon, nameSuffixOf } from './lexicon.js';
import { type KnownMatch, type ReferenceIndex, nearMissDistance, stripTitleMarks } from './reference.js';
import { referenceNameStart } from './short-forms.js';
import type { Candidate, CandidateTerm } from './types.js';

const ACRONYM_PART = /^[A-Za-z0-9]+(?:[-&.+][A-Za-z0-9]+)*$/;
const ACRONYM_HEAD = /^([A-Za-z0-9][A-Za-z0-9&.+-]*(?:\/[A-Za-z0-9][A-Za-z0-9&.+-]*)*)\s*(?:[，,；;：:]\s*(.*))?$/su;
/** Lower-case words names in Latin script hold (Forum for Social Studies, Companhia de Pesquisa de Recursos). */
const LATIN_NAME_CONNECTORS = new Set(['of', 'for', 'and', 'the', 'on', 'in', 'to', 'de', 'des', 'du', 'la', 'le', 'les', 'et', 'da', 'do', 'dos', 'das', 'del', 'y', 'e', 'für', 'und']);
const LATIN_NAME = /^[A-Za-z][A-Za-z0-9 '’.,&-]*[A-Za-z0-9.)]$/;

/** An acronym: at least two capitals (ISO, COVID-19, GSR-20, CPTPP), or a capital and digits (G20). */
export function isAcronym(s: string): boolean {
  if (!ACRONYM_PART.test(s) || s.length > 16) return false;
  const capitals = (s.match(/[A-Z]/g) ?? []).length;
  const lower = (s.match(/[a-z]/g) ?? []).length;
  if (lower > capitals) return false;
  return capitals >= 2 || (capitals === 1 && /^[A-Z]\d{1,3}$/.test(s));
}

/** "C1" … "C11", "G20": one capital and digits is a list code unless the name is a group (集团). */
function isItemCode(acronym: string): boolean {
  return /^[A-Z]\d{1,3}$/.test(acronym);
}

/**
 * A Latin-script name in brackets is the name of the Chinese before it when one of them shows a
 * name's head (喀麦隆社区倡议小组(Groupe d'Initiative …), …(Forum for Social Studies)); a person's
 * name (约翰·史密斯(John Smith)) or a place shows none, and is no alias.
 */
function namesAnInstitution(zh: string, latin: string): boolean {
  // A phrase with ordinary words in lower case is a gloss or a remark (in Spanish only), not a name.
  // (An elided article goes with its word: d'Initiative.)
  const ordinary = (w: string) => /^[a-z]/.test(w.replace(/^[dl]['’]/, '')) && !LATIN_NAME_CONNECTORS.has(w.toLowerCase());
  if (latin.split(/\s+/).some(ordinary)) return false;
  if (nameSuffixOf(zh) || lexicon().nameHeads.some((h) => zh.endsWith(h.head))) return true;
  const words = new Set(latin.toLowerCase().split(/[^a-z]+/));
  return lexicon().allHeads.some((h) => h.english.some((e) => e.toLowerCase().split(/\s+/).every((w) => words.has(w) || words.has(`${w}s`))));
}

/** The language of a bracketed Latin-script name: English, or another language kept as a note. */
function latinNameLang(name: string): Lang | 'other' {
  const words = name.toLowerCase().split(/[\s]+/);
  const markers = lexicon().foreignMarkers;
  if (words.some((w) => markers.has(w) || [...markers].some((m) => m.endsWith("'") && w.startsWith(m)))) return 'other';
  return /[àâçéèêëîïôûùüÿñæœ]/i.test(name) ? 'other' : 'en';
}

interface NameSpan {
  start: number;
  end: number;
  /** Set when the reference glossary fixed the boundary by a near-miss of one of its names. */
  nearMiss?: { official: string; distance: number };
}

/** The Chinese name ending before a bracket that holds `acronym`. */
function nameBefore(doc: PreparedDocument, open: number, acronym: string | undefined, ref: ReferenceIndex): NameSpan | undefined {
  const { text } = doc;
  const end = trimEnd(text, open);
  if (end === 0) return undefined;
  if (text[end - 1] === '》') {
    const start = text.lastIndexOf('《', end - 1);
    if (start < 0 || end - start > 82 || text.slice(start, end).includes('\n')) return undefined;
    return { start, end };
  }
  if (isHardStop(doc, end - 1)) return undefined;
  if (acronym) {
    const key = termKey(acronym);
    const owners = new Set(ref.lookup(key).filter((m) => m.term.lang === 'en').map((m) => m.concept));
    if (owners.size > 0) {
      const owned = (m: KnownMatch) => owners.has(m.concept);
      const start = referenceNameStart(doc, end, ref, owned);
      if (start !== undefined) return { start, end };
      const near = nearMissBefore(doc, end, [...owners].flatMap((c) => c.terms.filter((t) => t.lang === 'zh-Hans').map((t) => stripTitleMarks(t.key))));
      if (near) return near;
    }
  }
  const digits = acronym ? /(\d+)$/.exec(acronym)?.[1] : undefined;
  const start = findNameStart(doc, end, { acronymDigits: digits, stripModifiers: true, stopsAt: clauseConjunction });
  return start === undefined ? undefined : { start, end };
}

/**
 * A conjunction of clauses (只要, 但, 而, 或者) is no part of a name before an acronym: 和 与 及 join a
 * name's parts. (Verbs are: jieba tags heads and parts of names as verbs, 组织, 协定, 跨, 解决.)
 */
function clauseConjunction(word: string, tag: string): boolean {
  return tag === 'c' && !['和', '与', '及'].includes(word);
}

/** A stretch ending at `end` that is one or two characters away from one of the official names. */
function nearMissBefore(doc: PreparedDocument, end: number, officials: string[]): NameSpan | undefined {
  const from = segmentStart(doc, end);
  const norm = normalizeWithOffsets(doc.text.slice(from, end));
  let best: NameSpan | undefined;
  for (const official of officials) {
    for (let len = Math.max(2, official.length - 2); len <= Math.min(norm.text.length, official.length + 2); len++) {
      const tail = norm.text.slice(norm.text.length - len);
      if (tail[tail.length - 1] !== official[official.length - 1]) continue;
      const distance = nearMissDistance(tail, official);
      if (distance === undefined) continue;
      if (!best || distance < best.nearMiss!.distance) {
        best = { start: from + norm.offsets[norm.text.length - len], end, nearMiss: { official, distance } };
      }
    }
  }
  return best;
}

function termOf(doc: PreparedDocument, start: number, end: number, lang: Lang, type: CandidateTerm['type']): CandidateTerm {
  return { text: displayForm(doc.text.slice(start, end)), lang, type, start, end };
}

export function extractAcronyms(doc: PreparedDocument, groups: BracketGroup[], ref: ReferenceIndex): Candidate[] {
  const out: Candidate[] = [];
  for (const g of groups) {
    const lead = g.inner.length - g.inner.trimStart().length;
    const inner = g.inner.trim();
    if (!inner || doc.masked[g.open + 1 + lead]) continue;
    const gloss = glossPair(doc, g, inner, lead);
    if (gloss) {
      out.push(gloss);
      continue;
    }
    const head = ACRONYM_HEAD.exec(inner);
    if (head?.[1].split('/').every(isAcronym)) {
      out.push(...acronymPairs(doc, g, head[1], lead, ref));
      continue;
    }
    if (LATIN_NAME.test(inner) && inner.includes(' ') && !isAcronym(inner.replace(/\s+/g, ''))) {
      const name = nameBefore(doc, g.open, undefined, ref);
      if (!name) continue;
      const zh = termOf(doc, name.start, name.end, 'zh-Hans', 'fullForm');
      if (!namesAnInstitution(zh.text, inner)) continue;
      const lang = latinNameLang(inner);
      const candidate: Candidate = { extractor: 'acronym', category: categoryOfName(zh.text), doc: doc.index, start: name.start, end: g.close + 1, terms: [zh] };
      if (lang === 'other') candidate.otherName = inner;
      else candidate.terms.push({ text: inner, lang: 'en', type: 'fullForm', start: g.open + 1 + lead, end: g.open + 1 + lead + inner.length });
      out.push(candidate);
    }
  }
  return out;
}

function acronymPairs(doc: PreparedDocument, g: BracketGroup, head: string, lead: number, ref: ReferenceIndex): Candidate[] {
  const acronyms = head.split('/');
  const name = nameBefore(doc, g.open, acronyms.length === 1 ? acronyms[0] : undefined, ref);
  if (!name) return [];
  const { text } = doc;
  // Paired forms: as many names, split at the slashes, as acronyms.
  const cuts = [name.start];
  if (acronyms.length > 1) {
    for (let i = name.start; i < name.end; i++) if (text[i] === '/' || text[i] === '／') cuts.push(i + 1);
    if (cuts.length !== acronyms.length) return [];
  }
  const out: Candidate[] = [];
  let acrPos = g.open + 1 + lead;
  acronyms.forEach((acronym, i) => {
    const start = cuts[i];
    const end = i + 1 < cuts.length ? cuts[i + 1] - 1 : name.end;
    const zh = termOf(doc, start, trimEnd(text, end), 'zh-Hans', 'fullForm');
    const acr: CandidateTerm = { text: acronym, lang: 'en', type: 'acronym', start: acrPos, end: acrPos + acronym.length };
    acrPos += acronym.length + 1;
    if (countHan(zh.text) < 2) return;
    if (isItemCode(acronym) && !/集团$/u.test(zh.text)) return;
    if (name.nearMiss && acronyms.length === 1) {
      zh.type = 'variant';
      zh.status = 'deprecated';
      zh.note = `near-miss of the official name ${name.nearMiss.official}`;
    }
    out.push({ extractor: 'acronym', category: categoryOfName(zh.text), doc: doc.index, start, end: g.close + 1, terms: [zh, acr] });
  });
  return out;
}

/**
 * Chinese in brackets after Latin script: BASIS[孟加拉国软件和信息服务协会] (acronym + its Chinese
 * name), “2030 Connect”(“连通 2030”) (an English name + its Chinese name).
 */
function glossPair(doc: PreparedDocument, g: BracketGroup, inner: string, lead: number): Candidate | undefined {
  const { text } = doc;
  const quoted = /^[“"]([^”"]+)[”"]$/u.exec(inner);
  const zhText = quoted ? quoted[1] : inner;
  if (!/^[\p{Script=Han}·\s\dA-Za-z]{2,40}$/u.test(zhText) || countHan(zhText) < 2) return undefined;
  const zhStart = g.open + 1 + lead + (quoted ? 1 : 0);
  const zh: CandidateTerm = { text: displayForm(zhText), lang: 'zh-Hans', type: 'fullForm', start: zhStart, end: zhStart + zhText.length };
  const before = text.slice(Math.max(0, g.open - 60), g.open);
  const acr = /(?:^|[^A-Za-z0-9])([A-Za-z][A-Za-z0-9&-]*)$/.exec(before);
  if (acr && isAcronym(acr[1])) {
    const start = g.open - acr[1].length;
    return {
      extractor: 'acronym',
      category: categoryOfName(zh.text, 'concept'),
      doc: doc.index,
      start,
      end: g.close + 1,
      terms: [zh, { text: acr[1], lang: 'en', type: 'acronym', start, end: g.open }],
    };
  }
  const en = /[“"]([A-Za-z0-9][A-Za-z0-9 '’.&-]*)[”"]$/.exec(before);
  if (quoted && en) {
    const start = g.open - en[0].length + 1;
    return {
      extractor: 'acronym',
      category: categoryOfName(zh.text),
      doc: doc.index,
      start: start - 1,
      end: g.close + 1,
      terms: [zh, { text: en[1], lang: 'en', type: 'fullForm', start, end: start + en[1].length }],
    };
  }
  return undefined;
}
