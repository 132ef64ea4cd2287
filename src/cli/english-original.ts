// The English originals of reports given with --en (extract, ingest): each read, checked and
// aligned sentence by sentence with its Chinese version by the TM aligner, so extraction can read
// the English names of new bodies in them (src/extract/english.ts).
import path from 'node:path';
import { InputError } from '../domain/types.js';
import type { SentencePair } from '../extract/english.js';
import type { ReferenceIndex } from '../extract/reference.js';
import { readTextFile } from '../io/text.js';
import { TermAnchors, alignDocuments, looksChinese } from '../tm/align.js';
import { type CommandContext, UsageError } from './command.js';

/** The --en files, one per Chinese file and in the same order, or none. */
export function englishFiles(ctx: CommandContext): string[] {
  const raw = ctx.options.en;
  const files = raw === undefined ? [] : Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  if (raw !== undefined && files.length === 0) throw new UsageError('--en needs a file');
  if (files.length > 0 && files.length !== ctx.positionals.length) {
    throw new UsageError(`--en: give one English file per report, in the same order (${ctx.positionals.length} report(s), ${files.length} English file(s))`);
  }
  return files;
}

/** Glossary terms with both languages as alignment anchors, from what extraction links against. */
export function anchorsOf(reference: ReferenceIndex): TermAnchors {
  return new TermAnchors(reference.concepts.flatMap((c, i) => c.terms.map((t) => ({ conceptId: i, key: t.key, lang: t.lang, status: t.status }))));
}

/** Reads an English original and aligns it with the Chinese text: the sentence pairs. */
export async function alignedOriginal(ctx: CommandContext, enFile: string, zh: { name: string; text: string }, anchors: TermAnchors): Promise<SentencePair[]> {
  const { text } = await readTextFile(path.resolve(ctx.io.cwd, enFile));
  const name = path.basename(enFile);
  if (!text.trim()) throw new InputError(`${name}: the document is empty`);
  if (looksChinese(text)) throw new InputError(`${name} is Chinese: --en takes the English original of ${zh.name}`);
  const result = alignDocuments(text, zh.text, { terms: anchors });
  if (result.pairs.length === 0) throw new InputError(`${name} and ${zh.name}: no sentence could be aligned`);
  return result.pairs.map((p) => ({ zh: p.zh, en: p.en }));
}
