// The Check page: GET shows the form; POST (multipart: pasted text or an uploaded draft)
// checks and shows the draft with its findings. Reading only: no write access needed.
import type { Request, Response } from 'express';
import { clientAddress, limitChecks } from '../access.js';
import { draftCheckerFor } from '../check-runner.js';
import { HttpError, errorBody, unsupportedMediaType } from '../errors.js';
import { page } from '../pages/layout.js';
import { type CheckPageInput, checkBody as checkPage } from '../pages/check.js';
import { bodyFromUpload, checkBody } from './check.js';
import type { RegisterRoutes } from '../deps.js';

const UPLOAD_LIMIT = 10 * 1024 * 1024;

export const registerCheckPageRoutes: RegisterRoutes = (app, { store, config }) => {
  const send = (res: Response, status: number, input: CheckPageInput) =>
    res.status(status).type('html').send(page({ title: 'Check a draft', section: 'check', body: checkPage(input), script: 'check.js', stats: store.stats() }));

  app.get('/check', (_req, res) => send(res, 200, { text: '' }));

  const checker = draftCheckerFor(store, config);

  app.post('/check', limitChecks(config), async (req: Request, res: Response) => {
    let text = '';
    try {
      if (!req.is('multipart/form-data')) throw unsupportedMediaType('send the form');
      const body = checkBody.parse(await bodyFromUpload(req, config.uploadLimit ?? UPLOAD_LIMIT));
      // Browsers send textarea newlines as CRLF; the page shows and edits LF text, and the
      // offsets of the findings must match what the textarea holds.
      text = body.text.replace(/\r\n?/g, '\n');
      if (!text.trim()) {
        send(res, 400, { text, error: 'The draft is empty: paste text or choose a file.' });
        return;
      }
      const result = await checker.check(text, {
        name: body.name ?? 'draft',
        source: body.source !== undefined ? { text: body.source, name: body.sourceName ?? 'source' } : undefined,
        rules: body.rules,
        ignore: body.ignore,
      }, clientAddress(req));
      send(res, 200, { text, name: body.name, rules: body.rules, ignore: body.ignore, result });
    } catch (err) {
      const { status, body } = errorBody(err);
      if (status >= 500 && status !== 503) throw err;
      if (err instanceof HttpError) res.set(err.headers);
      send(res, status, { text, error: body.error.message });
    }
  });
};
