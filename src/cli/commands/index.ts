// The command registry: one file per command; add a command by adding its loader here. A command's
// module is imported only when it runs, so a one-off `termdesk lookup` does not load the importer,
// the extractor and the web stack (a few hundred milliseconds of a cold start).
import type { Command } from '../command.js';

export const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./init.js')).initCommand,
  ingest: async () => (await import('./ingest.js')).ingestCommand,
  extract: async () => (await import('./extract.js')).extractCommand,
  lookup: async () => (await import('./lookup.js')).lookupCommand,
  show: async () => (await import('./show.js')).showCommand,
  stats: async () => (await import('./stats.js')).statsCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  backup: async () => (await import('./backup.js')).backupCommand,
  check: async () => (await import('./check.js')).checkCommand,
  tm: async () => (await import('./tm.js')).tmCommand,
  export: async () => (await import('./export.js')).exportCommand,
  import: async () => (await import('./import.js')).importCommand,
  review: async () => (await import('./review.js')).reviewCommand,
};

/** The command called `name`, or undefined. */
export function loadCommand(name: string): Promise<Command> | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name]() : undefined;
}

/** Every command, in registry order (for the usage text). */
export function allCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}
