// SQL for the review queue: concepts waiting for a reviewer (or turned down), most frequent first,
// and review decisions on many concepts at once. Frequency is the number of stored occurrences of
// the concept's terms in ingested documents; the queue is ordered by it, then by id, so a page is
// stable while a reviewer works through it.
import { type Category, type ReviewStatus, NotFoundError } from '../domain/types.js';
import type { Store } from './repository.js';

export interface QueueFilter {
  reviewStatus: ReviewStatus;
  category?: Category;
}

export interface QueueRow {
  conceptId: number;
  /** Stored occurrences of the concept's terms. */
  frequency: number;
  /** Documents those occurrences are in. */
  documents: number;
}

const repositories = new WeakMap<Store, ReviewRepository>();

export class ReviewRepository {
  private readonly stmts;

  /** The repository of a store's connection, its statements prepared once. */
  static of(store: Store): ReviewRepository {
    let repo = repositories.get(store);
    if (!repo) repositories.set(store, (repo = new ReviewRepository(store)));
    return repo;
  }

  private constructor(readonly store: Store) {
    const db = store.db;
    const where = 'c.review_status = @status AND (@category IS NULL OR c.category = @category)';
    this.stmts = {
      page: db.prepare(
        `SELECT c.id AS conceptId,
                (SELECT count(*) FROM occurrence o JOIN term t ON t.id = o.term_id WHERE t.concept_id = c.id) AS frequency,
                (SELECT count(DISTINCT o.document_id) FROM occurrence o JOIN term t ON t.id = o.term_id WHERE t.concept_id = c.id) AS documents
           FROM concept c WHERE ${where}
          ORDER BY frequency DESC, c.id LIMIT @limit OFFSET @offset`,
      ),
      count: db.prepare(`SELECT count(*) AS n FROM concept c WHERE ${where}`),
      byStatus: db.prepare('SELECT review_status AS status, count(*) AS n FROM concept GROUP BY review_status'),
      existing: db.prepare('SELECT id, review_status AS status FROM concept WHERE id IN (SELECT value FROM json_each(?))'),
      setStatus: db.prepare(
        `UPDATE concept SET review_status = @status, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
          WHERE id IN (SELECT value FROM json_each(@ids)) AND review_status <> @status`,
      ),
    };
  }

  /** One page of the queue, most frequent first. */
  page(filter: QueueFilter, limit: number, offset: number): QueueRow[] {
    return this.stmts.page.all({ status: filter.reviewStatus, category: filter.category ?? null, limit, offset }) as QueueRow[];
  }

  count(filter: QueueFilter): number {
    return (this.stmts.count.get({ status: filter.reviewStatus, category: filter.category ?? null }) as { n: number }).n;
  }

  /** Concepts by review status (every status present, zero when none). */
  countsByStatus(): Record<ReviewStatus, number> {
    const out: Record<ReviewStatus, number> = { candidate: 0, approved: 0, rejected: 0 };
    for (const r of this.stmts.byStatus.all() as Array<{ status: ReviewStatus; n: number }>) out[r.status] = r.n;
    return out;
  }

  /** The current review status of each id; an unknown id is a NotFoundError naming it. */
  statuses(ids: readonly number[]): Map<number, ReviewStatus> {
    const rows = this.stmts.existing.all(JSON.stringify(ids)) as Array<{ id: number; status: ReviewStatus }>;
    const found = new Map(rows.map((r) => [r.id, r.status]));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new NotFoundError(`no concept with id ${missing.join(', ')}`);
    return found;
  }

  /** Sets the review status of every id (in the caller's transaction); returns how many changed. */
  setReviewStatus(ids: readonly number[], status: ReviewStatus): number {
    return this.stmts.setStatus.run({ ids: JSON.stringify(ids), status }).changes;
  }
}
