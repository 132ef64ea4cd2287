// Validates glossary/*.tsv and prints every problem as file:line: reason (exit 1 if any).
// Usage: npx tsx scripts/check-glossary.ts [DIR]
import path from 'node:path';
import { readGlossaryDir, validateGlossary } from '../src/reference/glossary.js';

const dir = path.resolve(process.argv[2] ?? 'glossary');
try {
  const glossary = readGlossaryDir(dir);
  const problems = validateGlossary(glossary);
  for (const p of problems) console.log(`${p.file}:${p.line}: [${p.conceptId}] ${p.problem}`);
  const byCategory: Record<string, number> = {};
  for (const c of glossary.concepts) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
  const terms = glossary.concepts.reduce((n, c) => n + c.terms.length, 0);
  const unverified = glossary.concepts.reduce((n, c) => n + c.terms.filter((t) => !t.verified).length, 0);
  console.log(
    `${glossary.concepts.length} concepts, ${terms} terms (${unverified} unverified) in ${glossary.files.length} files; ` +
      `by category ${JSON.stringify(byCategory)}; ${problems.length} problem(s)`,
  );
  process.exit(problems.length > 0 ? 1 : 0);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
