import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();

describe.each(dialects)('workspace on %s', (dialect) => {
  it('creates every table of the data model and migrates idempotently', async () => {
    const t = await createTestWorkspace(dialect);
    try {
      const tables = (await t.workspace.db.introspection.getTables()).map((x) => x.name);
      for (const name of [
        'sources',
        'blobs',
        'source_texts',
        'mentions',
        'persons',
        'events',
        'evidence',
        'audit_log',
        'jobs',
        'users',
      ]) {
        expect(tables).toContain(name);
      }
      await migrateToLatest(t.workspace.db as never);
      await migrateToLatest(t.workspace.db as never);
    } finally {
      await t.dispose();
    }
  });
});

describe('encrypted SQLite workspace', () => {
  it('refuses a wrong key with BAD_KEY instead of opening an empty workspace', async () => {
    const t = await createTestWorkspace('sqlite', { key: 'correct horse battery staple' });
    await t.workspace.close();
    await expect(openWorkspace({ dataDir: t.dataDir!, databaseUrl: '', key: 'wrong' })).rejects.toMatchObject({
      code: 'BAD_KEY',
    });
    await expect(openWorkspace({ dataDir: t.dataDir!, databaseUrl: '', key: null })).rejects.toMatchObject({
      code: 'BAD_KEY',
    });
    const reopened = await openWorkspace({ dataDir: t.dataDir!, databaseUrl: '', key: 'correct horse battery staple' });
    await reopened.close();
    await t.dispose().catch(() => {});
  });
});
