import { type Kysely, sql } from 'kysely';
import { type Audience, isPublicAudience } from '../auth/index.js';
import type { Database } from '../db/schema.js';
import { ExportReads, inVisible, scopeSql, visiblePlacesSql } from './audience.js';

/** A FollowTheMoney entity: `{ id, schema: 'Person', properties: { name: ['…'] } }` (followthemoney schema names). */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/** FtM's gender codes: 'masc' / 'male' → male, 'femn' / 'female' → female; anything else is left out. */
function ftmGender(gender: string | null): string | null {
  if (gender === 'masc' || gender === 'male') return 'male';
  if (gender === 'femn' || gender === 'female') return 'female';
  return null;
}

/** Stable ids: the record's own id under a type prefix, so re-exports and merges in Aleph line up. */
export const ftmId = (kind: string, id: string) => `chronicle-${kind}-${id}`;

const props = (
  entries: Record<string, Array<string | number | null | undefined> | string | number | null | undefined>,
): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(entries)) {
    const list = (Array.isArray(value) ? value : [value])
      .filter((v) => v !== null && v !== undefined && v !== '')
      .map(String);
    if (list.length > 0) out[key] = list;
  }
  return out;
};

/**
 * The accepted record this audience may see as FollowTheMoney entities (Person, Organization, Address, CourtCase,
 * CourtCaseParty, Event), one JSON object per line for `ftm` / Aleph, built following its schema and property
 * names (validated against @alephdata/followthemoney's model in the tests). References to records hidden from
 * the audience are left out; the public export carries no notes, descriptions, genders or birth years.
 * Calls `emit` per entity; returns how many.
 */
export async function exportFtm(
  db: Kysely<Database>,
  audience: Audience,
  emit: (entity: FtmEntity) => Promise<void> | void,
): Promise<number> {
  const reads = new ExportReads('ftm');
  const publicExport = isPublicAudience(audience);
  let n = 0;
  const out = async (e: FtmEntity) => {
    await emit(e);
    n++;
  };
  const persons = await db
    .selectFrom('persons')
    .selectAll()
    .where('review_status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .where('merged_into', 'is', null)
    .where(scopeSql(audience, 'persons'))
    .orderBy('id')
    .execute();
  reads.note('persons', persons);
  const names = await db
    .selectFrom('person_names')
    .select(['person_id', 'name'])
    .where(inVisible('person_names.person_id', audience, 'persons'))
    .orderBy('id')
    .execute();
  for (const p of persons) {
    const aliases = names.filter((x) => x.person_id === p.id && x.name !== p.display_name).map((x) => x.name);
    await out({
      id: ftmId('person', p.id),
      schema: 'Person',
      properties: props({
        name: p.display_name,
        alias: aliases,
        gender: publicExport ? null : ftmGender(p.gender),
        birthDate: publicExport ? null : p.birth_year,
        notes: publicExport ? null : p.notes,
      }),
    });
  }
  const orgs = await db
    .selectFrom('organizations')
    .selectAll()
    .where('review_status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .where(scopeSql(audience, 'organizations'))
    .orderBy('id')
    .execute();
  reads.note('organizations', orgs);
  for (const o of orgs)
    await out({ id: ftmId('org', o.id), schema: 'Organization', properties: props({ name: o.name }) });
  const places = await db
    .selectFrom('places')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where(sql<boolean>`places.id IN ${visiblePlacesSql(audience)}`)
    .orderBy('id')
    .execute();
  const shownPlaces = new Set(places.map((p) => p.id));
  for (const p of places) {
    await out({
      id: ftmId('place', p.id),
      schema: 'Address',
      properties: props({
        full: p.name,
        city: p.name,
        region: p.region,
        country: /^[a-z]{2}$/i.test(p.country ?? '') ? p.country!.toLowerCase() : null,
        latitude: p.lat,
        longitude: p.lon,
      }),
    });
  }
  const cases = await db
    .selectFrom('cases')
    .selectAll()
    .where('review_status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .where(scopeSql(audience, 'cases'))
    .orderBy('id')
    .execute();
  reads.note('cases', cases);
  const shownPersons = new Set(persons.map((p) => p.id));
  const shownCases = new Set(cases.map((c) => c.id));
  for (const c of cases) {
    const articles = (
      JSON.parse(c.articles || '[]') as Array<{ code?: string | null; article?: string; part?: number | null } | string>
    ).map((a) =>
      typeof a === 'string' ? a : [a.code, a.article, a.part != null ? `ч. ${a.part}` : null].filter(Boolean).join(' '),
    );
    await out({
      id: ftmId('case', c.id),
      schema: 'CourtCase',
      properties: props({ name: c.name, court: c.court, fileDate: c.opened_on, status: c.status, category: articles }),
    });
  }
  const parties = await db
    .selectFrom('case_parties')
    .innerJoin('cases', 'cases.id', 'case_parties.case_id')
    .innerJoin('persons', 'persons.id', 'case_parties.person_id')
    .select(['case_parties.case_id', 'case_parties.person_id', 'case_parties.role'])
    .where('cases.review_status', '=', 'accepted')
    .where('persons.review_status', '=', 'accepted')
    .where('cases.deleted_at', 'is', null)
    .where('persons.deleted_at', 'is', null)
    .orderBy('case_parties.case_id')
    .orderBy('case_parties.person_id')
    .orderBy('case_parties.role')
    .where(scopeSql(audience, 'cases'))
    .where(scopeSql(audience, 'persons'))
    .execute();
  for (const p of parties) {
    if (!shownCases.has(p.case_id) || !shownPersons.has(p.person_id)) continue;
    await out({
      id: ftmId('party', `${p.case_id}-${p.person_id}-${p.role}`),
      schema: 'CourtCaseParty',
      properties: props({ case: ftmId('case', p.case_id), party: ftmId('person', p.person_id), role: p.role }),
    });
  }
  const events = await db
    .selectFrom('events')
    .selectAll()
    .where('status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .where(scopeSql(audience, 'events'))
    .orderBy('id')
    .execute();
  reads.note('events', events);
  const participants = await db
    .selectFrom('event_participants')
    .selectAll()
    .where(inVisible('event_participants.event_id', audience, 'events'))
    .orderBy('event_id')
    .orderBy('entity_type')
    .orderBy('entity_id')
    .orderBy('role')
    .execute();
  const accepted = new Set([...persons.map((p) => `persons/${p.id}`), ...orgs.map((o) => `organizations/${o.id}`)]);
  for (const e of events) {
    const mine = participants.filter((p) => p.event_id === e.id && accepted.has(`${p.entity_type}/${p.entity_id}`));
    const ref = (p: (typeof mine)[number]) => ftmId(p.entity_type === 'persons' ? 'person' : 'org', p.entity_id);
    await out({
      id: ftmId('event', e.id),
      schema: 'Event',
      properties: props({
        name: `${e.type}${e.date ? ` ${e.date}` : ''}`,
        date: e.date,
        endDate: e.date_end,
        summary: publicExport ? null : e.description,
        involved: mine.filter((p) => p.role === 'subject').map(ref),
        organizer: mine.filter((p) => p.role === 'agent').map(ref),
        addressEntity: e.place_id && shownPlaces.has(e.place_id) ? ftmId('place', e.place_id) : null,
      }),
    });
  }
  await reads.audit(db, audience);
  return n;
}
