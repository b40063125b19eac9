import type { Workspace } from '../../src/db/connection.js';
import { createCase, createEvent, createPerson } from '../../src/record/index.js';
import { newId } from '../../src/shared/ids.js';
import { ingestText } from './record-fixtures.js';

/** Invented people for the merge suites (domain, API, E2E). */
export const TEXT =
  'Ринат Гайнуллин задержан в Казани 3 мая 2024 года. Rinat Gainullin was sentenced to 5 years. ' +
  'Родители Рината Гайнуллина пришли в суд; Тамара Гайнуллина, его мать, дала показания. Ринат Гайнутдинов — свидетель.';

export interface Seeded {
  rinat: string;
  latin: string;
  genitive: string;
  gaynutdinov: string;
  tamara: string;
  secret: string;
  detention: string;
  sentence: string;
  hearing: string;
  caseId: string;
  sourceId: string;
}

/** Six invented persons: three spellings of one man, a one-letter-different surname, his mother, a restricted namesake. */
export async function seedGainullins(workspace: Workspace, groupMember: string | null): Promise<Seeded> {
  const { db } = workspace;
  const sourceId = await ingestText(workspace, 'gainullin.txt', TEXT, { title: 'Казанский суд' });
  return db.transaction().execute(async (trx) => {
    const p = async (displayName: string, aliases: string[] = [], extra: object = {}) =>
      (await createPerson(trx, { displayName, aliases, ...extra }, null)).id;
    const rinat = await p('Ринат Гайнуллин', ['Гайнуллин Ринат Рашидович']);
    const latin = await p('Rinat Gainullin');
    const genitive = await p('Рината Гайнуллина');
    const gaynutdinov = await p('Ринат Гайнутдинов');
    const tamara = await p('Тамара Гайнуллина');
    const secret = await p('Rinat Gaynullin', [], { confidentiality: 'restricted' });
    if (groupMember) {
      const group = newId();
      await trx
        .insertInto('groups')
        .values({ id: group, name: `merges-${group}` })
        .execute();
      await trx.insertInto('user_groups').values({ user_id: groupMember, group_id: group }).execute();
      await trx
        .insertInto('record_groups')
        .values({ record_table: 'persons', record_id: secret, group_id: group })
        .execute();
    }
    const ev = async (type: 'detention' | 'sentence' | 'hearing', date: string, ids: string[]) =>
      (
        await createEvent(
          trx,
          {
            type,
            date,
            participants: ids.map((entityId) => ({
              entityType: 'persons' as const,
              entityId,
              role: 'subject' as const,
            })),
          },
          null,
        )
      ).id;
    const detention = await ev('detention', '2024-05-03', [rinat]);
    const sentence = await ev('sentence', '2024-09-10', [latin]);
    // Both persons take part in the hearing: on merge one participation is dropped, and undo must bring it back.
    const hearing = await ev('hearing', '2024-08-01', [rinat, latin]);
    const now = new Date().toISOString();
    const quote = (target: string, part: string) => {
      const start = TEXT.indexOf(part);
      return {
        id: newId(),
        target_table: 'events',
        target_id: target,
        target_field: null,
        source_id: sourceId,
        start,
        end: start + part.length,
        quote: part,
        created_at: now,
      };
    };
    await trx
      .insertInto('evidence')
      .values([
        quote(detention, 'Ринат Гайнуллин задержан в Казани 3 мая 2024 года.'),
        quote(sentence, 'Rinat Gainullin was sentenced to 5 years.'),
        { ...quote(latin, 'Rinat Gainullin'), target_table: 'persons' },
      ])
      .execute();
    const caseId = (
      await createCase(
        trx,
        {
          name: 'дело Гайнуллина',
          parties: [
            { personId: rinat, role: 'defendant' },
            { personId: latin, role: 'defendant' },
          ],
        },
        null,
      )
    ).id;
    await trx
      .insertInto('relationships')
      .values({
        id: newId(),
        from_person_id: tamara,
        to_entity_type: 'person',
        to_entity_id: latin,
        kind: 'parent',
        evidence_id: null,
        created_at: now,
      })
      .execute();
    const at = TEXT.indexOf('Rinat Gainullin');
    await trx
      .insertInto('mentions')
      .values({
        id: newId(),
        source_id: sourceId,
        start: at,
        end: at + 'Rinat Gainullin'.length,
        text: 'Rinat Gainullin',
        kind: 'person',
        entity_id: latin,
        canonical: 'Rinat Gainullin',
        confidence: 0.9,
        status: 'accepted',
        extractor_version: '1',
        created_at: now,
      })
      .execute();
    return {
      rinat,
      latin,
      genitive,
      gaynutdinov,
      tamara,
      secret,
      detention,
      sentence,
      hearing,
      caseId,
      sourceId,
    };
  });
}
