// Reading a file the user named, safely: only a regular file (a FIFO would block forever,
// /dev/zero or /dev/urandom never end, and their stat size is 0), and never more than the limit,
// counted in bytes actually read (a file may grow while it is read).
import fs from 'node:fs';
import { InputError } from '../domain/types.js';

function cannotRead(file: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${file}: no such file`);
  if (code === 'EACCES' || code === 'EPERM') return new InputError(`${file}: permission denied`);
  if (code === 'EISDIR') return new InputError(`${file}: is a directory, not a file`);
  return new InputError(`${file}: cannot read (${code ?? 'error'})`);
}

function notRegular(file: string, stat: fs.Stats): InputError {
  if (stat.isDirectory()) return new InputError(`${file}: is a directory, not a file`);
  const what = stat.isFIFO() ? 'a named pipe' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isSocket() ? 'a socket' : 'not a regular file';
  return new InputError(`${file}: ${what}, not a regular file; save the content to a file and give that`);
}

/** The bytes of a regular file of at most `maxBytes`; anything else is an InputError. `label` names it in messages. */
export function readRegularFile(path: string, maxBytes: number, label = path): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (err) {
    throw cannotRead(label, err);
  }
  if (!stat.isFile()) throw notRegular(label, stat);
  if (stat.size > maxBytes) throw new InputError(`${label}: ${stat.size} bytes is larger than the ${maxBytes}-byte limit`);
  let fd: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, opening it does not block.
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    throw cannotRead(label, err);
  }
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) throw notRegular(label, opened);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
      let n: number;
      try {
        n = fs.readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        throw cannotRead(label, err);
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new InputError(`${label}: larger than the ${maxBytes}-byte limit`);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}
