// Checking a translation against its source, segment by segment (an XLIFF file, or two aligned
// plain texts). Everything goes through checkDraft, the checker's public function:
//  - the Chinese rules run once on the whole target text, the segments one a line, so a name used
//    two ways in two segments, or a short form introduced three segments later, is still seen;
//  - missing-equivalent runs on each pair: an English glossary term in a source segment whose
//    official Chinese is absent from that segment's translation, reported with both segments.
// Every finding carries the segment id; its offsets point into that segment's text (the source's
// when `in` is "source"), and its line and column into the file.
import { InputError } from '../domain/types.js';
import { type CheckIssue, type CheckOptions, type CheckResult, type CheckSummary, checkDraft, selectRules } from './checker.js';
import type { TermIndex } from './term-index.js';

/** One side of a segment: its text and where it starts in the file. */
export interface SegmentText {
  text: string;
  line: number;
  column: number;
  /** Inline codes taken out of the text (XLIFF tags), with the offset where each stood. */
  codes?: Array<{ offset: number; element: string; id?: string }>;
}

export interface CheckSegment {
  id: string;
  source: SegmentText;
  /** null: not translated yet (skipped). */
  target: SegmentText | null;
}

export interface SegmentCheckOptions extends Omit<CheckOptions, 'source' | 'name'> {
  /** The target file (an XLIFF file, or the Chinese text). */
  name: string;
  /** The source file when it is another file (aligned texts); the same file for XLIFF. */
  sourceName: string;
  /**
   * Whether a column inside a segment can be added to the segment's column: true for plain text,
   * false for XLIFF (tags and entities sit between the element and the text).
   */
  exactColumns: boolean;
}

export interface SegmentIssue extends CheckIssue {
  segment: string;
}

export interface SegmentInfo {
  id: string;
  source: string;
  target: string | null;
  /** The inline codes of each side, when it had any (offsets into `source` / `target`). */
  sourceCodes?: SegmentText['codes'];
  targetCodes?: SegmentText['codes'];
}

export interface SegmentCheckResult extends CheckResult {
  issues: SegmentIssue[];
  summary: CheckSummary & { segments: { total: number; checked: number; untranslated: number; withFindings: number } };
  /** The segments that have findings, both sides, in file order. */
  segments: SegmentInfo[];
}

const BILINGUAL_RULE = 'missing-equivalent';

function severityRank(s: string): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : 2;
}

/** Checks the translated segments: the Chinese rules on the whole target, missing-equivalent pair by pair. */
export function checkSegments(index: TermIndex, segments: CheckSegment[], options: SegmentCheckOptions): SegmentCheckResult {
  const started = performance.now();
  const rules = selectRules(options.rules, options.disable).map((r) => r.id);
  const translated = segments.filter((s) => s.target !== null);
  // The target, one segment a line (a line break inside a segment is kept as a space).
  const starts: number[] = [];
  let joined = '';
  for (const s of translated) {
    starts.push(joined.length);
    joined += `${s.target!.text.replace(/[\r\n\u2028\u2029]/g, ' ')}\n`;
  }
  const targetRules = rules.filter((r) => r !== BILINGUAL_RULE);
  const ignore = options.ignore ? [...options.ignore] : undefined;
  // With missing-equivalent alone, the whole target is still scanned (for the concepts it names).
  const whole = checkDraft(index, joined, {
    name: options.name,
    ...(targetRules.length > 0 ? { rules: targetRules } : { disable: selectRules().map((r) => r.id) }),
    ignore,
  });

  const segmentOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const place = (side: SegmentText, offset: number) =>
    options.exactColumns ? { line: side.line, column: side.column + offset } : { line: side.line, column: side.column };

  const issues: SegmentIssue[] = [];
  for (const issue of whole.issues) {
    const i = segmentOf(issue.start);
    const seg = translated[i];
    const start = issue.start - starts[i];
    const end = Math.min(issue.end - starts[i], seg.target!.text.length);
    issues.push({ ...issue, start, end, ...place(seg.target!, start), segment: seg.id });
  }
  let ignored = whole.summary.ignored;
  if (rules.includes(BILINGUAL_RULE)) {
    for (const seg of translated) {
      const pair = checkDraft(index, seg.target!.text, { name: options.name, source: { text: seg.source.text, name: options.sourceName }, rules: [BILINGUAL_RULE], ignore });
      ignored += pair.summary.ignored;
      for (const issue of pair.issues) issues.push({ ...issue, ...place(seg.source, issue.start), segment: seg.id });
    }
  }
  const order = new Map(segments.map((s, i) => [s.id, i]));
  issues.sort(
    (a, b) =>
      order.get(a.segment)! - order.get(b.segment)! || Number(!!a.in) - Number(!!b.in) || a.start - b.start || severityRank(a.severity) - severityRank(b.severity) || a.rule.localeCompare(b.rule),
  );
  const withFindings = new Set(issues.map((i) => i.segment));
  const byRule: Record<string, number> = {};
  for (const r of rules) byRule[r] = 0;
  for (const i of issues) byRule[i.rule] = (byRule[i.rule] ?? 0) + 1;
  const summary = {
    ...whole.summary,
    name: options.name,
    source: options.sourceName,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    infos: issues.filter((i) => i.severity === 'info').length,
    total: issues.length,
    ignored,
    rules,
    byRule,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
    segments: { total: segments.length, checked: translated.length, untranslated: segments.length - translated.length, withFindings: withFindings.size },
  };
  return {
    issues,
    summary,
    concepts: whole.concepts,
    segments: segments
      .filter((s) => withFindings.has(s.id))
      .map((s) => ({
        id: s.id,
        source: s.source.text,
        target: s.target?.text ?? null,
        ...(s.source.codes?.length ? { sourceCodes: s.source.codes } : {}),
        ...(s.target?.codes?.length ? { targetCodes: s.target.codes } : {}),
      })),
  };
}

/** "3 of 4 segments checked (1 not translated yet)": the line text reports end with. */
export function segmentCounts(counts: SegmentCheckResult['summary']['segments']): string {
  return `${counts.checked} of ${counts.total} segments checked${counts.untranslated > 0 ? ` (${counts.untranslated} not translated yet)` : ''}`;
}

/** Refuses a bilingual file whose target is not Chinese: the checker reads Chinese. */
export function checkTargetLanguage(targetLang: string | null, targetTag: string | null, name: string): void {
  if (targetTag !== null && targetLang !== 'zh-Hans' && targetLang !== 'zh-Hant') {
    throw new InputError(`${name}: the target language is ${targetTag}; the checker reads Chinese targets (zh, zh-CN, zh-Hans …)`);
  }
}
