// The import/export page. An import is previewed first (a dry run); the uploaded file waits in
// memory under a random id until the user applies it or it expires.
import express, { type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { InputError } from '../../domain/types.js';
import { importGlossary } from '../../exchange/import.js';
import { assertWrite, formToken, requireWrite, writeAccess } from '../access.js';
import { HttpError, errorBody, gone } from '../errors.js';
import { exchangeBody, type ExchangePageInput } from '../pages/exchange.js';
import { page } from '../pages/layout.js';
import { readUpload } from '../upload.js';
import type { RegisterRoutes } from '../deps.js';

const PENDING_TTL_MS = 15 * 60_000;
const MAX_PENDING = 8;
const applyForm = z.object({ pending: z.string().regex(/^[0-9a-f]{32}$/, 'unknown import'), token: z.string().max(500).optional() });

interface Pending {
  file: string;
  data: Buffer;
  expires: number;
}

export const registerExchangePageRoutes: RegisterRoutes = (app, { store, config }) => {
  const pending = new Map<string, Pending>();
  const sweep = () => {
    const now = Date.now();
    for (const [id, p] of pending) if (p.expires < now) pending.delete(id);
  };
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 5 });
  const limit = config.uploadLimit ?? 50 * 1024 * 1024;

  const send = (req: Request, res: Response, status: number, input: Omit<ExchangePageInput, 'writes' | 'csrf'>) =>
    res
      .status(status)
      .type('html')
      .send(
        page({
          title: 'Import and export',
          section: 'exchange',
          body: exchangeBody({ ...input, writes: writeAccess(config), csrf: formToken(config, req, res) }),
          stats: store.stats(),
        }),
      );

  const fail = (req: Request, res: Response, err: unknown) => {
    const { status, body } = errorBody(err);
    if (status >= 500) throw err;
    if (err instanceof HttpError) res.set(err.headers);
    // A refused upload is not read to its end: close the connection after the answer.
    if (!req.complete) res.set('Connection', 'close');
    send(req, res, status, { message: { kind: 'error', text: body.error.message } });
  };

  app.get('/exchange', (req, res) => send(req, res, 200, {}));

  app.post('/exchange/preview', async (req: Request, res: Response) => {
    try {
      // The form's csrf and token fields come before the file: a refused upload is not read.
      const upload = await readUpload(req, {
        limit,
        files: ['file'],
        fields: ['token', 'csrf'],
        hint: 'choose a TBX, Excel, CSV or TSV file',
        authorize: (fields) => assertWrite(config, req, fields),
      });
      const file = upload.files.file;
      if (!file) throw new InputError('choose a TBX, Excel, CSV or TSV file to import');
      const report = await importGlossary(store, file.data, { dryRun: true, fileName: file.name });
      sweep();
      while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
      const id = randomBytes(16).toString('hex');
      pending.set(id, { file: file.name, data: file.data, expires: Date.now() + PENDING_TTL_MS });
      send(req, res, 200, { preview: { file: file.name, pendingId: id, report } });
    } catch (err) {
      fail(req, res, err);
    }
  });

  app.post('/exchange/apply', form, requireWrite(config), async (req: Request, res: Response) => {
    try {
      const body = applyForm.parse(req.body);
      sweep();
      const p = pending.get(body.pending);
      if (!p) throw gone('this preview has expired or was already applied; upload the file again');
      pending.delete(body.pending);
      const report = await importGlossary(store, p.data, { fileName: p.file });
      send(req, res, 200, { applied: { file: p.file, report }, message: { kind: 'ok', text: `Imported ${p.file}.` } });
    } catch (err) {
      fail(req, res, err);
    }
  });
};
