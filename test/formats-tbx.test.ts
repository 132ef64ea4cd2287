// Reading TBX: both versions, the official samples, files from other tools, and refusals that
// name the line and the element.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTbxFile } from '../src/formats/tbx3.js';
import { XmlError } from '../src/formats/xml.js';
import { PROJECT_ROOT, sharedFile } from './helpers.js';

const fixture = (name: string) => path.join(PROJECT_ROOT, 'test', 'fixtures', 'formats', name);
const read = (file: string) => readTbxFile(fs.createReadStream(file), path.basename(file));

async function refusal(source: string | fs.ReadStream, name = 'test.tbx'): Promise<XmlError> {
  try {
    await readTbxFile(source, name);
  } catch (err) {
    expect(err).toBeInstanceOf(XmlError);
    return err as XmlError;
  }
  throw new Error('expected the file to be refused');
}

const TBX3_HEAD = `<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
`;
const TBX3_TAIL = '\n</body></text></tbx>';
const v3 = (entries: string, type = 'TBX-Basic') => (TBX3_HEAD + entries + TBX3_TAIL).replace('TBX-Basic', type);

describe('TBX v3', () => {
  it('reads every field TermDesk keeps from a TBX-Basic DCA file', async () => {
    const g = await read(fixture('un-bodies.tbx'));
    expect(g.format).toBe('tbx');
    expect(g.dialect).toBe('TBX-Basic (dca)');
    const [unep, unea] = g.concepts;
    expect(unep).toMatchObject({
      id: 'unep',
      category: 'concept',
      subject: 'environment',
      // Line wrapping inside the element reads as one space.
      definition: 'The leading global environmental authority of the United Nations system.',
      note: 'Established in 1972 after the Stockholm Conference.',
      createdAt: '2024-03-01T00:00:00.000Z',
      updatedAt: '2024-05-02T09:30:00.000Z',
      xrefs: [{ target: 'unea', text: 'United Nations Environment Assembly' }],
      reviewStatus: null,
      origin: null,
      line: 12,
    });
    expect(unep.terms.map((t) => [t.lang, t.text, t.type, t.status])).toEqual([
      ['zh-Hans', '联合国环境规划署', 'fullForm', 'preferred'],
      ['zh-Hans', '环境署', 'shortForm', 'preferred'],
      ['zh-Hant', '聯合國環境規劃署', 'fullForm', 'admitted'],
      ['en', 'United Nations Environment Programme', 'fullForm', 'preferred'],
      ['en', 'UNEP', 'acronym', 'preferred'],
      ['en', 'UN Environment', 'shortForm', 'deprecated'],
    ]);
    const en = unep.terms[3];
    expect(en.contexts).toEqual([
      { text: 'The United Nations Environment Programme submitted its report to the General Assembly.', source: 'A/79/25' },
      { text: 'UNEP & partners met in Nairobi.', source: null },
    ]);
    expect(en.note).toBe('Official name since 1972.');
    expect(unep.terms[0].source).toBe('UNTERM');
    // The TermDesk notes carry category, review status and origin, and are not kept as notes.
    expect(unea).toMatchObject({ category: 'body', reviewStatus: 'approved', origin: 'user', note: null });
    expect(unea.terms[0]).toMatchObject({ origin: 'user', verified: false, note: null });
  });

  it('imports the TBX-Basic DCA and DCT samples and the TBX-Core samples alike', async () => {
    const files = [
      sharedFile('standards', 'tbx', 'v3', 'basic', 'dca', 'Example_Astronomy_DCA_VALID.tbx'),
      sharedFile('standards', 'tbx', 'v3', 'basic', 'dct', 'Example_Astronomy_DCT_VALID.tbx'),
      sharedFile('standards', 'tbx', 'v3', 'core-dialect', 'Example_Astronomy_TBX-Core_VALID.tbx'),
      sharedFile('standards', 'tbx', 'v3', 'samples', 'core_structure_good.tbx'),
    ];
    if (files.some((f) => !f)) return;
    const [dca, dct, core, good] = await Promise.all(files.map((f) => read(f!)));
    expect(dca.concepts).toHaveLength(45);
    // TermDesk keeps English; Spanish and Zulu terms are counted, not stored.
    expect(dca.notes.skippedLanguages).toEqual(new Map([['es', 52], ['zu', 6]]));
    const first = dca.concepts[0];
    expect(first).toMatchObject({ id: 'c1', subject: 'General', definition: 'A group of stars formed together in the spiral arms of a galaxy.' });
    expect(first.terms.map((t) => [t.text, t.status])).toEqual([
      ['open cluster', 'preferred'],
      // supersededTerm-admn-sts: replaced by another term, so deprecated in TermDesk.
      ['galactic cluster', 'deprecated'],
    ]);
    expect(first.terms[1].note).toMatch(/^Another name for an open star cluster\. .*\nN-Source: http:\/\/www\.delscope/);
    expect(dca.notes.ignored.get('partOfSpeech')).toBe(55);
    // The DCT file says the same thing with module elements: same concepts.
    const withoutLines = (cs: typeof dca.concepts) => cs.map(({ line: _line, ...c }) => c);
    expect(withoutLines(dct.concepts)).toEqual(withoutLines(dca.concepts));
    expect(core.concepts.map((c) => c.terms.map((t) => t.text))).toEqual(good.concepts.map((c) => c.terms.map((t) => t.text)));
  });

  it('refuses core_structure_bad.tbx, naming the line and the element', async () => {
    const bad = sharedFile('standards', 'tbx', 'v3', 'samples', 'core_structure_bad.tbx');
    if (!bad) return;
    const err = await refusal(fs.createReadStream(bad), 'core_structure_bad.tbx');
    expect(err.message).toBe('core_structure_bad.tbx: line 15, column 4: text is not allowed directly in <sourceDesc>');
    // Each of the file's other faults, once the ones before it are repaired:
    let text = fs.readFileSync(bad, 'utf8').replace('\t\t\t\tTBX file, created via MultiTerm Export', '<p>TBX file</p>');
    expect((await refusal(text)).message).toMatch(/^test\.tbx: line 21, column \d+: <admin> is not allowed in <text>/);
    text = text.replace('<admin type="whateverForCore">Wrong place.</admin>', '');
    expect((await refusal(text)).message).toMatch(/line 27, column \d+: <termSec> needs term before <admin>/);
    text = text.replace('<admin>No type/wrong order</admin>', '');
    expect((await refusal(text)).message).toMatch(/line 32, column \d+: <term> is not allowed in <termSec>|line 32, column \d+: <term> cannot come after <term>/);
    text = text.replace('<term>Second term</term>', '');
    expect((await refusal(text)).message).toMatch(/line 46, column \d+: <descrip> (is not allowed in|cannot come after <descrip> in) <descripGrp>/);
  });

  it('refuses an element without its required attributes and a duplicate id', async () => {
    expect((await refusal(v3('<conceptEntry><langSec xml:lang="en"><termSec><term>x</term></termSec></langSec></conceptEntry>'))).message).toMatch(
      /line 5, column 1: <conceptEntry> needs a id attribute/,
    );
    expect((await refusal(v3('<conceptEntry id="a"><langSec><termSec><term>x</term></termSec></langSec></conceptEntry>'))).message).toMatch(
      /<langSec> needs a xml:lang attribute/,
    );
    const twice = '<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>x</term></termSec></langSec></conceptEntry>\n';
    expect((await refusal(v3(twice + twice))).message).toMatch(/line 6, column 1: <conceptEntry> id "a" is used twice \(first at line 5\)/);
    expect((await refusal(v3('<conceptEntry id="a"><langSec xml:lang="en"></langSec></conceptEntry>'))).message).toMatch(
      /<langSec> is incomplete: it needs termSec\+/,
    );
  });

  it('holds TBX-Basic files to the TBX-Basic whitelist, where the Schematron does not fire', async () => {
    const entry = (inner: string) => `<conceptEntry id="a">${inner}<langSec xml:lang="en"><termSec><term>x</term></termSec></langSec></conceptEntry>`;
    const term = (notes: string) => `<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>x</term>${notes}</termSec></langSec></conceptEntry>`;
    expect((await refusal(v3(entry('<descrip type="colour">red</descrip>')))).message).toMatch(
      /<descrip type="colour">: "colour" is not a TBX-Basic data category for <descrip> \(allowed: subjectField, definition, context\)/,
    );
    expect((await refusal(v3(entry('<descrip type="context">sentence</descrip>')))).message).toMatch(
      /<descrip type="context"> may only appear at the term level, not the concept level/,
    );
    expect((await refusal(v3(term('<termNote type="administrativeStatus">preferred</termNote>')))).message).toMatch(
      /"preferred" is not one of preferredTerm-admn-sts, admittedTerm-admn-sts/,
    );
    expect((await refusal(v3(term('<termNote type="partOfSpeech">properNoun</termNote>')))).message).toMatch(/"properNoun" is not one of noun/);
    // Another dialect may carry other data categories: they are read past and counted.
    const other = await readTbxFile(v3(entry('<descrip type="colour">red</descrip>'), 'TBX-Custom'));
    expect(other.concepts[0].terms[0].text).toBe('x');
    expect(other.notes.ignored.get('concept colour')).toBe(1);
  });

  it('refuses a file that is not TBX, naming what it is', async () => {
    expect((await refusal('<tmx version="1.4"><header/><body/></tmx>')).message).toMatch(/TMX translation memory, not a glossary/);
    expect((await refusal('<html><body/></html>')).message).toMatch(/not a TBX file: the root element is <html>, expected <tbx> \(TBX v3\) or <martif> \(TBX v2\)/);
    expect((await refusal('<tbx xmlns="urn:example"/>')).message).toMatch(/<tbx> is in namespace "urn:example", but TBX v3 expects "urn:iso:std:iso:30042:ed-2"/);
  });
});

describe('TBX v2', () => {
  it('imports the TBX-Basic and OmegaT samples', async () => {
    const basic = sharedFile('standards', 'tbx', 'v2', 'samples', 'TBX-basic-sample.tbx');
    const omegat = sharedFile('standards', 'tbx', 'v2', 'samples', 'omegat-sampleTBXfile.tbx');
    if (!basic || !omegat) return;
    const g = await read(basic);
    expect(g.format).toBe('tbx2');
    expect(g.dialect).toBe('TBX-Basic');
    expect(g.concepts.map((c) => c.id)).toEqual(['c5', 'c6', 'c7', 'c1', 'c2']);
    expect(g.notes.skippedLanguages).toEqual(new Map([['fr', 3], ['de', 1]]));
    const c1 = g.concepts[3];
    expect(c1).toMatchObject({ subject: 'manufacturing', createdAt: '2007-07-22T00:00:00.000Z', updatedAt: '2007-07-23T00:00:00.000Z' });
    expect(c1.xrefs).toEqual([{ target: 'c2', text: 'unscheduled operation' }]);
    expect(c1.terms[0]).toMatchObject({
      text: 'scheduled operation',
      status: 'preferred',
      source: 'IBM',
      contexts: [{ text: 'One hour is required between scheduled operations.', source: "Tivoli Storage Manager Administrator's Guide" }],
    });
    // c5 has no statuses at all: its first term is the preferred one.
    expect(g.concepts[0].terms).toMatchObject([{ text: 'e-mail', status: 'preferred', type: 'fullForm' }]);
    const o = await read(omegat);
    expect(o.dialect).toBe('TBX');
    expect(o.concepts[0]).toMatchObject({ id: 'eid-Oracle-67', subject: 'manufacturing', definition: 'A value between 0 and 1 used in ...' });
    expect(o.concepts[0].terms).toMatchObject([{ text: 'alpha smoothing factor', lang: 'en', type: 'fullForm', status: 'preferred' }]);
  });

  it('refuses the bad-element-order sample at the misplaced termNote', async () => {
    const bad = sharedFile('standards', 'tbx', 'v2', 'samples', 'tbx_basic_sample_badelementorder.tbx');
    if (!bad) return;
    const err = await refusal(fs.createReadStream(bad), 'tbx_basic_sample_badelementorder.tbx');
    expect(err.line).toBe(64);
    expect(err.message).toBe(
      'tbx_basic_sample_badelementorder.tbx: line 64, column 7: <termNote> cannot come after <descripGrp> in <tig> (content: term, termNote*, (descrip|descripGrp|admin|transacGrp|note|ref|xref)*)',
    );
    // And, with that line removed, at the <term> placed directly in <langSet> (line 77, now 76).
    const text = fs.readFileSync(bad, 'utf8').replace(/[ \t]*<termNote type="termLocation">menuItem<\/termNote>\r?\n/, '');
    const err2 = await refusal(text);
    expect(err2.message).toMatch(/line 76, column \d+: <term> is not allowed in <langSet>/);
  });

  it('maps other tools\' language tags, statuses and v2 values sensibly', async () => {
    const g = await read(fixture('legacy-tool.tbx'));
    expect(g.dialect).toBe('TBX');
    const [who, fao, french] = g.concepts;
    expect(who.terms.map((t) => [t.lang, t.text, t.type, t.status])).toEqual([
      // zh-CN → zh-Hans; no status anywhere in the language section: the first term is preferred.
      ['zh-Hans', '世界卫生组织', 'fullForm', 'preferred'],
      ['zh-Hans', '世卫组织', 'shortForm', 'admitted'],
      ['zh-Hant', '世界衛生組織', 'fullForm', 'preferred'],
      // normativeAuthorization (older TBX) = administrativeStatus; ntig/termGrp read like tig.
      ['en', 'World Health Organization', 'fullForm', 'preferred'],
      ['en', 'WHO', 'acronym', 'admitted'],
    ]);
    // properNoun (a v2 part of speech): the concept names one thing, category "other".
    expect(who.category).toBe('other');
    expect(who.terms[4].contexts).toEqual([{ text: 'WHO issued new guidance.', source: null }]);
    expect(g.notes.skippedLanguages.get('fr')).toBe(2);
    // "zh" without script: Traditional characters make it zh-Hant. Upper-case Latin is an acronym.
    expect(fao).toMatchObject({ id: null, category: 'concept' });
    expect(fao.terms.map((t) => [t.lang, t.text, t.type, t.status])).toEqual([
      ['zh-Hant', '糧食及農業組織', 'fullForm', 'preferred'],
      ['en', 'Food and Agriculture Organization of the United Nations', 'fullForm', 'deprecated'],
      ['en', 'FAO', 'acronym', 'admitted'],
    ]);
    expect(french.terms).toEqual([]);
  });
});

describe('unsafe XML', () => {
  it('refuses billion laughs and external entities before reading an entry', async () => {
    const laughs = await refusal(fs.createReadStream(fixture('billion-laughs.tbx')), 'billion-laughs.tbx');
    expect(laughs.message).toBe(
      'billion-laughs.tbx: line 3, column 2: ENTITY declarations are not accepted (DTDs and entities are refused for safety)',
    );
    const xxe = await refusal(fs.createReadStream(fixture('external-entity.tbx')), 'external-entity.tbx');
    expect(xxe.message).toMatch(/^external-entity\.tbx: line 2, column \d+: ENTITY declarations are not accepted/);
  });
});
