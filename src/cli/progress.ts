// A progress bar on stderr when it is a terminal; silent when piped or with --quiet.
import type { Io } from './command.js';

export interface Progress {
  update(done: number, total: number, label: string): void;
  done(): void;
}

export function createProgress(io: Io, quiet: boolean): Progress {
  if (quiet || !io.stderr.isTTY) return { update() {}, done() {} };
  let drawn = false;
  return {
    update(done, total, label) {
      const width = 24;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      const cols = io.stderr.columns ?? 80;
      const line = `${bar} ${done}/${total} ${label}`.slice(0, Math.max(10, cols - 1));
      io.stderr.write(`\r\x1b[K${line}`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr.write('\r\x1b[K');
    },
  };
}
