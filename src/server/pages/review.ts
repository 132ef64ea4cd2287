// The review page: the queue of candidate concepts, most frequent first. Each item has three small
// forms (approve/reject, merge into another concept, save its forms' types and statuses), so the
// page works without JavaScript; review.js adds the keyboard (j/k, a, r, m, e, x, u) and posts the
// same forms in the background. The selection checkboxes belong to the bulk form at the top.
import { CATEGORIES, TERM_STATUSES, TERM_TYPES, type ReviewStatus } from '../../domain/types.js';
import type { QueuePage, ReviewItem } from '../../review/queue.js';
import { type SafeHtml, html, langAttr } from './html.js';
import { kwic } from './concept.js';
import { type WriteAccess, writeFields } from './forms.js';

export interface ReviewPageInput {
  page: QueuePage;
  category?: string;
  writes: WriteAccess;
  /** The form token of this browser session (hidden field of every form that writes). */
  csrf: string;
  message?: { kind: 'ok' | 'error'; text: string };
}

const STATUS_TABS: Array<[ReviewStatus, string]> = [
  ['candidate', 'Candidates'],
  ['rejected', 'Rejected'],
  ['approved', 'Approved'],
];

/** Hidden fields that bring a form post back to the same view of the queue. */
function backFields(input: ReviewPageInput): SafeHtml {
  return html`<input type="hidden" name="view" value="${input.page.reviewStatus}">${input.category ? html`<input type="hidden" name="category" value="${input.category}">` : ''}<input type="hidden" name="offset" value="${input.page.offset}">`;
}

function queueHref(status: ReviewStatus, category: string | undefined, offset = 0): string {
  const params = new URLSearchParams();
  if (status !== 'candidate') params.set('status', status);
  if (category) params.set('category', category);
  if (offset > 0) params.set('offset', String(offset));
  const q = params.toString();
  return q ? `/review?${q}` : '/review';
}

function english(item: ReviewItem): SafeHtml {
  const parts: SafeHtml[] = [
    ...item.english.terms.map((t) => html`<li><span lang="en">${t}</span> <span class="src">in the text</span></li>`),
    ...(item.english.original ? [html`<li><span lang="en">${item.english.original}</span> <span class="src">original name</span></li>`] : []),
    ...item.english.glossary.map((g) => html`<li><span lang="en">${g.text}</span> <span class="src">glossary <a href="/concepts/${g.conceptId}">#${g.conceptId}</a></span></li>`),
    ...item.english.tm.map(
      (t) => html`<li><span lang="en">${t.text}</span> <span class="src">TM, Dice ${t.dice.toFixed(2)}, ${t.together} of ${t.segments} segments</span></li>`,
    ),
  ];
  return parts.length > 0 ? html`<ul class="english">${parts}</ul>` : html`<p class="english none">No English found.</p>`;
}

function duplicates(item: ReviewItem): SafeHtml | string {
  if (item.duplicates.length === 0) return html`<p class="dups none">No similar concept in the database.</p>`;
  return html`<ul class="dups">${item.duplicates.map((d) => {
    const suggested = item.suggestedMerge?.conceptId === d.conceptId;
    return html`<li${suggested ? html` class="suggested"` : ''}><a href="/concepts/${d.conceptId}">#${d.conceptId}</a> <span lang="zh-Hans">${d.label}</span>
      <span class="badge ${d.reviewStatus}">${d.reviewStatus}</span> <span class="src">${d.kind}: <span lang="${langAttr(/\p{Script=Han}/u.test(d.matched) ? 'zh-Hans' : 'en')}">${d.matched}</span></span>${suggested ? html` <strong class="src">suggested merge</strong>` : ''}</li>`;
  })}</ul>`;
}

function itemBody(item: ReviewItem, input: ReviewPageInput): SafeHtml {
  const { writes } = input;
  const id = item.conceptId;
  const open = writes !== 'closed';
  const decisions: Array<['approve' | 'reject' | 'reopen', string, boolean]> = [
    ['approve', 'Approve', item.reviewStatus !== 'approved'],
    ['reject', 'Reject', item.reviewStatus === 'candidate'],
    ['reopen', 'Back to candidates', item.reviewStatus !== 'candidate'],
  ];
  return html`<li class="review-item" id="item-${id}" data-id="${id}" data-status="${item.reviewStatus}"${item.suggestedMerge ? html` data-suggested="${item.suggestedMerge.conceptId}"` : ''} tabindex="-1" aria-labelledby="label-${id}">
  <div class="item-head">
    ${open ? html`<input type="checkbox" name="id" value="${id}" form="bulk" id="sel-${id}" aria-label="Select ${item.label}">` : ''}
    <a class="open" id="label-${id}" href="/concepts/${id}"><span lang="zh-Hans">${item.label}</span></a>
    <span class="badge cat">${item.category}</span>
    <span class="freq">${item.frequency}× in ${item.documents} document${item.documents === 1 ? '' : 's'}</span>
    <span class="badge decision ${item.reviewStatus}" role="status">${item.reviewStatus}</span>
  </div>
  <form method="post" action="/review/edit" class="forms-edit">
    <input type="hidden" name="id" value="${id}">${backFields(input)}
    <table class="review-forms"><tbody>
    ${item.forms.map(
      (f) => html`<tr class="status-${f.status}"><td class="lang">${f.lang}</td><td><span class="text" lang="${langAttr(f.lang)}">${f.text}</span></td>
      <td><label class="visually-hidden" for="type-${f.termId}">Type of ${f.text}</label><select id="type-${f.termId}" name="type-${f.termId}"${open ? '' : html` disabled`}>${TERM_TYPES.map(
        (t) => html`<option value="${t}"${t === f.type ? html` selected` : ''}>${t}</option>`,
      )}</select></td>
      <td><label class="visually-hidden" for="status-${f.termId}">Status of ${f.text}</label><select id="status-${f.termId}" name="status-${f.termId}"${open ? '' : html` disabled`}>${TERM_STATUSES.map(
        (s) => html`<option value="${s}"${s === f.status ? html` selected` : ''}>${s}</option>`,
      )}</select></td></tr>`,
    )}
    </tbody></table>
    ${open ? html`${writeFields(writes, input.csrf, `edit-token-${id}`)}<button type="submit" class="secondary save">Save forms</button>` : ''}
  </form>
  <div class="evidence">
    <div><h3>English</h3>${english(item)}</div>
    <div><h3>May duplicate</h3>${duplicates(item)}</div>
  </div>
  ${
    item.contexts.length > 0
      ? html`<ol class="kwic">${item.contexts.map((o) => {
          const k = kwic(o.context, o.term);
          return html`<li><span class="left" lang="zh-Hans">${k.left}</span><mark lang="zh-Hans">${k.key}</mark><span class="right" lang="zh-Hans">${k.right}</span><span class="where">${o.document} @ ${o.start}</span></li>`;
        })}</ol>`
      : html`<p class="hint">Not found in any ingested document.</p>`
  }
  ${
    open
      ? html`<div class="item-actions">
    <form method="post" action="/review/decide" class="decide">
      <input type="hidden" name="id" value="${id}">${backFields(input)}${writeFields(writes, input.csrf, `decide-token-${id}`)}
      ${decisions.filter(([, , shown]) => shown).map(([action, label]) => html`<button type="submit" name="action" value="${action}"${action === 'approve' ? '' : html` class="secondary"`}>${label}</button>`)}
    </form>
    <form method="post" action="/review/merge" class="merge">
      <input type="hidden" name="from" value="${id}">${backFields(input)}
      <label for="into-${id}">Merge into</label>
      <input id="into-${id}" name="into" size="10" value="${item.suggestedMerge ? String(item.suggestedMerge.conceptId) : ''}" placeholder="number or id" required>
      ${writeFields(writes, input.csrf, `merge-token-${id}`)}
      <button type="submit" class="secondary">Merge</button>
    </form>
  </div>`
      : ''
  }
</li>`;
}

export function reviewBody(input: ReviewPageInput): SafeHtml {
  const { page } = input;
  const status = page.reviewStatus;
  const open = input.writes !== 'closed';
  const prev = page.offset > 0 ? queueHref(status, input.category, Math.max(0, page.offset - page.limit)) : null;
  const next = page.offset + page.items.length < page.total ? queueHref(status, input.category, page.offset + page.limit) : null;
  return html`<h1>Review</h1>
<nav class="tabs" aria-label="Review status">
  ${STATUS_TABS.map(([s, label]) => html`<a href="${queueHref(s, input.category)}"${s === status ? html` aria-current="page"` : ''}>${label} <span class="count">${page.counts[s]}</span></a>`)}
</nav>
<form method="get" action="/review" class="filters">
  ${status !== 'candidate' ? html`<input type="hidden" name="status" value="${status}">` : ''}
  <label for="rv-category">Category</label>
  <select id="rv-category" name="category"><option value="">all</option>${CATEGORIES.map((c) => html`<option value="${c}"${c === input.category ? html` selected` : ''}>${c}</option>`)}</select>
  <button type="submit" class="secondary">Show</button>
</form>
${input.message ? html`<p class="message ${input.message.kind}" role="${input.message.kind === 'error' ? 'alert' : 'status'}">${input.message.text}</p>` : ''}
<p class="help no-js-hidden" id="review-keys">Keyboard: <kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>a</kbd> approve, <kbd>r</kbd> reject, <kbd>m</kbd> merge (Enter to confirm), <kbd>e</kbd> edit the forms, <kbd>x</kbd> select, <kbd>A</kbd>/<kbd>R</kbd> approve/reject the selection, <kbd>u</kbd> undo a decision, <kbd>o</kbd> open.</p>
<p class="count" id="queue-status" role="status">${
    page.total === 0
      ? `Nothing to review${input.category ? ` in ${input.category}` : ''}.`
      : `${page.offset + 1}–${page.offset + page.items.length} of ${page.total}, most frequent first.`
  }</p>
${
  open && page.items.length > 0
    ? html`<form method="post" action="/review/decide" id="bulk" class="bulk inline-actions">
  ${backFields(input)}${writeFields(input.writes, input.csrf, 'bulk-token')}
  <span>Selected:</span>
  ${status !== 'approved' ? html`<button type="submit" name="action" value="approve">Approve selected</button>` : ''}
  ${status === 'candidate' ? html`<button type="submit" name="action" value="reject" class="secondary">Reject selected</button>` : ''}
  ${status !== 'candidate' ? html`<button type="submit" name="action" value="reopen" class="secondary">Back to candidates</button>` : ''}
</form>`
    : ''
}
${input.writes === 'closed' ? html`<p class="hint">Reviewing is off: this server listens beyond loopback without a token.</p>` : ''}
<ol class="review-queue" id="queue">
${page.items.map((item) => itemBody(item, input))}
</ol>
${prev || next ? html`<nav class="pager" aria-label="Pages">${prev ? html`<a href="${prev}" rel="prev">← Previous</a>` : ''} ${next ? html`<a href="${next}" rel="next">Next →</a>` : ''}</nav>` : ''}`;
}
