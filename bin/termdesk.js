#!/usr/bin/env node
// termdesk CLI launcher: runs the compiled CLI from dist/ (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('termdesk: dist/ is missing; run "npm install" or "npm run build" in the project folder first');
  process.exit(2);
}
const { main } = await import(entry.href);
await main();
