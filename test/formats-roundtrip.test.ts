// Lossless round trips: export → import into an empty database → export again gives the same
// file, for the default database (reference glossary + seed reports) plus a file with contexts,
// cross-references and Traditional Chinese; and the second database holds the same data.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToString } from '../src/exchange/export.js';
import { importGlossary } from '../src/exchange/import.js';
import type { ExportFormat } from '../src/formats/registry.js';
import { initDatabase } from '../src/setup.js';
import type { Store } from '../src/store/repository.js';
import { PROJECT_ROOT, memoryStore } from './helpers.js';

const fixture = (name: string) => path.join(PROJECT_ROOT, 'test', 'fixtures', 'formats', name);

let original: Store;

/** Everything TermDesk knows about its concepts, without internal ids. */
function snapshot(store: Store, fields: 'all' | 'csv'): Array<Record<string, unknown> & { terms: unknown[][] }> {
  const concepts = store.db.prepare('SELECT * FROM concept ORDER BY id').all() as Array<Record<string, unknown>>;
  return concepts.map((c) => {
    const terms = store.termsOfConcept(c.id as number).map((t) => {
      const contexts = store.db.prepare('SELECT text, source FROM term_context WHERE term_id = ? ORDER BY position').all(t.id);
      return fields === 'csv'
        ? [t.lang, t.text, t.type, t.status]
        : [t.lang, t.text, t.type, t.status, t.source, t.note, t.origin, t.verified, contexts];
    });
    const xrefs = store.db.prepare('SELECT target, text FROM concept_xref WHERE concept_id = ? ORDER BY position').all(c.id);
    const common = { category: c.category, review: c.review_status, subject: c.subject, definition: c.definition, note: c.note, terms };
    return fields === 'csv'
      ? { ext: c.ext_id ?? `td-${c.id as number}`, ...common }
      : { ext: c.ext_id ?? `td-${c.id as number}`, ...common, origin: c.origin, created: c.created_at, updated: c.updated_at, xrefs };
  });
}

beforeAll(async () => {
  original = memoryStore();
  await initDatabase(original);
  await importGlossary(original, fs.readFileSync(fixture('un-bodies.tbx')));
  await importGlossary(original, fs.readFileSync(fixture('legacy-tool.tbx')));
  // An occurrence in an ingested report gives a term a context whatever extraction finds.
  const doc = original.addDocument('A-79-1.txt', '秘书长向大会提交了本报告。').document;
  const ga = original.findTermsByText('大会').find((t) => t.lang === 'zh-Hans')!;
  original.addOccurrence(ga.id, doc.id, 6, 8, '秘书长向大会提交了本报告。');
  // A concept without ext_id travels as td-<id>; a note with line breaks stays one note. Its
  // preferred terms are also those of a reference concept: a duplicate the round trip must keep.
  const adHoc = original.createConcept({ category: 'concept', origin: 'user', note: 'first line\nsecond line' });
  original.addTerm(adHoc, { text: '可持续发展目标', lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'user', verified: false });
  original.addTerm(adHoc, { text: 'Sustainable Development Goals', lang: 'en', type: 'fullForm', status: 'preferred', origin: 'user' });
  original.addTerm(adHoc, { text: 'SDGs | goals', lang: 'en', type: 'variant', status: 'admitted', origin: 'user' });
});
afterAll(() => original?.db.close());

describe.each(['tbx', 'tbx2', 'csv', 'tsv'] as ExportFormat[])('%s round trip', (format) => {
  it('export → import into an empty database → export gives the same file', async () => {
    const first = exportToString(original, format);
    const copy = memoryStore();
    const report = await importGlossary(copy, first);
    const total = original.stats().concepts;
    expect(report.concepts).toEqual({ new: total, merged: 0, skipped: 0 });
    expect(report.warningCount).toBe(0);
    const second = exportToString(copy, format);
    expect(second.length).toBe(first.length);
    expect(second).toBe(first);
    // And the data itself survived, not just its rendering.
    const fields = format === 'csv' || format === 'tsv' ? 'csv' : 'all';
    const a = snapshot(original, fields);
    const b = snapshot(copy, fields);
    if (fields === 'all') {
      // Contexts are compared through the files above: in the copy, those taken from occurrences
      // in ingested reports are stored ones. TBX v2 dates are days.
      for (const s of [a, b]) for (const c of s) c.terms.forEach((t) => t.splice(8, 1));
      if (format === 'tbx2') for (const s of [a, b]) for (const c of s) Object.assign(c, { created: String(c.created).slice(0, 10), updated: String(c.updated).slice(0, 10) });
    }
    expect(b).toEqual(a);
    copy.db.close();
  });
});

describe('what the round trip carries', () => {
  it('statuses, types, notes, sources, contexts, cross-references and TermDesk fields are in the TBX', async () => {
    const xml = exportToString(original, 'tbx');
    for (const status of ['preferredTerm-admn-sts', 'admittedTerm-admn-sts', 'deprecatedTerm-admn-sts']) expect(xml).toContain(status);
    for (const type of ['fullForm', 'shortForm', 'acronym', 'variant']) expect(xml).toContain(`<termNote type="termType">${type}</termNote>`);
    expect(xml).toContain('<note>first line\nsecond line</note>');
    expect(xml).toContain('<descrip type="context">UNEP &amp; partners met in Nairobi.</descrip>');
    expect(xml).toMatch(/<descrip type="context">秘书长向大会提交了本报告。<\/descrip>\s*<admin type="source">A-79-1\.txt<\/admin>/);
    expect(xml).toContain('<ref type="crossReference" target="unep">UNEP</ref>');
    // unea merged into the reference concept of the same id; FAO (no id, no preferred match) is new.
    expect(xml).toMatch(/<conceptEntry id="unea">[\s\S]*?<note>TermDesk: category=body; review=approved; origin=reference<\/note>/);
    expect(xml).toContain('<note>TermDesk: category=concept; review=candidate; origin=import</note>');
    expect(xml).toMatch(/<term>聯合國環境規劃署<\/term>/);
    expect(xml).toMatch(/<conceptEntry id="td-\d+">/);
    expect(xml).toContain('<langSec xml:lang="zh-Hant">');
    // Contexts found by extraction in the seed reports travel too, when there are any.
    const seedContexts = original.db.prepare('SELECT count(*) AS n FROM occurrence o JOIN document d ON d.id = o.document_id WHERE d.name <> ?').get('A-79-1.txt') as { n: number };
    if (seedContexts.n > 0) expect(xml).toMatch(/<admin type="source">\d{3}_[0-9a-f]+\.txt<\/admin>/);
  });

  it('a re-import into the same database finds every concept already there', async () => {
    const before = original.stats();
    const report = await importGlossary(original, exportToString(original, 'tbx'), { dryRun: true });
    expect(report.concepts.new).toBe(0);
    expect(report.concepts.merged).toBe(0);
    expect(report.concepts.skipped).toBe(before.concepts);
    expect(original.stats()).toEqual(before);
  });
});
