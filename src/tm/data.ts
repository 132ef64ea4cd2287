// The TM module's data files (src/tm/data/).
import { dataFiles } from '../domain/data-files.js';

const files = dataFiles('tm');

/** Non-empty, non-comment lines of a data file. */
export const readDataLines = files.lines;

export function readDataJson<T>(name: string): T {
  return files.json<T>(name);
}
