// POST /api/check: the draft checker over HTTP. A thin adapter over check/checker.ts and, for a
// translation against its source, check/bilingual.ts.
//   JSON:      { "text", "source"?, "rules"?, "disable"?, "ignore"?, "name"? }       a draft
//              { "source", "target", "rules"?, "disable"?, "ignore"?, "name"?, "sourceName"? }
//                                                   aligned texts, checked segment by segment
//   multipart: a "draft" file (.txt, .md, .docx), optionally a "source" file, and the same
//              fields as form fields (rules/disable/ignore comma-separated); or an "xliff" file
//              (or a "draft" named .xlf …); or "source" and "target" (files or fields).
//   ?format=json (default) | html | csv | text
// Checking reads the store and changes nothing, so it needs no write access. What a check may cost
// is bounded: checks per client and minute (limitChecks), the body, large drafts off the event
// loop with a time and memory limit, findings per answer (check-runner.ts, check-limits.ts). A
// bilingual upload, read and checked in the worker when large, must also come from a TermDesk page
// or a client that sends a header a form cannot (assertNotForged).
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { InputError } from '../../domain/types.js';
import { decodeDocument } from '../../io/text.js';
import { MAX_CHECK_CHARS } from '../../check/checker.js';
import type { CheckResult } from '../../check/checker.js';
import { type BilingualCheckOptions, XLIFF_FILE } from '../../check/bilingual.js';
import { FORMATS, formatCsv, formatHtml, formatText } from '../../check/reporters.js';
import { formatSegmentsHtml } from '../../check/segment-report.js';
import { segmentCounts } from '../../check/segments.js';
import { FORM_FIELDS, assertNotForged, clientAddress, limitChecks } from '../access.js';
import { type BilingualUpload, draftCheckerFor } from '../check-runner.js';
import { unsupportedMediaType } from '../errors.js';
import { readUpload } from '../upload.js';
import type { RegisterRoutes, ServerConfig } from '../deps.js';

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

/** Aligned plain texts as JSON: line n of `target` translates line n of `source`. */
export const bilingualBody = z.object({
  source: z.string().max(MAX_TEXT, `source is longer than ${MAX_TEXT} characters`),
  target: z.string().max(MAX_TEXT, `target is longer than ${MAX_TEXT} characters`),
  name: z.string().trim().min(1).max(200).optional(),
  sourceName: z.string().trim().min(1).max(200).optional(),
  rules: idList.optional(),
  disable: idList.optional(),
  ignore: idList.optional(),
});

/** What a check request asks for: a Chinese draft, or a translation against its source. */
export type CheckRequest =
  | { kind: 'draft'; body: z.output<typeof checkBody> }
  | { kind: 'bilingual'; input: BilingualUpload; options: BilingualCheckOptions };

const UPLOAD_FIELDS = ['text', 'source', 'target', 'name', 'sourceName', 'rules', 'disable', 'ignore', 'mode', FORM_FIELDS.csrf];
const UPLOAD_FILES = ['draft', 'source', 'target', 'xliff'];
const XLIFF_HINT = 'an "xliff" file (.xlf, .xliff, .sdlxliff, .mqxliff)';

/** Reads a JSON body as a draft check or, with "target", as aligned texts. */
export function checkRequestFromJson(raw: unknown): CheckRequest {
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError('send JSON { "text": ... } (a draft) or { "source": ..., "target": ... } (aligned texts), or a multipart upload');
  }
  if (!('target' in raw)) return { kind: 'draft', body: checkBody.parse(raw) };
  if ('text' in raw) throw new InputError('give either "text" (a Chinese draft) or "source" and "target" (aligned texts), not both');
  const body = bilingualBody.parse(raw);
  return {
    kind: 'bilingual',
    input: { kind: 'aligned', source: body.source, target: body.target, sourceName: body.sourceName ?? 'source', targetName: body.name ?? 'target' },
    options: { rules: body.rules, disable: body.disable, ignore: body.ignore },
  };
}

/**
 * The check request of a multipart upload, for the API and the Check page: a draft ("draft" file
 * or "text", optional "source"), an XLIFF file ("xliff", or a "draft" file named .xlf …), or
 * aligned texts ("source" and "target", files or fields). A bilingual upload must come from a
 * TermDesk page (its form token) or carry a header a form cannot send (see assertNotForged):
 * decided when its file begins, before any of it is read.
 */
export async function checkRequestFromUpload(req: Request, limit: number, config: ServerConfig): Promise<CheckRequest> {
  let proven = false;
  const prove = (fields: Record<string, string>) => {
    if (!proven) assertNotForged(config, req, fields);
    proven = true;
  };
  const { fields, files } = await readUpload(req, {
    limit,
    files: UPLOAD_FILES,
    fields: UPLOAD_FIELDS,
    // Checkboxes named "rules" (the Check page) repeat the field: the values add up.
    listFields: ['rules', 'disable', 'ignore'],
    fieldSize: MAX_TEXT * 4,
    accept: { pattern: /\.(txt|md|markdown|text|docx|xlf|xliff|sdlxliff|mqxliff)$/i, message: 'only .txt, .md and .docx drafts and .xlf/.xliff bilingual files can be checked' },
    hint: `a "draft" file (.txt, .md, .docx), optionally a "source" file, or a "text" field; or ${XLIFF_HINT}; or "source" and "target" (aligned texts)`,
    authorize: (read, file) => {
      if (file && (file.field === 'xliff' || file.field === 'target' || XLIFF_FILE.test(file.name) || read.mode === 'bilingual')) prove(read);
    },
  });
  const given = (field: string) => files[field] !== undefined || (fields[field] !== undefined && fields[field].trim() !== '');
  const lists = { rules: fields.rules, disable: fields.disable, ignore: fields.ignore };
  for (const field of ['source', 'target'] as const) {
    if (files[field] && XLIFF_FILE.test(files[field].name)) throw new InputError(`${files[field].name}: an XLIFF file holds its own source; send it alone as ${XLIFF_HINT}`);
  }
  if (files.xliff && !XLIFF_FILE.test(files.xliff.name)) throw unsupportedMediaType(`${files.xliff.name}: the "xliff" field takes ${XLIFF_HINT}`);
  const xliff = files.xliff ?? (files.draft && XLIFF_FILE.test(files.draft.name) ? files.draft : undefined);
  const bilingual = xliff !== undefined || given('target') || fields.mode === 'bilingual';
  if (!bilingual) {
    const body: Record<string, unknown> = { ...fields };
    delete body.mode;
    delete body[FORM_FIELDS.csrf];
    if (files.draft) {
      body.text = (await decodeDocument(files.draft.data, files.draft.name)).text;
      body.name ??= files.draft.name;
    }
    if (files.source) {
      body.source = (await decodeDocument(files.source.data, files.source.name)).text;
      body.sourceName ??= files.source.name;
    }
    if (body.text === undefined) throw new InputError('give the draft as a "draft" file or a "text" field');
    return { kind: 'draft', body: checkBody.parse(body) };
  }
  prove(fields);
  const options = bilingualBody.pick({ rules: true, disable: true, ignore: true }).parse(lists);
  if (xliff) {
    const extra = ['text', 'source', 'target'].filter(given).concat(files.xliff && files.draft ? ['draft'] : []);
    if (extra.length > 0) throw new InputError(`an XLIFF file holds the source and the target: send it alone, without ${extra.map((f) => `"${f}"`).join(', ')}`);
    return { kind: 'bilingual', input: { kind: 'xliff', name: xliff.name, data: xliff.data }, options };
  }
  if (given('text') || files.draft) throw new InputError('give either a draft ("draft" or "text") or a translation and its source ("source" and "target"), not both');
  if (!given('source') || !given('target')) {
    throw new InputError(`give ${XLIFF_HINT}, or both "source" (English) and "target" (Chinese) aligned texts, one segment a line`);
  }
  const side = async (field: 'source' | 'target', fallback: string) => {
    const file = files[field];
    if (file) return { text: (await decodeDocument(file.data, file.name)).text, name: file.name };
    const text = fields[field];
    if (text.length > MAX_TEXT) throw new InputError(`${field} is longer than ${MAX_TEXT} characters`);
    return { text, name: fallback };
  };
  const source = await side('source', fields.sourceName?.trim() || 'source');
  const target = await side('target', fields.name?.trim() || 'target');
  return { kind: 'bilingual', input: { kind: 'aligned', source: source.text, target: target.text, sourceName: source.name, targetName: target.name }, options };
}

export const registerCheckRoutes: RegisterRoutes = (app, { store, config }) => {
  // JSON text is UTF-8: up to 3 bytes a character, plus the source.
  const json = express.json({ limit: Math.min(MAX_CHECK_CHARS, MAX_TEXT) * 3 * 2 + 64 * 1024 });
  const uploadLimit = config.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;

  const checker = draftCheckerFor(store, config);

  app.post('/api/check', limitChecks(config), json, async (req: Request, res: Response) => {
    const { format } = formatQuery.parse(req.query);
    const request = req.is('multipart/form-data') ? await checkRequestFromUpload(req, uploadLimit, config) : checkRequestFromJson(req.body);
    if (request.kind === 'bilingual') {
      const result = await checker.checkBilingual(request.input, request.options, clientAddress(req));
      sendReport(res, format, result, () => formatSegmentsHtml(result), `${formatText(result)}; ${segmentCounts(result.summary.segments)}`);
      return;
    }
    const body = request.body;
    const result = await checker.check(body.text, {
      name: body.name ?? 'draft',
      source: body.source !== undefined ? { text: body.source, name: body.sourceName ?? 'source' } : undefined,
      rules: body.rules,
      disable: body.disable,
      ignore: body.ignore,
    }, clientAddress(req));
    sendReport(res, format, result, () => formatHtml(result, body.text), formatText(result));
  });
};

/** A check's answer in the format asked for. */
function sendReport(res: Response, format: (typeof FORMATS)[number], result: CheckResult, html: () => string, text: string): void {
  if (format === 'json') {
    res.json(result);
  } else if (format === 'html') {
    // A standalone report with its own inline style and no script.
    res
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
      .type('html')
      .send(html());
  } else if (format === 'csv') {
    res.type('text/csv; charset=utf-8').attachment(`${safeName(result.summary.name)}.check.csv`).send(formatCsv(result));
  } else {
    res.type('text/plain; charset=utf-8').send(`${text}\n`);
  }
}

function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'draft';
}
