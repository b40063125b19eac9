import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdWorkspace, holdWorkspaceAlone } from './workspace-lock.js';

// The process that runs this test lives as long as the test does: a live holder other than this process.
const LIVE = process.ppid;

function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

describe('workspace lock notes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets any number of processes hold a workspace, and removes the note on release', () => {
    writeFileSync(join(dir, `.open-${LIVE}-aaaa`), 'chronicle serve\n');
    const release = holdWorkspace(dir, 'chronicle ingest');
    expect(readdirSync(dir).filter((f) => f.startsWith(`.open-${process.pid}-`))).toHaveLength(1);
    release();
    expect(readdirSync(dir)).toEqual([`.open-${LIVE}-aaaa`]);
  });

  it('refuses to claim a workspace alone while another live process holds it, naming that process', () => {
    writeFileSync(join(dir, `.open-${LIVE}-aaaa`), 'chronicle serve\n');
    expect(() => holdWorkspaceAlone(dir, 'chronicle restore')).toThrow(
      `chronicle serve (pid ${LIVE}) has this workspace open: stop it first (if no Chronicle runs as pid ${LIVE}, delete ${join(dir, `.open-${LIVE}-aaaa`)})`,
    );
    // Its own note went with the refusal.
    expect(readdirSync(dir)).toEqual([`.open-${LIVE}-aaaa`]);
  });

  it('refuses to open a workspace that a restore or rekey is changing', () => {
    writeFileSync(join(dir, `.open-${LIVE}-bbbb`), '!chronicle rekey\n');
    expect(() => holdWorkspace(dir, 'chronicle serve')).toThrow(
      `chronicle rekey (pid ${LIVE}) is changing this workspace: wait for it to finish`,
    );
    expect(readdirSync(dir)).toEqual([`.open-${LIVE}-bbbb`]);
  });

  it("ignores and removes a dead process's note; this process's own notes never block it", () => {
    const stale = join(dir, `.open-${deadPid()}-cccc`);
    writeFileSync(stale, '!chronicle restore\n');
    const open = holdWorkspace(dir, 'chronicle rekey');
    expect(existsSync(stale)).toBe(false);
    const alone = holdWorkspaceAlone(dir, 'chronicle rekey');
    alone();
    open();
    expect(readdirSync(dir)).toEqual([]);
  });
});
