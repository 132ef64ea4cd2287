// The review queue over HTTP: thin adapters over src/review/. Writes go through requireWrite
// (token, same origin, rate limit) like every other write.
//   GET  /api/review?status=candidate|rejected|approved&category=&limit=&offset=&contexts=
//   GET  /api/review/:id                          one concept as a queue item
//   POST /api/review/approve|reject|reopen         { "ids": [2573, "unctad", …] }
//   POST /api/review/merge                         { "from": ID, "into": ID }
//   (a form's type or status: PATCH /api/terms/:id)
import express from 'express';
import { z } from 'zod';
import { CATEGORIES, REVIEW_STATUSES } from '../../domain/types.js';
import { REVIEW_ACTIONS, type ReviewAction, decide, mergeInto } from '../../review/actions.js';
import { MAX_QUEUE_PAGE, reviewItemOf, reviewQueue } from '../../review/queue.js';
import { reviewSources } from '../../review-sources.js';
import { requireWrite } from '../access.js';
import type { RegisterRoutes } from '../deps.js';

const queueQuery = z.object({
  status: z.enum(REVIEW_STATUSES).default('candidate'),
  category: z.enum(CATEGORIES).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_QUEUE_PAGE).default(20),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  contexts: z.coerce.number().int().min(0).max(50).default(3),
});
const conceptRef = z.union([z.number().int().positive(), z.string().trim().min(1).max(200)]).transform(String);
const idsBody = z.object({ ids: z.array(conceptRef).min(1, 'give at least one concept id').max(1000) });
const mergeBody = z.object({ from: conceptRef, into: conceptRef });
const refParam = z.object({ id: z.string().max(200) });
const actionParam = z.object({ action: z.enum(REVIEW_ACTIONS) });

export const registerReviewRoutes: RegisterRoutes = (app, { store, config }) => {
  const json = express.json({ limit: config.jsonLimit ?? '100kb' });
  const write = requireWrite(config);

  app.get('/api/review', (req, res) => {
    const q = queueQuery.parse(req.query);
    res.json(reviewQueue(store, reviewSources(store), { reviewStatus: q.status, category: q.category, limit: q.limit, offset: q.offset, contexts: q.contexts }));
  });

  app.get('/api/review/:id', (req, res) => {
    const { id } = refParam.parse(req.params);
    res.json(reviewItemOf(store, reviewSources(store), store.resolveConceptRef(id)));
  });

  app.post('/api/review/merge', write, json, (req, res) => {
    const body = mergeBody.parse(req.body);
    res.json(mergeInto(store, store.resolveConceptRef(body.from), store.resolveConceptRef(body.into)));
  });

  app.post('/api/review/:action', write, json, (req, res) => {
    const { action } = actionParam.parse(req.params);
    const { ids } = idsBody.parse(req.body);
    res.json(decide(store, action as ReviewAction, ids.map((r) => store.resolveConceptRef(r))));
  });
};
