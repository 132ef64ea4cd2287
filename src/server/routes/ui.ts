// The web UI: server-rendered pages that work without JavaScript, plus fragments the page
// scripts fetch so results are rendered by the same code either way.
import express, { type Request, type Response } from 'express';
import path from 'node:path';
import { z } from 'zod';
import { CATEGORIES, LANGS, NotFoundError, TERM_STATUSES, TERM_TYPES } from '../../domain/types.js';
import { lookup } from '../../search/lookup.js';
import { VIEWS_DIR } from '../../paths.js';
import { formToken, requireWrite, writeAccess } from '../access.js';
import { errorBody } from '../errors.js';
import { page } from '../pages/layout.js';
import { type SearchPageInput, resultsFragment, searchBody } from '../pages/search.js';
import { conceptBody, conceptTitle } from '../pages/concept.js';
import { conceptExtras } from '../pages/extras.js';
import type { html } from '../pages/html.js';
import type { RegisterRoutes } from '../deps.js';

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const searchQuery = z.object({
  q: z.string().max(500).default(''),
  category: z.preprocess(emptyToUndefined, z.enum(CATEGORIES).optional()),
  lang: z.preprocess(emptyToUndefined, z.enum(LANGS).optional()),
});
const idParam = z.object({ id: z.string().regex(/^\d{1,12}$/, 'id must be a number').transform(Number) });
const aliasForm = z.object({
  text: z.string().min(1, 'the alias is empty').max(1000),
  lang: z.preprocess(emptyToUndefined, z.enum(LANGS).optional()),
  type: z.preprocess(emptyToUndefined, z.enum(TERM_TYPES).optional()),
  status: z.preprocess(emptyToUndefined, z.enum(TERM_STATUSES).optional()),
});
const statusForm = z.object({ status: z.enum(TERM_STATUSES) });
const reviewForm = z.object({ reviewStatus: z.enum(['candidate', 'approved']) });
const mergeForm = z.object({ from: z.string().trim().min(1, 'give the number or reference id of the concept to merge in').max(200) });

const SAVED_MESSAGES: Record<string, string> = {
  alias: 'Alias added.',
  exists: 'That alias was already there.',
  status: 'Status changed.',
  review: 'Review status changed.',
  merged: 'Concepts merged.',
};

export const registerUiRoutes: RegisterRoutes = (app, deps) => {
  const { store, config } = deps;
  const form = express.urlencoded({ extended: false, limit: '20kb', parameterLimit: 20 });
  const write = requireWrite(config);

  app.use(
    '/static',
    express.static(path.join(VIEWS_DIR, 'static'), { index: false, maxAge: '1h', fallthrough: false }),
  );

  const send = (res: Response, status: number, title: string, section: Parameters<typeof page>[0]['section'], body: ReturnType<typeof html>, script?: string) => {
    res.status(status).type('html').send(page({ title, section, body, script, stats: store.stats() }));
  };

  const searchInput = (req: Request): SearchPageInput => {
    const q = searchQuery.parse(req.query);
    return {
      q: q.q,
      category: q.category,
      lang: q.lang,
      response: q.q.trim() ? lookup(store, q.q, { limit: 20, category: q.category, lang: q.lang }) : undefined,
    };
  };

  app.get('/favicon.ico', (_req, res) => {
    res.status(204).set('Cache-Control', 'max-age=86400').end();
  });

  app.get('/', (req, res) => {
    const input = searchInput(req);
    send(res, 200, input.q ? `${input.q} – Search` : 'Search', 'search', searchBody(input), 'search.js');
  });

  app.get('/partials/results', (req, res) => {
    res.type('html').set('Cache-Control', 'no-store').send(resultsFragment(searchInput(req)).value);
  });

  const renderConcept = (req: Request, res: Response, id: number, status: number, message?: { kind: 'ok' | 'error'; text: string }) => {
    const concept = store.requireConcept(id);
    const body = conceptBody({
      concept,
      occurrences: store.occurrencesOfConcept(id, 50),
      occurrenceCount: store.countOccurrencesOfConcept(id),
      writes: writeAccess(config),
      csrf: formToken(config, req, res),
      message,
      extra: conceptExtras(deps, concept),
    });
    send(res, status, conceptTitle(concept), 'concept', body);
  };

  // /concepts/unctad: the reference id `show` and the concept page print leads to the concept's page.
  app.get('/concepts/:ref', (req, res, next) => {
    const ref = String(req.params.ref);
    if (/^\d{1,12}$/.test(ref)) return next();
    if (ref.length > 200) throw new NotFoundError('no such concept');
    const id = store.resolveConceptRef(ref);
    const query = new URLSearchParams(req.query as Record<string, string>).toString();
    res.redirect(301, `/concepts/${id}${query ? `?${query}` : ''}`);
  });

  app.get('/concepts/:id', (req, res) => {
    const { id } = idParam.parse(req.params);
    const saved = typeof req.query.saved === 'string' ? SAVED_MESSAGES[req.query.saved] : undefined;
    renderConcept(req, res, id, 200, saved ? { kind: 'ok', text: saved } : undefined);
  });

  // Form posts: on success redirect back (POST/redirect/GET); on bad input show the page again.
  const formError = (req: Request, res: Response, id: number, err: unknown) => {
    const { status, body } = errorBody(err);
    if (status >= 500 || status === 404) throw err;
    renderConcept(req, res, id, status, { kind: 'error', text: body.error.message });
  };

  app.post('/concepts/:id/terms', form, write, (req, res) => {
    const { id } = idParam.parse(req.params);
    try {
      const body = aliasForm.parse(req.body);
      const { term, created } = store.addAlias(id, body.text, { lang: body.lang, type: body.type, status: body.status, origin: 'user' });
      res.redirect(303, `/concepts/${id}?saved=${created ? 'alias' : 'exists'}#term-${term.id}`);
    } catch (err) {
      formError(req, res, id, err);
    }
  });

  app.post('/concepts/:id/review', form, write, (req, res) => {
    const { id } = idParam.parse(req.params);
    try {
      store.updateConcept(id, { reviewStatus: reviewForm.parse(req.body).reviewStatus });
      res.redirect(303, `/concepts/${id}?saved=review`);
    } catch (err) {
      formError(req, res, id, err);
    }
  });

  app.post('/concepts/:id/merge', form, write, (req, res) => {
    const { id } = idParam.parse(req.params);
    try {
      store.mergeConcepts(id, store.resolveConceptRef(mergeForm.parse(req.body).from));
      res.redirect(303, `/concepts/${id}?saved=merged`);
    } catch (err) {
      formError(req, res, id, err);
    }
  });

  app.post('/terms/:id/status', form, write, (req, res) => {
    const { id } = idParam.parse(req.params);
    const term = store.getTerm(id);
    if (!term) throw new NotFoundError(`no term with id ${id}`);
    try {
      const body = statusForm.parse(req.body);
      store.updateTerm(id, { status: body.status });
      res.redirect(303, `/concepts/${term.conceptId}?saved=status#term-${id}`);
    } catch (err) {
      formError(req, res, term.conceptId, err);
    }
  });
};
