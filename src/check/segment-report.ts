// The HTML report of a bilingual check (check/segments.ts): a standalone page, one row per segment
// with findings, the source and the target side by side with the findings highlighted in each,
// and the findings listed under them. Everything escaped; inline style, no script.
import { escapeHtml } from '../domain/escape.js';
import { counted } from '../domain/words.js';
import { REPORT_STYLE } from './reporters.js';
import type { SegmentCheckResult, SegmentIssue } from './segments.js';

const SEGMENT_STYLE = `
table.segments td,table.segments th{vertical-align:top;text-align:left}table.segments td{width:45%;white-space:pre-wrap;word-break:break-all}table.segments .id{width:10%;font-family:ui-monospace,monospace;font-size:.85em;white-space:nowrap}table.segments .side{display:none}
table.segments tr.findings-row td{background:#fafafa}table.segments ul{margin:0;padding-left:1.1rem}main.bilingual{display:block}
`;

/**
 * A segment's text, escaped, with its findings' spans marked (the first at a place wins); each
 * mark's id is `f-` and the finding's index in the result, so the list can link to it.
 */
function marked(text: string, issues: Array<{ issue: SegmentIssue; index: number }>, shown: Set<number>): string {
  const sorted = [...issues].sort((a, b) => a.issue.start - b.issue.start || b.issue.end - a.issue.end);
  let out = '';
  let pos = 0;
  for (const { issue: i, index } of sorted) {
    if (i.start < pos || i.end <= i.start || i.end > text.length) continue;
    out += `${escapeHtml(text.slice(pos, i.start))}<mark id="f-${index}" class="${i.severity}" title="${escapeHtml(`${i.rule}: ${i.message}`)}">${escapeHtml(text.slice(i.start, i.end))}</mark>`;
    shown.add(index);
    pos = i.end;
  }
  return out + escapeHtml(text.slice(pos));
}

/**
 * The segments with findings as a table (HTML, everything escaped): segment id, source and target
 * with the findings' spans marked, then the findings (message, suggestion, place), each linking
 * to its mark. The standalone report and the web Check page both show this table.
 */
export function formatSegmentsTable(result: SegmentCheckResult): string {
  const s = result.summary;
  const bySegment = new Map<string, Array<{ issue: SegmentIssue; index: number }>>();
  result.issues.forEach((issue, index) => {
    const list = bySegment.get(issue.segment) ?? [];
    list.push({ issue, index });
    bySegment.set(issue.segment, list);
  });
  const rows = result.segments
    .map((seg) => {
      const issues = bySegment.get(seg.id) ?? [];
      const shown = new Set<number>();
      const source = marked(seg.source, issues.filter(({ issue }) => issue.in === 'source'), shown);
      const target = marked(seg.target ?? '', issues.filter(({ issue }) => issue.in !== 'source'), shown);
      const list = issues
        .map(({ issue: i, index }) => {
          const place = `${escapeHtml(i.in === 'source' ? (s.source ?? '') : s.name)}:${i.line}:${i.column}`;
          return `<li class="${i.severity}"><strong>${i.severity}</strong> <span class="rule">${escapeHtml(i.rule)}</span> <span lang="${i.in === 'source' ? 'en' : 'zh-Hans'}">${escapeHtml(i.text)}</span>${i.suggestion !== null ? ` → <span class="fix" lang="zh-Hans">${escapeHtml(i.suggestion)}</span>` : ''}<br><span class="msg">${escapeHtml(i.message)}</span> <span class="where">${shown.has(index) ? `<a href="#f-${index}">${place}</a>` : place} · id ${escapeHtml(i.id)}</span></li>`;
        })
        .join('');
      return `<tr id="seg-${escapeHtml(seg.id.replace(/\s/g, '_'))}"><th scope="row" class="id">${escapeHtml(seg.id)}</th><td lang="en"><span class="side">source</span>${source}</td><td lang="zh-Hans"><span class="side">target</span>${target}</td></tr>
<tr class="findings-row"><td class="id"></td><td colspan="2"><ul>${list}</ul></td></tr>`;
    })
    .join('\n');
  return `<table class="segments"><thead><tr><th scope="col" class="id">segment</th><th scope="col">source</th><th scope="col">target</th></tr></thead><tbody>
${rows || '<tr><td colspan="3">No findings.</td></tr>'}
</tbody></table>`;
}

export function formatSegmentsHtml(result: SegmentCheckResult): string {
  const s = result.summary;
  const counts = s.segments;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`TermDesk check: ${s.name}`)}</title>
<style>${REPORT_STYLE}${SEGMENT_STYLE}</style>
</head>
<body>
<header><h1>TermDesk check: ${escapeHtml(s.name)}${s.source && s.source !== s.name ? ` (source: ${escapeHtml(s.source)})` : ''}</h1>
<p class="counts"><span>${counted(s.errors, 'error')}</span><span>${counted(s.warnings, 'warning')}</span><span>${counted(s.infos, 'note')}</span>${s.ignored ? `<span>${s.ignored} ignored</span>` : ''}<span>${counts.checked} of ${counted(counts.total, 'segment')} translated and checked; ${counts.withFindings} with findings</span></p></header>
<main class="bilingual">
<h2>Segments with findings</h2>
${formatSegmentsTable(result)}
</main>
</body>
</html>
`;
}
