// Exports validated against the official schemas in ../shared/standards (never copied into the
// project): TBX v3 against the core RelaxNG and the TBX-Basic DCA Schematron, TBX v2 against
// the TBX-Basic DTD and RelaxNG. libxml2-wasm for RelaxNG and DTD, node-schematron for Schematron.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DtdValidator, RelaxNGValidator, XmlDocument, XmlDtd } from 'libxml2-wasm';
import { Schema } from 'node-schematron';
import { exportToString } from '../src/exchange/export.js';
import { importGlossary } from '../src/exchange/import.js';
import { initDatabase } from '../src/setup.js';
import type { Store } from '../src/store/repository.js';
import { PROJECT_ROOT, memoryStore, sharedFile } from './helpers.js';

const STANDARDS = {
  rng3: sharedFile('standards', 'tbx', 'v3', 'core', 'TBXcoreStructV03.rng'),
  sch3: sharedFile('standards', 'tbx', 'v3', 'basic', 'dca', 'TBX-Basic_DCA.sch'),
  dtd2: sharedFile('standards', 'tbx', 'v2', 'basic', 'TBXBasiccoreStructV02.dtd'),
  rng2: sharedFile('standards', 'tbx', 'v2', 'basic', 'TBXBasicRNGV02.rng'),
};
const present = Object.values(STANDARDS).every(Boolean);
const fixture = (name: string) => path.join(PROJECT_ROOT, 'test', 'fixtures', 'formats', name);

/** Runs a libxml2 validator; returns its messages ([] when valid). */
function problems(validate: (doc: XmlDocument) => void, xml: string): string[] {
  const doc = XmlDocument.fromString(xml);
  try {
    validate(doc);
    return [];
  } catch (err) {
    return String((err as Error).message).split('\n').filter(Boolean);
  } finally {
    doc.dispose();
  }
}

describe.skipIf(!present)('exports validate against the TBX schemas', () => {
  let glossary: Store;
  let small: Store;
  let rng3: RelaxNGValidator;
  let rng2: RelaxNGValidator;
  let dtd2: DtdValidator;
  let sch3: Schema;

  beforeAll(async () => {
    // The reference glossary, plus a file with everything else TBX carries: contexts with
    // sources, cross-references, Traditional Chinese, notes with markup characters.
    glossary = memoryStore();
    await initDatabase(glossary, { seeds: false });
    await importGlossary(glossary, fs.readFileSync(fixture('un-bodies.tbx')));
    small = memoryStore();
    await importGlossary(small, fs.readFileSync(fixture('un-bodies.tbx')));
    rng3 = RelaxNGValidator.fromDoc(XmlDocument.fromBuffer(fs.readFileSync(STANDARDS.rng3!)));
    rng2 = RelaxNGValidator.fromDoc(XmlDocument.fromBuffer(fs.readFileSync(STANDARDS.rng2!)));
    dtd2 = new DtdValidator(XmlDtd.fromBuffer(fs.readFileSync(STANDARDS.dtd2!)));
    sch3 = Schema.fromString(fs.readFileSync(STANDARDS.sch3!, 'utf8').replace(/^\ufeff/, ''));
  });
  afterAll(() => {
    rng3?.dispose();
    rng2?.dispose();
    dtd2?.dispose();
    glossary?.db.close();
    small?.db.close();
  });

  it('TBX v3: the whole glossary is valid against the core RelaxNG', () => {
    const xml = exportToString(glossary, 'tbx');
    expect(xml).toContain('<descrip type="context">');
    expect(xml).toContain('<ref type="crossReference" target="unea">');
    expect(problems((d) => rng3.validate(d), xml)).toEqual([]);
  });

  it('TBX v3: exports pass the TBX-Basic DCA Schematron', () => {
    // node-schematron is slow on large files (the id/target rule is quadratic): a filtered part
    // of the glossary, and the file with cross-references and contexts.
    const part = exportToString(glossary, 'tbx', { categories: ['meeting', 'person', 'programme'] });
    expect(part.match(/<conceptEntry /g)?.length).toBeGreaterThan(40);
    const rich = exportToString(small, 'tbx');
    for (const xml of [part, rich]) {
      const failures = sch3.validateString(xml).filter((r) => !r.isReport);
      expect(failures.map((f) => (f.message ?? '').trim())).toEqual([]);
    }
  });

  it('TBX v3: a filtered export drops cross-reference targets that are not in it, staying valid', () => {
    const xml = exportToString(small, 'tbx', { categories: ['concept'] });
    expect(xml).toContain('<conceptEntry id="unep">');
    expect(xml).not.toContain('id="unea"');
    expect(xml).toContain('<ref type="crossReference">United Nations Environment Assembly</ref>');
    expect(problems((d) => rng3.validate(d), xml)).toEqual([]);
    expect(sch3.validateString(xml).filter((r) => !r.isReport)).toEqual([]);
  });

  it('TBX v3: an export that matches nothing is still a valid file', () => {
    const xml = exportToString(small, 'tbx', { categories: ['country'] });
    expect(xml).not.toContain('<body>');
    expect(problems((d) => rng3.validate(d), xml)).toEqual([]);
  });

  it('the validators do catch a broken export (the test can fail)', () => {
    const xml = exportToString(small, 'tbx').replace('<termNote type="termType">acronym</termNote>', '<termNote type="termType">acronym</termNote><bogus/>');
    expect(problems((d) => rng3.validate(d), xml).length).toBeGreaterThan(0);
    const badValue = exportToString(small, 'tbx').replace('preferredTerm-admn-sts', 'mostlyPreferred');
    expect(sch3.validateString(badValue).filter((r) => !r.isReport).length).toBeGreaterThan(0);
    const v2 = exportToString(small, 'tbx2').replace(/(<descripGrp>[\s\S]*?<\/descripGrp>)(\s*)(<admin type="source">UNTERM<\/admin>)/, '$3$2$1<termNote type="termType">fullForm</termNote>');
    expect(problems((d) => dtd2.validate(d), v2).length).toBeGreaterThan(0);
  });

  it('TBX v2: the whole glossary is valid against the TBX-Basic DTD and RelaxNG', () => {
    const xml = exportToString(glossary, 'tbx2');
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02\.dtd">\n<martif type="TBX-Basic" xml:lang="en">/);
    expect(problems((d) => dtd2.validate(d), xml)).toEqual([]);
    expect(problems((d) => rng2.validate(d), xml)).toEqual([]);
    expect(problems((d) => dtd2.validate(d), exportToString(small, 'tbx2'))).toEqual([]);
  });
});
