// The command registry: one file per command; add a command by adding it here.
import type { Command } from '../command.js';
import { initCommand } from './init.js';
import { ingestCommand } from './ingest.js';
import { extractCommand } from './extract.js';
import { lookupCommand } from './lookup.js';
import { showCommand } from './show.js';
import { statsCommand } from './stats.js';
import { serveCommand } from './serve.js';
import { backupCommand } from './backup.js';
import { checkCommand } from './check.js';
import { tmCommand } from './tm.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { reviewCommand } from './review.js';

export const COMMANDS: Command[] = [initCommand, ingestCommand, extractCommand, lookupCommand, showCommand, statsCommand, serveCommand, backupCommand, checkCommand, tmCommand, exportCommand, importCommand, reviewCommand];
