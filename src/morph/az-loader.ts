/**
 * Loads az's OpenCorpora dictionaries synchronously, once per process.
 *
 * az's `Morph.init(path, callback)` reads its nine dictionary files through `Az.load`, which uses the asynchronous
 * `fs.readFile`. Chronicle's extractor must be callable synchronously (CLI, worker thread, benchmark), so we replace
 * `Az.load` with a reader that uses `fs.readFileSync` and queues the callbacks; running the queue after `init` has
 * issued every read completes initialisation before `loadAz()` returns. (Calling the callbacks immediately would
 * not work: az counts outstanding reads and would finish after the first one.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The subset of az's untyped API that Chronicle uses. */
export interface AzTag {
  POST?: string;
  CAse?: string;
  GNdr?: string;
  NMbr?: string;
  toString(): string;
  [grammeme: string]: unknown;
}

export interface AzParse {
  word: string;
  tag: AzTag;
  score: number;
  parser: string;
  normalize(keepPos?: boolean): AzParse;
}

interface AzModule {
  load: (url: string, responseType: string, callback: (err: unknown, data?: unknown) => void) => void;
  Morph: ((word: string, config?: Record<string, unknown>) => AzParse[]) & {
    init: (path: string, callback: (err: unknown) => void) => void;
  };
}

let az: AzModule | null = null;

/** Returns the initialised az module, loading its dictionaries on first call (~0.2 s, ~50 MB). */
export function loadAz(): AzModule {
  if (az) return az;
  const require = createRequire(import.meta.url);
  const module = require('az') as AzModule;
  const dicts = join(dirname(require.resolve('az')), '..', 'dicts');
  const pending: Array<() => void> = [];
  const originalLoad = module.load;
  module.load = (url, responseType, callback) => {
    try {
      const data = readFileSync(url);
      if (responseType === 'json') {
        const json: unknown = JSON.parse(data.toString('utf8'));
        pending.push(() => callback(null, json));
      } else {
        // Copy to an ArrayBuffer of exactly the file's bytes (a Buffer may be a view into a larger pool).
        const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
        pending.push(() => callback(null, buffer));
      }
    } catch (error) {
      pending.push(() => callback(error));
    }
  };
  let failure: unknown = null;
  try {
    module.Morph.init(dicts, (err) => {
      if (err) failure = err;
    });
    while (pending.length > 0) pending.shift()?.();
  } finally {
    module.load = originalLoad;
  }
  if (failure) throw failure;
  az = module;
  return module;
}
