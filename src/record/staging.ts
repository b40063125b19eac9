import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/index.js';
import { type ScopedTable, setRecordGroups } from '../auth/index.js';
import type { Database } from '../db/schema.js';
import { regionOfPlace } from '../extract/index.js';
import { ChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { changeSourceDetails, type SourceChanges } from '../sources/index.js';
import type { EntityInput, ExtractionInput, SpanInput } from './extraction-input.js';
import { idsByName, type KeyedTable, setNameKeys } from './name-keys.js';
import { datePrecision, normalizeName } from './names.js';
import { personRow } from './persons.js';
import { placeRow } from './places.js';

export interface StageInput {
  sourceId: string;
  extraction: ExtractionInput;
  /** The extractor's version: staging the same version twice is a no-op, a different one replaces the proposals. */
  extractorVersion: string;
  userId: string | null;
}

export interface StageResult {
  sourceId: string;
  extractorVersion: string;
  /** True when this source was already staged with this extractor version and nothing changed. */
  skipped: boolean;
  /** Proposed rows of an earlier extractor version removed before staging. */
  replaced: number;
  mentions: number;
  persons: number;
  organizations: number;
  places: number;
  cases: number;
  events: number;
  /** Entities linked to existing accepted records instead of new proposals. */
  linked: number;
}

/** A staging that has proposed nothing yet: `nothingStaged('01J…', '1.0.0')` → `{ persons: 0, events: 0, … }`. */
export function nothingStaged(sourceId: string, extractorVersion: string): StageResult {
  return {
    sourceId,
    extractorVersion,
    skipped: false,
    replaced: 0,
    mentions: 0,
    persons: 0,
    organizations: 0,
    places: 0,
    cases: 0,
    events: 0,
    linked: 0,
  };
}

/**
 * Finds an existing accepted person whose name equals `name` after normalization (lower case, ё→е). The one
 * place staging decides "same person": the fuzzy resolver (src/resolve) replaces this function later.
 * `findExistingPerson(trx, 'Пётр Семёнов')` → '01J…' when an accepted «Петр Семенов» exists, else null.
 */
export async function findExistingPerson(trx: Kysely<Database>, name: string): Promise<string | null> {
  const ids = await idsByName(trx, 'persons', name);
  if (ids.length === 0) return null;
  const row = await trx
    .selectFrom('persons')
    .select('id')
    .where('id', 'in', ids)
    .where('review_status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .where('merged_into', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

async function findExistingAccepted(
  trx: Kysely<Database>,
  table: 'organizations' | 'cases',
  name: string,
): Promise<string | null> {
  const ids = await idsByName(trx, table, name);
  if (ids.length === 0) return null;
  const row = await trx
    .selectFrom(table)
    .select('id')
    .where('id', 'in', ids)
    .where('review_status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * An existing accepted case of exactly this name (normalized as person names are), as staging links a case:
 * `findExistingCase(trx, 'дело «Весны»')` → '01J…' or null.
 */
export function findExistingCase(trx: Kysely<Database>, name: string): Promise<string | null> {
  return findExistingAccepted(trx, 'cases', name);
}

/**
 * The place that stands for a whole region, so statistics by region count events known only by their region (a
 * spreadsheet's «Регион» column): an existing place of that name, else a new reference place of kind 'region'.
 * `regionPlace(trx, 'Башкортостан')` → the id of `{ name: 'Башкортостан', kind: 'region', region: 'Башкортостан' }`.
 */
export async function regionPlace(trx: Kysely<Database>, region: string): Promise<string> {
  const ids = await idsByName(trx, 'places', region);
  const existing = ids.length
    ? await trx
        .selectFrom('places')
        .select('id')
        .where('id', 'in', ids)
        .where('region', 'is not', null)
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst()
    : undefined;
  if (existing) return existing.id;
  const id = newId();
  const name = region.trim();
  await trx
    .insertInto('places')
    .values(placeRow(id, name, new Date().toISOString(), { kind: 'region', region: name }))
    .execute();
  await setNameKeys(trx, 'places', id, [name]);
  return id;
}

/** Places are reference data (a gazetteer entry), shared by every source: the same geonames id or name is one place. */
async function findExistingPlace(
  trx: Kysely<Database>,
  name: string,
  gazetteerId: string | null,
): Promise<string | null> {
  if (gazetteerId) {
    const byGazetteer = await trx
      .selectFrom('places')
      .select('id')
      .where('gazetteer_id', '=', gazetteerId)
      .where('deleted_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    if (byGazetteer) return byGazetteer.id;
  }
  const ids = await idsByName(trx, 'places', name);
  if (ids.length === 0) return null;
  const row = await trx
    .selectFrom('places')
    .select('id')
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * What this source's earlier staging made of the same name and is still there: a reviewer's rejection is not
 * proposed again, and a proposal kept because a decided event names it is reused rather than duplicated.
 */
async function stagedBefore(
  trx: Kysely<Database>,
  sourceId: string,
  table: 'persons' | 'organizations' | 'cases',
  name: string,
): Promise<{ id: string; status: string } | null> {
  const ids = await idsByName(trx, table, name);
  if (ids.length === 0) return null;
  const stagedHere = await trx
    .selectFrom('staged_records')
    .select('record_id')
    .where('source_id', '=', sourceId)
    .where('record_table', '=', table)
    .where('record_id', 'in', ids)
    .execute();
  if (stagedHere.length === 0) return null;
  const row = await (trx as Kysely<Database>)
    .selectFrom(table as 'persons')
    .select(['id', 'review_status as status'])
    .where(
      'id',
      'in',
      stagedHere.map((r) => r.record_id),
    )
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

const SCRIPT_CYRILLIC = /\p{Script=Cyrillic}/u;
const SCRIPT_LATIN = /\p{Script=Latin}/u;

/** The script of a name as person_names stores it: `scriptOf('Иван Петров')` → 'Cyrl', `scriptOf('OVD-Info')` → 'Latn'. */
export function scriptOf(name: string): string | null {
  if (SCRIPT_CYRILLIC.test(name)) return 'Cyrl';
  if (SCRIPT_LATIN.test(name)) return 'Latn';
  return null;
}

/**
 * Removes what an earlier staging of this source proposed and nobody decided on yet: proposed mentions, events
 * and entities with their participants, names, keys and evidence. Accepted and rejected rows stay as they are.
 * Returns how many records were removed.
 */
export async function unstageSource(trx: Kysely<Database>, sourceId: string): Promise<number> {
  await trx.deleteFrom('mentions').where('source_id', '=', sourceId).where('status', '=', 'proposed').execute();
  const staged = await trx
    .selectFrom('staged_records')
    .select(['record_table', 'record_id'])
    .where('source_id', '=', sourceId)
    .execute();
  const byTable = new Map<string, string[]>();
  for (const row of staged) byTable.set(row.record_table, [...(byTable.get(row.record_table) ?? []), row.record_id]);
  let removed = 0;

  const proposedIds = async (table: 'events' | 'persons' | 'organizations' | 'cases'): Promise<string[]> => {
    const ids = byTable.get(table) ?? [];
    if (ids.length === 0) return [];
    const column = table === 'events' ? 'status' : 'review_status';
    const rows = await trx
      .selectFrom(table)
      .select('id')
      .where('id', 'in', ids)
      .where(column as 'id', '=', 'proposed')
      .execute();
    return rows.map((r) => r.id);
  };

  const events = await proposedIds('events');
  if (events.length > 0) {
    await trx.deleteFrom('event_participants').where('event_id', 'in', events).execute();
    await trx.deleteFrom('evidence').where('target_table', '=', 'events').where('target_id', 'in', events).execute();
    await trx
      .deleteFrom('record_versions')
      .where('record_table', '=', 'events')
      .where('record_id', 'in', events)
      .execute();
    await trx
      .deleteFrom('record_groups')
      .where('record_table', '=', 'events')
      .where('record_id', 'in', events)
      .execute();
    await trx.deleteFrom('events').where('id', 'in', events).execute();
    removed += events.length;
  }
  for (const table of ['persons', 'organizations', 'cases'] as const) {
    const ids = await proposedIds(table);
    if (ids.length === 0) continue;
    // A proposed entity still named by a decided event (accepted or rejected) stays: removing it would break that event.
    const stillUsed = await trx
      .selectFrom('event_participants')
      .select('entity_id')
      .where('entity_type', '=', table)
      .where('entity_id', 'in', ids)
      .execute();
    const usedByCase =
      table === 'cases'
        ? await trx.selectFrom('events').select('case_id as entity_id').where('case_id', 'in', ids).execute()
        : [];
    const keep = new Set([...stillUsed, ...usedByCase].map((r) => r.entity_id));
    const drop = ids.filter((id) => !keep.has(id));
    if (drop.length === 0) continue;
    await trx.deleteFrom('evidence').where('target_table', '=', table).where('target_id', 'in', drop).execute();
    await trx.deleteFrom('name_keys').where('record_table', '=', table).where('record_id', 'in', drop).execute();
    await trx.deleteFrom('mentions').where('entity_id', 'in', drop).execute();
    await trx.deleteFrom('record_versions').where('record_table', '=', table).where('record_id', 'in', drop).execute();
    await trx.deleteFrom('record_groups').where('record_table', '=', table).where('record_id', 'in', drop).execute();
    if (table === 'persons') {
      await trx.deleteFrom('person_names').where('person_id', 'in', drop).execute();
      await trx.deleteFrom('case_parties').where('person_id', 'in', drop).execute();
    }
    if (table === 'cases') await trx.deleteFrom('case_parties').where('case_id', 'in', drop).execute();
    await trx.deleteFrom(table).where('id', 'in', drop).execute();
    removed += drop.length;
  }
  // Bookkeeping rows of records that are gone; decided records keep theirs (they remember their source).
  const remaining = new Set<string>();
  for (const table of ['events', 'persons', 'organizations', 'cases', 'places'] as const) {
    const ids = byTable.get(table) ?? [];
    if (ids.length === 0) continue;
    const rows = await trx.selectFrom(table).select('id').where('id', 'in', ids).execute();
    for (const r of rows) remaining.add(`${table}/${r.id}`);
  }
  const gone = staged.filter((r) => !remaining.has(`${r.record_table}/${r.record_id}`));
  for (const row of gone) {
    await trx
      .deleteFrom('staged_records')
      .where('source_id', '=', sourceId)
      .where('record_table', '=', row.record_table)
      .where('record_id', '=', row.record_id)
      .execute();
  }
  return removed;
}

/**
 * Turns one extraction of a source into proposals: a mention row per span, proposed persons (with their names),
 * organizations, places, cases and events (with subjects and agents as participants), and evidence rows tying each
 * event and entity to the exact span of the source text (quote = text.slice(start, end)). Entities whose name
 * matches an accepted record are linked to it instead of proposed again. Runs inside the caller's transaction and
 * audits the staging there.
 *
 * `stageExtraction(trx, { sourceId, extraction: { persons: [{ name: 'Иван Петров', mentions: [...] }], events: [...] … },
 * extractorVersion: '1.0.0', userId: null })` → `{ persons: 1, events: 1, mentions: 2, skipped: false, … }`.
 */
export async function stageExtraction(trx: Kysely<Database>, input: StageInput): Promise<StageResult> {
  const { sourceId, extraction, extractorVersion, userId } = input;
  const textRow = await trx
    .selectFrom('source_texts')
    .select('text')
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  if (!textRow) throw new ChronicleError('NOT_FOUND', `no source ${sourceId} with text to stage`);
  const text = textRow.text;
  const result = nothingStaged(sourceId, extractorVersion);

  const prior = await trx
    .selectFrom('staged_records')
    .select('extractor_version')
    .where('source_id', '=', sourceId)
    .limit(1)
    .executeTakeFirst();
  const priorMention = prior
    ? undefined
    : await trx
        .selectFrom('mentions')
        .select('extractor_version')
        .where('source_id', '=', sourceId)
        .limit(1)
        .executeTakeFirst();
  const priorVersion = prior?.extractor_version ?? priorMention?.extractor_version ?? null;
  if (priorVersion === extractorVersion) return { ...result, skipped: true };
  if (priorVersion !== null) result.replaced = await unstageSource(trx, sourceId);

  checkSpans(text, extraction);
  const now = new Date().toISOString();
  const protection = await protectionOf(trx, sourceId);

  /** A record proposed from this source is read by whoever may read the source: its words are the source's. */
  const protect = (table: ProposedTable, id: string) => addRecordGroups(trx, table, id, protection.groupIds);

  const staged = async (table: string, id: string) => {
    await trx
      .insertInto('staged_records')
      .values({
        source_id: sourceId,
        record_table: table,
        record_id: id,
        extractor_version: extractorVersion,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['source_id', 'record_table', 'record_id']).doNothing())
      .execute();
  };

  const addEvidence = async (table: string, id: string, span: SpanInput) => {
    // The same span of the same source already backing this record (an earlier staging, now accepted) is not repeated.
    const existing = await trx
      .selectFrom('evidence')
      .select('id')
      .where('target_table', '=', table)
      .where('target_id', '=', id)
      .where('source_id', '=', sourceId)
      .where('start', '=', span.start)
      .where('end', '=', span.end)
      .executeTakeFirst();
    if (existing) return;
    await trx
      .insertInto('evidence')
      .values({
        id: newId(),
        target_table: table,
        target_id: id,
        target_field: null,
        source_id: sourceId,
        start: span.start,
        end: span.end,
        quote: text.slice(span.start, span.end),
        created_at: now,
      })
      .execute();
  };

  const addMention = async (
    kind: string,
    span: SpanInput,
    entityId: string | null,
    canonical: string | null,
    confidence: number | null,
  ) => {
    const decided = await trx
      .selectFrom('mentions')
      .select('id')
      .where('source_id', '=', sourceId)
      .where('kind', '=', kind)
      .where('start', '=', span.start)
      .where('end', '=', span.end)
      .executeTakeFirst();
    if (decided) return;
    await trx
      .insertInto('mentions')
      .values({
        id: newId(),
        source_id: sourceId,
        start: span.start,
        end: span.end,
        text: text.slice(span.start, span.end),
        kind,
        entity_id: entityId,
        canonical,
        confidence,
        status: 'proposed',
        extractor_version: extractorVersion,
        created_at: now,
      })
      .execute();
    result.mentions++;
  };

  /** One entity of the extraction: linked to an accepted record or proposed anew; its mentions and evidence written. */
  const stageEntity = async (
    table: Exclude<KeyedTable, 'places'>,
    kind: string,
    entity: EntityInput & { articles?: unknown[] },
    create: (id: string) => Promise<void>,
  ): Promise<string | null> => {
    const existing =
      table === 'persons'
        ? await findExistingPerson(trx, entity.name)
        : await findExistingAccepted(trx, table, entity.name);
    let id: string;
    if (existing) {
      id = existing;
      result.linked++;
    } else {
      const before = await stagedBefore(trx, sourceId, table, entity.name);
      if (before?.status === 'rejected') return null;
      if (before) id = before.id;
      else {
        id = newId();
        await create(id);
        await protect(table, id);
        await staged(table, id);
        result[table]++;
      }
    }
    for (const span of entity.mentions) {
      await addMention(kind, span, id, entity.name, entity.confidence ?? null);
      await addEvidence(table, id, span);
    }
    return id;
  };

  const createPerson = (entity: EntityInput) => async (id: string) => {
    await trx
      .insertInto('persons')
      .values(
        personRow(id, entity.name, now, {
          gender: entity.gender ?? null,
          status: null,
          review_status: 'proposed',
          confidentiality: protection.confidentiality,
        }),
      )
      .execute();
    await trx
      .insertInto('person_names')
      .values({
        id: newId(),
        person_id: id,
        name: entity.name,
        script: scriptOf(entity.name),
        kind: 'primary',
        source_id: sourceId,
      })
      .execute();
    await setNameKeys(trx, 'persons', id, [entity.name]);
  };

  const createOrganization = (entity: EntityInput) => async (id: string) => {
    await trx
      .insertInto('organizations')
      .values({
        id,
        name: entity.name,
        kind: null,
        confidentiality: protection.confidentiality,
        review_status: 'proposed',
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .execute();
    await setNameKeys(trx, 'organizations', id, [entity.name]);
  };

  const createCase = (entity: EntityInput & { articles?: unknown[] }) => async (id: string) => {
    await trx
      .insertInto('cases')
      .values({
        id,
        name: entity.name,
        jurisdiction: null,
        articles: JSON.stringify(entity.articles ?? []),
        opened_on: null,
        status: null,
        court: null,
        notes: null,
        confidentiality: protection.confidentiality,
        review_status: 'proposed',
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .execute();
    await setNameKeys(trx, 'cases', id, [entity.name]);
  };

  const persons = new Map<string, string | null>();
  for (const entity of extraction.persons)
    persons.set(normalizeName(entity.name), await stageEntity('persons', 'person', entity, createPerson(entity)));
  const organizations = new Map<string, string | null>();
  for (const entity of extraction.organizations) {
    organizations.set(
      normalizeName(entity.name),
      await stageEntity('organizations', 'organization', entity, createOrganization(entity)),
    );
  }
  const cases = new Map<string, string | null>();
  for (const entity of extraction.cases)
    cases.set(normalizeName(entity.name), await stageEntity('cases', 'case', entity, createCase(entity)));

  const places = new Map<string, string>();
  const stagePlace = async (name: string, place?: (typeof extraction.places)[number]): Promise<string> => {
    const key = normalizeName(name);
    const known = places.get(key);
    if (known) return known;
    const gazetteerId = place?.geonameId != null ? `geonames:${place.geonameId}` : null;
    let id = await findExistingPlace(trx, name, gazetteerId);
    if (id) result.linked++;
    else {
      id = newId();
      // The extraction names no region (its schema has none): the gazetteer's, written as the CSV import writes a
      // «Регион», so statistics by region count extracted and imported events in one bucket.
      const region =
        place?.region ?? regionOfPlace({ geonameId: place?.geonameId ?? null, name, country: place?.country ?? null });
      await trx
        .insertInto('places')
        .values(
          placeRow(id, name, now, {
            country: place?.country ?? null,
            region,
            lat: place?.lat ?? null,
            lon: place?.lon ?? null,
            gazetteer_id: gazetteerId,
          }),
        )
        .execute();
      await setNameKeys(trx, 'places', id, [name]);
      await staged('places', id);
      result.places++;
    }
    places.set(key, id);
    return id;
  };
  for (const place of extraction.places) {
    const id = await stagePlace(place.name, place);
    for (const span of place.mentions) {
      await addMention('place', span, id, place.name, place.confidence ?? null);
      await addEvidence('places', id, span);
    }
  }
  for (const date of extraction.dates) await addMention('date', date, null, date.value, null);

  /** An event names someone the entity lists missed: propose them with the event's sentence as evidence. */
  const participantId = async (
    name: string,
    span: SpanInput,
    role: 'subject' | 'agent',
  ): Promise<{ type: string; id: string } | null> => {
    const key = normalizeName(name);
    if (role === 'agent') {
      const org = organizations.get(key);
      if (org) return { type: 'organizations', id: org };
      if (organizations.has(key)) return null;
    }
    const person = persons.get(key);
    if (person) return { type: 'persons', id: person };
    if (persons.has(key)) return null;
    if (role === 'agent') {
      const id = await stageEntity(
        'organizations',
        'organization',
        { name, mentions: [] },
        createOrganization({ name, mentions: [] }),
      );
      organizations.set(key, id);
      if (id) await addEvidence('organizations', id, span);
      return id ? { type: 'organizations', id } : null;
    }
    const id = await stageEntity('persons', 'person', { name, mentions: [] }, createPerson({ name, mentions: [] }));
    persons.set(key, id);
    if (id) await addEvidence('persons', id, span);
    return id ? { type: 'persons', id } : null;
  };

  for (const event of extraction.events) {
    // An event a reviewer already decided on (same type, same sentence of this source) is not proposed again.
    const decided = await trx
      .selectFrom('events')
      .innerJoin('evidence', (join) =>
        join.onRef('evidence.target_id', '=', 'events.id').on('evidence.target_table', '=', 'events'),
      )
      .select('events.id')
      .where('events.source_id', '=', sourceId)
      .where('events.type', '=', event.type)
      .where('events.status', '!=', 'proposed')
      .where('evidence.start', '=', event.evidence.start)
      .where('evidence.end', '=', event.evidence.end)
      .executeTakeFirst();
    if (decided) continue;
    const placeName = event.places?.[0];
    const placeId = placeName
      ? await stagePlace(
          placeName,
          extraction.places.find((p) => normalizeName(p.name) === normalizeName(placeName)),
        )
      : null;
    let caseId: string | null = null;
    if (event.case) {
      const key = normalizeName(event.case);
      if (cases.has(key)) caseId = cases.get(key) ?? null;
      else {
        caseId = await stageEntity(
          'cases',
          'case',
          { name: event.case, mentions: [], articles: event.articles },
          createCase({ name: event.case, mentions: [], articles: event.articles }),
        );
        cases.set(key, caseId);
        if (caseId) await addEvidence('cases', caseId, event.evidence);
      }
    }
    const id = newId();
    const date = event.date ?? null;
    await trx
      .insertInto('events')
      .values({
        id,
        type: event.type,
        date,
        date_precision: datePrecision(date),
        date_end: null,
        place_id: placeId,
        case_id: caseId,
        sentence_years: event.sentenceYears ?? null,
        fine_amount: event.fine?.amount ?? null,
        description: text.slice(event.evidence.start, event.evidence.end),
        status: 'proposed',
        confidence: event.confidence ?? null,
        confidentiality: protection.confidentiality,
        source_id: sourceId,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .execute();
    await protect('events', id);
    await staged('events', id);
    await addEvidence('events', id, event.evidence);
    result.events++;
    const participants = new Map<string, { entity_type: string; entity_id: string; role: string }>();
    for (const [role, names] of [
      ['subject', event.subjects ?? []],
      ['agent', event.agents ?? []],
    ] as const) {
      for (const name of names) {
        const p = await participantId(name, event.evidence, role);
        if (p) participants.set(`${p.type}/${p.id}/${role}`, { entity_type: p.type, entity_id: p.id, role });
      }
    }
    if (participants.size > 0) {
      await trx
        .insertInto('event_participants')
        .values([...participants.values()].map((p) => ({ event_id: id, ...p })))
        .execute();
    }
  }

  await appendAudit(trx, {
    userId,
    action: 'record.stage',
    target: `sources/${sourceId}`,
    after: { ...result, skipped: undefined },
  });
  return result;
}

/** The tables of the records extraction proposes that access groups are given to (places are no one's). */
const PROPOSED_TABLES = ['persons', 'organizations', 'cases', 'events'] as const;
type ProposedTable = (typeof PROPOSED_TABLES)[number];

/** Gives a record these access groups, beside those it has. */
async function addRecordGroups(
  trx: Kysely<Database>,
  table: ProposedTable,
  recordId: string,
  groupIds: readonly string[],
): Promise<void> {
  if (groupIds.length === 0) return;
  await trx
    .insertInto('record_groups')
    .values(groupIds.map((groupId) => ({ record_table: table, record_id: recordId, group_id: groupId })))
    .execute();
}

/**
 * How a record proposed from a source is protected: restricted, given the source's access groups, when the source is
 * restricted — an event's description is the source's sentence, a proposed person may be named by this source alone —
 * and otherwise internal, as every proposal (a public source's facts are published only once a reviewer says so).
 */
async function protectionOf(
  trx: Kysely<Database>,
  sourceId: string,
): Promise<{ confidentiality: 'internal' | 'restricted'; groupIds: string[] }> {
  const source = await trx
    .selectFrom('sources')
    .select('confidentiality')
    .where('id', '=', sourceId)
    .executeTakeFirstOrThrow();
  if (source.confidentiality !== 'restricted') return { confidentiality: 'internal', groupIds: [] };
  const groups = await trx
    .selectFrom('record_groups')
    .select('group_id')
    .where('record_table', '=', 'sources')
    .where('record_id', '=', sourceId)
    .execute();
  return { confidentiality: 'restricted', groupIds: groups.map((g) => g.group_id) };
}

/**
 * Protects the proposals still awaiting review from a source as the source now is (`protectionOf`), when its
 * confidentiality or its access groups changed: a source made restricted after its extraction left its sentences in
 * the proposed events' descriptions and its names in proposed persons, readable by every viewer in the review queue;
 * a source opened again gives its proposals back to the team. A decided record is a reviewer's, protected as they
 * said, and keeps it. Audited when anything changed (`record.proposals-protected`).
 * `protectProposalsOf(trx, sourceId, userId)` → how many proposals changed.
 */
async function protectProposalsOf(trx: Kysely<Database>, sourceId: string, userId: string | null): Promise<number> {
  const protection = await protectionOf(trx, sourceId);
  const wantedGroups = [...protection.groupIds].sort().join(' ');
  const staged = await trx
    .selectFrom('staged_records')
    .select(['record_table', 'record_id'])
    .where('source_id', '=', sourceId)
    .where('record_table', 'in', PROPOSED_TABLES)
    .execute();
  const changed: string[] = [];
  for (const table of PROPOSED_TABLES) {
    const ids = staged.filter((r) => r.record_table === table).map((r) => r.record_id);
    if (ids.length === 0) continue;
    const proposals = await trx
      .selectFrom(table as 'persons')
      .select(['id', 'confidentiality'])
      .where('id', 'in', ids)
      // An event's review is its status; a person's status is whether they are free.
      .where(sql.ref(table === 'events' ? 'status' : 'review_status'), '=', 'proposed')
      .execute();
    for (const proposal of proposals) {
      const groups = await trx
        .selectFrom('record_groups')
        .select('group_id')
        .where('record_table', '=', table)
        .where('record_id', '=', proposal.id)
        .execute();
      const hadGroups = groups
        .map((g) => g.group_id)
        .sort()
        .join(' ');
      if (proposal.confidentiality === protection.confidentiality && hadGroups === wantedGroups) continue;
      await trx
        .updateTable(table as 'persons')
        .set({ confidentiality: protection.confidentiality })
        .where('id', '=', proposal.id)
        .execute();
      await trx
        .deleteFrom('record_groups')
        .where('record_table', '=', table)
        .where('record_id', '=', proposal.id)
        .execute();
      await addRecordGroups(trx, table, proposal.id, protection.groupIds);
      changed.push(`${table}/${proposal.id}`);
    }
  }
  if (changed.length > 0)
    await appendAudit(trx, {
      userId,
      action: 'record.proposals-protected',
      target: `sources/${sourceId}`,
      after: { confidentiality: protection.confidentiality, groups: protection.groupIds, records: changed },
    });
  return changed.length;
}

/**
 * A source's details corrected (`changeSourceDetails`), and its proposals protected anew when who may read it
 * changed: every way a source is corrected — the API, the command line — goes through here, so none forgets them.
 */
export async function changeSourceDetailsWithProposals(
  trx: Kysely<Database>,
  sourceId: string,
  changes: SourceChanges,
  userId: string | null,
): ReturnType<typeof changeSourceDetails> {
  const changed = await changeSourceDetails(trx, sourceId, changes, userId);
  if ('confidentiality' in changed.after) await protectProposalsOf(trx, sourceId, userId);
  return changed;
}

/**
 * A record given to exactly these access groups (`setRecordGroups`); a source's proposals follow it. The API and the
 * command line give groups through here.
 */
export async function setRecordGroupsWithProposals(
  trx: Kysely<Database>,
  userId: string | null,
  table: ScopedTable,
  recordId: string,
  groups: readonly string[],
): ReturnType<typeof setRecordGroups> {
  const given = await setRecordGroups(trx, userId, table, recordId, groups);
  if (table === 'sources') await protectProposalsOf(trx, recordId, userId);
  return given;
}

function checkSpans(text: string, extraction: ExtractionInput): void {
  const check = (span: SpanInput, what: string) => {
    if (
      !Number.isInteger(span.start) ||
      !Number.isInteger(span.end) ||
      span.start < 0 ||
      span.end > text.length ||
      span.start > span.end
    ) {
      throw new ChronicleError(
        'VALIDATION',
        `${what}: span ${span.start}–${span.end} lies outside the source text (${text.length} characters)`,
      );
    }
  };
  for (const list of [extraction.persons, extraction.organizations, extraction.places, extraction.cases]) {
    for (const entity of list) for (const span of entity.mentions) check(span, entity.name);
  }
  for (const date of extraction.dates) check(date, date.value);
  for (const event of extraction.events) check(event.evidence, event.type);
}
