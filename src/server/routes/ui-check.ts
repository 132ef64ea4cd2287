// The Check page: GET shows the form; POST (multipart: pasted text or an uploaded draft)
// checks and shows the draft with its findings. /check/bilingual: the same for a translation
// against its source (an XLIFF file, or pasted aligned texts), shown segment by segment; an XLIFF
// file uploaded on the draft form is shown that way too. Reading only: no write token needed;
// bilingual uploads carry the page's form token (see checkRequestFromUpload).
import type { Request, Response } from 'express';
import { clientAddress, formToken, limitChecks } from '../access.js';
import { draftCheckerFor } from '../check-runner.js';
import { HttpError, errorBody, unsupportedMediaType } from '../errors.js';
import { page } from '../pages/layout.js';
import { type CheckPageInput, checkBody as checkPage } from '../pages/check.js';
import { type BilingualPageInput, bilingualCheckBody } from '../pages/check-bilingual.js';
import { type CheckRequest, checkRequestFromUpload } from './check.js';
import type { RegisterRoutes } from '../deps.js';

const UPLOAD_LIMIT = 10 * 1024 * 1024;

export const registerCheckPageRoutes: RegisterRoutes = (app, { store, config }) => {
  const send = (res: Response, status: number, input: CheckPageInput) =>
    res.status(status).type('html').send(page({ title: 'Check a draft', section: 'check', body: checkPage(input), script: 'check.js', stats: store.stats() }));
  const sendBilingual = (res: Response, status: number, input: BilingualPageInput) =>
    res.status(status).type('html').send(page({ title: 'Check a translation', section: 'check', body: bilingualCheckBody(input), stats: store.stats() }));

  app.get('/check', (req, res) => send(res, 200, { text: '', csrf: formToken(config, req, res) }));
  app.get('/check/bilingual', (req, res) => sendBilingual(res, 200, { csrf: formToken(config, req, res), source: '', target: '' }));

  const checker = draftCheckerFor(store, config);

  const check = async (req: Request, res: Response, form: 'draft' | 'bilingual') => {
    const csrf = formToken(config, req, res);
    let request: CheckRequest | undefined;
    let text = '';
    try {
      if (!req.is('multipart/form-data')) throw unsupportedMediaType('send the form');
      request = await checkRequestFromUpload(req, config.uploadLimit ?? UPLOAD_LIMIT, config);
      if (request.kind === 'bilingual') {
        const { input, options } = request;
        const result = await checker.checkBilingual(input, options, clientAddress(req));
        sendBilingual(res, 200, { csrf, ...pastedTexts(request), fileName: input.kind === 'xliff' ? input.name : undefined, rules: options.rules, result });
        return;
      }
      if (form === 'bilingual') throw new HttpError(400, 'invalid_input', 'choose an XLIFF file, or paste the source and the target');
      const body = request.body;
      // Browsers send textarea newlines as CRLF; the page shows and edits LF text, and the
      // offsets of the findings must match what the textarea holds.
      text = body.text.replace(/\r\n?/g, '\n');
      if (!text.trim()) {
        send(res, 400, { text, csrf, error: 'The draft is empty: paste text or choose a file.' });
        return;
      }
      const result = await checker.check(text, {
        name: body.name ?? 'draft',
        source: body.source !== undefined ? { text: body.source, name: body.sourceName ?? 'source' } : undefined,
        rules: body.rules,
        ignore: body.ignore,
      }, clientAddress(req));
      send(res, 200, { text, csrf, name: body.name, rules: body.rules, ignore: body.ignore, result });
    } catch (err) {
      const { status, body } = errorBody(err);
      if (status >= 500 && status !== 503) throw err;
      if (err instanceof HttpError) res.set(err.headers);
      if (form === 'bilingual' || request?.kind === 'bilingual') {
        sendBilingual(res, status, { csrf, ...pastedTexts(request), error: body.error.message });
      } else {
        send(res, status, { text, csrf, error: body.error.message });
      }
    }
  };

  app.post('/check', limitChecks(config), (req: Request, res: Response) => check(req, res, 'draft'));
  app.post('/check/bilingual', limitChecks(config), (req: Request, res: Response) => check(req, res, 'bilingual'));
};

/** The pasted texts of a bilingual request, to show again in the form (LF line ends, as a textarea holds them). */
function pastedTexts(request: CheckRequest | undefined): { source: string; target: string } {
  if (request?.kind !== 'bilingual' || request.input.kind !== 'aligned') return { source: '', target: '' };
  return { source: request.input.source.replace(/\r\n?/g, '\n'), target: request.input.target.replace(/\r\n?/g, '\n') };
}
