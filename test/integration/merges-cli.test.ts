import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/db/connection.js';
import { runMain } from '../helpers/cli.js';
import { type Seeded, seedGainullins } from './merge-fixtures.js';

/** Runs the CLI in-process on a SQLite workspace and returns what it printed. */
function run(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runMain(['--data', dataDir, ...args]);
}

describe('chronicle merges (SQLite)', () => {
  let dataDir: string;
  let s: Seeded;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chronicle-merges-cli-'));
    process.env.CHRONICLE_KEY = '';
    const workspace = await openWorkspace({ dataDir, databaseUrl: '', key: null });
    s = await seedGainullins(workspace, null);
    await workspace.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists proposals as text and JSON, merges one and undoes the merge', async () => {
    const text = await run(dataDir, 'merges', 'list');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/merge proposals waiting for a decision/);
    expect(text.stdout).toContain('Rinat Gainullin');
    const listed = await run(dataDir, 'merges', 'list', '--json', '--no-refresh');
    const { items } = JSON.parse(listed.stdout) as {
      items: Array<{ id: string; a: { id: string }; b: { id: string } }>;
    };
    const target = items.find((p) => [p.a.id, p.b.id].includes(s.latin) && [p.a.id, p.b.id].includes(s.rinat))!;
    expect(target).toBeDefined();
    const merged = await run(dataDir, 'merges', 'merge', target.id, '--keep', s.rinat, '--json');
    expect(merged.code).toBe(0);
    const { mergeId, mergedId } = JSON.parse(merged.stdout) as { mergeId: string; mergedId: string };
    expect(mergedId).toBe(s.latin);
    const again = await run(dataDir, 'merges', 'merge', target.id);
    expect(again.code).toBe(1);
    const undone = await run(dataDir, 'merges', 'undo', mergeId);
    expect(undone.code).toBe(0);
    expect(undone.stdout).toMatch(/are apart again/);
    expect((await run(dataDir, 'merges', 'undo', mergeId)).code).toBe(1);
    expect((await run(dataDir, 'merges', 'undo', '01NOSUCHMERGE')).code).toBe(1);
    expect((await run(dataDir, 'merges', 'merge')).code).toBe(2);
  });
});
