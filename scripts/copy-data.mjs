// Data files the compiled code reads at run time (gazetteers and their licence notes) go beside it in dist/,
// since tsc copies only what is imported.
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = 'src';
const DIST = 'dist';

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    if (name === 'data') cpSync(path, join(DIST, relative(SRC, path)), { recursive: true });
    else walk(path);
  }
}

if (existsSync(SRC)) walk(SRC);
