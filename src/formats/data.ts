// The exchange formats' data files (src/formats/data/): value maps, content models, language
// tags, CSV column names.
import { dataFiles } from '../domain/data-files.js';

const files = dataFiles('formats');

/** A JSON data file, parsed once. */
export function formatsData<T>(name: string): T {
  return files.json<T>(name);
}
