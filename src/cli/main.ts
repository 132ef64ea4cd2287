// termdesk: the command-line entry point. Parses global options, dispatches to a command,
// maps errors to exit codes (2 for usage and input errors, 3 for internal errors).
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { allCommands, loadCommand } from './commands/index.js';
import { type Command, type CommandContext, type Io, type OptionSpec, EXIT, UsageError } from './command.js';
import { InputError } from '../domain/types.js';
// The store and its setup are imported when a command asks for them: `termdesk extract` without a
// database never loads SQLite, the migrations or the glossary sync.
import type { Store } from '../store/repository.js';
import { PROJECT_ROOT, defaultDbPath } from '../paths.js';

const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  db: { type: 'string', arg: 'PATH', description: 'database file (default: $TERMDESK_DB or var/termdesk.sqlite)' },
  json: { type: 'boolean', description: 'print results as JSON' },
  quiet: { type: 'boolean', short: 'q', description: 'no progress output' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
  version: { type: 'boolean', short: 'V', description: 'show the version' },
};

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function formatOptions(options: Record<string, OptionSpec>): string[] {
  return Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : ''}`;
    return `  ${flag.padEnd(28)} ${o.description}`;
  });
}

export async function usage(): Promise<string> {
  const commands = await allCommands();
  const lines = [
    'termdesk: Chinese–English UN terminology and translation memory',
    '',
    'Usage: termdesk [--db PATH] [--json] COMMAND [ARGS]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
    '',
    'Global options:',
    ...formatOptions(GLOBAL_OPTIONS),
    '',
    'Exit codes: 0 success, 1 findings (check), 2 usage or input error, 3 internal error.',
    'Run "termdesk COMMAND --help" for a command\'s options.',
  ];
  return lines.join('\n');
}

function commandHelp(cmd: Command): string {
  return [
    `Usage: termdesk ${cmd.usage}`,
    '',
    cmd.summary,
    ...(cmd.options ? ['', 'Options:', ...formatOptions(cmd.options)] : []),
    '',
    'Global options:',
    ...formatOptions(GLOBAL_OPTIONS),
    ...(cmd.help ? ['', ...cmd.help] : []),
  ].join('\n');
}

/** Finds the command name: the first argument that is not an option or a global option's value. */
function findCommand(argv: string[]): { name: string | undefined; index: number } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return { name: argv[i + 1], index: i + 1 };
    if (a === '--db') {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return { name: a, index: i };
  }
  return { name: undefined, index: -1 };
}

function toParseArgsOptions(specs: Record<string, OptionSpec>) {
  const out: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, s] of Object.entries(specs)) {
    out[name] = { type: s.type };
    if (s.short) out[name].short = s.short;
    if (s.multiple) out[name].multiple = true;
  }
  return out;
}

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const write = (stream: NodeJS.WritableStream, text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);
  let store: Store | undefined;
  try {
    const { name, index } = findCommand(argv);
    if (name === undefined) {
      const { values } = parseArgs({ args: argv, options: toParseArgsOptions(GLOBAL_OPTIONS), strict: true, allowPositionals: true });
      if (values.version) {
        write(io.stdout, version());
        return EXIT.ok;
      }
      write(values.help ? io.stdout : io.stderr, await usage());
      return values.help ? EXIT.ok : EXIT.input;
    }
    const cmd = await loadCommand(name);
    if (!cmd) throw new UsageError(`unknown command "${name}"; run termdesk --help for the list`);
    const args = [...argv.slice(0, index), ...argv.slice(index + 1)];
    const specs = { ...GLOBAL_OPTIONS, ...(cmd.options ?? {}) };
    let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: ReturnType<typeof toParseArgsOptions>; strict: true; allowPositionals: true }>>;
    try {
      parsed = parseArgs({ args, options: toParseArgsOptions(specs), strict: true, allowPositionals: true });
    } catch (err) {
      const message = (err as Error).message.split('\n')[0].split('. ')[0].replace(/^Unknown option/, 'unknown option');
      throw new UsageError(`${message} (see termdesk ${cmd.name} --help)`);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      write(io.stdout, commandHelp(cmd));
      return EXIT.ok;
    }
    if (cmd.minArgs !== undefined && positionals.length < cmd.minArgs) {
      throw new UsageError(`missing argument; usage: termdesk ${cmd.usage}`);
    }
    if (cmd.maxArgs !== undefined && positionals.length > cmd.maxArgs) {
      throw new UsageError(`too many arguments; usage: termdesk ${cmd.usage}`);
    }
    const dbOption = values.db as string | undefined;
    if (dbOption !== undefined && dbOption.trim() === '') throw new UsageError('--db needs a file path');
    const dbPath = dbOption ? path.resolve(io.cwd, dbOption) : defaultDbPath(io.env);
    const quiet = values.quiet === true;
    /** TERMDESK_INDEX_DIR: the persisted indexes of the database kept elsewhere. */
    const withIndexDir = async (opened: Store): Promise<Store> => {
      if (io.env.TERMDESK_INDEX_DIR) (await import('../store/live-index.js')).configureLiveIndexes(opened, { indexDir: io.env.TERMDESK_INDEX_DIR });
      return opened;
    };
    const ctx: CommandContext = {
      positionals,
      options: values as CommandContext['options'],
      json: values.json === true,
      quiet,
      dbPath,
      io,
      out: (text) => write(io.stdout, text),
      err: (text) => write(io.stderr, text),
      printJson: (value) => write(io.stdout, JSON.stringify(value, null, 2)),
      store: async () => {
        if (!store) {
          const { openStore } = await import('../setup.js');
          store = await openStore(dbPath, {
            autoInit: true,
            onInit: (message) => {
              if (!quiet) write(io.stderr, message);
            },
          });
        }
        return withIndexDir(store);
      },
      readOnlyStore: async () => {
        if (!store) {
          const [{ Store }, { openDatabase }] = await Promise.all([import('../store/repository.js'), import('../store/db.js')]);
          store = new Store(openDatabase(dbPath, { readonly: true }));
        }
        return withIndexDir(store);
      },
    };
    const code = await cmd.run(ctx);
    return code ?? EXIT.ok;
  } catch (err) {
    if (err instanceof InputError) {
      write(io.stderr, `termdesk: ${err.message.split('\n')[0]}`);
      return EXIT.input;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'SQLITE_CANTOPEN' || e.code === 'SQLITE_NOTADB' || e.code === 'SQLITE_READONLY') {
      write(io.stderr, `termdesk: cannot use database: ${e.message}`);
      return EXIT.input;
    }
    write(io.stderr, `termdesk: internal error: ${e.message ?? String(err)}`);
    if (io.env.TERMDESK_DEBUG) write(io.stderr, String(e.stack));
    return EXIT.internal;
  } finally {
    // serve resolves only when the server has shut down, so closing here is always safe.
    if (store?.db.open) store.db.close();
  }
}

/** Entry point for bin/termdesk.js. */
export async function main(): Promise<void> {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
