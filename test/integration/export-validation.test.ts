import { defaultModel, Model } from '@alephdata/followthemoney';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Audience, WORKSPACE_OWNER } from '../../src/auth/index.js';
import { exportEventsGeoJson, exportFtm, exportHearingsIcs, type FtmEntity } from '../../src/export/index.js';
import { acceptAllProposals, createEvent, stageExtraction } from '../../src/record/index.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';
import { ingestText, UFA_TEXT, ufaExtraction } from './record-fixtures.js';

const dialects = await testDialects();
const model = new Model(defaultModel);

/** FtM's value rules by property type (followthemoney/types/*.py), for the types the export uses. */
function checkValue(
  type: string,
  values: Map<string, string>,
  value: string,
  ids: Map<string, FtmEntity>,
): string | null {
  if (value.length === 0) return 'empty value';
  switch (type) {
    case 'date':
      return /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$/.test(value) &&
        !Number.isNaN(Date.parse(value.slice(0, 10).padEnd(4, '')))
        ? null
        : `not an FtM date: ${value}`;
    case 'country':
    case 'gender':
    case 'language':
    case 'topic':
      return values.has(value) ? null : `not a ${type} code: ${value}`;
    case 'number':
      return Number.isFinite(Number(value)) ? null : `not a number: ${value}`;
    case 'entity':
      return ids.has(value) ? null : `reference to an entity not in the export: ${value}`;
    default:
      return null;
  }
}

/** Every schema exists and is concrete, every property exists on it, every value passes its type's rule. */
function validateFtm(entities: FtmEntity[]): string[] {
  const problems: string[] = [];
  const ids = new Map(entities.map((e) => [e.id, e]));
  if (ids.size !== entities.length) problems.push('duplicate entity ids');
  for (const e of entities) {
    let schema: ReturnType<Model['getSchema']>;
    try {
      schema = model.getSchema(e.schema);
    } catch {
      problems.push(`${e.id}: no schema ${e.schema}`);
      continue;
    }
    if (schema.abstract) problems.push(`${e.id}: ${e.schema} is abstract`);
    if (!/^[\w.-]{1,200}$/.test(e.id)) problems.push(`${e.id}: not a valid id`);
    for (const [name, list] of Object.entries(e.properties)) {
      if (!schema.hasProperty(name)) {
        problems.push(`${e.id}: ${e.schema} has no property ${name}`);
        continue;
      }
      const property = schema.getProperty(name);
      for (const value of list) {
        if (value.length > property.type.maxLength)
          problems.push(`${e.id}.${name}: longer than ${property.type.maxLength}`);
        const problem = checkValue(property.type.name, property.type.values, value, ids);
        if (problem) problems.push(`${e.id}.${name}: ${problem}`);
        if (property.type.isEntity && ids.has(value) && property.hasRange) {
          const target = model.getSchema(ids.get(value)!.schema);
          if (!target.isA(property.getRange()))
            problems.push(`${e.id}.${name}: ${target.name} is not a ${property.getRange().name}`);
        }
      }
    }
  }
  return problems;
}

describe.each(dialects)('export formats validated by their own libraries on %s', (dialect) => {
  let t: TestWorkspace;
  const viewer = { id: 'viewer-without-groups', role: 'viewer' };
  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    const { db } = t.workspace;
    const sourceId = await ingestText(t.workspace, 'ufa.txt', UFA_TEXT);
    await db.transaction().execute(async (trx) => {
      await stageExtraction(trx, { sourceId, extraction: ufaExtraction(), extractorVersion: '1', userId: null });
      await acceptAllProposals(trx, null);
    });
    const person = await db.selectFrom('persons').select('id').executeTakeFirstOrThrow();
    const place = await db.selectFrom('places').select('id').executeTakeFirstOrThrow();
    const kase = await db.selectFrom('cases').select('id').executeTakeFirstOrThrow();
    await db.updateTable('persons').set({ gender: 'femn', birth_year: 1990 }).execute();
    await db.updateTable('cases').set({ opened_on: '2024-03', court: 'Суд; зал 1, «Уфа»' }).execute();
    await db.transaction().execute((trx) =>
      createEvent(
        trx,
        {
          type: 'hearing',
          date: '2099-05-17',
          placeId: place.id,
          caseId: kase.id,
          description: 'Заседание, «все приходите»; line two\nи длинный хвост '.repeat(4),
          participants: [{ entityType: 'persons', entityId: person.id, role: 'subject' }],
        },
        null,
      ),
    );
  });
  afterAll(async () => t?.dispose());

  const audiences: Array<[string, Audience]> = [
    ['owner', WORKSPACE_OWNER],
    ['viewer', viewer],
    ['public', { public: true }],
  ];

  it('FtM: every entity fits the FtM model (schema, properties, value types, references); ids are stable', async () => {
    for (const [who, audience] of audiences) {
      const first: FtmEntity[] = [];
      await exportFtm(t.workspace.db, audience, (e) => void first.push(e));
      expect(validateFtm(first), who).toEqual([]);
      const second: FtmEntity[] = [];
      await exportFtm(t.workspace.db, audience, (e) => void second.push(e));
      expect(second, who).toEqual(first);
    }
    const owner: FtmEntity[] = [];
    await exportFtm(t.workspace.db, WORKSPACE_OWNER, (e) => void owner.push(e));
    expect(new Set(owner.map((e) => e.schema))).toEqual(
      new Set(['Person', 'Organization', 'Address', 'CourtCase', 'CourtCaseParty', 'Event']),
    );
    expect(owner.find((e) => e.schema === 'Person')!.properties.gender).toEqual(['female']);
    // The validator itself rejects what FtM would: a mutation check of the check.
    expect(validateFtm([{ id: 'x', schema: 'Person', properties: { birthDate: ['12.03.1990'] } }])).toHaveLength(1);
    expect(validateFtm([{ id: 'x', schema: 'Person', properties: { court: ['a'] } }])).toHaveLength(1);
    expect(validateFtm([{ id: 'x', schema: 'Thing', properties: {} }])).toHaveLength(1);
    expect(validateFtm([{ id: 'x', schema: 'Event', properties: { involved: ['y'] } }])).toHaveLength(1);
  });

  it('GeoJSON: a FeatureCollection whose every feature is a valid Point with lon/lat in range', async () => {
    for (const [who, audience] of audiences) {
      const geo = JSON.parse(JSON.stringify(await exportEventsGeoJson(t.workspace.db, audience)));
      expect(geo.type, who).toBe('FeatureCollection');
      expect(Array.isArray(geo.features)).toBe(true);
      for (const f of geo.features) {
        expect(f.type).toBe('Feature');
        expect(typeof f.id === 'string' || typeof f.id === 'number').toBe(true);
        expect(f.geometry.type).toBe('Point');
        expect(f.geometry.coordinates).toHaveLength(2);
        const [lon, lat] = f.geometry.coordinates as [number, number];
        expect(Number.isFinite(lon) && lon >= -180 && lon <= 180).toBe(true);
        expect(Number.isFinite(lat) && lat >= -90 && lat <= 90).toBe(true);
        expect(typeof f.properties).toBe('object');
      }
    }
    expect((await exportEventsGeoJson(t.workspace.db, WORKSPACE_OWNER)).features.length).toBeGreaterThan(0);
  });

  it('iCalendar: ical.js parses the feed; every VEVENT has DTSTART, SUMMARY and a unique UID', async () => {
    for (const [who, audience] of audiences) {
      const { ics, count } = await exportHearingsIcs(t.workspace.db, audience, {
        now: new Date('2025-01-01T00:00:00Z'),
      });
      const calendar = new ICAL.Component(ICAL.parse(ics));
      expect(calendar.name, who).toBe('vcalendar');
      const events = calendar.getAllSubcomponents('vevent');
      expect(events).toHaveLength(count);
      const uids = new Set<string>();
      for (const vevent of events) {
        const event = new ICAL.Event(vevent);
        expect(event.startDate.toString()).toBe('2099-05-17');
        expect(event.summary).toMatch(/^Hearing/);
        expect(event.uid).toMatch(/@chronicle$/);
        uids.add(event.uid);
        if (who === 'public') expect(event.description).toBeFalsy();
        else expect(event.description).toContain('«все приходите»; line two\nи длинный хвост');
      }
      expect(uids.size).toBe(count);
    }
  });
});
