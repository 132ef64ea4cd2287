// The HTML report of a bilingual check (check/segments.ts): a standalone page, one row per segment
// with findings, the source and the target side by side with the findings highlighted in each,
// and the findings listed under them. Everything escaped; inline style, no script.
import { escapeHtml } from '../domain/escape.js';
import { counted } from '../domain/words.js';
import { REPORT_STYLE } from './reporters.js';
import type { SegmentCheckResult, SegmentIssue } from './segments.js';

const SEGMENT_STYLE = `
table.segments td{vertical-align:top;width:45%;white-space:pre-wrap;word-break:break-all}table.segments td.id{width:10%;font-family:ui-monospace,monospace;font-size:.85em;white-space:nowrap}
table.segments tr.findings-row td{background:#fafafa}table.segments ul{margin:0;padding-left:1.1rem}main.bilingual{display:block}
`;

/** A segment's text, escaped, with its findings' spans marked (the first at a place wins). */
function marked(text: string, issues: SegmentIssue[]): string {
  const sorted = [...issues].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (const i of sorted) {
    if (i.start < pos || i.end <= i.start || i.end > text.length) continue;
    out += `${escapeHtml(text.slice(pos, i.start))}<mark class="${i.severity}" title="${escapeHtml(`${i.rule}: ${i.message}`)}">${escapeHtml(text.slice(i.start, i.end))}</mark>`;
    pos = i.end;
  }
  return out + escapeHtml(text.slice(pos));
}

export function formatSegmentsHtml(result: SegmentCheckResult): string {
  const s = result.summary;
  const rows = result.segments
    .map((seg) => {
      const issues = result.issues.filter((i) => i.segment === seg.id);
      const inSource = issues.filter((i) => i.in === 'source');
      const inTarget = issues.filter((i) => i.in !== 'source');
      const list = issues
        .map(
          (i) =>
            `<li class="${i.severity}"><strong>${i.severity}</strong> <span class="rule">${escapeHtml(i.rule)}</span> ${escapeHtml(i.text)}${i.suggestion !== null ? ` → <span class="fix">${escapeHtml(i.suggestion)}</span>` : ''}<br><span class="msg">${escapeHtml(i.message)}</span> <span class="where">${escapeHtml(i.in === 'source' ? (s.source ?? '') : s.name)}:${i.line}:${i.column} · id ${escapeHtml(i.id)}</span></li>`,
        )
        .join('');
      return `<tr id="seg-${escapeHtml(seg.id)}"><td class="id">${escapeHtml(seg.id)}</td><td lang="en">${marked(seg.source, inSource)}</td><td lang="zh-Hans">${marked(seg.target ?? '', inTarget)}</td></tr>
<tr class="findings-row"><td></td><td colspan="2"><ul>${list}</ul></td></tr>`;
    })
    .join('\n');
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
<table class="segments"><thead><tr><th>segment</th><th>source</th><th>target</th></tr></thead><tbody>
${rows || '<tr><td colspan="3">No findings.</td></tr>'}
</tbody></table>
</main>
</body>
</html>
`;
}
