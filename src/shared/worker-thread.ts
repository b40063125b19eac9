/**
 * Starting a module of Chronicle's in a worker thread, both from the build and from the TypeScript source (vitest,
 * tsx), under a V8 heap limit: the parsers' pool (src/sources/worker-pool.ts) and the extraction thread
 * (src/app/extraction-thread.ts) start theirs here.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The module `name` beside the caller whose `import.meta.url` is `here`, as it runs: its `.ts` file under vitest or
 * tsx, its `.js` file after `tsc`. `moduleBeside('file:///c/dist/sources/worker-pool.js', 'parse-worker')` →
 * `file:///c/dist/sources/parse-worker.js`.
 */
export function moduleBeside(here: string, name: string): URL {
  return new URL(`./${name}${here.endsWith('.ts') ? '.ts' : '.js'}`, here);
}

/**
 * `entry` started in a new worker thread whose old generation may grow to `memoryMb`; past it the thread ends with
 * ERR_WORKER_OUT_OF_MEMORY and the process lives on. The built dist must run without tsx, and Node 20 does not apply
 * `--import tsx` to a worker's entry, so a TypeScript entry is started by a small JavaScript bootstrap that registers
 * tsx's loader inside the worker first.
 */
export function startWorker(entry: URL, memoryMb: number): Worker {
  const resourceLimits = {
    maxOldGenerationSizeMb: memoryMb,
    maxYoungGenerationSizeMb: Math.max(8, Math.min(64, Math.round(memoryMb / 8))),
    stackSizeMb: 4,
  };
  if (entry.protocol !== 'file:' || !entry.pathname.endsWith('.ts')) {
    return new Worker(entry, { resourceLimits, stdout: false, stderr: false });
  }
  const bootstrap = `import(${JSON.stringify(tsxLoaderUrl())}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

/**
 * A worker's setting from the environment: a whole number from `min` to `max`, else `fallback`.
 * `workerSetting('3', 1, 64, 1)` → 3; `workerSetting('', 1, 64, 1)`, `workerSetting('0', 1, 64, 1)` → 1.
 */
export function workerSetting(value: string | undefined, min: number, max: number, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

let tsxUrl: string | null = null;
function tsxLoaderUrl(): string {
  if (tsxUrl) return tsxUrl;
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  const relative = manifest.exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  tsxUrl = new URL(relative, pathToFileURL(manifestPath)).href;
  return tsxUrl;
}
