// The inputs of the server load tests (bench/load.ts, bench/live.bench.ts): names from the
// reference glossary as translators type them (whole, partial Chinese, an English typo), and
// paragraphs of the seed reports as drafts.
import fs from 'node:fs';
import path from 'node:path';
import { readGlossaryDir } from '../src/reference/glossary.js';
import { GLOSSARY_DIR, SEEDS_DIR } from '../src/paths.js';

export function lookupQueries(): string[] {
  const queries: string[] = [];
  for (const c of readGlossaryDir(GLOSSARY_DIR).concepts) {
    for (const t of c.terms) {
      queries.push(t.text);
      if (t.lang === 'zh-Hans' && t.text.length >= 4) queries.push(t.text.slice(1, -1));
      if (t.lang === 'en' && t.text.length > 8) queries.push(t.text.slice(0, 3) + t.text.slice(4));
    }
  }
  return queries;
}

export function seedParagraphs(): string[] {
  return fs
    .readdirSync(SEEDS_DIR)
    .flatMap((f) => fs.readFileSync(path.join(SEEDS_DIR, f), 'utf8').split(/\n\s*\n/))
    .map((p) => p.trim())
    .filter((p) => p.length >= 200 && p.length <= 3000);
}
