// Glossary exchange API: thin adapters over src/formats/exchange.ts.
//   GET  /api/export?format=tbx|tbx2|csv|tsv|xlsx&category=&status=&since=   a streamed download
//   POST /api/import[?dryRun=1]   (write) multipart/form-data, the file in field "file";
//        answers the import report; with dryRun=1 nothing changes (the preview the UI shows)
import type { Response } from 'express';
import { z } from 'zod';
import { InputError } from '../../domain/types.js';
import { exportGlossary, parseExportFilter } from '../../exchange/export.js';
import { importGlossary } from '../../exchange/import.js';
import { EXPORT_FORMATS, type GlossaryChunks, exportFileName } from '../../formats/registry.js';
import { requireWrite } from '../access.js';
import { readUpload } from '../upload.js';
import type { RegisterRoutes } from '../deps.js';

const DEFAULT_UPLOAD_LIMIT = 50 * 1024 * 1024;

const listParam = z.union([z.string().max(500), z.array(z.string().max(500)).max(20)]).optional();
const exportQuery = z.object({
  format: z.enum(EXPORT_FORMATS).default('tbx'),
  category: listParam,
  status: listParam,
  since: z.string().max(40).optional(),
});
const importQuery = z.object({
  dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
});

/** Resolves when the response can take more ('drain') or is gone ('close'); leaves no listener behind. */
function writable(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Sends chunks (text or bytes) with backpressure; stops when the client goes away. */
async function streamChunks(res: Response, first: string | Uint8Array, rest: GlossaryChunks): Promise<void> {
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  if (!res.write(first)) await writable(res);
  for (let r = await rest.next(); !r.done && !closed; r = await rest.next()) {
    if (!res.write(r.value)) await writable(res);
  }
  if (closed) await rest.return?.(undefined);
  else res.end();
}

export const registerExchangeRoutes: RegisterRoutes = (app, { store, config }) => {
  const write = requireWrite(config);
  const uploadLimit = config.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;

  app.get('/api/export', async (req, res) => {
    const q = exportQuery.parse(req.query);
    const filter = parseExportFilter({ category: q.category, status: q.status, since: q.since });
    const result = exportGlossary(store, q.format, filter);
    // The first chunk is produced before any header goes out, so a refusal (an empty TBX v2
    // export, say) is still a JSON error.
    const first = await result.chunks.next();
    res.status(200).set({
      'Content-Type': result.info.contentType,
      'Content-Disposition': `attachment; filename="${exportFileName(q.format)}"`,
      'Cache-Control': 'no-store',
    });
    await streamChunks(res, first.done ? '' : first.value, result.chunks);
  });

  app.post('/api/import', write, async (req, res) => {
    const { dryRun } = importQuery.parse(req.query);
    const upload = await readUpload(req, { limit: uploadLimit, files: ['file'], fields: [], hint: 'the glossary (TBX, Excel, CSV or TSV) in the field "file"' });
    const file = upload.files.file;
    if (!file) throw new InputError('no file: send the glossary in the multipart field "file"');
    const report = await importGlossary(store, file.data, { dryRun: dryRun === '1' || dryRun === 'true', fileName: file.name });
    res.status(200).json({ file: file.name, ...report });
  });
};
