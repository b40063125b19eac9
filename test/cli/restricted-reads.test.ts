import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/db/connection.js';
import { createPerson, stageExtraction } from '../../src/record/index.js';
import { runMain } from '../helpers/cli.js';
import { ingestText, UFA_TEXT, ufaExtraction } from '../integration/record-fixtures.js';

/** DESIGN §8 on the command line: what it prints of a restricted record is a read, audited as the server audits it. */
describe('restricted reads by the chronicle CLI (SQLite)', () => {
  let dataDir: string;
  let sourceId: string;
  /** `table/id` of every restricted proposal (the staged records of a restricted source are restricted too). */
  let restrictedProposals: string[];
  let secretPersonId: string;

  /** The `record.read` entries of the audit log, as `target part`, read after the CLI closed the workspace. */
  const reads = async () => {
    const workspace = await openWorkspace({ dataDir, databaseUrl: '', key: null });
    try {
      const rows = await workspace.db
        .selectFrom('audit_log')
        .select(['target', 'after', 'user_id'])
        .where('action', '=', 'record.read')
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({ read: `${r.target} ${JSON.parse(r.after ?? '{}').part}`, userId: r.user_id }));
    } finally {
      await workspace.close();
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chronicle-restricted-cli-'));
    const workspace = await openWorkspace({ dataDir, databaseUrl: '', key: null });
    sourceId = await ingestText(workspace, 'secret.txt', UFA_TEXT, { confidentiality: 'restricted' });
    await workspace.db.transaction().execute(async (trx) => {
      await stageExtraction(trx, { sourceId, extraction: ufaExtraction(), extractorVersion: '1', userId: null });
      await trx.updateTable('events').set({ confidentiality: 'restricted' }).execute();
      // Two accepted people of one name, one of them restricted: the resolver proposes them as one.
      await createPerson(trx, { displayName: 'Олег Зимин' }, null);
      secretPersonId = (await createPerson(trx, { displayName: 'Олег Зимин', confidentiality: 'restricted' }, null)).id;
    });
    restrictedProposals = [];
    for (const table of ['events', 'persons', 'organizations', 'cases'] as const) {
      const status = table === 'events' ? 'status' : 'review_status';
      const rows = await workspace.db
        .selectFrom(table as 'persons')
        .select('id')
        .where(status as 'review_status', '=', 'proposed')
        .where('confidentiality', '=', 'restricted')
        .execute();
      restrictedProposals.push(...rows.map((r) => `${table}/${r.id}`));
    }
    await workspace.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('audits the restricted sources a search printed', async () => {
    const result = await runMain(['--data', dataDir, 'search', 'задержала'], { CHRONICLE_KEY: '' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(sourceId);
    expect(await reads()).toEqual([{ read: `sources/${sourceId} search`, userId: null }]);
  });

  it('audits the restricted proposals review list printed', async () => {
    const result = await runMain(['--data', dataDir, 'review', 'list', '--json'], { CHRONICLE_KEY: '' });
    expect(result.code).toBe(0);
    const listed = (await reads()).map((r) => r.read).filter((r) => r.endsWith(' review'));
    expect(restrictedProposals.filter((p) => p.startsWith('events/'))).toHaveLength(2);
    expect(listed.sort()).toEqual(restrictedProposals.map((p) => `${p} review`).sort());
  });

  it('audits the restricted persons merges list printed', async () => {
    const result = await runMain(['--data', dataDir, 'merges', 'list', '--json'], { CHRONICLE_KEY: '' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).total).toBe(1);
    const listed = (await reads()).map((r) => r.read).filter((r) => r.endsWith(' merge-proposal'));
    expect(listed).toEqual([`persons/${secretPersonId} merge-proposal`]);
  });
});
