// The exchange formats' data files (src/formats/data/): value maps, content models, language
// tags, CSV column names. Read from the source tree, so src/ and the built dist/ use the same files.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

const DATA_DIR = path.join(PROJECT_ROOT, 'src', 'formats', 'data');
const cache = new Map<string, unknown>();

/** A JSON data file, parsed once. */
export function formatsData<T>(name: string): T {
  let value = cache.get(name);
  if (value === undefined) {
    value = JSON.parse(fs.readFileSync(path.join(DATA_DIR, name), 'utf8'));
    cache.set(name, value);
  }
  return value as T;
}
