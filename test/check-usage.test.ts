// Usage tags ({usage: …} in a glossary term's note): the syntax, what the validator refuses, and
// that every tag in glossary/ is well formed and only where the data says the form is used.
import { describe, expect, it } from 'vitest';
import { parseUsage } from '../src/domain/usage.js';
import { parseGlossaryFile, readGlossaryDir, validateGlossary } from '../src/reference/glossary.js';
import path from 'node:path';
import { PROJECT_ROOT } from './helpers.js';

const HEADER = 'id\tcategory\tlang\ttype\tstatus\ttext\tsource\tverified\tnote';
const concept = (rows: string[]) => parseGlossaryFile([HEADER, ...rows].join('\n'), 'test.tsv');
const base = ['c\tcountry\tzh-Hans\tfullForm\tpreferred\t阿拉伯叙利亚共和国\tUNTERM\tyes\t', 'c\t\ten\tfullForm\tpreferred\tSyrian Arab Republic\tUNTERM\tyes\t'];

describe('usage tags', () => {
  it('reads contexts and a year, anywhere in the note', () => {
    const u = parseUsage('作国名时请用“阿拉伯叙利亚共和国”。 {usage: attributive, as-received, title}')!;
    expect([...u.contexts].sort()).toEqual(['as-received', 'attributive', 'title']);
    expect(parseUsage('{usage: until 2019} name until 2019')).toEqual({ contexts: new Set(), until: 2019 });
    expect(parseUsage('no tag here')).toBeNull();
    expect(parseUsage(null)).toBeNull();
  });

  it('refuses unknown contexts, two tags, an unclosed tag, two years', () => {
    expect(() => parseUsage('{usage: adjectival}')).toThrow(/unknown usage "adjectival"/);
    expect(() => parseUsage('{usage: title} {usage: quotation}')).toThrow(/more than one/);
    expect(() => parseUsage('{usage: title')).toThrow(/not closed/);
    expect(() => parseUsage('{usage: until 2019, until 2020}')).toThrow(/more than one "until/);
  });

  it('the validator reports a malformed tag and a tag on a preferred term, with file and line', () => {
    const bad = validateGlossary({ concepts: concept([...base, 'c\t\tzh-Hans\tvariant\tdeprecated\t叙利亚\tUNPC\tno\tnote {usage: adjective}']) });
    expect(bad).toEqual([expect.objectContaining({ file: 'test.tsv', line: 4, problem: expect.stringMatching(/叙利亚.*unknown usage "adjective"/) })]);
    const preferred = validateGlossary({ concepts: concept(['c\tcountry\tzh-Hans\tfullForm\tpreferred\t阿拉伯叙利亚共和国\tUNTERM\tyes\t{usage: title}', base[1]]) });
    expect(preferred.map((p) => p.problem)).toEqual([expect.stringMatching(/preferred term .* has a usage tag/)]);
    expect(validateGlossary({ concepts: concept([...base, 'c\t\tzh-Hans\tvariant\tdeprecated\t叙利亚\tUNPC\tno\tnote {usage: attributive, as-received}']) })).toEqual([]);
  });

  it('every tag in glossary/ parses, and each tagged note says where the form was seen or why', () => {
    const glossary = readGlossaryDir(path.join(PROJECT_ROOT, 'glossary'));
    const tagged = glossary.concepts.flatMap((c) => c.terms.filter((t) => t.note?.includes('{usage:')));
    expect(tagged.length).toBeGreaterThanOrEqual(10);
    for (const t of tagged) {
      expect(() => parseUsage(t.note), `${t.file}:${t.line}`).not.toThrow();
      expect(t.status, `${t.file}:${t.line}`).not.toBe('preferred');
      expect(t.note!.replace(/\{usage:[^}]*\}/, '').trim().length, `${t.file}:${t.line} explains the tag`).toBeGreaterThan(10);
    }
  });
});
