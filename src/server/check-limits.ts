// What one draft check over HTTP may cost: how many findings an answer carries, which drafts are
// checked on the event loop and which in the worker (check-runner.ts), and the worker's limits.
import type { BilingualCheckOptions, BilingualInput } from '../check/bilingual.js';
import type { CheckOptions, CheckResult } from '../check/checker.js';
import type { SegmentCheckResult } from '../check/segments.js';

/** Findings in one answer; the summary still counts them all (`omittedIssues` says how many were left out). */
export const MAX_ISSUES_PER_ANSWER = 5_000;
/**
 * Drafts up to this many characters (draft + source) are checked on the event loop: a page or
 * two, a few milliseconds even when hostile. Larger ones go to the worker thread.
 */
export const INLINE_CHECK_CHARS = 4_000;
/**
 * Share of the event loop one client address may spend on checks: milliseconds of checking per
 * second, with a burst allowance. A hostile page of near-misses costs tens of milliseconds where
 * a real paragraph costs two; past its share a client gets 429 until the share refills.
 */
export const CHECK_LOOP_MS_PER_SECOND = 500;
/** The burst a client may spend at once: this many seconds of its share. */
export const CHECK_LOOP_BURST_SECONDS = 4;
/** Heap of the checker worker (its index of the store's terms and one draft's scan). */
export const CHECK_WORKER_MEMORY_MB = 512;
/** Large drafts waiting for the worker, all clients together; one each per client. */
export const MAX_QUEUED_CHECKS = 4;

/** How long the worker may take over a draft: generous for real text, a bound for hostile text. */
export function checkTimeLimitMs(chars: number): number {
  return 5_000 + Math.ceil(chars / 100_000) * 2_000;
}

/** What the worker is asked to check: a draft, or a bilingual input (read in the worker too). */
export type CheckJob =
  | { kind: 'draft'; text: string; options: CheckOptions; maxIssues: number }
  | { kind: 'bilingual'; input: BilingualInput; options: BilingualCheckOptions; maxIssues: number };

export interface CappedCheckResult extends CheckResult {
  /** Findings counted in the summary but left out of `issues` (past MAX_ISSUES_PER_ANSWER). */
  omittedIssues: number;
}

/** The result with at most `maxIssues` findings (the first, in reading order). */
export function capCheckResult(result: CheckResult, maxIssues: number): CappedCheckResult {
  const omittedIssues = Math.max(0, result.issues.length - maxIssues);
  return { ...result, issues: omittedIssues ? result.issues.slice(0, maxIssues) : result.issues, omittedIssues };
}

export interface CappedSegmentCheckResult extends SegmentCheckResult {
  omittedIssues: number;
  /** Notices that do not stop the check (a source that is not English). */
  notices: string[];
}

/** A bilingual result with at most `maxIssues` findings, and only the segments those findings name. */
export function capSegmentCheckResult(result: SegmentCheckResult & { notices: string[] }, maxIssues: number): CappedSegmentCheckResult {
  const omittedIssues = Math.max(0, result.issues.length - maxIssues);
  if (!omittedIssues) return { ...result, omittedIssues };
  const issues = result.issues.slice(0, maxIssues);
  const kept = new Set(issues.map((i) => i.segment));
  return { ...result, issues, segments: result.segments.filter((s) => kept.has(s.id)), omittedIssues };
}
