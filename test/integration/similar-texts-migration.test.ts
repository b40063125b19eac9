import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import * as similarTextsMigration from '../../src/db/migrations/0023-similar-texts.js';
import { runWorker } from '../../src/jobs/index.js';
import {
  getSource,
  linkSimilarText,
  WORDING_JOB,
  type WordingOutcome,
  wordingJobHandler,
} from '../../src/sources/index.js';
import { detentionReport, republished, VEDENEEV } from '../helpers/republished.js';
import { ingestAll } from '../helpers/sources.js';
import { testDialects, unmigratedWorkspaceSuite } from '../helpers/workspaces.js';

const dialects = await testDialects();
const utf8 = (s: string) => new TextEncoder().encode(s);

describe.each(dialects)('migration 0023 over an older workspace on %s', (dialect) => {
  const workspace = unmigratedWorkspaceSuite(dialect);

  it('files the texts stored before, so a report republished after the upgrade is linked to one, and runs twice', async () => {
    const db = workspace().db;
    await migrateTo(db as Kysely<unknown>, '0022-waiting-parts');
    const report = detentionReport({ ...VEDENEEV, person: 'активиста Тимура Давнишнего', surname: 'Давнишнего' });
    const other = detentionReport({ ...VEDENEEV, person: 'активиста Тимура Прежнего', surname: 'Прежнего' });
    const context = { workspace: workspace(), userId: null, cipher: null };
    const [old, copy, gone, otherOld, otherRepublished] = await ingestAll(context, [
      { name: 'old.txt', bytes: utf8(report) },
      { name: 'old-copy.txt', bytes: utf8(`${report}\n`) },
      { name: 'gone.txt', bytes: utf8(detentionReport({ ...VEDENEEV, city: 'Энгельсе' })) },
      { name: 'other.txt', bytes: utf8(other) },
      { name: 'other-republished.txt', bytes: utf8(republished(other)) },
    ]);
    await db
      .updateTable('sources')
      .set({ deleted_at: new Date().toISOString() })
      .where('id', '=', gone!.sourceId!)
      .execute();
    const stored = await db
      .selectFrom('sources')
      .select('near_duplicate_of')
      .where('id', '=', copy!.sourceId!)
      .execute();
    expect(stored).toEqual([{ near_duplicate_of: old!.sourceId }]);

    await migrateToLatest(db as Kysely<unknown>);
    const filed = async () =>
      (await db.selectFrom('text_bands').select(['source_id', 'band_key']).execute())
        .map((row) => `${row.source_id} ${row.band_key}`)
        .sort();
    const after = await filed();
    expect(after).toHaveLength(45);
    const filedIds = new Set(after.map((row) => row.split(' ')[0]));
    expect(filedIds).toEqual(new Set([old!.sourceId, otherOld!.sourceId, otherRepublished!.sourceId]));
    await similarTextsMigration.up(db as Kysely<unknown>);
    expect(await filed()).toEqual(after);

    // The comparison queued links the reports stored before among themselves, a chunk of two sources a job.
    const outcomes: WordingOutcome[] = [];
    await runWorker({
      db,
      exitWhenIdle: true,
      handlers: { [WORDING_JOB]: wordingJobHandler({ db, userId: null, chunk: 2 }) },
      onJob: (job, outcome, error) => {
        if (outcome === 'failed') throw new Error(`compare-wording failed: ${error}`);
        outcomes.push(job.result as WordingOutcome);
      },
    });
    // Two runs of the migration queued two comparisons: the second links nothing new.
    expect(outcomes.reduce((n, o) => n + o.linked, 0)).toBe(1);
    expect(outcomes.length).toBeGreaterThanOrEqual(3);
    expect((await getSource(db, otherRepublished!.sourceId!)).similarWording).toMatchObject({
      similarTo: otherOld!.sourceId,
    });

    const [later] = await ingestAll(context, [{ name: 'later.txt', bytes: utf8(republished(report)) }]);
    expect(await linkSimilarText(db, later!.sourceId!, null)).toMatchObject({
      similarTo: old!.sourceId,
      root: old!.sourceId,
    });
  });
});
