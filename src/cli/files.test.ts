import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileEntry, walkPaths } from './files.js';

async function entries(paths: string[], recursive: boolean): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  for await (const entry of walkPaths(paths, { recursive, maxBytes: 1000 })) out.push(entry);
  return out;
}

describe('walkPaths', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-walk-'));
    mkdirSync(join(dir, 'reports', 'march', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'reports', 'a.txt'), 'Задержан участник пикета.');
    writeFileSync(join(dir, 'reports', 'march', 'deep', 'b.txt'), 'Суд продлил арест.');
    writeFileSync(join(dir, 'reports', 'huge.txt'), 'x'.repeat(2000));
    writeFileSync(join(dir, 'reports', '.hidden.txt'), 'не читать');
    // A link back up the tree, and a second way into a folder already walked.
    symlinkSync('..', join(dir, 'reports', 'march', 'deep', 'loop'));
    symlinkSync(join(dir, 'reports', 'march'), join(dir, 'reports', 'z-march-again'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads each folder once, following links, so a link back up the tree ends', async () => {
    const found = await entries([join(dir, 'reports')], true);
    expect(found).toEqual([
      { kind: 'file', path: join(dir, 'reports', 'a.txt'), size: Buffer.byteLength('Задержан участник пикета.') },
      {
        kind: 'error',
        path: join(dir, 'reports', 'huge.txt'),
        code: 'TOO_LARGE',
        reason: '2000 bytes is over the limit of 1000',
      },
      {
        kind: 'file',
        path: join(dir, 'reports', 'march', 'deep', 'b.txt'),
        size: Buffer.byteLength('Суд продлил арест.'),
      },
    ]);
  });

  it('names the subfolders it leaves out when not recursive, and reads a folder named twice once', async () => {
    const found = await entries([join(dir, 'reports', 'march'), join(dir, 'reports', 'march')], false);
    expect(found).toEqual([{ kind: 'skipped', path: join(dir, 'reports', 'march', 'deep') }]);
    expect(await entries([join(dir, 'nowhere.txt')], true)).toMatchObject([{ kind: 'error', code: 'NOT_FOUND' }]);
  });
});
