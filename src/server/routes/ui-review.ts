// The review page and its three form posts. Without JavaScript a post redirects back to the same
// view of the queue (POST/redirect/GET); review.js posts the same forms with Accept:
// application/json and gets the result as JSON, so both paths run the same code and the same
// access checks.
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { CATEGORIES, REVIEW_STATUSES, type ReviewStatus, type Term } from '../../domain/types.js';
import { REVIEW_ACTIONS, decide, editForm, mergeInto } from '../../review/actions.js';
import { reviewQueue } from '../../review/queue.js';
import { reviewSources } from '../../review-sources.js';
import { formToken, requireWrite, writeAccess } from '../access.js';
import { errorBody } from '../errors.js';
import { page } from '../pages/layout.js';
import { reviewBody } from '../pages/review.js';
import type { RegisterRoutes } from '../deps.js';

const PAGE_SIZE = 20;
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const viewFields = {
  category: z.preprocess(emptyToUndefined, z.enum(CATEGORIES).optional()),
  offset: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10_000_000).default(0)),
};
const pageQuery = z.object({ status: z.preprocess(emptyToUndefined, z.enum(REVIEW_STATUSES).default('candidate')), ...viewFields });
const view = z.object({ view: z.preprocess(emptyToUndefined, z.enum(REVIEW_STATUSES).default('candidate')), ...viewFields });
const conceptRef = z.string().trim().min(1, 'give a concept number or id').max(200);
const decideForm = z.object({
  action: z.enum(REVIEW_ACTIONS, 'choose approve, reject or back to candidates'),
  id: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(conceptRef).min(1, 'select at least one concept').max(1000)),
});
const mergeForm = z.object({ from: conceptRef, into: conceptRef });
const editFormBody = z.object({ id: conceptRef });

const SAVED: Record<string, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  reopen: 'Back among the candidates',
  merge: 'Merged',
  edit: 'Forms saved',
};

function wantsJson(req: Request): boolean {
  return (req.get('accept') ?? '').includes('application/json');
}

function viewHref(v: z.infer<typeof view>, extra: Record<string, string>): string {
  const params = new URLSearchParams();
  if (v.view !== 'candidate') params.set('status', v.view);
  if (v.category) params.set('category', v.category);
  if (v.offset > 0) params.set('offset', String(v.offset));
  for (const [k, val] of Object.entries(extra)) params.set(k, val);
  return `/review?${params.toString()}`;
}

export const registerReviewPageRoutes: RegisterRoutes = (app, { store, config }) => {
  // Forms carry a few fields per term; 2,000 is room for a concept with hundreds of forms.
  const form = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 2000 });
  const write = requireWrite(config);

  const render = (req: Request, res: Response, status: number, q: { status: ReviewStatus; category?: (typeof CATEGORIES)[number]; offset: number }, message?: { kind: 'ok' | 'error'; text: string }) => {
    const queue = reviewQueue(store, reviewSources(store), { reviewStatus: q.status, category: q.category, offset: q.offset, limit: PAGE_SIZE });
    const body = reviewBody({ page: queue, category: q.category, writes: writeAccess(config), csrf: formToken(config, req, res), message });
    res.status(status).type('html').send(page({ title: 'Review', section: 'review', body, script: 'review.js', stats: store.stats() }));
  };

  app.get('/review', (req, res) => {
    const q = pageQuery.parse(req.query);
    const saved = typeof req.query.saved === 'string' && /^[a-z]+:\d{1,4}$/.test(req.query.saved) ? req.query.saved.split(':') : undefined;
    const message = saved && SAVED[saved[0]] ? { kind: 'ok' as const, text: `${SAVED[saved[0]]}: ${saved[1]} concept${saved[1] === '1' ? '' : 's'}.` } : undefined;
    render(req, res, 200, q, message);
  });

  /** Runs a form action: JSON for review.js, a redirect (or the page with the error) without it. */
  const handle = (req: Request, res: Response, act: () => { saved: string; count: number; json: unknown; anchor?: number }) => {
    const v = view.safeParse(req.body);
    const back = v.success ? v.data : { view: 'candidate' as const, category: undefined, offset: 0 };
    try {
      const done = act();
      if (wantsJson(req)) {
        res.json(done.json);
        return;
      }
      res.redirect(303, `${viewHref(back, { saved: `${done.saved}:${done.count}` })}${done.anchor ? `#item-${done.anchor}` : ''}`);
    } catch (err) {
      const { status, body } = errorBody(err);
      if (wantsJson(req) || status >= 500) throw err;
      render(req, res, status, { status: back.view, category: back.category, offset: back.offset }, { kind: 'error', text: body.error.message });
    }
  };

  app.post('/review/decide', form, write, (req, res) => {
    handle(req, res, () => {
      const body = decideForm.parse(req.body);
      const result = decide(store, body.action, body.id.map((r) => store.resolveConceptRef(r)));
      return { saved: body.action, count: result.ids.length, json: result };
    });
  });

  app.post('/review/merge', form, write, (req, res) => {
    handle(req, res, () => {
      const body = mergeForm.parse(req.body);
      const result = mergeInto(store, store.resolveConceptRef(body.from), store.resolveConceptRef(body.into));
      return { saved: 'merge', count: 1, json: result };
    });
  });

  app.post('/review/edit', form, write, (req, res) => {
    handle(req, res, () => {
      const { id } = editFormBody.parse(req.body);
      const concept = store.requireConcept(store.resolveConceptRef(id));
      const fields = req.body as Record<string, unknown>;
      const changed: Term[] = store.transaction(() =>
        concept.terms.flatMap((t) => {
          const type = fields[`type-${t.id}`];
          const status = fields[`status-${t.id}`];
          const edit = {
            type: typeof type === 'string' && type !== t.type ? type : undefined,
            status: typeof status === 'string' && status !== t.status ? status : undefined,
          };
          return edit.type === undefined && edit.status === undefined ? [] : [editForm(store, t.id, edit)];
        }),
      );
      return { saved: 'edit', count: 1, json: { conceptId: concept.id, changed }, anchor: concept.id };
    });
  });
};
