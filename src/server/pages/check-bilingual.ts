// The Check page for a translation against its source: upload an XLIFF file or paste aligned
// English and Chinese texts, see the segments with findings (segment id, both sides with the
// spans marked, message, suggestion). The table is check/segment-report.ts's, the one the
// standalone HTML report shows. Plain form posts: works without JavaScript.
import type { SegmentCheckResult } from '../../check/segments.js';
import { formatSegmentsTable } from '../../check/segment-report.js';
import { segmentCounts } from '../../check/segments.js';
import { counted } from '../../domain/words.js';
import { type SafeHtml, html, raw } from './html.js';
import { checkTabs, rulesPicker } from './check.js';

export interface BilingualPageInput {
  /** The form token of the browser session (a bilingual upload must come from this page). */
  csrf: string;
  /** The pasted texts, kept in the form. */
  source: string;
  target: string;
  /** The XLIFF file that was checked, if one was. */
  fileName?: string;
  rules?: readonly string[];
  result?: SegmentCheckResult & { omittedIssues?: number; notices?: string[] };
  error?: string;
}

export function bilingualCheckBody(input: BilingualPageInput): SafeHtml {
  const r = input.result;
  const pasted = !input.fileName;
  return html`<h1>Check a translation against its source</h1>
${checkTabs('bilingual')}
<p class="help">Upload a bilingual XLIFF file (1.2 or 2.x, as Trados, memoQ, Phrase and OmegaT exchange it), or paste the English source and the Chinese translation, line n of one translating line n of the other. Every rule of the draft check runs on the translation; English glossary terms whose official Chinese is missing from a segment’s translation are reported too.</p>
${input.error ? html`<p class="message error" role="alert">${input.error}</p>` : ''}
<form id="bilingual-form" class="check-input" method="post" action="/check/bilingual" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="${input.csrf}">
  <input type="hidden" name="mode" value="bilingual">
  <div class="row">
    <label for="xliff-file">XLIFF file</label> <input id="xliff-file" name="xliff" type="file" accept=".xlf,.xliff,.sdlxliff,.mqxliff">
  </div>
  <p class="hint">or paste aligned texts, one segment a line:</p>
  <div class="aligned">
    <div><label for="source-text">English source</label>
      <textarea id="source-text" name="source" lang="en" spellcheck="false">${raw('\n')}${input.source}</textarea></div>
    <div><label for="target-text">Chinese translation</label>
      <textarea id="target-text" name="target" lang="zh-Hans" spellcheck="false">${raw('\n')}${input.target}</textarea></div>
  </div>
  ${rulesPicker(input.rules)}
  <div class="row"><button type="submit">Check</button></div>
</form>
${r ? bilingualResults(r, input, pasted) : ''}`;
}

function bilingualResults(r: NonNullable<BilingualPageInput['result']>, input: BilingualPageInput, pasted: boolean): SafeHtml {
  const s = r.summary;
  return html`<section class="check-results bilingual-results" aria-labelledby="findings-h">
<h2 id="findings-h">Findings${input.fileName ? html` in <span class="file">${input.fileName}</span>` : ''}</h2>
<p class="summary" role="status"><span><strong>${s.errors}</strong> ${s.errors === 1 ? 'error' : 'errors'}</span> <span><strong>${s.warnings}</strong> ${s.warnings === 1 ? 'warning' : 'warnings'}</span> <span><strong>${s.infos}</strong> ${s.infos === 1 ? 'note' : 'notes'}</span>
  <span>${segmentCounts(s.segments)}; ${counted(s.segments.withFindings, 'segment')} with findings</span>${s.ignored ? html` <span>${s.ignored} ignored</span>` : ''}</p>
${(r.notices ?? []).map((notice) => html`<p class="message">${notice}</p>`)}
${
  pasted
    ? html`<div class="row downloads">
  <button type="submit" form="report-form" formaction="/api/check?format=html" formtarget="_blank" class="secondary">Report (HTML)</button>
  <button type="submit" form="report-form" formaction="/api/check?format=csv" class="secondary">Report (CSV)</button>
</div>
<form id="report-form" method="post" enctype="multipart/form-data" hidden>
  <input type="hidden" name="csrf" value="${input.csrf}">
  <input type="hidden" name="mode" value="bilingual">
  <textarea name="source" hidden>${raw('\n')}${input.source}</textarea>
  <textarea name="target" hidden>${raw('\n')}${input.target}</textarea>
  ${(input.rules ?? []).map((id) => html`<input type="hidden" name="rules" value="${id}">`)}
</form>`
    : html`<p class="hint">For a report file of an XLIFF check: <code>termdesk check FILE.xlf --format html</code>, or <code>POST /api/check?format=html</code>.</p>`
}
${r.omittedIssues ? html`<p class="hint">Showing the first ${r.issues.length} of ${s.total} findings; split the file to see the rest.</p>` : ''}
<div class="segments-wrap">${s.total === 0 ? html`<p class="message ok">No findings.</p>` : raw(formatSegmentsTable(r))}</div>
</section>`;
}
