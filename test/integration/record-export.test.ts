import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setGroupMember, visibleIds, WORKSPACE_OWNER } from '../../src/auth/index.js';
import {
  exportEventsGeoJson,
  exportFtm,
  exportHearingsIcs,
  exportRecordsJson,
  type FtmEntity,
  foldIcsLine,
  importRecordsJson,
} from '../../src/export/index.js';
import {
  acceptAllProposals,
  createEvent,
  keepApart,
  listMergeProposals,
  mergePersons,
  proposeMerges,
  stageExtraction,
  undoMerge,
  updatePerson,
} from '../../src/record/index.js';
import { searchSources } from '../../src/search/index.js';
import type { ChronicleError } from '../../src/shared/errors.js';
import { blobCipherFromSecret, getSource, linkSimilarText, unlinkSimilarText } from '../../src/sources/index.js';
import { mailWithAttachments } from '../fixtures/documents.js';
import { detentionReport, republished, VEDENEEV } from '../helpers/republished.js';
import { ingestAll } from '../helpers/sources.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';
import { insertUser } from '../security/exports-property.js';
import { seedGainullins } from './merge-fixtures.js';
import { ingestText, UFA_TEXT, ufaExtraction } from './record-fixtures.js';

const dialects = await testDialects();

/** Parses an iCalendar text back: unfolds continuation lines, splits properties, unescapes TEXT values. */
function parseIcs(ics: string): Array<Record<string, string>> {
  const lines = ics.split('\r\n').reduce<string[]>((acc, line) => {
    if (line.startsWith(' ')) acc[acc.length - 1] += line.slice(1);
    else acc.push(line);
    return acc;
  }, []);
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line
        .slice(colon + 1)
        .replace(/\\n/g, '\n')
        .replace(/\\([\\;,])/g, '$1');
    }
  }
  return events;
}

describe.each(dialects)('exports of the record on %s', (dialect) => {
  let t: TestWorkspace;
  let hearingId: string;
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    const { db } = t.workspace;
    const sourceId = await ingestText(t.workspace, 'ufa.txt', UFA_TEXT);
    await db
      .transaction()
      .execute((trx) =>
        stageExtraction(trx, { sourceId, extraction: ufaExtraction(), extractorVersion: '1', userId: null }),
      );
    await db.transaction().execute((trx) => acceptAllProposals(trx, null));
    const person = await db.selectFrom('persons').select('id').executeTakeFirstOrThrow();
    const place = await db.selectFrom('places').select('id').executeTakeFirstOrThrow();
    const kase = await db.selectFrom('cases').select('id').executeTakeFirstOrThrow();
    await db.updateTable('cases').set({ court: 'Верховный суд Башкортостана; зал 5' }).execute();
    await db
      .transaction()
      .execute((trx) =>
        updatePerson(trx, person.id, { details: { addressForLetters: 'ФКУ СИЗО-1, Уфа', themes: ['religion'] } }, null),
      );
    const hearing = await db.transaction().execute((trx) =>
      createEvent(
        trx,
        {
          type: 'hearing',
          date: '2099-05-17',
          placeId: place.id,
          caseId: kase.id,
          description:
            'Заседание по апелляции, адвокат: «просим, чтобы пришли все»; line two\nand a long tail to force folding of the line ' +
            'я'.repeat(40),
          participants: [{ entityType: 'persons', entityId: person.id, role: 'subject' }],
        },
        null,
      ),
    );
    hearingId = hearing.id;
    await db
      .transaction()
      .execute((trx) => createEvent(trx, { type: 'hearing', date: '2001-01-01', participants: [] }, null));
  });
  afterAll(async () => t.dispose());

  it('JSON export → import into an empty workspace → export gives the same record, searchable', async () => {
    const cipher = blobCipherFromSecret('source secret');
    const first = await exportRecordsJson(t.workspace.db, WORKSPACE_OWNER, null);
    expect(first.tables.persons).toHaveLength(1);
    expect(first.tables.sources[0]!.original).toBe(Buffer.from(UFA_TEXT).toString('base64'));
    const target = await createTestWorkspace(dialect);
    try {
      const parsed = JSON.parse(JSON.stringify(first));
      const result = await target.workspace.db
        .transaction()
        .execute((trx) => importRecordsJson(trx, parsed, { cipher, userId: null }));
      expect(result.inserted.events).toBe(first.tables.events.length);
      const second = await exportRecordsJson(target.workspace.db, WORKSPACE_OWNER, cipher);
      expect(second.tables).toEqual(first.tables);
      const again = await target.workspace.db
        .transaction()
        .execute((trx) => importRecordsJson(trx, parsed, { cipher, userId: null }));
      expect(Object.values(again.inserted).reduce((a, b) => a + b, 0)).toBe(0);
      const hits = await searchSources(target.workspace.db, target.workspace.dialect, 'Петрова');
      expect(hits.total).toBe(1);
      const bad = await target.workspace.db
        .transaction()
        .execute((trx) => importRecordsJson(trx, { format: 'other' }, { cipher, userId: null }))
        .catch((e: unknown) => e);
      expect((bad as ChronicleError).code).toBe('VALIDATION');
    } finally {
      await target.dispose();
    }
  });

  it('JSON export → import carries links by wording and pairs said apart, and files the texts for later reports', async () => {
    const source = await createTestWorkspace(dialect);
    const target = await createTestWorkspace(dialect);
    try {
      const utf8 = (text: string) => new TextEncoder().encode(text);
      const report = detentionReport({ ...VEDENEEV, person: 'активиста Тимура Вывозного', surname: 'Вывозного' });
      const apart = detentionReport({ ...VEDENEEV, person: 'активиста Тимура Отдельного', surname: 'Отдельного' });
      const context = { workspace: source.workspace, userId: null, cipher: null };
      const stored = await ingestAll(context, [
        { name: 'report.txt', bytes: utf8(report) },
        { name: 'republished.txt', bytes: utf8(republished(report)) },
        { name: 'apart.txt', bytes: utf8(apart) },
        { name: 'apart-republished.txt', bytes: utf8(republished(apart)) },
      ]);
      const [first, copy, other, otherCopy] = stored.map((r) => r.sourceId!) as [string, string, string, string];
      for (const id of [first, copy, other, otherCopy]) await linkSimilarText(source.workspace.db, id, null);
      await source.workspace.db.transaction().execute((trx) => unlinkSimilarText(trx, otherCopy, null));

      const exported = JSON.parse(JSON.stringify(await exportRecordsJson(source.workspace.db, WORKSPACE_OWNER, null)));
      expect(exported.tables.similar_texts).toHaveLength(1);
      expect(exported.tables.distinct_texts).toHaveLength(1);
      await target.workspace.db
        .transaction()
        .execute((trx) => importRecordsJson(trx, exported, { cipher: null, userId: null }));
      expect((await getSource(target.workspace.db, copy)).similarWording).toMatchObject({ similarTo: first });
      expect((await exportRecordsJson(target.workspace.db, WORKSPACE_OWNER, null)).tables).toEqual(exported.tables);
      // The pair said apart stays apart; a report republished again after the import finds its original.
      expect(await linkSimilarText(target.workspace.db, otherCopy, null)).toBeNull();
      const [later] = await ingestAll({ ...context, workspace: target.workspace }, [
        { name: 'apart-again.txt', bytes: utf8(`Ещё одна перепечатка. ${apart}`) },
      ]);
      expect(await linkSimilarText(target.workspace.db, later!.sourceId!, null)).toMatchObject({ root: other });
    } finally {
      await source.dispose();
      await target.dispose();
    }
  });

  it('JSON export → import carries where a source came in again, leaving out a letter the reader may not see', async () => {
    const source = await createTestWorkspace(dialect);
    const target = await createTestWorkspace(dialect);
    try {
      const utf8 = (text: string) => new TextEncoder().encode(text);
      const context = { workspace: source.workspace, userId: null, cipher: null };
      const ruling = utf8('Постановление об аресте Марка Перевезённого, вынесенное судом Вологды 4 апреля.');
      const letter = (subject: string) =>
        utf8(
          mailWithAttachments({
            subject,
            body: 'Постановление во вложении.',
            attachments: [{ name: 'ruling.txt', type: 'text/plain', bytes: ruling }],
          }),
        );
      const [stored] = await ingestAll(context, [
        { name: 'ruling.txt', bytes: ruling, metadata: { url: 'https://example.org/ruling' } },
      ]);
      await ingestAll(context, [{ name: 'ruling.txt', bytes: ruling, metadata: { url: 'https://example.net/copy' } }]);
      await ingestAll(context, [{ name: 'open.eml', bytes: letter('Постановление') }]);
      await ingestAll(context, [
        { name: 'family.eml', bytes: letter('От семьи'), metadata: { confidentiality: 'restricted' } },
      ]);
      const everything = await exportRecordsJson(source.workspace.db, WORKSPACE_OWNER, null);
      expect(everything.tables.source_captures).toHaveLength(3);
      const viewer = { id: 'a-viewer-in-no-group', role: 'viewer' };
      const exported = JSON.parse(JSON.stringify(await exportRecordsJson(source.workspace.db, viewer, null)));
      expect(exported.tables.source_captures.map((row: { url: string | null }) => row.url)).toEqual([
        'https://example.net/copy',
        null,
      ]);
      await target.workspace.db
        .transaction()
        .execute((trx) => importRecordsJson(trx, exported, { cipher: null, userId: null }));
      const imported = await getSource(target.workspace.db, stored!.sourceId!);
      expect(imported.captures.map((c) => [c.url, c.container?.title ?? null])).toEqual([
        ['https://example.net/copy', null],
        [null, 'Постановление'],
      ]);
      expect((await exportRecordsJson(target.workspace.db, WORKSPACE_OWNER, null)).tables).toEqual(exported.tables);
    } finally {
      await source.dispose();
      await target.dispose();
    }
  });

  it('JSON export → import carries access groups, merges and pairs kept apart: members read, merges undo', async () => {
    const source = await createTestWorkspace(dialect);
    const target = await createTestWorkspace(dialect);
    try {
      const { db } = source.workspace;
      const member = await insertUser(db, 'export-member', 'viewer', []);
      const s = await seedGainullins(source.workspace, member.id);
      const group = await db.selectFrom('groups').selectAll().executeTakeFirstOrThrow();
      await proposeMerges(db);
      const { mergeId } = await mergePersons(db, WORKSPACE_OWNER, s.rinat, s.latin, 'one man, two spellings');
      const pairOf = (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join('|');
      const apart = [s.rinat, s.genitive].sort().join('|');
      const proposal = (await listMergeProposals(db, WORKSPACE_OWNER, { limit: 100 })).items.find(
        (p) => pairOf(p) === apart,
      )!;
      await keepApart(db, WORKSPACE_OWNER, proposal.id);

      const exported = JSON.parse(JSON.stringify(await exportRecordsJson(db, WORKSPACE_OWNER, null)));
      expect(exported.tables.groups).toEqual([group]);
      expect(exported.tables.record_groups).toEqual([
        { record_table: 'persons', record_id: s.secret, group_id: group.id },
      ]);
      expect(exported.tables.person_merges.map((m: { id: string }) => m.id)).toEqual([mergeId]);
      await target.workspace.db
        .transaction()
        .execute((trx) => importRecordsJson(trx, exported, { cipher: null, userId: null }));
      const into = target.workspace.db;
      expect((await exportRecordsJson(into, WORKSPACE_OWNER, null)).tables).toEqual(exported.tables);

      // Accounts do not travel: the group's member is added again, and reads the restricted person as before.
      const again = await insertUser(into, 'export-member', 'viewer', []);
      expect(await visibleIds(into, again, 'persons', [s.secret])).toEqual(new Set());
      await setGroupMember(into, null, group.name, 'export-member', true);
      expect(await visibleIds(into, again, 'persons', [s.secret])).toEqual(new Set([s.secret]));

      // The pair kept apart is not proposed again; the merge is undone as in the workspace it was made in.
      await proposeMerges(into);
      const pending = await listMergeProposals(into, WORKSPACE_OWNER, { limit: 100 });
      expect(pending.items.map(pairOf)).not.toContain(apart);
      const keptApart = await listMergeProposals(into, WORKSPACE_OWNER, { status: 'kept_apart' });
      expect(keptApart.items.map((p) => p.id)).toEqual([proposal.id]);
      // A file proposing the pair anew under another id leaves the workspace's decision on it as it is.
      const anew = JSON.parse(JSON.stringify(exported));
      const row = anew.tables.merge_proposals.find((p: { id: string }) => p.id === proposal.id);
      Object.assign(row, { id: '01ANOTHERPROPOSAL0000000000', status: 'pending', decided_by: null, decided_at: null });
      const second = await into
        .transaction()
        .execute((trx) => importRecordsJson(trx, anew, { cipher: null, userId: null }));
      expect(second.skipped.merge_proposals).toBe(anew.tables.merge_proposals.length);
      const still = await listMergeProposals(into, WORKSPACE_OWNER, { status: 'kept_apart' });
      expect(still.items.map((p) => p.id)).toEqual([proposal.id]);
      const undone = await undoMerge(into, WORKSPACE_OWNER, mergeId);
      expect(undone.undoneAt).not.toBeNull();
      const latin = await into.selectFrom('persons').selectAll().where('id', '=', s.latin).executeTakeFirstOrThrow();
      expect(latin.merged_into).toBeNull();
      const names = await into.selectFrom('person_names').select('name').where('person_id', '=', s.latin).execute();
      expect(names.map((n) => n.name)).toEqual(['Rinat Gainullin']);
    } finally {
      await source.dispose();
      await target.dispose();
    }
  });

  it("JSON for a user carries its records' groups, its visible proposals and no merge history", async () => {
    const source = await createTestWorkspace(dialect);
    try {
      const { db } = source.workspace;
      const member = await insertUser(db, 'export-insider', 'viewer', []);
      const outsider = await insertUser(db, 'export-outsider', 'viewer', []);
      const s = await seedGainullins(source.workspace, member.id);
      await db.insertInto('groups').values({ id: '01UNUSEDGROUP0000000000000', name: 'Никому не дана' }).execute();
      await proposeMerges(db);
      await mergePersons(db, WORKSPACE_OWNER, s.rinat, s.latin);
      const inside = await exportRecordsJson(db, member, null);
      const group = await db
        .selectFrom('record_groups')
        .select('group_id')
        .where('record_id', '=', s.secret)
        .executeTakeFirstOrThrow();
      expect(inside.tables.groups.map((g) => g.id)).toEqual([group.group_id]);
      expect(inside.tables.record_groups.map((r) => r.record_id)).toEqual([s.secret]);
      expect(inside.tables.merge_proposals.some((p) => p.person_a === s.secret || p.person_b === s.secret)).toBe(true);
      expect(inside.tables.person_merges).toEqual([]);
      const outside = await exportRecordsJson(db, outsider, null);
      expect([outside.tables.groups, outside.tables.record_groups]).toEqual([[], []]);
      expect(outside.tables.merge_proposals.length).toBeGreaterThan(0);
      expect(JSON.stringify(outside.tables.merge_proposals)).not.toContain(s.secret);
    } finally {
      await source.dispose();
    }
  });

  it('GeoJSON: a FeatureCollection of events at [lon, lat]', async () => {
    const geo = JSON.parse(JSON.stringify(await exportEventsGeoJson(t.workspace.db, WORKSPACE_OWNER)));
    expect(geo.type).toBe('FeatureCollection');
    const detention = geo.features.find((f: { properties: { type: string } }) => f.properties.type === 'detention');
    expect(detention.geometry).toEqual({ type: 'Point', coordinates: [55.97, 54.74] });
    expect(detention.properties).toMatchObject({ date: '2024-03-12', place: 'Уфа', persons: ['Иван Петров'] });
  });

  it('iCalendar: upcoming hearings only, CRLF, escaped and folded, parsed back to the same values', async () => {
    const { ics, count } = await exportHearingsIcs(t.workspace.db, WORKSPACE_OWNER, {
      now: new Date('2025-01-01T00:00:00Z'),
    });
    expect(count).toBe(1);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const [event] = parseIcs(ics);
    expect(event).toMatchObject({
      UID: `${hearingId}@chronicle`,
      'DTSTART;VALUE=DATE': '20990517',
      'DTEND;VALUE=DATE': '20990518',
      SUMMARY: 'Hearing — Иван Петров — дело «Башкирского кружка»',
      LOCATION: 'Верховный суд Башкортостана; зал 5, Уфа',
    });
    expect(event!.DESCRIPTION).toContain('«просим, чтобы пришли все»; line two\nand a long tail');
    expect(foldIcsLine('x'.repeat(75))).toBe('x'.repeat(75));
  });

  it('FollowTheMoney: entities with stable ids that reference each other', async () => {
    const entities: FtmEntity[] = [];
    await exportFtm(t.workspace.db, WORKSPACE_OWNER, (e) => void entities.push(e));
    const again: FtmEntity[] = [];
    await exportFtm(t.workspace.db, WORKSPACE_OWNER, (e) => void again.push(e));
    expect(again.map((e) => e.id)).toEqual(entities.map((e) => e.id));
    const person = entities.find((e) => e.schema === 'Person')!;
    expect(person.properties.name).toEqual(['Иван Петров']);
    expect(entities.find((e) => e.schema === 'Address')!.properties).toMatchObject({
      latitude: ['54.74'],
      country: ['ru'],
    });
    const detention = entities.find((e) => e.schema === 'Event' && e.properties.name?.[0]?.startsWith('detention'))!;
    expect(detention.properties.involved).toEqual([person.id]);
    expect(entities.find((e) => e.schema === 'CourtCaseParty')!.properties.party).toEqual([person.id]);
  });
});
