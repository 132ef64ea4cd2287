// Exporting: filters, streaming in chunks, file names.
import { describe, expect, it } from 'vitest';
import { exportGlossary, exportToString, parseExportFilter } from '../src/exchange/export.js';
import { exportFileName } from '../src/formats/registry.js';
import { readTbxFile } from '../src/formats/tbx3.js';
import { memoryStore } from './helpers.js';

function store() {
  const s = memoryStore();
  const un = s.createConcept({ extId: 'un', category: 'organization', origin: 'reference' });
  s.addTerm(un, { text: '联合国', lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'reference' });
  s.addTerm(un, { text: 'United Nations', lang: 'en', type: 'fullForm', status: 'preferred', origin: 'reference' });
  s.addTerm(un, { text: 'U.N.', lang: 'en', type: 'acronym', status: 'deprecated', origin: 'reference' });
  const sdg = s.createConcept({ category: 'concept', origin: 'extraction' });
  s.addTerm(sdg, { text: '可持续发展目标', lang: 'zh-Hans', type: 'fullForm', status: 'admitted', origin: 'extraction' });
  s.db.prepare("UPDATE concept SET updated_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").run(sdg);
  return { s, un, sdg };
}

describe('export filters', () => {
  it('parses user filters and names bad values', () => {
    expect(parseExportFilter({ category: ['organization,body'], status: 'approved,preferred', since: '2025-01-31' })).toEqual({
      categories: ['organization', 'body'],
      reviewStatuses: ['approved'],
      termStatuses: ['preferred'],
      since: '2025-01-31T00:00:00.000Z',
    });
    expect(() => parseExportFilter({ category: 'planet' })).toThrow(
      'unknown category "planet" (one of organization, body, meeting, document, programme, concept, country, group, person, other)',
    );
    expect(() => parseExportFilter({ status: 'final' })).toThrow('unknown status "final" (one of candidate, approved, rejected, preferred, admitted, deprecated)');
    expect(() => parseExportFilter({ since: '31/01/2025' })).toThrow('--since needs a date like 2025-01-31');
  });

  it('selects concepts by category, review status and date, and terms by status', async () => {
    const { s, un, sdg } = store();
    const ids = async (filter: Parameters<typeof exportToString>[2]) =>
      (await readTbxFile(exportToString(s, 'tbx', filter))).concepts.map((c) => c.id);
    expect(await ids({})).toEqual(['un', `td-${sdg}`]);
    expect(await ids({ categories: ['concept'] })).toEqual([`td-${sdg}`]);
    expect(await ids({ reviewStatuses: ['approved'] })).toEqual(['un']);
    expect(await ids({ since: '2021-01-01T00:00:00.000Z' })).toEqual(['un']);
    const preferredOnly = await readTbxFile(exportToString(s, 'tbx', { termStatuses: ['preferred'] }));
    expect(preferredOnly.concepts.map((c) => [c.id, c.terms.map((t) => t.text)])).toEqual([['un', ['联合国', 'United Nations']]]);
    expect(un).toBeGreaterThan(0);
  });

  it('leaves out concepts without terms, which TBX cannot hold', async () => {
    const { s } = store();
    s.createConcept({ extId: 'empty', category: 'concept', origin: 'user' });
    const g = await readTbxFile(exportToString(s, 'tbx'));
    expect(g.concepts.map((c) => c.id)).not.toContain('empty');
    expect(exportToString(s, 'csv')).not.toContain('empty');
  });
});

describe('streaming', () => {
  it('yields the file in chunks as it reads pages, counting concepts', () => {
    const s = memoryStore();
    s.transaction(() => {
      for (let i = 0; i < 1200; i++) {
        const id = s.createConcept({ extId: `c${i}`, category: 'concept', origin: 'import' });
        s.addTerm(id, { text: `测试术语${i}`, lang: 'zh-Hans', type: 'fullForm', status: 'preferred', origin: 'import' });
        s.addTerm(id, { text: `test term ${i}`, lang: 'en', type: 'fullForm', status: 'preferred', origin: 'import' });
      }
    });
    const result = exportGlossary(s, 'tbx');
    const chunks = result.chunks as Generator<string>;
    const first = chunks.next();
    // Nothing is read beyond the first page before the first chunk goes out.
    expect(first.done).toBe(false);
    expect(result.stats.concepts).toBeLessThanOrEqual(500);
    const rest = [...chunks];
    expect(rest.length).toBeGreaterThan(5);
    expect(result.stats.concepts).toBe(1200);
    expect((first.value as string) + rest.join('')).toBe(exportToString(s, 'tbx'));
  });

  it('names downloads after the format and the day', () => {
    const day = new Date('2025-03-04T10:00:00Z');
    expect(exportFileName('tbx', day)).toBe('termdesk-glossary-2025-03-04.tbx');
    expect(exportFileName('tbx2', day)).toBe('termdesk-glossary-v2-2025-03-04.tbx');
    expect(exportFileName('csv', day)).toBe('termdesk-glossary-2025-03-04.csv');
  });
});
