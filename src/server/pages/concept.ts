// The concept page: every term with type, status and source, where the concept was found
// (keyword in context), English equivalents, and forms to add an alias or change a status.
import { TERM_STATUSES, TERM_TYPES, type ConceptWithTerms, type Term } from '../../domain/types.js';
import { conceptForms, conceptLabel } from '../../domain/summary.js';
import { badges } from './search.js';
import { stripMarkup } from '../../domain/markup.js';
import type { OccurrenceWithDocument } from '../../store/repository.js';
import { type WriteAccess, writeFields } from './forms.js';
import { type SafeHtml, html, langAttr } from './html.js';

export interface ConceptPageInput {
  concept: ConceptWithTerms;
  occurrences: OccurrenceWithDocument[];
  occurrenceCount: number;
  /** 'token' shows a token field on the forms; 'closed' hides them. */
  writes: WriteAccess;
  /** The form token of this browser session (formToken in ../access.ts). */
  csrf: string;
  message?: { kind: 'ok' | 'error'; text: string };
  /** Extra sections (translation memory lines, suggestions) rendered below the contexts. */
  extra?: SafeHtml[];
}

const LANG_NAMES: Record<string, string> = { 'zh-Hans': '中文', 'zh-Hant': '中文（繁體）', en: 'English' };

function statusForm(term: Term, writes: WriteAccess, csrf: string): SafeHtml | string {
  if (writes === 'closed') return '';
  const id = `status-${term.id}`;
  return html`<form method="post" action="/terms/${term.id}/status" class="inline">
    ${writeFields(writes, csrf, `${id}-token`)}
    <label for="${id}" class="visually-hidden">Status of ${term.text}</label>
    <select id="${id}" name="status">
      ${TERM_STATUSES.map((s) => html`<option value="${s}"${s === term.status ? html` selected` : ''}>${s}</option>`)}
    </select>
    <button type="submit">Set</button>
  </form>`;
}

/** Splits a context snippet around the term for a keyword-in-context line. */
export function kwic(context: string, term: string): { left: string; key: string; right: string } {
  // Contexts stored before markup was stripped at ingest still show without it.
  const flat = stripMarkup(context).replace(/\s+/g, ' ');
  const at = flat.indexOf(term);
  if (at < 0) return { left: flat, key: '', right: '' };
  return { left: flat.slice(0, at), key: term, right: flat.slice(at + term.length) };
}

export function conceptBody(input: ConceptPageInput): SafeHtml {
  const { concept, writes, csrf } = input;
  const forms = conceptForms(concept.terms);
  const english = concept.terms.filter((t) => t.lang === 'en');
  return html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Search</a> › concept ${concept.id}</nav>
<h1><span lang="zh-Hans">${forms.zhFull?.text ?? ''}</span>${forms.zhFull ? badges(forms.zhFull) : ''}${forms.zhShort ? html` <span class="short" lang="zh-Hans">（${forms.zhShort.text}）</span>${badges(forms.zhShort)}` : ''}</h1>
<p class="en-title"><span lang="en">${forms.enFull?.text ?? ''}</span>${forms.enFull ? badges(forms.enFull) : ''}${forms.enShort ? html` <span lang="en">(${forms.enShort.text})</span>${badges(forms.enShort)}` : ''}</p>
<p class="meta">
  <span class="badge cat">${concept.category}</span>
  <span class="badge ${concept.reviewStatus}">${concept.reviewStatus}</span>
  <span>origin: ${concept.origin}</span>
  ${concept.extId ? html`<span>id: <code>${concept.extId}</code></span>` : ''}
  ${concept.subject ? html`<span>subject: ${concept.subject}</span>` : ''}
</p>
${input.message ? html`<p class="message ${input.message.kind}" role="${input.message.kind === 'error' ? 'alert' : 'status'}">${input.message.text}</p>` : ''}
${concept.definition ? html`<p class="definition">${concept.definition}</p>` : ''}
${concept.note ? html`<p class="note">${concept.note}</p>` : ''}

<section aria-labelledby="terms-h">
<h2 id="terms-h">Terms</h2>
<div class="table-wrap">
<table class="terms">
  <thead><tr><th scope="col">Language</th><th scope="col">Term</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Source</th><th scope="col">Note</th></tr></thead>
  <tbody>
  ${concept.terms.map(
    (t) => html`<tr class="status-${t.status}" id="term-${t.id}">
    <td data-label="Language">${LANG_NAMES[t.lang] ?? t.lang}</td>
    <td data-label="Term"><span class="text" lang="${langAttr(t.lang)}">${t.text}</span> <button type="button" class="copy" data-copy="${t.text}" aria-label="Copy ${t.text}">Copy</button></td>
    <td data-label="Type">${t.type}</td>
    <td data-label="Status"><span class="badge ${t.status}">${t.status}</span>${statusForm(t, writes, csrf)}</td>
    <td data-label="Source">${t.source ?? ''}${t.verified ? '' : html` <span class="badge unverified" title="not yet checked against an authoritative source">unverified</span>`}</td>
    <td data-label="Note">${t.note ?? ''}</td>
  </tr>`,
  )}
  </tbody>
</table>
</div>
</section>

<section aria-labelledby="en-h">
<h2 id="en-h">English equivalents</h2>
${
  english.length
    ? html`<ul class="equivalents">${english.map((t) => html`<li><span lang="en">${t.text}</span> <span class="badge ${t.status}">${t.status}</span>${t.verified ? '' : html` <span class="badge unverified">unverified</span>`} <span class="type">${t.type}</span></li>`)}</ul>`
    : html`<p class="hint">No English term yet.</p>`
}
</section>

<section aria-labelledby="ctx-h">
<h2 id="ctx-h">Contexts <span class="count">(${input.occurrenceCount})</span></h2>
${
  input.occurrences.length
    ? html`<ol class="kwic">${input.occurrences.map((o) => {
        const k = kwic(o.context, o.termText);
        return html`<li><span class="left" lang="zh-Hans">${k.left}</span><mark lang="zh-Hans">${k.key}</mark><span class="right" lang="zh-Hans">${k.right}</span>
        <span class="where">${o.documentName} @ ${o.start}</span></li>`;
      })}</ol>${input.occurrenceCount > input.occurrences.length ? html`<p class="hint">Showing ${input.occurrences.length} of ${input.occurrenceCount}.</p>` : ''}`
    : html`<p class="hint">Not found in any ingested document.</p>`
}
</section>
${input.extra ?? ''}

${
  writes === 'closed'
    ? html`<p class="hint">Editing is off: this server listens beyond loopback without a token.</p>`
    : html`<section aria-labelledby="review-h">
<h2 id="review-h">Review</h2>
<form method="post" action="/concepts/${concept.id}/review" class="inline-actions">
  ${writeFields(writes, csrf, 'review-token')}
  <input type="hidden" name="reviewStatus" value="${concept.reviewStatus === 'approved' ? 'candidate' : 'approved'}">
  <button type="submit"${concept.reviewStatus === 'approved' ? html` class="secondary"` : ''}>${concept.reviewStatus === 'approved' ? 'Mark as candidate again' : 'Approve this concept'}</button>
</form>
<form method="post" action="/concepts/${concept.id}/merge" class="inline-actions">
  ${writeFields(writes, csrf, 'merge-token')}
  <label for="merge-from">Merge concept (number or id)</label>
  <input id="merge-from" name="from" required size="10" maxlength="200">
  <span>into this one</span>
  <button type="submit" class="secondary">Merge</button>
</form>
</section>
<section aria-labelledby="alias-h">
<h2 id="alias-h">Add an alias</h2>
<form method="post" action="/concepts/${concept.id}/terms" class="alias">
  ${writeFields(writes, csrf, 'alias-token')}
  <label for="alias-text">Text</label>
  <input id="alias-text" name="text" required maxlength="1000">
  <label for="alias-lang">Language</label>
  <select id="alias-lang" name="lang"><option value="">detect</option><option value="zh-Hans">zh-Hans</option><option value="zh-Hant">zh-Hant</option><option value="en">en</option></select>
  <label for="alias-type">Type</label>
  <select id="alias-type" name="type"><option value="">detect</option>${TERM_TYPES.map((t) => html`<option value="${t}">${t}</option>`)}</select>
  <label for="alias-status">Status</label>
  <select id="alias-status" name="status">${TERM_STATUSES.map((s) => html`<option value="${s}"${s === 'admitted' ? html` selected` : ''}>${s}</option>`)}</select>
  <button type="submit">Add alias</button>
</form>
</section>`
}`;
}

export function conceptTitle(concept: ConceptWithTerms): string {
  return conceptLabel(concept.terms);
}
