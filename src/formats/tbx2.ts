// TBX v2 (ISO 30042:2008 / LISA), TBX-Basic: <martif>, <termEntry>, <langSet>, <tig>, no namespace.
// For tools that read only v2 (OmegaT's mainline, older memoQ and MultiTerm). Exports validate
// against TBXBasiccoreStructV02.dtd and TBXBasicRNGV02.rng.
import type { ExchangeConcept } from '../domain/exchange.js';
import { type TbxSpec, type WriteTbxOptions, writeTbx } from './tbx.js';

export const TBX2: TbxSpec = {
  format: 'tbx2',
  label: 'TBX v2',
  root: 'martif',
  namespace: '',
  entry: 'termEntry',
  language: 'langSet',
  termHolders: ['tig', 'ntig'],
  basicModels: 'tbx2-basic',
  otherModels: 'tbx2',
  lazyBody: false,
  picklistSuffix: '@v2',
  writeHeader(w) {
    w.declaration();
    w.doctype('martif', 'TBXBasiccoreStructV02.dtd');
    w.open('martif', { type: 'TBX-Basic', 'xml:lang': 'en' });
    w.open('martifHeader').open('fileDesc').open('sourceDesc');
    w.element('p', undefined, 'TermDesk glossary export: Chinese–English UN terminology');
    w.close().close();
    w.open('encodingDesc').element('p', { type: 'XCSURI' }, 'TBXBasicXCSV02.xcs').close();
    w.close();
    w.open('text').open('body');
  },
  // TBX-Basic v2 dates are xs:date.
  formatDate: (timestamp) => timestamp.slice(0, 10),
};

/** Streams a TBX v2 TBX-Basic document. */
export function writeTbx2(concepts: Iterable<ExchangeConcept>, options?: WriteTbxOptions): Generator<string> {
  return writeTbx(TBX2, concepts, options);
}
