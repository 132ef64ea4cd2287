// Exporting the glossary: user filter values checked and turned into a store filter, and the
// filtered concepts streamed out of the store in any format of src/formats/registry.ts.
import type { ExchangeConcept } from '../domain/exchange.js';
import {
  type Category,
  type ReviewStatus,
  type TermStatus,
  CATEGORIES,
  InputError,
  REVIEW_STATUSES,
  TERM_STATUSES,
} from '../domain/types.js';
import { type ExportFormat, type FormatInfo, FORMATS, type GlossaryChunks, isBinaryFormat, writeGlossary } from '../formats/registry.js';
import { type ExportFilter, ExchangeRepository } from '../store/exchange-repository.js';
import type { Store } from '../store/repository.js';

export interface ExportFilterInput {
  category?: string | readonly string[];
  status?: string | readonly string[];
  since?: string;
}

function listOf(v: string | readonly string[] | undefined): string[] {
  if (v === undefined) return [];
  return (typeof v === 'string' ? [v] : [...v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

/**
 * Turns user filter values into an ExportFilter. `status` takes concept review statuses
 * (approved, candidate, rejected: without one, rejected concepts are left out) and term statuses
 * (preferred, admitted, deprecated); `since` a date or
 * ISO timestamp. Throws InputError naming the bad value.
 */
export function parseExportFilter(input: ExportFilterInput): ExportFilter {
  const filter: ExportFilter = {};
  const categories = listOf(input.category);
  for (const c of categories) {
    if (!(CATEGORIES as readonly string[]).includes(c)) throw new InputError(`unknown category "${c}" (one of ${CATEGORIES.join(', ')})`);
  }
  if (categories.length > 0) filter.categories = categories as Category[];
  const reviews: ReviewStatus[] = [];
  const terms: TermStatus[] = [];
  for (const s of listOf(input.status)) {
    if ((REVIEW_STATUSES as readonly string[]).includes(s)) reviews.push(s as ReviewStatus);
    else if ((TERM_STATUSES as readonly string[]).includes(s)) terms.push(s as TermStatus);
    else throw new InputError(`unknown status "${s}" (one of ${[...REVIEW_STATUSES, ...TERM_STATUSES].join(', ')})`);
  }
  // Rejected candidates are kept for the review queue, not offered to other tools: exported only on request.
  filter.reviewStatuses = reviews.length > 0 ? reviews : REVIEW_STATUSES.filter((s) => s !== 'rejected');
  if (terms.length > 0) filter.termStatuses = terms;
  if (input.since !== undefined && input.since.trim() !== '') {
    const s = input.since.trim();
    const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00.000Z`) : /^\d{4}-\d{2}-\d{2}T/.test(s) ? new Date(s) : new Date(NaN);
    if (Number.isNaN(d.getTime())) throw new InputError(`--since needs a date like 2025-01-31 (or an ISO timestamp), not "${s}"`);
    filter.since = d.toISOString();
  }
  return filter;
}

export interface ExportResult {
  info: FormatInfo;
  /** Chunks of the file (text, or bytes for .xlsx), produced as they are read; iterate once. */
  chunks: GlossaryChunks;
  /** Filled in while `chunks` is consumed. */
  stats: { concepts: number };
}

/** Streams the glossary (or the part the filter selects) in the given format. */
export function exportGlossary(store: Store, format: ExportFormat, filter: ExportFilter = {}): ExportResult {
  const repo = ExchangeRepository.of(store);
  const stats = { concepts: 0 };
  function* counted(): Generator<ExchangeConcept> {
    for (const c of repo.exportConcepts(filter)) {
      stats.concepts++;
      yield c;
    }
  }
  const chunks = writeGlossary(format, counted(), { hasTarget: repo.targetChecker(filter) });
  return { info: FORMATS[format], chunks, stats };
}

/** The whole export as one string (tests, small exports; text formats only). */
export function exportToString(store: Store, format: ExportFormat, filter: ExportFilter = {}): string {
  if (isBinaryFormat(format)) throw new InputError(`${format} is not a text format; use exportToBuffer`);
  return [...(exportGlossary(store, format, filter).chunks as Generator<string>)].join('');
}

/** The whole export as bytes, any format (tests, small exports). */
export async function exportToBuffer(store: Store, format: ExportFormat, filter: ExportFilter = {}): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of exportGlossary(store, format, filter).chunks) parts.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return Buffer.concat(parts);
}
