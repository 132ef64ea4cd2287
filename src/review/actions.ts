// Review decisions: approve, reject (kept as `rejected`, so a later ingest links the same name to
// it instead of proposing it again), reopen, merge into another concept, and edits of a form's
// type or status. Each call is one transaction and checks every id first: an unknown id, or a
// concept that may not take the decision, changes nothing.
import { ConflictError, InputError, type ReviewStatus, type Term, type TermStatus, type TermType, isTermStatus, isTermType } from '../domain/types.js';
import type { MergeResult, Store } from '../store/repository.js';
import { ReviewRepository } from '../store/review-repository.js';

export const REVIEW_ACTIONS = ['approve', 'reject', 'reopen'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** The review status each action sets. */
const TARGET: Record<ReviewAction, ReviewStatus> = { approve: 'approved', reject: 'rejected', reopen: 'candidate' };

export interface DecisionResult {
  action: ReviewAction;
  reviewStatus: ReviewStatus;
  ids: number[];
  /** Concepts whose status changed (the others already had it). */
  changed: number;
}

export const MAX_BULK = 1000;

function checkIds(ids: readonly number[]): number[] {
  if (ids.length === 0) throw new InputError('give at least one concept id');
  if (ids.length > MAX_BULK) throw new InputError(`at most ${MAX_BULK} concepts at a time`);
  for (const id of ids) if (!Number.isInteger(id) || id < 1) throw new InputError(`"${id}" is not a concept id`);
  return [...new Set(ids)];
}

/** Approves, rejects or reopens concepts, all or none. Concepts of the reference glossary are not reviewed here. */
export function decide(store: Store, action: ReviewAction, ids: readonly number[]): DecisionResult {
  const unique = checkIds(ids);
  const status = TARGET[action];
  return store.transaction(() => {
    const repo = ReviewRepository.of(store);
    repo.statuses(unique); // every id exists, or nothing changes
    const reference = unique.filter((id) => store.getConceptRecord(id)?.origin === 'reference');
    if (reference.length > 0 && action !== 'approve') {
      throw new ConflictError(`concept ${reference.join(', ')} ${reference.length === 1 ? 'is' : 'are'} from the reference glossary (glossary/): correct the glossary files instead`);
    }
    return { action, reviewStatus: status, ids: unique, changed: repo.setReviewStatus(unique, status) };
  });
}

/**
 * Merges concept `from` into `into` (its terms, occurrences and notes move; `from` is deleted).
 * A reference concept is never merged away: its id is what the glossary files sync on.
 */
export function mergeInto(store: Store, from: number, into: number): MergeResult {
  checkIds([from, into]);
  if (from === into) throw new InputError('cannot merge a concept into itself');
  return store.transaction(() => {
    const source = store.requireConcept(from);
    store.requireConcept(into);
    if (source.origin === 'reference') {
      throw new ConflictError(`concept ${from} is from the reference glossary; merge the other way round (${into} into ${from})`);
    }
    return store.mergeConcepts(into, from);
  });
}

export interface FormEdit {
  type?: string;
  status?: string;
}

/** Changes a form's type or status. */
export function editForm(store: Store, termId: number, edit: FormEdit): Term {
  if (edit.type === undefined && edit.status === undefined) throw new InputError('give a type or a status');
  if (edit.type !== undefined && !isTermType(edit.type)) throw new InputError(`unknown term type "${edit.type}" (fullForm, shortForm, acronym, abbreviation, variant)`);
  if (edit.status !== undefined && !isTermStatus(edit.status)) throw new InputError(`unknown term status "${edit.status}" (preferred, admitted, deprecated)`);
  return store.updateTerm(termId, { type: edit.type as TermType | undefined, status: edit.status as TermStatus | undefined });
}
