// Sections other modules add to the concept page: contexts and cross-references that came with
// imported glossaries, how the concept's terms were translated in the translation memory, and
// English equivalents proposed from it when the concept has none.
import type { ConceptWithTerms } from '../../domain/types.js';
import { conceptForms } from '../../domain/summary.js';
import { concordance } from '../../tm/concordance.js';
import { suggestEquivalents } from '../../tm/equivalents.js';
import { TmRepository } from '../../store/tm-repository.js';
import { ExchangeRepository } from '../../store/exchange-repository.js';
import type { AppDeps } from '../deps.js';
import { type SafeHtml, html } from './html.js';
import { concordanceLines } from './tm.js';

type Extra = (deps: AppDeps, concept: ConceptWithTerms) => SafeHtml | undefined;

const MAX_LINES = 8;

/** Concordance lines for the concept's Chinese and English names. */
const tmLines: Extra = ({ store }, concept) => {
  if (TmRepository.of(store).count().count === 0) return undefined;
  const f = conceptForms(concept.terms);
  const names = [f.zhFull, f.zhShort, f.enFull, f.enShort].filter((t) => t !== undefined).map((t) => t.text);
  const seen = new Set<number>();
  const hits = [];
  let total = 0;
  for (const name of names) {
    const r = concordance(store, name, { limit: MAX_LINES });
    total += r.total;
    for (const h of r.hits) {
      if (hits.length >= MAX_LINES || seen.has(h.segmentId)) continue;
      seen.add(h.segmentId);
      hits.push(h);
    }
  }
  if (hits.length === 0) return undefined;
  return html`<section aria-labelledby="tm-h">
<h2 id="tm-h">In the translation memory</h2>
${concordanceLines(hits)}
${total > hits.length ? html`<p class="hint"><a href="/tm?mode=concordance&q=${encodeURIComponent(names[0])}">All lines for ${names[0]}</a></p>` : ''}
</section>`;
};

/** For a concept without an English term: candidates from aligned segments, for review. */
const proposedEquivalents: Extra = ({ store }, concept) => {
  if (concept.terms.some((t) => t.lang === 'en') || !concept.terms.some((t) => t.lang !== 'en')) return undefined;
  if (TmRepository.of(store).count().count === 0) return undefined;
  const r = suggestEquivalents(store, { conceptId: concept.id }, { limit: 5 });
  if (r.candidates.length === 0) return undefined;
  return html`<section aria-labelledby="sugg-h">
<h2 id="sugg-h">Proposed English equivalents</h2>
<p class="hint">From ${r.segments} aligned segments containing the Chinese term; review before adding one as an alias.</p>
<ol class="equivalents">${r.candidates.map(
    (c) => html`<li><span lang="en">${c.text}</span> <span class="type">Dice ${c.dice.toFixed(2)}, in ${c.together} of ${r.segments} segments</span>
      <button type="button" class="copy" data-copy="${c.text}" aria-label="Copy ${c.text}">Copy</button></li>`,
  )}</ol>
</section>`;
};

/** Contexts that arrived with imported glossaries (TBX descrip type="context"), with their source. */
const importedContexts: Extra = (deps, concept) => {
  const contexts = ExchangeRepository.of(deps.store).contextsOfConcept(concept.id);
  if (contexts.size === 0) return undefined;
  const rows = concept.terms.flatMap((t) => (contexts.get(t.id) ?? []).map((c) => ({ term: t, c })));
  return html`<section aria-labelledby="imported-ctx-h">
<h2 id="imported-ctx-h">Contexts from imported glossaries</h2>
<ul class="contexts">${rows.map(
    ({ term, c }) => html`<li><span lang="${term.lang}">${c.text}</span>${c.source ? html` <span class="where">— ${c.source}</span>` : ''}</li>`,
  )}</ul>
</section>`;
};

/** Cross-references ("see also") to other concepts, linked when the target is in the database. */
const crossReferences: Extra = (deps, concept) => {
  const xrefs = ExchangeRepository.of(deps.store).xrefsOfConcept(concept.id);
  if (xrefs.length === 0) return undefined;
  return html`<section aria-labelledby="xref-h">
<h2 id="xref-h">See also</h2>
<ul>${xrefs.map((x) => html`<li>${x.conceptId ? html`<a href="/concepts/${x.conceptId}">${x.text ?? x.target}</a>` : html`${x.text ?? x.target} <span class="hint">(not in this database)</span>`}</li>`)}</ul>
</section>`;
};

const EXTRAS: Extra[] = [importedContexts, crossReferences, tmLines, proposedEquivalents];

export function conceptExtras(deps: AppDeps, concept: ConceptWithTerms): SafeHtml[] {
  return EXTRAS.map((extra) => extra(deps, concept)).filter((x): x is SafeHtml => x !== undefined);
}
