// POST /api/check: the draft checker over HTTP. A thin adapter over check/checker.ts.
//   JSON:      { "text", "source"?, "rules"?, "disable"?, "ignore"?, "name"? }
//   multipart: a "draft" file (.txt, .md, .docx), optionally a "source" file, and the same
//              fields as form fields (rules/disable/ignore comma-separated).
//   ?format=json (default) | html | csv | text
// Checking reads the store and changes nothing, so it needs no write access. What a check may cost
// is bounded: checks per client and minute (limitChecks), the body, large drafts off the event
// loop with a time and memory limit, findings per answer (check-runner.ts, check-limits.ts).
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { InputError } from '../../domain/types.js';
import { decodeDocument } from '../../io/text.js';
import { MAX_CHECK_CHARS } from '../../check/checker.js';
import { FORMATS, formatCsv, formatHtml, formatText } from '../../check/reporters.js';
import { clientAddress, limitChecks } from '../access.js';
import { draftCheckerFor } from '../check-runner.js';
import { readUpload } from '../upload.js';
import type { RegisterRoutes } from '../deps.js';

const MAX_TEXT = 1_000_000;
const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;

const idList = z.union([z.array(z.string().max(100)).max(1000), z.string().max(20_000).transform(splitList)]);

export const checkBody = z.object({
  text: z.string().max(MAX_TEXT, `text is longer than ${MAX_TEXT} characters`),
  source: z.string().max(MAX_TEXT, `source is longer than ${MAX_TEXT} characters`).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  sourceName: z.string().trim().min(1).max(200).optional(),
  rules: idList.optional(),
  disable: idList.optional(),
  ignore: idList.optional(),
});

const formatQuery = z.object({ format: z.enum(FORMATS).default('json') });

function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

const UPLOAD_FIELDS = ['text', 'source', 'name', 'sourceName', 'rules', 'disable', 'ignore'];

/** The check request of a multipart upload (draft and source files decoded), for the API and the Check page. */
export async function bodyFromUpload(req: Request, limit: number): Promise<z.input<typeof checkBody>> {
  const { fields, files } = await readUpload(req, {
    limit,
    files: ['draft', 'source'],
    fields: UPLOAD_FIELDS,
    // Checkboxes named "rules" (the Check page) repeat the field: the values add up.
    listFields: ['rules', 'disable', 'ignore'],
    fieldSize: MAX_TEXT * 4,
    accept: { pattern: /\.(txt|md|markdown|text|docx)$/i, message: 'only .txt, .md and .docx files can be checked' },
    hint: 'a "draft" file (.txt, .md, .docx), optionally a "source" file, or a "text" field',
  });
  const body: Record<string, unknown> = { ...fields };
  if (files.draft) {
    body.text = (await decodeDocument(files.draft.data, files.draft.name)).text;
    body.name ??= files.draft.name;
  }
  if (files.source) {
    body.source = (await decodeDocument(files.source.data, files.source.name)).text;
    body.sourceName ??= files.source.name;
  }
  if (body.text === undefined) throw new InputError('give the draft as a "draft" file or a "text" field');
  return body as z.input<typeof checkBody>;
}

export const registerCheckRoutes: RegisterRoutes = (app, { store, config }) => {
  // JSON text is UTF-8: up to 3 bytes a character, plus the source.
  const json = express.json({ limit: Math.min(MAX_CHECK_CHARS, MAX_TEXT) * 3 * 2 + 64 * 1024 });
  const uploadLimit = config.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;

  const checker = draftCheckerFor(store, config);

  app.post('/api/check', limitChecks(config), json, async (req: Request, res: Response) => {
    const { format } = formatQuery.parse(req.query);
    const raw = req.is('multipart/form-data') ? await bodyFromUpload(req, uploadLimit) : req.body;
    if (raw === undefined || raw === null || typeof raw !== 'object') throw new InputError('send JSON { "text": ... } or a multipart upload');
    const body = checkBody.parse(raw);
    const result = await checker.check(body.text, {
      name: body.name ?? 'draft',
      source: body.source !== undefined ? { text: body.source, name: body.sourceName ?? 'source' } : undefined,
      rules: body.rules,
      disable: body.disable,
      ignore: body.ignore,
    }, clientAddress(req));
    if (format === 'json') {
      res.json(result);
    } else if (format === 'html') {
      // A standalone report with its own inline style and no script.
      res
        .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
        .type('html')
        .send(formatHtml(result, body.text));
    } else if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${safeName(result.summary.name)}.check.csv`).send(formatCsv(result));
    } else {
      res.type('text/plain; charset=utf-8').send(`${formatText(result)}\n`);
    }
  });
};

function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'draft';
}
