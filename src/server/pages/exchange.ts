// The import/export page: export the glossary as TBX v3, TBX v2, CSV, TSV or Excel; import a file with
// a preview of what it will do before anything changes.
import { CATEGORIES, TERM_STATUSES } from '../../domain/types.js';
import type { ImportReport } from '../../exchange/import.js';
import { EXPORT_FORMATS, FORMATS } from '../../formats/registry.js';
import { type WriteAccess, writeFields } from './forms.js';
import { type SafeHtml, html } from './html.js';

export interface ExchangePageInput {
  writes: WriteAccess;
  /** The form token of this browser session (formToken in ../access.ts). */
  csrf: string;
  message?: { kind: 'ok' | 'error'; text: string };
  /** A dry-run report and the id under which the uploaded file waits to be applied. */
  preview?: { file: string; pendingId: string; report: ImportReport };
  /** The report of an import just applied. */
  applied?: { file: string; report: ImportReport };
}

function reportTable(report: ImportReport, limit = 200): SafeHtml {
  return html`<p class="summary"><span><strong>${report.concepts.new}</strong> new</span> <span><strong>${report.concepts.merged}</strong> merged</span>
  <span><strong>${report.concepts.skipped}</strong> skipped</span> <span>${report.terms.added} terms added, ${report.terms.existing} already there</span>
  <span>${report.format}${report.dialect ? ` (${report.dialect})` : ''}, ${report.entries} entries</span></p>
${report.warningCount ? html`<details><summary>${report.warningCount} warnings</summary><ul>${report.warnings.map((w) => html`<li>${w}</li>`)}</ul></details>` : ''}
<div class="table-wrap"><table class="preview">
<thead><tr><th scope="col">Line</th><th scope="col">Action</th><th scope="col">Entry</th><th scope="col">Terms added</th><th scope="col">Why</th></tr></thead>
<tbody>${report.items.slice(0, limit).map(
    (i) => html`<tr><td>${i.line}</td><td><span class="badge ${i.action === 'new' ? 'preferred' : i.action === 'merged' ? 'admitted' : 'deprecated'}">${i.action}</span></td>
    <td>${i.conceptId ? html`<a href="/concepts/${i.conceptId}">${i.label}</a>` : i.label}</td><td>${i.termsAdded}</td><td>${i.reason ?? ''}</td></tr>`,
  )}</tbody></table></div>
${report.items.length > limit || report.itemsTruncated ? html`<p class="hint">Showing the first ${Math.min(limit, report.items.length)} entries.</p>` : ''}`;
}

export function exchangeBody(input: ExchangePageInput): SafeHtml {
  return html`<h1>Import and export</h1>
${input.message ? html`<p class="message ${input.message.kind}" role="${input.message.kind === 'error' ? 'alert' : 'status'}">${input.message.text}</p>` : ''}
<div class="exchange">
<section aria-labelledby="export-h">
<h2 id="export-h">Export</h2>
<form method="get" action="/api/export">
  <label for="ex-format">Format</label>
  <select id="ex-format" name="format">${EXPORT_FORMATS.map((f) => html`<option value="${f}">${FORMATS[f].label}</option>`)}</select>
  <label for="ex-category">Category</label>
  <select id="ex-category" name="category"><option value="">all</option>${CATEGORIES.map((c) => html`<option value="${c}">${c}</option>`)}</select>
  <label for="ex-status">Term status</label>
  <select id="ex-status" name="status"><option value="">all</option>${TERM_STATUSES.map((s) => html`<option value="${s}">${s}</option>`)}</select>
  <label for="ex-since">Changed since</label>
  <input id="ex-since" name="since" type="date">
  <button type="submit">Download</button>
</form>
<p class="hint">TBX v3 for Trados and memoQ; TBX v2 for OmegaT; Excel (.xlsx) for spreadsheets and the Excel imports of memoQ and Trados (one row per concept, synonyms separated by |); CSV for any tool.</p>
</section>
${
  input.writes === 'closed'
    ? html`<section><h2>Import</h2><p class="hint">Importing is off: this server listens beyond loopback without a token.</p></section>`
    : html`<section aria-labelledby="import-h">
<h2 id="import-h">Import</h2>
<form method="post" action="/exchange/preview" enctype="multipart/form-data">
  ${writeFields(input.writes, input.csrf, 'im-token')}
  <label for="im-file">TBX (v2 or v3), Excel (.xlsx), CSV or TSV file</label>
  <input id="im-file" name="file" type="file" accept=".tbx,.xml,.xlsx,.csv,.tsv,.txt" required>
  <button type="submit">Preview</button>
</form>
<p class="hint">The preview shows what the import will add or merge; nothing changes until you apply it.</p>
</section>`
}
</div>
${
  input.preview
    ? html`<section aria-labelledby="preview-h">
<h2 id="preview-h">Preview of ${input.preview.file}</h2>
${reportTable(input.preview.report)}
<form method="post" action="/exchange/apply" class="inline-actions">
  ${writeFields(input.writes, input.csrf, 'ap-token')}
  <input type="hidden" name="pending" value="${input.preview.pendingId}">
  <button type="submit">Apply this import</button> <a href="/exchange">Cancel</a>
</form>
</section>`
    : ''
}
${input.applied ? html`<section aria-labelledby="applied-h"><h2 id="applied-h">Imported ${input.applied.file}</h2>${reportTable(input.applied.report)}</section>` : ''}`;
}
