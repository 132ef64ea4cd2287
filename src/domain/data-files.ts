// The word lists and tables each module keeps in src/<module>/data/. They are read from the
// source tree, so the same files serve src/ (tests, tsx) and the built dist/; JSON files are
// parsed once.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

export interface DataFiles {
  dir: string;
  /** Lines of a text file, trimmed, without blank lines and # comments. */
  lines(name: string): string[];
  /** A JSON file, parsed once. */
  json<T>(name: string): T;
}

export function dataFiles(module: string): DataFiles {
  const dir = path.join(PROJECT_ROOT, 'src', module, 'data');
  const cache = new Map<string, unknown>();
  return {
    dir,
    lines: (name) =>
      fs
        .readFileSync(path.join(dir, name), 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#')),
    json<T>(name: string): T {
      if (!cache.has(name)) cache.set(name, JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')));
      return cache.get(name) as T;
    },
  };
}
