// Composition: the review queue (src/review/) with what other features contribute to it: the
// stored concepts a candidate's forms name (search/lookup) and English proposals from the
// translation memory (tm/equivalents). Features never import each other; this layer wires them.
import { conceptForms, conceptLabel } from './domain/summary.js';
import type { DuplicateHit, ReviewSources, TmEnglish } from './review/queue.js';
import { lookup } from './search/lookup.js';
import { TmRepository } from './store/tm-repository.js';
import type { Store } from './store/repository.js';
import { suggestEquivalents } from './tm/equivalents.js';

/** Lookup kinds that say a stored term is (nearly) the same name; pinyin and fuzzy hits are noise here. */
const DUPLICATE_KINDS = new Set(['exact', 'alias', 'prefix', 'substring']);
const LOOKUPS_PER_FORM = 5;
const TM_PROPOSALS = 3;

export function reviewSources(store: Store): ReviewSources {
  return {
    lookupForm(form: string): DuplicateHit[] {
      if (form.length > 500) return [];
      return lookup(store, form, { limit: LOOKUPS_PER_FORM })
        .results.filter((r) => DUPLICATE_KINDS.has(r.kind))
        .map((r) => ({
          conceptId: r.conceptId,
          label: conceptLabel(r.terms),
          english: conceptForms(r.terms).enFull?.text ?? null,
          category: r.category,
          reviewStatus: r.reviewStatus,
          query: form,
          matched: r.matched.text,
          kind: r.kind,
          score: Math.round(r.score * 1000) / 1000,
        }));
    },
    tmEnglish(conceptId: number): TmEnglish[] {
      if (TmRepository.of(store).count().count === 0) return [];
      const r = suggestEquivalents(store, { conceptId }, { limit: TM_PROPOSALS });
      return r.candidates.map((c) => ({ text: c.text, dice: Math.round(c.dice * 1000) / 1000, together: c.together, segments: r.segments }));
    },
  };
}
