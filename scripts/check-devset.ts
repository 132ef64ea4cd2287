// The checker on the UN dev set (../shared/data/unpc-devset-3000.en-zh.tsv), for judging: prints
// every error-level finding on its Chinese sentences (each sentence checked as a draft) in the
// shape of the table in docs/CHECKER.md, marks those the table does not judge yet, and then the
// drafted slips of test/data/check-slips.tsv that are missed. test/check-devset.test.ts and
// test/check-slips.test.ts hold the same figures as floors.
//
//   npx tsx scripts/check-devset.ts [--warnings]
import { checkDraftInStore } from '../src/check/checker.js';
import { initDatabase } from '../src/setup.js';
import { openDatabase } from '../src/store/db.js';
import { Store } from '../src/store/repository.js';
import { devsetRows, judgedDevsetErrors, missReason, slipDraft, slipTable } from '../test/fixtures/check/devset.js';

const rows = devsetRows();
if (!rows) process.exit(2);
const store = new Store(openDatabase(':memory:'));
await initDatabase(store);
const showWarnings = process.argv.includes('--warnings');
const judged = new Map(judgedDevsetErrors().map((j) => [`${j.row}\u0000${j.form}`, j]));
const counts = { error: 0, warning: 0, info: 0 };
let falseErrors = 0;
let unjudged = 0;
const started = performance.now();
for (const r of rows) {
  const result = checkDraftInStore(store, r.zh, { name: `row ${r.row}` });
  for (const i of result.issues) {
    counts[i.severity]++;
    if (i.severity !== 'error' && !showWarnings) continue;
    const j = i.severity === 'error' ? judged.get(`${r.row}\u0000${i.text}`) : undefined;
    if (j?.verdict === 'false') falseErrors++;
    if (i.severity === 'error' && !j) unjudged++;
    const context = r.zh.slice(Math.max(0, i.start - 12), i.end + 12).replace(/\|/g, '\\|');
    const mark = i.severity !== 'error' ? i.severity : j ? j.verdict : 'UNJUDGED';
    console.log(`| ${r.row} | ${r.doc} | ${i.rule} | ${i.text} | ${i.suggestion ?? ''} | ${mark} | …${context}… |`);
  }
}
const ms = performance.now() - started;
console.log(`\n${rows.length} sentences in ${ms.toFixed(0)} ms: ${counts.error} errors (${falseErrors} judged false, ${unjudged} not judged), ${counts.warning} warnings, ${counts.info} notes`);
console.log(`false errors per 1,000 sentences: ${((falseErrors * 1000) / rows.length).toFixed(2)}`);

const slips = slipTable();
const misses: string[] = [];
for (const slip of slips) {
  const { draft, at } = slipDraft(slip, rows);
  const why = missReason(slip, draft, at, checkDraftInStore(store, draft, { name: slip.id }));
  if (why) misses.push(`${slip.id} ${slip.kind} ${slip.slip}: ${why}`);
}
console.log(`\nslips: ${slips.length - misses.length} of ${slips.length} found (${(((slips.length - misses.length) * 100) / slips.length).toFixed(1)} %)`);
for (const kind of new Set(slips.map((s) => s.kind))) {
  const all = slips.filter((s) => s.kind === kind);
  const missed = all.filter((s) => misses.some((m) => m.startsWith(`${s.id} `))).length;
  console.log(`  ${kind}: ${all.length - missed} of ${all.length}`);
}
for (const m of misses) console.log(`  missed ${m}`);
store.db.close();
