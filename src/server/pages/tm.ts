// The translation-memory page: fuzzy matches for a sentence (with the differences marked) and
// concordance lines for a term or phrase, plus the import form.
import type { ConcordanceHit, ConcordanceResponse } from '../../tm/concordance.js';
import type { DiffSpan, MatchResponse } from '../../tm/fuzzy.js';
import { type WriteAccess, writeFields } from './forms.js';
import { type SafeHtml, highlight, html } from './html.js';

export type TmMode = 'match' | 'concordance';

export interface TmPageInput {
  q: string;
  mode: TmMode;
  match?: MatchResponse;
  concordance?: ConcordanceResponse;
  /** Where the concordance page starts, and how many lines a page has. */
  offset?: number;
  pageSize?: number;
  stats: { segments: number };
  writes: WriteAccess;
  /** The form token of this browser session (formToken in ../access.ts). */
  csrf: string;
  message?: { kind: 'ok' | 'error'; text: string };
}

/** The stored segment with what differs from the query marked: <ins> only in the stored one, <del> only in the query. */
export function diffHtml(diff: DiffSpan[]): SafeHtml {
  return html`${diff.map((d) => (d.op === 'equal' ? html`${d.text}` : d.op === 'insert' ? html`<ins>${d.text}</ins>` : html`<del>${d.text}</del>`))}`;
}

const zhLang = (text: string) => (/\p{Script=Han}/u.test(text) ? 'zh-Hans' : 'en');

export function concordanceLines(hits: ConcordanceHit[]): SafeHtml {
  return html`<ol class="tm-lines concordance">${hits.map(
    (h) => html`<li><span lang="zh-Hans">${highlight(h.zh, h.zhRanges)}</span><span lang="en">${highlight(h.en, h.enRanges)}</span><span></span>
    <span class="doc">${h.doc ?? h.origin}${h.position !== null ? ` · ${h.position}` : ''}</span></li>`,
  )}</ol>`;
}

function concordancePosition(input: TmPageInput, c: ConcordanceResponse): string {
  const from = (input.offset ?? 0) + 1;
  return c.hits.length < c.total ? `${from}–${from + c.hits.length - 1} of ${c.total}` : String(c.total);
}

/** Previous / next links when the concordance has more lines than a page. */
function concordancePager(input: TmPageInput, c: ConcordanceResponse): SafeHtml | string {
  const offset = input.offset ?? 0;
  const size = input.pageSize ?? c.hits.length;
  const href = (at: number) => `/tm?${new URLSearchParams({ q: input.q, mode: 'concordance', ...(at > 0 ? { offset: String(at) } : {}) }).toString()}`;
  const prev = offset > 0 ? href(Math.max(0, offset - size)) : null;
  const next = offset + c.hits.length < c.total ? href(offset + size) : null;
  if (!prev && !next) return '';
  return html`<nav class="pager" aria-label="Concordance pages">${prev ? html`<a href="${prev}" rel="prev">← Previous ${size}</a>` : ''} ${next ? html`<a href="${next}" rel="next">Next ${Math.min(size, c.total - offset - c.hits.length)} →</a>` : ''}</nav>`;
}

export function tmBody(input: TmPageInput): SafeHtml {
  const { match, concordance } = input;
  return html`<h1>Translation memory</h1>
<p class="help">${input.stats.segments.toLocaleString('en')} aligned segments. Paste a sentence for fuzzy matches, or a term or phrase to see how it was translated.</p>
${input.message ? html`<p class="message ${input.message.kind}" role="${input.message.kind === 'error' ? 'alert' : 'status'}">${input.message.text}</p>` : ''}
<form class="search" method="get" action="/tm" role="search">
  <label for="tm-q" class="visually-hidden">Sentence, term or phrase</label>
  <input id="tm-q" name="q" type="search" value="${input.q}" placeholder="数字鸿沟 · digital divide · a whole sentence" autocomplete="off">
  <label><input type="radio" name="mode" value="concordance"${input.mode === 'concordance' ? html` checked` : ''}> Concordance</label>
  <label><input type="radio" name="mode" value="match"${input.mode === 'match' ? html` checked` : ''}> Fuzzy match</label>
  <button type="submit">Search</button>
</form>
<section aria-live="polite">
${
  match
    ? match.matches.length
      ? html`<h2>Fuzzy matches</h2><ol class="tm-lines matches">${match.matches.map(
          (m) => html`<li><span lang="${m.sourceLang === 'zh' ? 'zh-Hans' : 'en'}">${diffHtml(m.diff)}</span><span lang="${zhLang(m.target)}">${m.target}</span>
          <span class="score">${m.score}%</span><span class="doc">${m.doc ?? m.origin}${m.position !== null ? ` · ${m.position}` : ''}</span></li>`,
        )}</ol><p class="hint"><ins>inserted</ins>: only in the stored segment · <del>deleted</del>: only in your sentence.</p>`
      : html`<p class="hint">No match of 50% or more.</p>`
    : ''
}
${
  concordance
    ? concordance.hits.length
      ? html`<h2>Concordance <span class="count">(${concordancePosition(input, concordance)})</span></h2>
${concordance.english.length > 0 ? html`<p class="hint">English marked: <span lang="en">${concordance.english.join(', ')}</span> (the glossary’s equivalents).</p>` : ''}
${concordanceLines(concordance.hits)}${concordancePager(input, concordance)}`
      : html`<p class="hint">No segment contains “${input.q}”.</p>`
    : ''
}
</section>
${
  input.writes === 'closed'
    ? ''
    : html`<section aria-labelledby="tm-import-h">
<h2 id="tm-import-h">Import</h2>
<form method="post" action="/tm/import" enctype="multipart/form-data" class="alias">
  ${writeFields(input.writes, input.csrf, 'tm-token')}
  <label for="tm-file">TMX or TSV</label><input id="tm-file" name="file" type="file" accept=".tmx,.tsv,.txt">
  <span></span><span class="hint">or a document pair, aligned sentence by sentence:</span>
  <label for="tm-en">English</label><input id="tm-en" name="en" type="file" accept=".txt,.md,.docx">
  <label for="tm-zh">Chinese</label><input id="tm-zh" name="zh" type="file" accept=".txt,.md,.docx">
  <button type="submit">Import</button>
</form>
</section>`
}`;
}
