import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from './connection.js';

const root = mkdtempSync(join(tmpdir(), 'chronicle-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe('an embedded workspace on disk', () => {
  it("is made readable by its owner's account alone, with its WAL", async () => {
    const dataDir = join(root, 'new', 'workspace');
    const workspace = await openWorkspace({
      dataDir,
      databaseUrl: '',
      key: 'a key long enough for the test',
      migrate: true,
    });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'chronicle.db'))).toBe(0o600);
      expect(mode(join(dataDir, 'chronicle.db-wal'))).toBe(0o600);
    } finally {
      await workspace.close();
    }
  });

  it('keeps the modes its owner gave an existing folder', async () => {
    const dataDir = join(root, 'shared-with-backup');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o750);
    const workspace = await openWorkspace({ dataDir, databaseUrl: '', key: null, migrate: true });
    await workspace.close();
    expect(mode(dataDir)).toBe(0o750);
    expect(mode(join(dataDir, 'chronicle.db'))).toBe(0o600);
  });
});
