// Validates glossary/*.tsv and prints every problem as file:line: reason (exit 1 if any).
// Usage: npx tsx scripts/check-glossary.ts [--table] [DIR]
//   --table  also prints the counts of glossary/README.md: concepts, terms and verified terms by
//            file, and concepts and terms (verified / all) by category, as Markdown tables.
import path from 'node:path';
import { type RefConcept, readGlossaryDir, validateGlossary } from '../src/reference/glossary.js';

const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(1)} %`;

function counts(concepts: RefConcept[]) {
  const terms = concepts.flatMap((c) => c.terms);
  const verified = terms.filter((t) => t.verified).length;
  return { concepts: concepts.length, terms: terms.length, verified };
}

function table(concepts: RefConcept[], key: (c: RefConcept) => string, heading: string): string[] {
  const groups = new Map<string, RefConcept[]>();
  for (const c of concepts) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  const rows = [`| ${heading} | concepts | terms | verified |`, '|---|---:|---:|---:|'];
  for (const [k, list] of [...groups].sort((a, b) => (heading === 'file' ? a[0].localeCompare(b[0]) : b[1].length - a[1].length))) {
    const n = counts(list);
    rows.push(`| \`${k}\` | ${fmt(n.concepts)} | ${fmt(n.terms)} | ${fmt(n.verified)} (${pct(n.verified, n.terms)}) |`);
  }
  const all = counts(concepts);
  rows.push(`| **total** | **${fmt(all.concepts)}** | **${fmt(all.terms)}** | **${fmt(all.verified)} (${pct(all.verified, all.terms)})** |`);
  return rows;
}

const args = process.argv.slice(2);
const showTable = args.includes('--table');
const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? 'glossary');
try {
  const glossary = readGlossaryDir(dir);
  const problems = validateGlossary(glossary);
  for (const p of problems) console.log(`${p.file}:${p.line}: [${p.conceptId}] ${p.problem}`);
  const byCategory: Record<string, number> = {};
  for (const c of glossary.concepts) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
  const n = counts(glossary.concepts);
  console.log(
    `${n.concepts} concepts, ${n.terms} terms (${n.terms - n.verified} unverified) in ${glossary.files.length} files; ` +
      `by category ${JSON.stringify(byCategory)}; ${problems.length} problem(s)`,
  );
  if (showTable) {
    console.log(['', ...table(glossary.concepts, (c) => c.file, 'file'), '', ...table(glossary.concepts, (c) => c.category, 'category')].join('\n'));
  }
  process.exit(problems.length > 0 ? 1 : 0);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
