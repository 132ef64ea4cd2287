// Search, concepts and terms: thin adapters over search/ and store/.
import express from 'express';
import { z } from 'zod';
import { CATEGORIES, LANGS, REVIEW_STATUSES, TERM_STATUSES, TERM_TYPES } from '../../domain/types.js';
import { lookup } from '../../search/lookup.js';
import { requireWrite } from '../access.js';
import type { RegisterRoutes } from '../deps.js';

const searchQuery = z.object({
  q: z.string().trim().min(1, 'q is required').max(500, 'q is longer than 500 characters'),
  lang: z.enum(LANGS).optional(),
  category: z.enum(CATEGORIES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const idParam = z.object({ id: z.string().regex(/^\d{1,12}$/, 'id must be a number').transform(Number) });
const refParam = z.object({ id: z.string().min(1).max(200) });

const newTermBody = z.object({
  text: z.string().min(1).max(1000),
  lang: z.enum(LANGS).optional(),
  type: z.enum(TERM_TYPES).optional(),
  status: z.enum(TERM_STATUSES).optional(),
  note: z.string().max(2000).nullable().optional(),
  source: z.string().max(500).nullable().optional(),
});

const termPatchBody = z
  .object({
    status: z.enum(TERM_STATUSES).optional(),
    type: z.enum(TERM_TYPES).optional(),
    note: z.string().max(2000).nullable().optional(),
  })
  .refine((b) => b.status !== undefined || b.type !== undefined || b.note !== undefined, 'give status, type or note');

const conceptPatchBody = z
  .object({
    reviewStatus: z.enum(REVIEW_STATUSES).optional(),
    category: z.enum(CATEGORIES).optional(),
    note: z.string().max(5000).nullable().optional(),
    subject: z.string().max(500).nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give reviewStatus, category, note or subject');

const mergeBody = z.object({ from: z.union([z.number().int().positive(), z.string().trim().min(1).max(200)]).transform(String) });

export const registerConceptRoutes: RegisterRoutes = (app, { store, config }) => {
  const json = express.json({ limit: config.jsonLimit ?? '100kb' });
  const write = requireWrite(config);

  app.get('/api/search', (req, res) => {
    const q = searchQuery.parse(req.query);
    res.json(lookup(store, q.q, { limit: q.limit, lang: q.lang, category: q.category }));
  });

  app.get('/api/concepts/:id', (req, res) => {
    // A concept number or its reference id (unctad).
    const id = store.resolveConceptRef(refParam.parse(req.params).id);
    const concept = store.requireConcept(id);
    res.json({
      ...concept,
      occurrenceCount: store.countOccurrencesOfConcept(id),
      occurrences: store.occurrencesOfConcept(id, 200),
    });
  });

  app.post('/api/concepts/:id/terms', write, json, (req, res) => {
    const { id } = idParam.parse(req.params);
    const body = newTermBody.parse(req.body);
    const { term, created } = store.addAlias(id, body.text, {
      lang: body.lang,
      type: body.type,
      status: body.status,
      note: body.note ?? null,
      source: body.source ?? null,
      origin: 'user',
    });
    res.status(created ? 201 : 200).json({ term, created });
  });

  app.patch('/api/concepts/:id', write, json, (req, res) => {
    const { id } = idParam.parse(req.params);
    const body = conceptPatchBody.parse(req.body);
    res.json({ concept: store.updateConcept(id, body) });
  });

  app.post('/api/concepts/:id/merge', write, json, (req, res) => {
    const { id } = idParam.parse(req.params);
    const { from } = mergeBody.parse(req.body);
    res.json(store.mergeConcepts(id, store.resolveConceptRef(from)));
  });

  app.patch('/api/terms/:id', write, json, (req, res) => {
    const { id } = idParam.parse(req.params);
    const body = termPatchBody.parse(req.body);
    res.json({ term: store.updateTerm(id, body) });
  });
};
