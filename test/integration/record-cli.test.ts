import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/db/connection.js';
import { stageExtraction } from '../../src/record/index.js';
import { runMain } from '../helpers/cli.js';
import { ingestText, UFA_TEXT, ufaExtraction } from './record-fixtures.js';

/** Runs the CLI in-process on a SQLite workspace and returns what it printed. */
function run(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runMain(['--data', dataDir, ...args]);
}

/**
 * Makes a SQLite workspace at a new temporary directory holding the Ufa report with its extraction staged for
 * review, closes it, and returns the directory.
 */
async function stagedUfaWorkspace(prefix: string, metadata: { publishedAt?: string } = {}): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const workspace = await openWorkspace({ dataDir, databaseUrl: '', key: null });
  const sourceId = await ingestText(workspace, 'ufa.txt', UFA_TEXT, metadata);
  await workspace.db
    .transaction()
    .execute((trx) =>
      stageExtraction(trx, { sourceId, extraction: ufaExtraction(), extractorVersion: '1', userId: null }),
    );
  await workspace.close();
  return dataDir;
}

describe('record CLI (SQLite)', () => {
  let dataDir: string;
  beforeAll(async () => {
    process.env.CHRONICLE_KEY = '';
    dataDir = await stagedUfaWorkspace('chronicle-record-cli-', { publishedAt: '2024-03-13' });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('review list --json prints the proposals; accept and reject take ids; accept --all takes the rest', async () => {
    const listed = await run(dataDir, 'review', 'list', '--json');
    expect(listed.code).toBe(0);
    const { total, items } = JSON.parse(listed.stdout) as {
      total: number;
      items: Array<{ id: string; kind: string; event?: { type: string } }>;
    };
    expect(total).toBe(5);
    const org = items.find((i) => i.kind === 'organization')!;
    expect((await run(dataDir, 'review', 'reject', org.id)).code).toBe(0);
    const events = items.filter((i) => i.kind === 'event');
    const sentence = events.find((e) => e.event?.type === 'sentence')!;
    const accepted = await run(dataDir, 'review', 'accept', '--json', sentence.id);
    expect(JSON.parse(accepted.stdout).accepted).toContain(sentence.id);
    // The detention names the police just rejected: accepting it would bring them back into the record.
    const detention = events.find((e) => e.event?.type === 'detention')!;
    const refused = await run(dataDir, 'review', 'accept', detention.id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`names the organization ${org.id}, which was rejected in review`);
    expect((await run(dataDir, 'review', 'accept')).code).toBe(2);
    expect((await run(dataDir, 'review', 'accept', '--all')).code).toBe(0);
    // Accepting everything leaves that detention in the queue, alone.
    const left = JSON.parse((await run(dataDir, 'review', 'list', '--json')).stdout) as {
      items: Array<{ id: string }>;
    };
    expect(left.items.map((i) => i.id)).toEqual([detention.id]);
    expect((await run(dataDir, 'review', 'reject', detention.id)).code).toBe(0);
    const text = await run(dataDir, 'review', 'list');
    expect(text.stdout).toContain('0 proposals');
    expect((await run(dataDir, 'review', 'reject', '01NOSUCHID')).code).toBe(1);
  });
});

describe('review accept of an event (SQLite)', () => {
  it('names the records the event names, which are accepted with it', async () => {
    const dataDir = await stagedUfaWorkspace('chronicle-record-accept-');
    try {
      const { items } = JSON.parse((await run(dataDir, 'review', 'list', '--json')).stdout) as {
        items: Array<{ id: string; kind: string; event?: { type: string } }>;
      };
      const detention = items.find((i) => i.event?.type === 'detention')!;
      const accepted = await run(dataDir, 'review', 'accept', detention.id);
      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toBe('accepted 1 and 2 records it names: person Иван Петров, organization полиция\n');
      // --json keeps its shape: every id accepted.
      const person = items.find((i) => i.kind === 'person')!;
      const again = JSON.parse((await run(dataDir, 'review', 'accept', '--json', person.id)).stdout);
      expect(again).toEqual({ accepted: [person.id], rejected: [] });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('stats CLI (SQLite)', () => {
  it('prints the statistics as JSON and refuses a malformed period', async () => {
    const dataDir = await stagedUfaWorkspace('chronicle-record-stats-');
    try {
      expect((await run(dataDir, 'review', 'accept', '--all')).code).toBe(0);
      const stats = await run(dataDir, 'stats', '--json');
      expect(stats.code).toBe(0);
      expect(JSON.parse(stats.stdout).totals.detention).toEqual({ events: 1, persons: 1 });
      expect((await run(dataDir, 'stats', '--from', 'March')).code).toBe(2);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('export and import CLI (SQLite)', () => {
  it('exports every format and imports the JSON export into another workspace', async () => {
    const a = await stagedUfaWorkspace('chronicle-record-export-');
    const b = mkdtempSync(join(tmpdir(), 'chronicle-record-import-'));
    try {
      expect((await run(a, 'review', 'accept', '--all')).code).toBe(0);
      for (const format of ['csv', 'ftm', 'geojson', 'ics'])
        expect((await run(a, 'export', '--format', format)).code).toBe(0);
      expect(JSON.parse((await run(a, 'export', '--format', 'geojson')).stdout).features).toHaveLength(1);
      expect((await run(a, 'export', '--format', 'xml')).code).toBe(2);
      const file = join(a, 'record.json');
      expect((await run(a, 'export', '--format', 'json', '--out', file)).code).toBe(0);
      const imported = await run(b, 'import', 'json', file, '--json');
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout).inserted.persons).toBe(1);
      expect(JSON.parse((await run(b, 'stats', '--json')).stdout).totals.detention).toEqual({ events: 1, persons: 1 });
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});
