// Project locations, resolved from this file so they hold for src/ (tests, tsx) and dist/ (built).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GLOSSARY_DIR = path.join(PROJECT_ROOT, 'glossary');
export const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');
export const VIEWS_DIR = path.join(PROJECT_ROOT, 'views');
export const DEFAULT_DB_PATH = path.join(PROJECT_ROOT, 'var', 'termdesk.sqlite');

/** The database a command uses when --db is not given: TERMDESK_DB, else var/termdesk.sqlite. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.TERMDESK_DB && env.TERMDESK_DB.trim() !== '' ? path.resolve(env.TERMDESK_DB) : DEFAULT_DB_PATH;
}
