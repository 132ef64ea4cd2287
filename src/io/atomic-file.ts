// Writing a file so that readers never see half of it: the content goes to a temporary file beside
// the target (same directory, so the rename stays on one file system) and is renamed over the
// target only when it is complete. On failure the temporary file is removed and the target is left
// as it was.
import fs from 'node:fs';

function tempBeside(target: string): string {
  return `${target}.${process.pid}.tmp`;
}

/** Runs `write(temp)` and renames temp over `target`; removes temp and rethrows when anything fails. */
export function replaceFileSync(target: string, write: (temp: string) => void): void {
  const temp = tempBeside(target);
  try {
    write(temp);
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** The same for an asynchronous writer (a stream, SQLite's online backup). */
export async function replaceFile(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = tempBeside(target);
  try {
    await write(temp);
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** Writes `data` to `target` atomically. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  replaceFileSync(target, (temp) => fs.writeFileSync(temp, data));
}
