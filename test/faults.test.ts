// Fault injection: an import killed with SIGKILL in the middle of its transaction leaves the
// database intact and the import wholly absent (or, had the commit already landed, wholly
// present: never half of it), and the same import run again then completes.
//
// The imports run as users run them (`termdesk import BIG.tbx`, `termdesk tm import BIG.tmx`, the
// built CLI in a child process) on a database that already holds the reference glossary. The files
// are generated here (bench/generate.ts: realistic UN body names, the project's own TBX and TMX
// writers) and big enough that the import's transaction outgrows SQLite's page cache, so pages are
// spilled into the WAL before the commit. The kill is triggered by progress, not by a clock, so a
// slow or busy machine only makes the test slower: the child is killed once it holds the write
// lock (probed from a second connection) and the WAL has grown by WAL_TRIGGER bytes of
// uncommitted frames. "Restart" is the next `termdesk stats --json`, which opens the database
// again; then PRAGMA integrity_check, the foreign keys, both full-text indexes and the row count
// of every table are checked.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConcepts, writeGeneratedTbx, writeGeneratedTmx } from '../bench/generate.js';
import { PROJECT_ROOT, runCli, tempDir } from './helpers.js';

/** Sizes: enough that each transaction writes well over SQLite's 16 MB page cache. */
const CONCEPTS = 25_000;
const SEGMENTS = 30_000;
/** Uncommitted WAL bytes that show the transaction is well under way. */
const WAL_TRIGGER = 2 * 1024 * 1024;
const BIN = path.join(PROJECT_ROOT, 'bin', 'termdesk.js');
const TABLES = ['concept', 'term', 'term_context', 'concept_xref', 'document', 'occurrence', 'tm_segment'] as const;
type Counts = Record<(typeof TABLES)[number], number>;

let work: string;
let baseDb: string;
let bigTbx: string;
let bigTmx: string;

beforeAll(async () => {
  work = tempDir('termdesk-faults-');
  baseDb = path.join(work, 'base.sqlite');
  bigTbx = path.join(work, 'BIG.tbx');
  bigTmx = path.join(work, 'BIG.tmx');
  // The database is built in a child process while this one writes the files.
  const init = promisify(execFile)(process.execPath, [BIN, '--db', baseDb, 'init', '--no-seeds', '--quiet'], { env: { ...process.env, TERMDESK_DB: '' } });
  await writeGeneratedTbx(bigTbx, CONCEPTS);
  await writeGeneratedTmx(bigTmx, SEGMENTS);
  await init;
  // `init` leaves the key version unset, so the next command recomputes every stored key in a
  // transaction of its own (reported): let that happen here, not inside the imports under test.
  expect(runCli(['--db', baseDb, 'stats']).code).toBe(0);
}, 300_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** A fresh copy of the database with the reference glossary (cleanly closed: no WAL beside it). */
function freshDatabase(name: string): string {
  const file = path.join(work, name);
  fs.copyFileSync(baseDb, file);
  return file;
}

function counts(file: string): Counts {
  const db = new Database(file, { fileMustExist: true });
  try {
    return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n])) as Counts;
  } finally {
    db.close();
  }
}

/** PRAGMA integrity_check, foreign keys and the FTS5 indexes' own integrity checks. */
function checkIntegrity(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Every full-text index checks itself (SQLITE_CORRUPT_VTAB when it disagrees with its table).
    const fts = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'").pluck().all() as string[];
    expect(fts).toContain('tm_fts');
    for (const name of fts) db.exec(`INSERT INTO "${name}"("${name}") VALUES ('integrity-check')`);
  } finally {
    db.close();
  }
}

interface Run {
  /** How the child ended: exit code, or the signal that killed it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** ms from spawn until the child was first seen holding the write lock (null: never seen). */
  txStartMs: number | null;
  /** ms from spawn until the kill (null: not killed) or the exit. */
  killMs: number | null;
  endMs: number;
  /** WAL size when killed, and the largest seen. */
  walAtKill: number | null;
  walMax: number;
}

/**
 * Runs `termdesk --db FILE ARGS` and watches it: a second connection probes for the write lock
 * (BEGIN IMMEDIATE with no busy timeout fails while the child's transaction is open), and the WAL
 * file's size is polled. With `killAtWal`, the child gets SIGKILL as soon as it is inside its
 * transaction and the WAL holds that many bytes.
 */
async function watchedRun(file: string, args: string[], killAtWal?: number): Promise<Run> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [BIN, '--db', file, ...args, '--quiet'], {
    env: { ...process.env, TERMDESK_DB: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));

  const probe = new Database(file, { fileMustExist: true });
  probe.pragma('busy_timeout = 0');
  const begin = probe.prepare('BEGIN IMMEDIATE');
  const rollback = probe.prepare('ROLLBACK');
  const wal = `${file}-wal`;
  const walSize = () => {
    try {
      return fs.statSync(wal).size;
    } catch {
      return 0;
    }
  };
  const run: Omit<Run, 'code' | 'signal' | 'stdout' | 'stderr' | 'endMs'> = { txStartMs: null, killMs: null, walAtKill: null, walMax: 0 };
  try {
    while (!done) {
      const size = walSize();
      run.walMax = Math.max(run.walMax, size);
      if (run.txStartMs === null) {
        try {
          begin.run();
          rollback.run();
        } catch (err) {
          if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
          run.txStartMs = performance.now() - started;
        }
      }
      if (killAtWal !== undefined && run.txStartMs !== null && size >= killAtWal) {
        // Close the probe first: the child must be the last user of the file when it dies, so the
        // recovery happens in the next termdesk, not in this connection.
        probe.close();
        child.kill('SIGKILL');
        run.killMs = performance.now() - started;
        run.walAtKill = size;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    if (probe.open) probe.close();
  }
  const { code, signal } = await exited;
  return { ...run, code, signal, stdout, stderr, endMs: performance.now() - started };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const s = (ms: number | null) => (ms === null ? '-' : `${(ms / 1000).toFixed(1)} s`);

/** Which of the three outcomes the counts show. */
function outcome(before: Counts, after: Counts, delta: Partial<Counts>): 'absent' | 'present' | 'partial' {
  const expected = Object.fromEntries(TABLES.map((t) => [t, before[t] + (delta[t] ?? 0)])) as Counts;
  if (TABLES.every((t) => after[t] === before[t])) return 'absent';
  if (TABLES.every((t) => after[t] === expected[t])) return 'present';
  return 'partial';
}

/**
 * The whole scenario for one import command: kill it mid-transaction, restart, check; run it
 * again unkilled, check that it all landed.
 */
async function killRestartRetry(
  label: string,
  args: string[],
  delta: Partial<Counts>,
  restartWith: { args: string[]; shows: (c: Counts) => Record<string, number> },
): Promise<void> {
  const db = freshDatabase(`${label}.sqlite`);
  const before = counts(db);

  const killed = await watchedRun(db, args, WAL_TRIGGER);
  expect(killed.killMs, `the ${label} import ended (code ${killed.code}: ${killed.stderr.trim()}) before it could be killed; make the file bigger`).not.toBeNull();
  expect(killed.signal).toBe('SIGKILL');
  // The kill landed inside the transaction, with uncommitted frames already in the WAL.
  expect(killed.txStartMs).not.toBeNull();
  expect(killed.walAtKill).toBeGreaterThanOrEqual(WAL_TRIGGER);
  expect(fs.statSync(`${db}-wal`).size).toBeGreaterThanOrEqual(WAL_TRIGGER);

  // Restart: the next termdesk opens the database and recovers it.
  const restart = runCli(['--db', db, ...restartWith.args, '--json']);
  expect(restart.code, restart.stderr).toBe(0);
  checkIntegrity(db);
  const afterKill = counts(db);
  expect(JSON.parse(restart.stdout)).toMatchObject(restartWith.shows(afterKill));
  const state = outcome(before, afterKill, delta);
  expect(state, `after the kill: ${JSON.stringify(afterKill)}, before: ${JSON.stringify(before)}`).not.toBe('partial');
  // The kill came before the commit (the WAL was still growing), so nothing of it may be there.
  expect(state).toBe('absent');

  // The same import, not killed, completes and adds all of it.
  const full = await watchedRun(db, [...args, '--json']);
  expect(full.code, full.stderr).toBe(0);
  checkIntegrity(db);
  const afterFull = counts(db);
  expect(outcome(before, afterFull, delta), `after the full import: ${JSON.stringify(afterFull)}`).toBe('present');

  const fullTx = full.txStartMs === null ? null : full.endMs - full.txStartMs;
  console.info(
    `[faults] ${label}: killed ${s(killed.killMs)} after start, ${s(killed.killMs! - killed.txStartMs!)} into its transaction, ` +
      `with ${mb(killed.walAtKill!)} of uncommitted WAL; after restart: ${state}. The full import took ${s(full.endMs)} ` +
      `(transaction ${s(fullTx)}, WAL up to ${mb(full.walMax)}).`,
  );
}

// The two scenarios use separate databases and run side by side (one child process each).
describe.concurrent('SIGKILL in the middle of an import', () => {
  it(`glossary import (${CONCEPTS.toLocaleString('en')} concepts, TBX v3): database intact, import wholly absent, then completes`, async () => {
    let terms = 0;
    for (const c of generateConcepts(CONCEPTS)) terms += c.terms.length;
    await killRestartRetry('glossary', ['import', bigTbx], { concept: CONCEPTS, term: terms }, {
      args: ['stats'],
      shows: (c) => ({ concepts: c.concept, terms: c.term }),
    });
  }, 300_000);

  it(`translation-memory import (${SEGMENTS.toLocaleString('en')} units, TMX): database intact, import wholly absent, then completes`, async () => {
    await killRestartRetry('tm', ['tm', 'import', bigTmx], { tm_segment: SEGMENTS }, {
      args: ['tm', 'stats'],
      shows: (c) => ({ segments: c.tm_segment }),
    });
  }, 300_000);
});
