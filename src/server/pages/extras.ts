// Sections other modules add to the concept page (translation-memory lines, suggested
// equivalents). Each returns nothing when it has nothing to show.
import type { ConceptWithTerms } from '../../domain/types.js';
import type { AppDeps } from '../app.js';
import type { SafeHtml } from './html.js';

type Extra = (deps: AppDeps, concept: ConceptWithTerms) => SafeHtml | undefined;

const EXTRAS: Extra[] = [];

export function conceptExtras(deps: AppDeps, concept: ConceptWithTerms): SafeHtml[] {
  return EXTRAS.map((extra) => extra(deps, concept)).filter((x): x is SafeHtml => x !== undefined);
}
