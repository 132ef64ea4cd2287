// TBX v3 (ISO 30042:2019), TBX-Basic dialect, DCA style: <tbx>, <conceptEntry>, <langSec>,
// <termSec> in namespace urn:iso:std:iso:30042:ed-2. Exports validate against the TBX v3 core
// RelaxNG (TBXcoreStructV03.rng) and the TBX-Basic DCA Schematron (TBX-Basic_DCA.sch).
import type { ExchangeConcept, ParsedGlossary } from '../domain/exchange.js';
import { type TbxSpec, TBX3_NAMESPACE, type WriteTbxOptions, readTbx, writeTbx } from './tbx.js';
import { TBX2 } from './tbx2.js';
import type { XmlSource } from './xml.js';

export const TBX3: TbxSpec = {
  format: 'tbx',
  label: 'TBX v3',
  root: 'tbx',
  namespace: TBX3_NAMESPACE,
  entry: 'conceptEntry',
  language: 'langSec',
  termHolders: ['termSec'],
  // TBX v3's core RelaxNG is the same for every dialect; TBX-Basic narrows data categories,
  // which the whitelist in tbx-values.json checks.
  basicModels: 'tbx3',
  otherModels: 'tbx3',
  lazyBody: true,
  picklistSuffix: '',
  writeHeader(w) {
    w.declaration();
    // Schema associations, as the TBX-Basic dialect's own samples carry them.
    w.instruction(
      'xml-model',
      'href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"',
    );
    w.instruction(
      'xml-model',
      'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"',
    );
    w.open('tbx', { type: 'TBX-Basic', style: 'dca', 'xml:lang': 'en', xmlns: TBX3_NAMESPACE });
    w.open('tbxHeader').open('fileDesc').open('sourceDesc');
    w.element('p', undefined, 'TermDesk glossary export: Chinese–English UN terminology');
    w.close().close().close();
    // <body> opens with the first entry: TBX v3 allows an empty <text>, not an empty <body>.
    w.open('text');
  },
  // xs:dateTime: stored timestamps are already ISO 8601 UTC.
  formatDate: (timestamp) => timestamp,
};

/** Reads a TBX file of either version (the root element decides). */
export function readTbxFile(source: XmlSource, fileName?: string): Promise<ParsedGlossary> {
  return readTbx(source, { fileName, specs: [TBX3, TBX2] });
}

/** Streams a TBX v3 TBX-Basic document. */
export function writeTbx3(concepts: Iterable<ExchangeConcept>, options?: WriteTbxOptions): Generator<string> {
  return writeTbx(TBX3, concepts, options);
}
