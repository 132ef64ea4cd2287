// Loading the TM module's data files (src/tm/data/), read from the project folder so they are the
// same for src/ (tests, tsx) and dist/ (the built CLI).
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

const DATA_DIR = path.join(PROJECT_ROOT, 'src', 'tm', 'data');

/** Non-empty, non-comment lines of a data file. */
export function readDataLines(name: string): string[] {
  return fs
    .readFileSync(path.join(DATA_DIR, name), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function readDataJson<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(DATA_DIR, name), 'utf8')) as T;
}
