// The shape of a CLI command and the context it runs in. Commands are thin: they parse their
// arguments, call library functions, and print.
import type { Store } from '../store/repository.js';
import { InputError } from '../domain/types.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export type OptionValue = string | boolean | string[] | undefined;

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in --help; the value's name for string options goes in `arg`. */
  description: string;
  arg?: string;
}

export interface CommandContext {
  /** Arguments after the command name (options removed). */
  positionals: string[];
  options: Record<string, OptionValue>;
  json: boolean;
  quiet: boolean;
  dbPath: string;
  io: Io;
  /** Writes a line to stdout. */
  out(text: string): void;
  /** Writes a line to stderr (progress, notices; never results). */
  err(text: string): void;
  /** Prints a value as pretty JSON on stdout. */
  printJson(value: unknown): void;
  /** Opens the database (creating and filling it from glossary/ and seeds/ when missing). */
  store(): Promise<Store>;
  /** Opens an existing database read-only: no migration, no write (a replica of another server's). */
  readOnlyStore(): Promise<Store>;
}

export interface Command {
  name: string;
  summary: string;
  /** e.g. "lookup QUERY [--limit N]" */
  usage: string;
  options?: Record<string, OptionSpec>;
  /** Extra lines for --help (examples). */
  help?: string[];
  minArgs?: number;
  maxArgs?: number;
  run(ctx: CommandContext): Promise<number | undefined> | number | undefined;
}

/** Wrong command-line usage: exit code 2 with a one-line message. */
export class UsageError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes, documented in README: 0 ok, 1 findings (check), 2 usage or input error, 3 internal error. */
export const EXIT = { ok: 0, findings: 1, input: 2, internal: 3 } as const;

export function stringOption(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.options[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError(`--${name} needs a value`);
  return v;
}

export function intOption(ctx: CommandContext, name: string, fallback: number, min = 1, max = 100_000): number {
  const v = stringOption(ctx, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, not "${v}"`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}`);
  return n;
}
