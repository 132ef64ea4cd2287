// The command registry: one file per command; add a command by adding it here. Commands are
// loaded when they run, so a command pays only for the modules it uses (termdesk extract does
// not load the TM, the formats or the search index: about 130 ms of a cold start).
import type { Command } from '../command.js';

export interface CommandEntry {
  name: string;
  load: () => Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'init', load: async () => (await import('./init.js')).initCommand },
  { name: 'ingest', load: async () => (await import('./ingest.js')).ingestCommand },
  { name: 'extract', load: async () => (await import('./extract.js')).extractCommand },
  { name: 'lookup', load: async () => (await import('./lookup.js')).lookupCommand },
  { name: 'show', load: async () => (await import('./show.js')).showCommand },
  { name: 'stats', load: async () => (await import('./stats.js')).statsCommand },
  { name: 'serve', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'backup', load: async () => (await import('./backup.js')).backupCommand },
  { name: 'check', load: async () => (await import('./check.js')).checkCommand },
  { name: 'tm', load: async () => (await import('./tm.js')).tmCommand },
  { name: 'export', load: async () => (await import('./export.js')).exportCommand },
  { name: 'import', load: async () => (await import('./import.js')).importCommand },
  { name: 'review', load: async () => (await import('./review.js')).reviewCommand },
];
