// Reporters: the check result as compiler-style text, CSV, or a standalone HTML page (the draft
// with its findings highlighted, and the list of findings linked to their places). JSON is the
// result object itself. Every reporter is a pure function of the result and the texts.
import { defuseFormula, escapeHtml } from '../domain/escape.js';
import { counted } from '../domain/words.js';
import type { CheckIssue, CheckResult } from './checker.js';

export const FORMATS = ['text', 'json', 'html', 'csv'] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** A bilingual result's segments (check/segments.ts), by id: shown with the findings that need both. */
type WithSegments = CheckResult & { segments?: Array<{ id: string; source: string; target: string | null }> };

/**
 * `draft.txt:12:5 error non-standard-name 国际货币组织 → 国际货币基金组织`, then the reason, indented.
 * In a bilingual file the segment id follows (`[segment u12]`), and a finding in the source shows
 * the source and target segments.
 */
export function formatText(result: WithSegments, options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const segments = new Map((result.segments ?? []).map((s) => [s.id, s]));
  for (const i of result.issues) {
    const file = i.in === 'source' ? (result.summary.source ?? 'source') : result.summary.name;
    const fix = i.suggestion !== null ? ` → ${oneLine(i.suggestion)}` : '';
    lines.push(`${file}:${i.line}:${i.column} ${i.severity} ${i.rule} ${oneLine(i.text)}${fix}${i.segment !== undefined ? `  [segment ${i.segment}]` : ''}`);
    lines.push(`    ${i.message}${options.verbose ? ` [${i.id}]` : ''}`);
    const seg = i.in === 'source' && i.segment !== undefined ? segments.get(i.segment) : undefined;
    if (seg) lines.push(`    source: ${oneLine(seg.source)}`, `    target: ${oneLine(seg.target ?? '')}`);
  }
  lines.push(summaryLine(result));
  return lines.join('\n');
}

export function summaryLine(result: CheckResult): string {
  const s = result.summary;
  const ignored = s.ignored > 0 ? `, ${s.ignored} ignored` : '';
  return `${s.name}: ${counted(s.errors, 'error')}, ${counted(s.warnings, 'warning')}, ${counted(s.infos, 'note')}${ignored}; ${counted(s.occurrences, 'term occurrence')} of ${counted(s.concepts, 'concept')} in ${counted(s.characters, 'character')}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

const CSV_COLUMNS = ['id', 'file', 'line', 'column', 'severity', 'rule', 'text', 'suggestion', 'message', 'conceptId', 'start', 'end'] as const;

/** One row a finding; cells that a spreadsheet would take as a formula are prefixed with '. */
export function formatCsv(result: CheckResult): string {
  const cell = (v: unknown) => {
    const s = defuseFormula(v === null || v === undefined ? '' : String(v));
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // A bilingual file's report has a segment column after the file.
  const columns: string[] = result.issues.some((i) => i.segment !== undefined) ? ['id', 'file', 'segment', ...CSV_COLUMNS.slice(2)] : [...CSV_COLUMNS];
  const rows = [columns.join(',')];
  for (const i of result.issues) {
    const file = i.in === 'source' ? (result.summary.source ?? 'source') : result.summary.name;
    const values: Record<string, unknown> = { ...i, file };
    rows.push(columns.map((c) => cell(values[c])).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

export const REPORT_STYLE = `
body{font:15px/1.6 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1d232a;background:#fafafa}
header{padding:1rem 2rem;background:#1f3a5f;color:#fff}header h1{margin:0;font-size:1.25rem}header p{margin:.25rem 0 0}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,2fr);gap:1.5rem;padding:1.5rem 2rem}
@media (max-width:60rem){main{grid-template-columns:1fr}}
.draft{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:1rem 1.25rem;white-space:pre-wrap;word-break:break-all}
.findings{list-style:none;margin:0;padding:0}.findings li{background:#fff;border:1px solid #d8dde3;border-left-width:4px;border-radius:6px;padding:.5rem .75rem;margin-bottom:.5rem}
.findings li.error{border-left-color:#c62828}.findings li.warning{border-left-color:#ef8f00}.findings li.info{border-left-color:#1565c0}
.findings a{color:inherit;text-decoration:none}.where{color:#57606a;font-size:.85em}.rule{font-family:ui-monospace,monospace;font-size:.85em}
.fix{font-weight:600}.msg{margin:.25rem 0 0}
mark{background:none;border-bottom:2px solid;padding:0 1px}mark.error{border-color:#c62828;background:#fdecea}mark.warning{border-color:#ef8f00;background:#fff4e0}mark.info{border-color:#1565c0;background:#e8f1fb}
mark:target{outline:2px solid #1f3a5f}mark a{color:inherit;text-decoration:none}li:target{outline:2px solid #1f3a5f}
.counts span{display:inline-block;margin-right:1rem}
h2{font-size:1rem;margin:0 0 .75rem}table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #d8dde3;padding:.25rem .5rem;text-align:left;font-size:.9em}
`;

/** A standalone, escaped HTML report: the draft with findings highlighted, and the list of findings. */
export function formatHtml(result: CheckResult, draft: string): string {
  const s = result.summary;
  const draftIssues = result.issues.filter((i) => i.in !== 'source');
  const sourceIssues = result.issues.filter((i) => i.in === 'source');
  const numbered = new Map<CheckIssue, number>();
  result.issues.forEach((i, n) => numbered.set(i, n + 1));
  const list = result.issues
    .map((i) => {
      const n = numbered.get(i)!;
      const file = i.in === 'source' ? (s.source ?? 'source') : s.name;
      const target = i.in === 'source' ? '' : ` href="#f${n}"`;
      return `<li class="${i.severity}" id="l${n}"><a${target}><span class="where">${escapeHtml(file)}:${i.line}:${i.column}</span> <strong>${i.severity}</strong> <span class="rule">${escapeHtml(i.rule)}</span><br>${escapeHtml(i.text)}${i.suggestion !== null ? ` → <span class="fix">${escapeHtml(i.suggestion)}</span>` : ''}</a><p class="msg">${escapeHtml(i.message)}</p><p class="where">id ${escapeHtml(i.id)}</p></li>`;
    })
    .join('\n');
  const concepts = result.concepts
    .slice(0, 200)
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.official ?? c.english ?? String(c.conceptId))}</td><td>${c.occurrences}</td><td>${escapeHtml(c.forms.map((f) => `${f.text} (${f.count})`).join(', '))}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`TermDesk check: ${s.name}`)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header><h1>TermDesk check: ${escapeHtml(s.name)}${s.source ? ` (source: ${escapeHtml(s.source)})` : ''}</h1>
<p class="counts"><span>${counted(s.errors, 'error')}</span><span>${counted(s.warnings, 'warning')}</span><span>${counted(s.infos, 'note')}</span>${s.ignored ? `<span>${s.ignored} ignored</span>` : ''}<span>${counted(s.occurrences, 'term occurrence')}, ${counted(s.concepts, 'concept')}, ${counted(s.characters, 'character')}</span></p></header>
<main>
<section><h2>Draft</h2><div class="draft">${highlight(draft, draftIssues, numbered)}</div></section>
<section><h2>Findings (${result.issues.length}${sourceIssues.length ? `, ${sourceIssues.length} in the source` : ''})</h2><ol class="findings">
${list || '<li class="info">No findings.</li>'}
</ol>
<h2>Terms in the draft</h2><table><thead><tr><th>concept</th><th>occurrences</th><th>forms used</th></tr></thead><tbody>
${concepts}
</tbody></table></section>
</main>
</body>
</html>
`;
}

/** The draft, escaped, with non-overlapping <mark>s (the first finding at a place wins). */
function highlight(draft: string, issues: CheckIssue[], numbered: Map<CheckIssue, number>): string {
  const sorted = [...issues].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: string[] = [];
  let pos = 0;
  for (const i of sorted) {
    if (i.start < pos || i.end <= i.start) continue;
    out.push(escapeHtml(draft.slice(pos, i.start)));
    const n = numbered.get(i)!;
    out.push(`<mark class="${i.severity}" id="f${n}" title="${escapeHtml(`${i.rule}: ${i.message}`)}"><a href="#l${n}">${escapeHtml(draft.slice(i.start, i.end))}</a></mark>`);
    pos = i.end;
  }
  out.push(escapeHtml(draft.slice(pos)));
  return out.join('');
}
