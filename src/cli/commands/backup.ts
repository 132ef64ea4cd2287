import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { InputError } from '../../domain/types.js';
import { replaceFile } from '../../io/atomic-file.js';
import { backupDatabase } from '../../store/backup.js';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'copy the database to FILE with SQLite\'s online backup (safe while the server is writing)',
  usage: 'backup FILE [--force] [--json]',
  options: { force: { type: 'boolean', description: 'overwrite FILE if it exists' } },
  minArgs: 1,
  maxArgs: 1,
  help: ['The copy is checked with PRAGMA integrity_check before the command reports success.'],
  async run(ctx) {
    const target = path.resolve(ctx.io.cwd, ctx.positionals[0]);
    if (target === path.resolve(ctx.dbPath)) throw new UsageError('the backup file must not be the database itself');
    if (fs.existsSync(target) && !ctx.options.force) throw new InputError(`${target} exists; use --force to overwrite it`);
    if (!fs.existsSync(path.dirname(target))) throw new InputError(`${path.dirname(target)}: no such directory`);
    const store = await ctx.store();
    const started = Date.now();
    let concepts = 0;
    await replaceFile(target, async (temp) => {
      ({ concepts } = await backupDatabase(store, temp));
    });
    const result = { file: target, bytes: fs.statSync(target).size, concepts, integrity: 'ok', ms: Date.now() - started };
    if (ctx.json) ctx.printJson(result);
    else ctx.out(`backup written to ${target} (${result.bytes} bytes, ${concepts} concepts, integrity ok, ${result.ms} ms)`);
  },
};
