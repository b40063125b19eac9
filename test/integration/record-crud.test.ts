import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCase,
  createEvent,
  createPerson,
  deleteEvent,
  deletePerson,
  getPerson,
  getPersonStatus,
  listPersons,
  listVersions,
  restoreEvent,
  restorePerson,
  restoreVersion,
  updateCase,
  updatePerson,
} from '../../src/record/index.js';
import type { ChronicleError } from '../../src/shared/errors.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();

describe.each(dialects)('persons, cases and events with versions on %s', (dialect) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
  });
  afterAll(async () => t.dispose());

  it('creates, updates, soft-deletes and restores a person, keeping every version', async () => {
    const { db } = t.workspace;
    const tx = <T>(fn: (trx: typeof db) => Promise<T>) => db.transaction().execute(fn);
    const person = await tx((trx) =>
      createPerson(
        trx,
        {
          displayName: 'Ольга Кузнецова',
          aliases: ['Olga Kuznetsova'],
          details: { placeOfImprisonment: 'ИК-2, Уфа', themes: ['religion'] },
        },
        'u1',
      ),
    );
    expect(person).toMatchObject({
      displayName: 'Ольга Кузнецова',
      reviewStatus: 'accepted',
      version: 1,
      details: { placeOfImprisonment: 'ИК-2, Уфа' },
    });
    expect(person.names.map((n) => n.name)).toEqual(expect.arrayContaining(['Ольга Кузнецова', 'Olga Kuznetsova']));

    const updated = await tx((trx) =>
      updatePerson(
        trx,
        person.id,
        {
          birthYear: 1985,
          details: { placeOfImprisonment: 'СИЗО-1', addressForLetters: 'ул. Тестовая, 1', region: 'Башкортостан' },
        },
        'u2',
      ),
    );
    expect(updated).toMatchObject({
      birthYear: 1985,
      version: 2,
      details: { placeOfImprisonment: 'СИЗО-1', region: 'Башкортостан' },
    });

    await tx((trx) => deletePerson(trx, person.id, 'u2'));
    expect((await listPersons(db)).items.map((p) => p.id)).not.toContain(person.id);
    const again = await tx((trx) => deletePerson(trx, person.id, 'u2')).catch((e: unknown) => e);
    expect((again as ChronicleError).code).toBe('CONFLICT');
    await tx((trx) => restorePerson(trx, person.id, 'u2'));
    expect((await listPersons(db)).items.map((p) => p.id)).toContain(person.id);

    const versions = await listVersions(db, 'persons', person.id);
    expect(versions.map((v) => [v.version, v.userId])).toEqual([
      [1, 'u1'],
      [2, 'u2'],
      [3, 'u2'],
      [4, 'u2'],
    ]);
    const restored = await tx((trx) => restoreVersion(trx, 'persons', person.id, 1, 'u3'));
    const view = await getPerson(db, person.id);
    expect(restored.row.birth_year).toBeNull();
    expect(view).toMatchObject({
      birthYear: null,
      version: 5,
      deletedAt: null,
      details: { placeOfImprisonment: 'ИК-2, Уфа' },
    });
    const missing = await tx((trx) => restoreVersion(trx, 'persons', person.id, 99, null)).catch((e: unknown) => e);
    expect((missing as ChronicleError).code).toBe('NOT_FOUND');
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `persons/${person.id}`)
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'person.create',
      'person.update',
      'record.delete',
      'record.restore',
      'record.restore-version',
    ]);
  });

  it('events change the status of their subjects; deleting one takes its effect away, restoring brings it back', async () => {
    const { db } = t.workspace;
    const person = await db.transaction().execute((trx) => createPerson(trx, { displayName: 'Анна Тестова' }, null));
    const kase = await db
      .transaction()
      .execute((trx) =>
        createCase(trx, { name: 'дело Тестовой', articles: [{ code: 'УК РФ', article: '207.3', part: 2 }] }, null),
      );
    const subject = [{ entityType: 'persons' as const, entityId: person.id, role: 'subject' as const }];
    await db.transaction().execute((trx) =>
      createEvent(
        trx,
        {
          type: 'custody',
          date: '2024-02-01',
          description: 'суд отправил под домашний арест',
          caseId: kase.id,
          participants: subject,
        },
        null,
      ),
    );
    expect((await getPersonStatus(db, person.id)).status).toBe('house_arrest');
    const sentence = await db
      .transaction()
      .execute((trx) =>
        createEvent(
          trx,
          { type: 'sentence', date: '2024-06', sentenceYears: 5, caseId: kase.id, participants: subject },
          null,
        ),
      );
    expect(sentence.datePrecision).toBe('month');
    expect((await getPersonStatus(db, person.id)).status).toBe('sentenced');
    await db.transaction().execute((trx) => deleteEvent(trx, sentence.id, null));
    expect((await getPersonStatus(db, person.id)).status).toBe('house_arrest');
    await db.transaction().execute((trx) => restoreEvent(trx, sentence.id, null));
    expect((await getPersonStatus(db, person.id)).status).toBe('sentenced');
    const bad = await db
      .transaction()
      .execute((trx) => createEvent(trx, { type: 'party' as never }, null))
      .catch((e: unknown) => e);
    expect((bad as ChronicleError).code).toBe('VALIDATION');
    const withParty = await db
      .transaction()
      .execute((trx) => updateCase(trx, kase.id, { parties: [{ personId: person.id, role: 'defendant' }] }, null));
    expect(withParty).toMatchObject({
      version: 2,
      parties: [{ personId: person.id, role: 'defendant' }],
      articles: [{ article: '207.3' }],
    });
  });
});
