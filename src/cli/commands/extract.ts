import fs from 'node:fs';
import path from 'node:path';
import type { Command, CommandContext } from '../command.js';
import { UsageError, intOption } from '../command.js';
import { readTextFile } from '../../io/text.js';
import { conceptForms } from '../../domain/summary.js';
import { counted } from '../../domain/words.js';
import { type ExtractInput, type ExtractedConcept, type ExtractionResult, extractFromTexts } from '../../extract/pipeline.js';
import { ReferenceIndex } from '../../extract/reference.js';
import { referenceFromConcepts, referenceFromGlossaryDir } from '../../extract/reference-snapshot.js';
import { expectTexts } from '../../extract/segment.js';
import { GLOSSARY_DIR } from '../../paths.js';

/**
 * What extraction links against: the database when it exists (reference glossary and earlier
 * ingests), read-only; otherwise the glossary files. Nothing is written either way.
 */
async function referenceFor(ctx: CommandContext): Promise<ReferenceIndex> {
  if (fs.existsSync(ctx.dbPath)) {
    // Imported here: without a database, extraction never loads SQLite.
    const [{ openDatabase }, { Store }] = await Promise.all([import('../../store/db.js'), import('../../store/repository.js')]);
    try {
      const db = openDatabase(ctx.dbPath, { readonly: true });
      try {
        return referenceFromConcepts(ReferenceIndex.conceptsOfStore(new Store(db)));
      } finally {
        db.close();
      }
    } catch {
      // An unreadable or older database: fall back to the glossary files.
    }
  }
  return fs.existsSync(GLOSSARY_DIR) ? referenceFromGlossaryDir(GLOSSARY_DIR) : ReferenceIndex.empty();
}

/** The JSON shape of the issue: documents, and concepts with terms, occurrences, frequency, linked. */
export function extractionJson(result: ExtractionResult) {
  return {
    documents: result.documents,
    concepts: result.concepts.map((c) => ({
      category: c.category,
      terms: c.terms.map((t) => ({ text: t.text, lang: t.lang, type: t.type, status: t.status, origin: t.origin, frequency: t.frequency, ...(t.note ? { note: t.note } : {}) })),
      occurrences: c.occurrences.map((o) => ({ doc: o.doc, start: o.start, end: o.end, term: o.term, context: o.context })),
      frequency: c.frequency,
      linked: c.linked,
      ...(c.reference?.extId ? { reference: c.reference.extId } : {}),
      extractors: c.extractors,
      ...(c.score !== undefined ? { score: c.score } : {}),
      ...(c.otherName ? { otherName: c.otherName } : {}),
      ...(c.evidence ? { evidence: c.evidence } : {}),
    })),
  };
}

/** Terminal columns a string takes (Chinese characters and full-width forms take two). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Script=Han}/u.test(ch) ? 2 : 1;
  return w;
}

function cell(s: string, width: number): string {
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - (displayWidth(s) > width ? 1 : 0)) {
      out += '…';
      break;
    }
    out += ch;
  }
  return out + ' '.repeat(Math.max(0, width - displayWidth(out)));
}

function row(c: ExtractedConcept): string[] {
  const f = conceptForms(c.terms);
  const zh = f.zhFull ? `${f.zhFull.text}${f.zhShort ? ` (${f.zhShort.text})` : ''}` : '';
  const en = f.enFull ? `${f.enFull.text}${f.enShort ? ` (${f.enShort.text})` : ''}` : (f.enShort?.text ?? '');
  const flagged = c.terms.filter((t) => t.origin === 'extraction' && t.status === 'deprecated').map((t) => `${t.text}: ${t.note ?? 'deprecated'}`);
  return [c.category, zh, en, String(c.frequency), knownAs(c), c.extractors.join(','), flagged.join('; ')];
}

/**
 * What the status column says: in the reference glossary, stored by an earlier ingest (a
 * candidate, approved or rejected), or new. "new" means exactly what the count and --new mean.
 */
export function knownAs(c: ExtractedConcept): 'reference' | 'stored' | 'new' {
  if (!c.reference) return 'new';
  return c.linked ? 'reference' : 'stored';
}

export const extractCommand: Command = {
  name: 'extract',
  summary: 'extract names, aliases and recurring terms from reports (.txt, .md, .docx) without storing anything',
  usage: 'extract FILE... [--en EN_FILE...] [--json] [--new] [--limit N]',
  options: {
    en: { type: 'string', multiple: true, arg: 'EN_FILE', description: 'the English original of the report (one per FILE, same order): new names get their English from it' },
    new: { type: 'boolean', description: 'only candidates that are not in the reference glossary or the database yet' },
    limit: { type: 'string', arg: 'N', description: 'show at most N concepts in the table (default: all)' },
  },
  minArgs: 1,
  help: [
    'Links candidates to the database when it exists (reference glossary and earlier ingests), else to glossary/.',
    'With --en, the English original is aligned with the report (as tm --pair does) and each new name gets the English',
    'name and acronym found in its aligned sentence; the JSON shows the sentence pair as "evidence".',
    'Example: termdesk extract seeds/003_382b273af66ecc2f.txt --new',
    '         termdesk extract report-zh.docx --en report-en.docx --new',
    '         termdesk extract report.docx --json > candidates.json',
  ],
  async run(ctx) {
    // The aligner and its modules are loaded only with --en: most runs do not use them.
    const english = ctx.options.en === undefined ? undefined : await import('../english-original.js');
    const enFiles = english ? english.englishFiles(ctx) : [];
    const inputs: ExtractInput[] = [];
    for (const file of ctx.positionals) {
      const { text } = await readTextFile(path.resolve(ctx.io.cwd, file));
      inputs.push({ name: path.basename(file), text });
    }
    // A one-off process: the segmenter reads only the part of its dictionary these texts can use.
    expectTexts(inputs.map((i) => i.text));
    const limit = ctx.options.limit === undefined ? Infinity : intOption(ctx, 'limit', 0, 1, 1_000_000);
    if (ctx.options.json && ctx.options.limit !== undefined) throw new UsageError('--limit applies to the table; --json prints everything');
    const reference = await referenceFor(ctx);
    if (english && enFiles.length > 0) {
      const anchors = english.anchorsOf(reference);
      for (let i = 0; i < inputs.length; i++) inputs[i].english = await english.alignedOriginal(ctx, enFiles[i], inputs[i], anchors);
    }
    const result = extractFromTexts(inputs, { reference });
    if (ctx.options.new) result.concepts = result.concepts.filter((c) => knownAs(c) === 'new');
    if (ctx.json) {
      ctx.printJson(extractionJson(result));
      return;
    }
    const chars = result.documents.reduce((n, d) => n + d.chars, 0);
    const fresh = result.concepts.filter((c) => knownAs(c) === 'new').length;
    ctx.out(`${counted(result.documents.length, 'document')}, ${counted(chars, 'character')}: ${counted(result.concepts.length, 'concept')} (${fresh} new)`);
    if (result.concepts.length === 0) return;
    const header = ['category', 'Chinese', 'English', 'freq', 'status', 'found by', 'flags'];
    const widths = [12, 40, 36, 5, 9, 24, 0];
    ctx.out(header.map((h, i) => (widths[i] ? cell(h, widths[i]) : h)).join(' ').trimEnd());
    for (const c of result.concepts.slice(0, limit)) {
      ctx.out(row(c).map((v, i) => (widths[i] ? cell(v, widths[i]) : v)).join(' ').trimEnd());
    }
    if (result.concepts.length > limit) ctx.out(`… ${result.concepts.length - limit} more (--limit, or --json for everything)`);
  },
};
