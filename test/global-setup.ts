// Builds dist/ once before the tests, so CLI tests run the same code users run. Type errors are
// reported by `npm run typecheck` (and .ci/run); tsc still emits, so they do not stop the tests.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) console.warn(`[global-setup] tsc reported errors while building dist/:\n${r.stdout}${r.stderr}`);
}
