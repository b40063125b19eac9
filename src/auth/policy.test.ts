import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../../test/helpers/workspaces.js';
import type { Confidentiality } from '../db/schema.js';
import { newId } from '../shared/ids.js';
import { visibleIds, visibleScope } from './policy.js';

const dialects = await testDialects();

describe.each(dialects)('the policy over cases on %s', (dialect) => {
  let t: TestWorkspace;
  const ids: Record<string, string> = {};
  const member = { id: newId(), role: 'viewer' };
  const outsider = { id: newId(), role: 'editor' };
  const admin = { id: newId(), role: 'admin' };

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    const { db } = t.workspace;
    const now = new Date().toISOString();
    for (const u of [member, outsider, admin]) {
      await db
        .insertInto('users')
        .values({
          id: u.id,
          username: u.id.toLowerCase(),
          password_hash: 'x',
          role: u.role,
          disabled: 0,
          totp_secret: null,
          recovery_codes: null,
          failed_attempts: 0,
          locked_until: null,
          created_at: now,
        })
        .execute();
    }
    const group = newId();
    await db.insertInto('groups').values({ id: group, name: 'lawyers' }).execute();
    await db.insertInto('user_groups').values({ user_id: member.id, group_id: group }).execute();
    for (const c of ['public', 'internal', 'restricted', 'restricted-no-group'] as const) {
      const id = newId();
      ids[c] = id;
      const confidentiality: Confidentiality = c === 'restricted-no-group' ? 'restricted' : c;
      await db
        .insertInto('cases')
        .values({ id, name: `case ${c}`, articles: '[]', confidentiality, created_at: now, updated_at: now } as never)
        .execute();
      if (c === 'restricted')
        await db
          .insertInto('record_groups')
          .values({ record_table: 'cases', record_id: id, group_id: group })
          .execute();
    }
  });
  afterAll(async () => t?.dispose());

  it('a group member sees restricted cases of the group; others do not; admins see all; signed out sees public', async () => {
    const { db } = t.workspace;
    const all = Object.values(ids).concat('01NOSUCHCASE');
    expect(await visibleIds(db, member, 'cases', all)).toEqual(new Set([ids.public, ids.internal, ids.restricted]));
    expect(await visibleIds(db, outsider, 'cases', all)).toEqual(new Set([ids.public, ids.internal]));
    expect(await visibleIds(db, admin, 'cases', all)).toEqual(
      new Set([ids.public, ids.internal, ids.restricted, ids['restricted-no-group']]),
    );
    expect(await visibleIds(db, null, 'cases', all)).toEqual(new Set([ids.public]));
    expect(await visibleIds(db, { id: member.id, role: 'unknown' }, 'cases', all)).toEqual(new Set());
    const counted = await db
      .selectFrom('cases')
      .where(visibleScope(outsider, 'cases'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(2);
  });

  it('is not confused by a group link on another table with the same id', async () => {
    const { db } = t.workspace;
    const group = await db.selectFrom('groups').select('id').executeTakeFirstOrThrow();
    await db
      .insertInto('record_groups')
      .values({ record_table: 'persons', record_id: ids['restricted-no-group']!, group_id: group.id })
      .execute();
    expect((await visibleIds(db, member, 'cases', [ids['restricted-no-group']!])).size).toBe(0);
  });
});
