// The search page: one query box, filters, result rows with the four forms a translator copies.
import { CATEGORIES, LANGS } from '../../domain/types.js';
import { conceptForms, formBadges } from '../../domain/summary.js';
import type { LookupResponse, LookupResult, LookupTerm } from '../../search/lookup.js';
import { type SafeHtml, highlight, html, langAttr } from './html.js';

export interface SearchPageInput {
  q: string;
  category?: string;
  lang?: string;
  response?: LookupResponse;
}

const LANG_LABELS: Record<string, string> = { 'zh-Hans': 'Chinese (Simplified)', 'zh-Hant': 'Chinese (Traditional)', en: 'English' };

function ranges(r: LookupResult): Array<[number, number]> | undefined {
  const h = (r.matched as LookupTerm & { highlight?: Array<[number, number]> }).highlight;
  return Array.isArray(h) ? h : undefined;
}

/**
 * The badges of a form shown as a name: its status when not preferred, "unverified" when not
 * checked. Only a preferred, verified form is shown bare, as the name to write.
 */
export function badges(term: Pick<LookupTerm, 'status' | 'verified'>): SafeHtml[] {
  return formBadges(term).map(
    (b) => html` <span class="badge ${b}" title="${b === 'unverified' ? 'not yet checked against an authoritative source' : `${b}, not the preferred form`}">${b}</span>`,
  );
}

/** One form cell: the text (highlighted when it is the matched term), its badges and its copy button. */
function form(label: string, term: LookupTerm | undefined, r: LookupResult): SafeHtml {
  if (!term) return html`<div class="form empty"><span class="label">${label}</span><span class="none">—</span></div>`;
  const matched = term.id === r.matched.id;
  return html`<div class="form${matched ? ' matched' : ''}">
    <span class="label">${label}</span>
    <span class="name"><span class="text" lang="${langAttr(term.lang)}">${matched ? highlight(term.text, ranges(r)) : term.text}</span>${badges(term)}</span>
    <button type="button" class="copy" data-copy="${term.text}" aria-label="Copy ${label}: ${term.text}">Copy</button>
  </div>`;
}

export function resultRow(r: LookupResult, index: number): SafeHtml {
  const f = conceptForms(r.terms);
  const shown = [f.zhFull, f.zhShort, f.enFull, f.enShort].some((t) => t?.id === r.matched.id);
  const preferredZh = f.zhFull?.text;
  return html`<li class="result" id="result-${index}" data-href="/concepts/${r.conceptId}" tabindex="-1">
  <div class="result-head">
    <a class="open" href="/concepts/${r.conceptId}"><span lang="zh-Hans">${(f.zhFull ?? f.enFull)?.text ?? '(no name)'}</span></a>${f.zhFull ?? f.enFull ? badges((f.zhFull ?? f.enFull)!) : ''}
    <span class="badge cat">${r.category}</span>
    <span class="badge ${r.reviewStatus}">${r.reviewStatus}</span>
    <span class="kind">${r.kind}</span>
  </div>
  <div class="forms">
    ${form('Chinese', f.zhFull, r)}
    ${form('Short form', f.zhShort, r)}
    ${form('English', f.enFull, r)}
    ${form('Acronym', f.enShort, r)}
  </div>
  ${
    shown
      ? ''
      : html`<p class="via">Matched <span class="text" lang="${langAttr(r.matched.lang)}">${highlight(r.matched.text, ranges(r))}</span>
      <span class="badge ${r.matched.status}">${r.matched.status} ${r.matched.type}</span>${r.matched.verified ? '' : html` <span class="badge unverified">unverified</span>`}${
        r.matched.status === 'deprecated' && preferredZh ? html` — use <strong lang="zh-Hans">${preferredZh}</strong>` : ''
      }</p>`
  }
</li>`;
}

export function resultsFragment(input: SearchPageInput): SafeHtml {
  const response = input.response;
  if (!input.q.trim()) return html`<p class="hint" id="result-status" role="status">Type a name in Chinese (Simplified or Traditional), English, an acronym or pinyin.</p>`;
  if (!response || response.results.length === 0) {
    return html`<p class="hint" id="result-status" role="status">No match for “<span>${input.q}</span>”.</p>`;
  }
  return html`<p class="count" id="result-status" role="status">${response.results.length} result${response.results.length === 1 ? '' : 's'} for “<span>${input.q}</span>”</p>
<ol class="results" id="results">
${response.results.map((r, i) => resultRow(r, i))}
</ol>`;
}

export function searchBody(input: SearchPageInput): SafeHtml {
  return html`<h1 class="visually-hidden">Search the glossary</h1>
<form class="search" role="search" method="get" action="/" id="search-form">
  <label for="q" class="visually-hidden">Name, short form, acronym or pinyin</label>
  <input id="q" name="q" type="search" value="${input.q}" placeholder="贸发会议 · 國際電信聯盟 · UNCTAD · maoyi fazhan" autocomplete="off" autofocus
    aria-controls="results" aria-describedby="search-help">
  <label for="category">Category</label>
  <select id="category" name="category">
    <option value="">all</option>
    ${CATEGORIES.map((c) => html`<option value="${c}"${c === input.category ? html` selected` : ''}>${c}</option>`)}
  </select>
  <label for="lang">Language</label>
  <select id="lang" name="lang">
    <option value="">all</option>
    ${LANGS.map((l) => html`<option value="${l}"${l === input.lang ? html` selected` : ''}>${LANG_LABELS[l]}</option>`)}
  </select>
  <button type="submit">Search</button>
</form>
<p id="search-help" class="help"><span class="js-only">Results appear as you type. <kbd>↓</kbd> goes to the results; there <kbd>↑</kbd> <kbd>↓</kbd> move, <kbd>Enter</kbd> opens, <kbd>c</kbd> copies the Chinese form.</span><span class="no-js-only">Press Enter or Search to see the results; open a result for its terms.</span></p>
<section id="result-area" aria-live="polite">
${resultsFragment(input)}
</section>`;
}
