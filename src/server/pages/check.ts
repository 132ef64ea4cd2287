// The Check page: paste or upload a draft, see it with the findings highlighted, jump to each
// finding, apply a suggestion, download the report. Works without JavaScript except "Apply".
import type { CheckIssue, CheckResult } from '../../check/checker.js';
import { RULES } from '../../check/rules/index.js';
import { escapeHtml } from '../../domain/escape.js';
import { WORD_MARKER } from '../../domain/markup.js';
import { type SafeHtml, html, raw } from './html.js';

export interface CheckPageInput {
  text: string;
  /** The form token of the browser session: an XLIFF file uploaded here is a bilingual check, which needs it. */
  csrf: string;
  name?: string;
  /** Rules switched on (all when undefined). */
  rules?: string[];
  ignore?: string[];
  /** The check's result; `omittedIssues` counts the findings left out of a long answer. */
  result?: CheckResult & { omittedIssues?: number };
  error?: string;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Draft text between findings, escaped; a Word converter's markers ([footnoteRef:3]) are kept but shown dimmed, as not part of the words. */
function draftText(text: string): string {
  return escapeHtml(text).replace(WORD_MARKER, (m) => `<span class="markup">${m}</span>`);
}

/** The draft as HTML, each finding a <mark> with an id the list links to (overlaps are listed, not nested). */
export function markedDraft(text: string, issues: CheckIssue[]): SafeHtml {
  const spans = issues
    .map((issue, i) => ({ issue, i }))
    .filter(({ issue }) => issue.in !== 'source' && issue.end > issue.start)
    .sort((a, b) => a.issue.start - b.issue.start || SEVERITY_ORDER[a.issue.severity] - SEVERITY_ORDER[b.issue.severity]);
  let out = '';
  let pos = 0;
  for (const { issue, i } of spans) {
    if (issue.start < pos) continue;
    out += draftText(text.slice(pos, issue.start));
    out += `<mark id="f-${i}" class="${issue.severity}" title="${escapeHtml(`${issue.rule}: ${issue.message}`)}">${escapeHtml(text.slice(issue.start, issue.end))}</mark>`;
    pos = issue.end;
  }
  out += draftText(text.slice(pos));
  return raw(out);
}

function findingItem(issue: CheckIssue, i: number): SafeHtml {
  const inSource = issue.in === 'source';
  return html`<li class="finding ${issue.severity}" data-start="${issue.start}" data-end="${issue.end}" data-suggestion="${issue.suggestion ?? ''}" data-id="${issue.id}">
  <div><span class="badge ${issue.severity}">${issue.severity}</span> <code>${issue.rule}</code>
    <a class="where" href="${inSource ? '#source' : `#f-${i}`}">${inSource ? 'source ' : ''}${issue.line}:${issue.column}</a></div>
  <p class="msg"><span lang="zh-Hans">${issue.text}</span>${issue.suggestion ? html` → <strong lang="zh-Hans">${issue.suggestion}</strong>` : ''}</p>
  <p class="hint">${issue.message}</p>
  ${issue.suggestion && !inSource ? html`<button type="button" class="secondary apply">Apply</button>` : ''}
  <label class="ignore"><input type="checkbox" name="ignore" value="${issue.id}" form="check-form"> ignore</label>
</li>`;
}

/** The switch between the two checks (plain links: each is its own page). */
export function checkTabs(current: 'draft' | 'bilingual'): SafeHtml {
  const tab = (id: typeof current, href: string, label: string) => html`<a href="${href}"${id === current ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<nav class="tabs" aria-label="What to check">${tab('draft', '/check', 'A Chinese draft')} ${tab('bilingual', '/check/bilingual', 'A translation against its source (XLIFF, aligned texts)')}</nav>`;
}

/** The rule checkboxes (all on when `rules` is undefined). */
export function rulesPicker(rules: readonly string[] | undefined): SafeHtml {
  const enabled = new Set(rules ?? RULES.map((rule) => rule.id));
  return html`<details>
    <summary>Rules</summary>
    <ul class="rules">
      ${RULES.map(
        (rule) => html`<li><label><input type="checkbox" name="rules" value="${rule.id}"${enabled.has(rule.id) ? html` checked` : ''}> <code>${rule.id}</code> (${rule.defaultSeverity}) — ${rule.description}</label></li>`,
      )}
    </ul>
  </details>`;
}

export function checkBody(input: CheckPageInput): SafeHtml {
  const r = input.result;
  const enabled = new Set(input.rules ?? RULES.map((rule) => rule.id));
  return html`<h1>Check a draft</h1>
${checkTabs('draft')}
<p class="help">Paste a Chinese draft or upload a .txt, .md or .docx file. The checker lists non-standard names, one body named two ways, short forms used before they are introduced, and more. An XLIFF file is checked segment by segment against its source (<a href="/check/bilingual">more on bilingual checks</a>).</p>
${input.error ? html`<p class="message error" role="alert">${input.error}</p>` : ''}
<div class="check-layout">
<form id="check-form" class="check-input" method="post" action="/check" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="${input.csrf}">
  <label for="draft-text">Draft</label>
  <textarea id="draft-text" name="text" lang="zh-Hans" spellcheck="false">${raw('\n')}${input.text}</textarea>
  <div class="row">
    <label for="draft-file">or upload</label> <input id="draft-file" name="draft" type="file" accept=".txt,.md,.docx,.xlf,.xliff,.sdlxliff,.mqxliff,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document">
  </div>
  <div class="row">
    <label for="source-file">English source (optional)</label> <input id="source-file" name="source" type="file" accept=".txt,.md,.docx">
  </div>
  <input type="hidden" name="name" value="${input.name ?? 'draft'}">
  ${rulesPicker(input.rules)}
  ${(input.ignore ?? []).map((id) => html`<input type="hidden" name="ignore" value="${id}">`)}
  <div class="row"><button type="submit">Check</button></div>
</form>
<section class="check-results" aria-labelledby="findings-h">
${
  r
    ? html`<h2 id="findings-h">Findings</h2>
<p class="summary" role="status"><span><strong>${r.summary.errors}</strong> ${r.summary.errors === 1 ? 'error' : 'errors'}</span> <span><strong>${r.summary.warnings}</strong> ${r.summary.warnings === 1 ? 'warning' : 'warnings'}</span> <span><strong>${r.summary.infos}</strong> ${r.summary.infos === 1 ? 'note' : 'notes'}</span>
  <span>${r.summary.concepts} names found, ${r.summary.occurrences} occurrences</span>${r.summary.ignored ? html` <span>${r.summary.ignored} ignored</span>` : ''}</p>
<div class="row downloads">
  <button type="submit" form="report-form" formaction="/api/check?format=html" formtarget="_blank" class="secondary">Report (HTML)</button>
  <button type="submit" form="report-form" formaction="/api/check?format=csv" class="secondary">Report (CSV)</button>
</div>
${r.issues.length ? html`<ol class="findings">${r.issues.map((issue, i) => findingItem(issue, i))}</ol>` : html`<p class="message ok">No findings.</p>`}
${r.omittedIssues ? html`<p class="hint">Showing the first ${r.issues.length} of ${r.summary.total} findings; split the draft to see the rest.</p>` : ''}`
    : html`<h2 id="findings-h">Findings</h2><p class="hint">Findings appear here after a check.</p>`
}
</section>
</div>
${
  r
    ? html`<h2>Draft with findings</h2>
<div class="draft" id="draft" lang="zh-Hans" tabindex="0">${markedDraft(input.text, r.issues)}</div>
<form id="report-form" method="post" enctype="multipart/form-data" hidden>
  <textarea name="text" hidden>${raw('\n')}${input.text}</textarea>
  <input type="hidden" name="name" value="${input.name ?? 'draft'}">
  ${[...enabled].map((id) => html`<input type="hidden" name="rules" value="${id}">`)}
  ${(input.ignore ?? []).map((id) => html`<input type="hidden" name="ignore" value="${id}">`)}
</form>`
    : ''
}`;
}
