// The draft checker: scan the draft (and the English source in bilingual mode) once, run the
// enabled rules, give every finding a stable id, a line and a column, drop the ignored ones,
// and group the occurrences by concept. The CLI, the API and the tests all call checkDraft.
import { createHash } from 'node:crypto';
import { InputError } from '../domain/types.js';
import type { Store } from '../store/repository.js';
import { LineIndex, REGION, computeRegions } from './regions.js';
import type { CheckInput, RuleFinding, ScannedText, Severity, Rule } from './rule.js';
import { RULES, RULE_IDS } from './rules/index.js';
import { scanText } from './scan.js';
import type { TermIndex } from './term-index.js';
import { termIndexFor } from './live-index.js';

export interface CheckIssue {
  /** Stable id (rule:hash of the form and its surroundings), for ignoring. */
  id: string;
  rule: string;
  severity: Severity;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** 1-based line and column (UTF-16 units). */
  line: number;
  column: number;
  text: string;
  message: string;
  suggestion: string | null;
  conceptId: number | null;
  /** Present (and 'source') when the offsets point into the English source, not the draft. */
  in?: 'source';
  /** Bilingual files (check/segments.ts): the trans-unit or unit id; offsets are then into that segment's text. */
  segment?: string;
}

export interface ConceptUsage {
  conceptId: number;
  extId: string | null;
  category: string;
  reviewStatus: string;
  /** The official Chinese and English forms (null when the concept has none reviewed). */
  official: string | null;
  english: string | null;
  /** Every occurrence in the draft, near-misses included. */
  occurrences: number;
  forms: Array<{ text: string; count: number; status: string; type: string; reviewed: boolean }>;
  nearMisses: number;
}

export interface CheckSummary {
  name: string;
  source: string | null;
  characters: number;
  errors: number;
  warnings: number;
  infos: number;
  total: number;
  ignored: number;
  rules: string[];
  byRule: Record<string, number>;
  concepts: number;
  occurrences: number;
  nearMisses: number;
  elapsedMs: number;
}

export interface CheckResult {
  issues: CheckIssue[];
  summary: CheckSummary;
  concepts: ConceptUsage[];
}

export interface CheckOptions {
  /** The draft's name in reports (file name). */
  name?: string;
  /** The English source, for bilingual rules. */
  source?: { text: string; name: string };
  /** Run only these rules. */
  rules?: readonly string[];
  /** Do not run these rules. */
  disable?: readonly string[];
  /** Finding ids to leave out of the report. */
  ignore?: Iterable<string>;
}

export const MAX_CHECK_CHARS = 5_000_000;

/** The rules a run uses, after --rules / --disable; unknown ids are an InputError. */
export function selectRules(rules?: readonly string[], disable?: readonly string[]): Rule[] {
  for (const id of [...(rules ?? []), ...(disable ?? [])]) {
    if (!RULE_IDS.includes(id)) throw new InputError(`unknown rule "${id}"; rules: ${RULE_IDS.join(', ')}`);
  }
  const only = rules && rules.length > 0 ? new Set(rules) : null;
  const off = new Set(disable ?? []);
  return RULES.filter((r) => (!only || only.has(r.id)) && !off.has(r.id));
}

function scanned(index: TermIndex, text: string, name: string): ScannedText {
  const scan = scanText(index, text);
  const regions = computeRegions(text);
  // Nothing inside a web or mail address is a name.
  const inUrl = (o: { start: number }) => (regions[o.start] & REGION.url) !== 0;
  scan.occurrences = scan.occurrences.filter((o) => !inUrl(o));
  scan.nearMisses = scan.nearMisses.filter((m) => !inUrl(m));
  return { name, text, scan, regions };
}

/** Checks a draft against the store's terms (the index is cached per store). */
export function checkDraftInStore(store: Store, text: string, options: CheckOptions = {}): CheckResult {
  return checkDraft(termIndexFor(store), text, options);
}

export function checkDraft(index: TermIndex, text: string, options: CheckOptions = {}): CheckResult {
  const started = performance.now();
  if (typeof text !== 'string') throw new InputError('the draft must be text');
  if (text.length > MAX_CHECK_CHARS) throw new InputError(`the draft has ${text.length} characters; the checker takes at most ${MAX_CHECK_CHARS}`);
  if (options.source && options.source.text.length > MAX_CHECK_CHARS) {
    throw new InputError(`the source has ${options.source.text.length} characters; the checker takes at most ${MAX_CHECK_CHARS}`);
  }
  const rules = selectRules(options.rules, options.disable);
  const name = options.name ?? 'draft';
  const input: CheckInput = {
    draft: scanned(index, text, name),
    source: options.source ? scanned(index, options.source.text, options.source.name) : undefined,
    index,
    data: index.data,
  };

  const ignore = new Set(options.ignore ?? []);
  const draftLines = new LineIndex(text);
  const sourceLines = input.source ? new LineIndex(input.source.text) : undefined;
  const issues: CheckIssue[] = [];
  const idCount = new Map<string, number>();
  let ignored = 0;
  const found: Array<{ rule: Rule; f: RuleFinding }> = [];
  for (const rule of rules) {
    if (rule.needsSource && !input.source) continue;
    for (const f of rule.check(input)) found.push({ rule, f });
  }
  for (const { rule, f } of onePerSpan(found, text.length)) {
    const inSource = f.in === 'source';
    const where = inSource ? input.source!.text : text;
    const issue = toIssue(rule, f, where, inSource ? sourceLines! : draftLines, idCount);
    if (ignore.has(issue.id)) {
      ignored++;
      continue;
    }
    issues.push(issue);
  }
  issues.sort((a, b) => Number(!!a.in) - Number(!!b.in) || a.start - b.start || a.end - b.end || severityRank(a.severity) - severityRank(b.severity) || a.rule.localeCompare(b.rule));

  const byRule: Record<string, number> = {};
  for (const r of rules) byRule[r.id] = 0;
  for (const i of issues) byRule[i.rule] = (byRule[i.rule] ?? 0) + 1;
  const concepts = conceptUsage(input);
  const summary: CheckSummary = {
    name,
    source: input.source?.name ?? null,
    characters: text.length,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    infos: issues.filter((i) => i.severity === 'info').length,
    total: issues.length,
    ignored,
    rules: rules.filter((r) => !r.needsSource || input.source).map((r) => r.id),
    byRule,
    concepts: concepts.length,
    occurrences: input.draft.scan.occurrences.length,
    nearMisses: input.draft.scan.nearMisses.length,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  };
  return { issues, summary, concepts };
}

/**
 * One finding per slip: of findings over overlapping stretches of the draft, the most severe is
 * kept (then the first rule in RULES order), so one place never gets two findings with two
 * different suggestions (联合国难民署: a hybrid, not also a short form to introduce).
 */
function onePerSpan(found: Array<{ rule: Rule; f: RuleFinding }>, length: number): Array<{ rule: Rule; f: RuleFinding }> {
  const order = (x: { rule: Rule; f: RuleFinding }) => severityRank(x.f.severity ?? x.rule.defaultSeverity) * 100 + RULES.indexOf(x.rule);
  const ranked = found.map((x, i) => ({ x, i, rank: order(x) })).sort((a, b) => a.rank - b.rank || a.i - b.i);
  const used = new Uint8Array(length + 1);
  const keep = new Set<number>();
  for (const { x, i } of ranked) {
    if (x.f.in === 'source') {
      keep.add(i);
      continue;
    }
    const end = Math.max(x.f.end, x.f.start + 1);
    if (used.subarray(x.f.start, end).includes(1)) continue;
    used.fill(1, x.f.start, end);
    keep.add(i);
  }
  return found.filter((_, i) => keep.has(i));
}

function severityRank(s: Severity): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : 2;
}

const CONTEXT = 12;

function toIssue(rule: Rule, f: RuleFinding, text: string, lines: LineIndex, idCount: Map<string, number>): CheckIssue {
  const span = f.text ?? text.slice(f.start, f.end);
  // The id hashes the rule, the form and the text around it; equal contexts are numbered.
  const context = `${rule.id}\u0000${span}\u0000${text.slice(Math.max(0, f.start - CONTEXT), f.start)}\u0000${text.slice(f.end, f.end + CONTEXT)}\u0000${f.in ?? ''}`;
  const n = idCount.get(context) ?? 0;
  idCount.set(context, n + 1);
  const id = `${rule.id}:${createHash('sha1').update(`${context}\u0000${n}`).digest('hex').slice(0, 10)}`;
  const { line, column } = lines.position(f.start);
  const issue: CheckIssue = {
    id,
    rule: rule.id,
    severity: f.severity ?? rule.defaultSeverity,
    start: f.start,
    end: f.end,
    line,
    column,
    text: span,
    message: f.message,
    suggestion: f.suggestion,
    conceptId: f.conceptId,
  };
  if (f.in === 'source') issue.in = 'source';
  return issue;
}

/** Every occurrence in the draft, grouped by concept, most used first. */
function conceptUsage(input: CheckInput): ConceptUsage[] {
  const out = new Map<number, ConceptUsage>();
  const usage = (c: CheckInput['draft']['scan']['occurrences'][number]['concept']) => {
    let u = out.get(c.id);
    if (!u) {
      u = {
        conceptId: c.id,
        extId: c.extId,
        category: c.category,
        reviewStatus: c.reviewStatus,
        official: c.zhFull?.text ?? null,
        english: c.enFull?.text ?? null,
        occurrences: 0,
        forms: [],
        nearMisses: 0,
      };
      out.set(c.id, u);
    }
    return u;
  };
  // Forms by concept and text (maps: a draft may hold many thousands of distinct forms).
  const forms = new Map<ConceptUsage, Map<string, ConceptUsage['forms'][number]>>();
  const count = (u: ConceptUsage, text: string, make: () => ConceptUsage['forms'][number]) => {
    let byText = forms.get(u);
    if (!byText) forms.set(u, (byText = new Map()));
    const form = byText.get(text);
    if (form) {
      form.count++;
    } else {
      const made = make();
      byText.set(text, made);
      u.forms.push(made);
    }
  };
  for (const o of input.draft.scan.occurrences) {
    const u = usage(o.concept);
    u.occurrences++;
    count(u, o.text, () => ({ text: o.text, count: 1, status: o.term.status, type: o.term.type, reviewed: o.term.trusted }));
  }
  for (const m of input.draft.scan.nearMisses) {
    const u = usage(m.concept);
    u.occurrences++;
    u.nearMisses++;
    count(u, m.text, () => ({ text: m.text, count: 1, status: 'near-miss', type: 'near-miss', reviewed: false }));
  }
  for (const u of out.values()) u.forms.sort((a, b) => b.count - a.count);
  return [...out.values()].sort((a, b) => b.occurrences - a.occurrences || a.conceptId - b.conceptId);
}
