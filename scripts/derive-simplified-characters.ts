// Writes src/domain/data/simplified-characters.txt: every Han character (isHanCode) that opencc-js's
// Traditional → Simplified conversion (hk → cn, the one normalize.ts uses) changes, with what it
// becomes. normalize.ts folds search keys character by character through this table instead of
// building opencc's converter in every process (tens of milliseconds of each cold start); it uses
// the table only while the installed opencc-js is the version named in its header.
// Usage: npx tsx scripts/derive-simplified-characters.ts   (after upgrading opencc-js)
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { isHanCode, openccVersion, toSimplified } from '../src/domain/normalize.js';

const lines: string[] = [];
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (!isHanCode(cp)) continue;
  const ch = String.fromCodePoint(cp);
  const simplified = toSimplified(ch);
  if (simplified !== ch) lines.push(`${ch}\t${simplified}`);
}
const file = path.join(PROJECT_ROOT, 'src', 'domain', 'data', 'simplified-characters.txt');
const header = [
  '# Han characters that Traditional → Simplified conversion changes, one a line: the character, a tab, what it becomes.',
  "# Derived from opencc-js's hk → cn conversion by scripts/derive-simplified-characters.ts; do not edit by hand.",
  '# Every Han character not listed stays as it is. normalize.ts uses this table only with the version below.',
  `# opencc-js ${openccVersion()}`,
];
fs.writeFileSync(file, `${[...header, ...lines].join('\n')}\n`);
process.stderr.write(`${lines.length} characters written to ${path.relative(PROJECT_ROOT, file)}\n`);
