// The translation-memory page: GET /tm (match or concordance), POST /tm/import (multipart).
import type { Request, Response } from 'express';
import { z } from 'zod';
import { concordance } from '../../tm/concordance.js';
import { fuzzyMatch } from '../../tm/fuzzy.js';
import { TmRepository } from '../../store/tm-repository.js';
import { assertWrite, formToken, writeAccess } from '../access.js';
import { HttpError, errorBody } from '../errors.js';
import { page } from '../pages/layout.js';
import { type TmMode, type TmPageInput, tmBody } from '../pages/tm.js';
import { importParsedTmUpload, readTmUpload } from './tm.js';
import type { RegisterRoutes } from '../deps.js';

const tmQuery = z.object({
  q: z.string().max(5000).default(''),
  mode: z.enum(['match', 'concordance', '']).default(''),
  imported: z.string().regex(/^\d+,\d+$/).optional(),
  offset: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(10_000_000).default(0)),
});

/** Concordance lines a page shows; the pager reaches the rest. */
export const CONCORDANCE_PAGE = 50;

/** A sentence gets fuzzy matches; a term or short phrase gets concordance lines. */
export function defaultTmMode(q: string): TmMode {
  const han = (q.match(/\p{Script=Han}/gu) ?? []).length;
  const words = q.trim().split(/\s+/).filter(Boolean).length;
  return han >= 12 || words >= 6 ? 'match' : 'concordance';
}

export const registerTmPageRoutes: RegisterRoutes = (app, { store, config }) => {
  const send = (req: Request, res: Response, status: number, input: Omit<TmPageInput, 'stats' | 'writes' | 'csrf'>) =>
    res
      .status(status)
      .type('html')
      .send(
        page({
          title: input.q ? `${input.q} – Translation memory` : 'Translation memory',
          section: 'tm',
          body: tmBody({ ...input, stats: TmRepository.of(store).stats(0), writes: writeAccess(config), csrf: formToken(config, req, res) }),
          stats: store.stats(),
        }),
      );

  app.get('/tm', (req, res) => {
    const query = tmQuery.parse(req.query);
    const q = query.q.trim();
    const mode: TmMode = query.mode || defaultTmMode(q);
    const message = query.imported
      ? { kind: 'ok' as const, text: `Imported ${query.imported.split(',')[0]} segments (${query.imported.split(',')[1]} already in the memory).` }
      : undefined;
    if (!q) return send(req, res, 200, { q, mode, message });
    try {
      if (mode === 'match') send(req, res, 200, { q, mode, message, match: fuzzyMatch(store, q, { limit: 10 }) });
      else send(req, res, 200, { q, mode, message, offset: query.offset, pageSize: CONCORDANCE_PAGE, concordance: concordance(store, q, { limit: CONCORDANCE_PAGE, offset: query.offset }) });
    } catch (err) {
      const { status, body } = errorBody(err);
      if (status >= 500) throw err;
      send(req, res, status, { q, mode, message: { kind: 'error', text: body.error.message } });
    }
  });

  app.post('/tm/import', async (req: Request, res: Response) => {
    try {
      // The form's csrf and token fields come before the files: a refused upload is not read.
      const { fields, files } = await readTmUpload(req, config.uploadLimit ?? 50 * 1024 * 1024, (read) => assertWrite(config, req, read));
      const summary = await importParsedTmUpload(store, fields, files);
      res.redirect(303, `/tm?imported=${summary.added},${summary.duplicates}`);
    } catch (err) {
      const { status, body } = errorBody(err);
      if (status >= 500) throw err;
      if (err instanceof HttpError) res.set(err.headers);
      // A refused upload is not read to its end: close the connection after the answer.
      if (!req.complete) res.set('Connection', 'close');
      send(req, res, status, { q: '', mode: 'concordance', message: { kind: 'error', text: body.error.message } });
    }
  });
};
