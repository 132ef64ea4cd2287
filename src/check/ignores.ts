// Ignored findings, persisted in a small JSON file next to the draft
// (draft.txt → draft.txt.termdesk-ignore.json), so a reviser's "this one is fine" survives the
// next run. Finding ids depend on the rule, the form and its surrounding text, not on offsets,
// so editing elsewhere in the draft keeps them.
import fs from 'node:fs';
import { InputError } from '../domain/types.js';
import { writeFileAtomic } from '../io/atomic-file.js';

export const IGNORE_SUFFIX = '.termdesk-ignore.json';

export interface IgnoreEntry {
  id: string;
  rule?: string;
  text?: string;
  note?: string;
  added?: string;
}

export interface IgnoreFile {
  version: 1;
  ignore: IgnoreEntry[];
}

export function ignoreFileFor(draftPath: string): string {
  return draftPath + IGNORE_SUFFIX;
}

const ID = /^[a-z-]+:[0-9a-f]{10}$/;

export function isFindingId(id: string): boolean {
  return ID.test(id);
}

/** Reads an ignore file; a missing file is an empty list, a malformed one an InputError. */
export function readIgnoreFile(file: string): IgnoreFile {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, ignore: [] };
    throw new InputError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new InputError(`${file}: not valid JSON`);
  }
  const p = parsed as Partial<IgnoreFile>;
  if (!p || typeof p !== 'object' || !Array.isArray(p.ignore)) throw new InputError(`${file}: expected { "version": 1, "ignore": [...] }`);
  const ignore: IgnoreEntry[] = [];
  for (const [i, e] of p.ignore.entries()) {
    if (!e || typeof e !== 'object' || typeof e.id !== 'string' || !isFindingId(e.id)) {
      throw new InputError(`${file}: ignore[${i}] needs an "id" like "non-standard-name:0123456789"`);
    }
    ignore.push(e);
  }
  return { version: 1, ignore };
}

/** Adds entries (by id, once) and writes the file atomically. Returns the ids that were new. */
export function addIgnores(file: string, entries: IgnoreEntry[]): string[] {
  const current = readIgnoreFile(file);
  const known = new Set(current.ignore.map((e) => e.id));
  const added: string[] = [];
  for (const e of entries) {
    if (!isFindingId(e.id)) throw new InputError(`"${e.id}" is not a finding id (rule:hex, as printed by termdesk check)`);
    if (known.has(e.id)) continue;
    known.add(e.id);
    current.ignore.push({ ...e, added: e.added ?? new Date().toISOString() });
    added.push(e.id);
  }
  if (added.length > 0) writeFileAtomic(file, `${JSON.stringify(current, null, 2)}\n`);
  return added;
}
