// The bilingual input of a check, read into segments: an XLIFF file (1.2 or 2.x) or two aligned
// plain texts. One reader for the CLI (check FILE.xlf, check --source EN --target ZH), the API and
// the Check page, so all three read the same file into the same segments and the same notices.
import { type BilingualSegment, alignedLines, readXliff } from '../formats/xliff.js';
import type { XmlSource } from '../formats/xml.js';
import type { Store } from '../store/repository.js';
import { type CheckSegment, type SegmentCheckOptions, type SegmentCheckResult, checkSegments, checkTargetLanguage } from './segments.js';
import { termIndexFor } from './live-index.js';

/** File names read as XLIFF (Trados .sdlxliff and memoQ .mqxliff are XLIFF 1.2). */
export const XLIFF_FILE = /\.(xlf|xliff|sdlxliff|mqxliff)$/i;

export type BilingualInput =
  | { kind: 'xliff'; name: string; data: XmlSource }
  | { kind: 'aligned'; source: string; target: string; sourceName: string; targetName: string };

export interface BilingualRead {
  segments: CheckSegment[];
  /** The target file (the XLIFF file, or the Chinese text) and the source file. */
  name: string;
  sourceName: string;
  /** Plain text: a column inside a segment adds to the segment's column (not so in XLIFF). */
  exactColumns: boolean;
  /** What the user should know but that does not stop the check (a source not in English). */
  notices: string[];
}

export function toCheckSegments(segments: BilingualSegment[]): CheckSegment[] {
  return segments.map((s) => ({
    id: s.id,
    source: { text: s.source.text, line: s.source.line, column: s.source.column, codes: s.source.codes },
    target: s.target ? { text: s.target.text, line: s.target.line, column: s.target.column, codes: s.target.codes } : null,
  }));
}

/** Reads the segments; a malformed file, a target that is not Chinese or misaligned texts are InputErrors. */
export async function readBilingual(input: BilingualInput): Promise<BilingualRead> {
  if (input.kind === 'aligned') {
    const segments = alignedLines(input.source, input.target, { source: input.sourceName, target: input.targetName });
    return { segments: toCheckSegments(segments), name: input.targetName, sourceName: input.sourceName, exactColumns: true, notices: [] };
  }
  const doc = await readXliff(input.data, { fileName: input.name });
  checkTargetLanguage(doc.targetLang, doc.targetLanguage, input.name);
  const notices =
    doc.sourceLanguage && doc.sourceLang !== 'en' ? [`${input.name}: the source language is ${doc.sourceLanguage}; missing-equivalent looks for English glossary terms only`] : [];
  return { segments: toCheckSegments(doc.segments), name: input.name, sourceName: input.name, exactColumns: false, notices };
}

export type BilingualCheckOptions = Omit<SegmentCheckOptions, 'name' | 'sourceName' | 'exactColumns'>;

/** Reads and checks a bilingual input against the store's terms. */
export async function checkBilingualInStore(store: Store, input: BilingualInput, options: BilingualCheckOptions = {}): Promise<SegmentCheckResult & { notices: string[] }> {
  const read = await readBilingual(input);
  const result = checkSegments(termIndexFor(store), read.segments, { ...options, name: read.name, sourceName: read.sourceName, exactColumns: read.exactColumns });
  return { ...result, notices: read.notices };
}
