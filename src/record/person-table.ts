import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { dialectOf } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { querySearchPrefixes, searchPrefixEnd } from '../resolve/index.js';
import { ChronicleError } from '../shared/errors.js';
import type { ArticleInput } from './extraction-input.js';
import type { RecordMemo } from './generation-cache.js';
import { normalizeName } from './names.js';
import { type PersonView, toPersonView } from './persons.js';
import { articleLabel } from './stats.js';

/** A visibility filter from the access policy (src/auth/policy.ts), put inside every query of this module. */
type Scope<T extends 'persons' | 'events' | 'cases'> = (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>;

export interface PersonTableScopes {
  persons: Scope<'persons'>;
  events: Scope<'events'>;
  cases: Scope<'cases'>;
}

export const PERSON_TABLE_SORTS = ['name', 'status', 'region', 'lastEvent', 'case'] as const;
export type PersonTableSort = (typeof PERSON_TABLE_SORTS)[number];
export const PERSON_FACETS = ['status', 'region', 'case', 'article', 'date'] as const;
type Facet = (typeof PERSON_FACETS)[number];

export interface PersonTableOptions {
  /**
   * Words that each begin a word of one of the person's names, in either script and in any grammatical case
   * (`Галиев`, `Галиевым`, `Galiev`, `gal` find Руслан Галиев), or the beginning of a whole name.
   */
  q?: string;
  status?: string;
  /** Took part in an event in this region (places.region). */
  region?: string;
  /** Is a party to this case, or took part in one of its events. */
  caseId?: string;
  /** Is in a case under this article (its label, e.g. `УК РФ 280.3 ч. 1`). */
  article?: string;
  /** Took part in an event dated within [from, to] (`2024`, `2024-03` or `2024-03-12`, inclusive). */
  from?: string;
  to?: string;
  sort?: PersonTableSort;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** Also count, per facet, the people each value would give (the other filters applied). */
  facets?: boolean;
}

/** A person as one row of the people table: the person, and what the table shows beside the name. */
export interface PersonTableRow extends PersonView {
  /** The region of the person's latest event that has one. */
  region: string | null;
  lastEventDate: string | null;
  cases: Array<{ id: string; name: string }>;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface PersonFacets {
  status: FacetValue[];
  region: FacetValue[];
  case: FacetValue[];
  article: FacetValue[];
  /** The first and last event dates among the people the other filters give. */
  date: { min: string | null; max: string | null };
}

export interface PersonTablePage {
  total: number;
  items: PersonTableRow[];
  facets?: PersonFacets;
}

const FACET_LIMIT = 100;

/**
 * The ids of persons with a name key that starts with one of `prefixes`: one index range per prefix on the
 * name_keys primary key (record_table, name_key), as a union (an OR of ranges inside one query is read as a scan
 * of every key on SQLite). The keys' alphabet makes the range exact under any collation
 * (src/resolve/name-search-keys.ts); comparing the key's start to the prefix keeps it exact for a whole name's key,
 * which may hold any character.
 */
function nameKeysStarting(db: Kysely<Database>, prefixes: string[]) {
  const ranges = prefixes.map((prefix) =>
    db
      .selectFrom('name_keys')
      .select('name_keys.record_id')
      .where('name_keys.record_table', '=', 'persons')
      .where('name_keys.name_key', '>=', prefix)
      .where('name_keys.name_key', '<', searchPrefixEnd(prefix) ?? `${prefix}\uffff`)
      .where(sql`substr(name_keys.name_key, 1, ${sql.lit([...prefix].length)})`, '=', prefix),
  );
  const [first, ...rest] = ranges;
  if (!first) throw new ChronicleError('INTERNAL', 'nameKeysStarting needs a prefix');
  const any = rest.reduce((all, next) => all.unionAll(next), first);
  return db.selectFrom(any.as('k')).select('k.record_id');
}

type NameKeyQuery = ReturnType<typeof nameKeysStarting>;

/**
 * The ids of the persons `q` finds, whoever may see them (the caller's scope decides that): every word of it begins
 * a word of one of their names (by the search keys of `querySearchPrefixes`), or the whole of it begins one of their
 * names (whose exact key is all a record imported from an older export may have). Null for an empty query.
 * `personsNamed(db, 'Галиевым')` → `SELECT record_id … INTERSECT … UNION …`, finding Ruslan Galiev.
 */
export function personsNamed(db: Kysely<Database>, q: string): NameKeyQuery | null {
  const whole = normalizeName(q);
  if (!whole) return null;
  const byWords = querySearchPrefixes(q).map((prefixes) => nameKeysStarting(db, prefixes));
  const byWhole = nameKeysStarting(db, [whole]);
  // INTERSECT before UNION: SQLite reads a compound left to right, PostgreSQL binds INTERSECT first; both agree here.
  const [first, ...rest] = byWords;
  return first ? rest.reduce((all, next) => all.intersect(next), first).union(byWhole) : byWhole;
}

/**
 * The people table: reviewed people the scopes let the user see, filtered, sorted and paged in SQL, with facet
 * counts that count only visible people, visible events and visible cases (so a count never reveals a restricted
 * record). `queryPersonTable(db, scopes, { region: 'Башкортостан', sort: 'lastEvent', order: 'desc', limit: 100,
 * offset: 0, facets: true })` → `{ total, items: [{ displayName, region, lastEventDate, cases, … }], facets }`.
 *
 * `memo` (`recordMemo` for the audience the scopes are for) keeps the total and the facets, which count every
 * matching person (100,000 of them) whichever page is asked for, until the record changes. A page itself is not kept
 * here: the API keeps each answer whole (`persons.response`), and a second copy of its rows would only take memory.
 */
export async function queryPersonTable(
  db: Kysely<Database>,
  scopes: PersonTableScopes,
  options: PersonTableOptions,
  memo: RecordMemo = (_kind, _key, compute) => compute(),
): Promise<PersonTablePage> {
  // What the total and the facets depend on besides the audience: the filters, not the page or its order.
  const filters = [
    options.q ?? null,
    options.status ?? null,
    options.region ?? null,
    options.caseId ?? null,
    options.article ?? null,
    options.from ?? null,
    options.to ?? null,
  ];
  // The events and cases a person is linked to, as the user may see them.
  const personEvents = () =>
    db
      .selectFrom('event_participants as ep')
      .innerJoin('events', 'events.id', 'ep.event_id')
      .leftJoin('places', 'places.id', 'events.place_id')
      .select(['ep.entity_id as person_id', 'events.date as date', 'places.region as region'])
      .where('ep.entity_type', '=', 'persons')
      .where('events.status', '=', 'accepted')
      .where('events.deleted_at', 'is', null)
      .where(scopes.events as never);
  const personCases = () =>
    db
      .selectFrom('case_parties')
      .innerJoin('cases', 'cases.id', 'case_parties.case_id')
      .select(['case_parties.person_id as person_id', 'cases.id as case_id', 'cases.name as case_name'])
      .where('cases.deleted_at', 'is', null)
      .where(scopes.cases as never)
      .union(
        db
          .selectFrom('event_participants as ep')
          .innerJoin('events', 'events.id', 'ep.event_id')
          .innerJoin('cases', 'cases.id', 'events.case_id')
          .select(['ep.entity_id as person_id', 'cases.id as case_id', 'cases.name as case_name'])
          .where('ep.entity_type', '=', 'persons')
          .where('events.status', '=', 'accepted')
          .where('events.deleted_at', 'is', null)
          .where('cases.deleted_at', 'is', null)
          .where(scopes.events as never)
          .where(scopes.cases as never),
      );

  // Cases under the chosen article: articles are a JSON list on the case, read here rather than in dialect SQL.
  let articleCases: string[] | null = null;
  const caseArticles = new Map<string, string[]>();
  if (options.article || options.facets) {
    const cases = await memo('persons.case-articles', null, () =>
      db.selectFrom('cases').select(['id', 'articles']).where('deleted_at', 'is', null).where(scopes.cases).execute(),
    );
    for (const c of cases) {
      let labels: string[] = [];
      try {
        labels = (JSON.parse(c.articles || '[]') as Array<ArticleInput | string>).map(articleLabel);
      } catch {
        labels = [];
      }
      if (labels.length > 0) caseArticles.set(c.id, [...new Set(labels)]);
    }
    if (options.article)
      articleCases = [...caseArticles.entries()].filter(([, l]) => l.includes(options.article!)).map(([id]) => id);
  }

  const filtered = (except: Facet | null) => {
    let query = db
      .selectFrom('persons')
      .where('persons.review_status', '=', 'accepted')
      .where('persons.merged_into', 'is', null)
      .where('persons.deleted_at', 'is', null)
      .where(scopes.persons);
    const named = options.q ? personsNamed(db, options.q) : null;
    if (named) query = query.where('persons.id', 'in', named);
    if (options.status && except !== 'status') query = query.where('persons.status', '=', options.status);
    if (options.region && except !== 'region')
      query = query.where('persons.id', 'in', () =>
        db.selectFrom(personEvents().as('pe')).select('pe.person_id').where('pe.region', '=', options.region!),
      );
    if (options.caseId && except !== 'case')
      query = query.where('persons.id', 'in', () =>
        db.selectFrom(personCases().as('pc')).select('pc.person_id').where('pc.case_id', '=', options.caseId!),
      );
    if (articleCases && except !== 'article') {
      const ids = articleCases;
      query =
        ids.length === 0
          ? query.where(sql<SqlBool>`1 = 0`)
          : query.where('persons.id', 'in', () =>
              db.selectFrom(personCases().as('pc')).select('pc.person_id').where('pc.case_id', 'in', ids),
            );
    }
    if ((options.from || options.to) && except !== 'date')
      query = query.where('persons.id', 'in', () => {
        let q = db.selectFrom(personEvents().as('pe')).select('pe.person_id');
        if (options.from) q = q.where('pe.date', '>=', options.from);
        if (options.to) q = q.where('pe.date', '<=', `${options.to}\uffff`);
        return q;
      });
    return query;
  };

  const base = filtered(null);
  const count = await memo('persons.total', filters, () =>
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  );

  const ids = await sortedPageIds(db, base, personEvents, personCases, options);
  const items = await loadRows(db, ids, personEvents, personCases);
  const result: PersonTablePage = { total: Number(count?.n ?? 0), items };
  if (options.facets)
    result.facets = await memo('persons.facets', filters, () =>
      facets(db, filtered, personEvents, personCases, caseArticles),
    );
  return result;
}

// biome-ignore lint/suspicious/noExplicitAny: the derived-table builders are passed between helpers untyped.
type AnySelect = any;
type PersonEvents = () => AnySelect;

/** The ids of the page's people in the order asked for (name, status, last event, region or case), empty values last. */
async function sortedPageIds(
  db: Kysely<Database>,
  base: AnySelect,
  personEvents: PersonEvents,
  personCases: PersonEvents,
  options: PersonTableOptions,
): Promise<string[]> {
  const sort = options.sort ?? 'name';
  const desc = options.order === 'desc';
  let page = base.select('persons.id');
  const direction = desc ? 'desc' : 'asc';
  if (sort === 'status') {
    // Empty values last whichever way, on both dialects (SQLite sorts NULL first, PostgreSQL last).
    page = page.orderBy(sql`CASE WHEN persons.status IS NULL THEN 1 ELSE 0 END`).orderBy('persons.status', direction);
  } else if (sort !== 'name') {
    // The sort key of every person computed once, grouped, and joined: not a subquery per person (100,000 of them).
    // The region is that of the person's latest event with one: the greatest `date|region`, cut after the bar.
    const keyed =
      sort === 'lastEvent'
        ? (db as AnySelect)
            .selectFrom(personEvents().as('pe'))
            .select(['pe.person_id', sql`max(pe.date)`.as('k')])
            .groupBy('pe.person_id')
        : sort === 'region'
          ? (db as AnySelect)
              .selectFrom(personEvents().as('pe'))
              .select(['pe.person_id', sql`max(coalesce(pe.date, '') || '|' || pe.region)`.as('k')])
              .where('pe.region', 'is not', null)
              .groupBy('pe.person_id')
          : (db as AnySelect)
              .selectFrom(personCases().as('pc'))
              .select(['pc.person_id', sql`min(pc.case_name)`.as('k')])
              .groupBy('pc.person_id');
    const key =
      sort === 'region'
        ? dialectOf(db) === 'postgres'
          ? sql`substr(sk.k, strpos(sk.k, '|') + 1)`
          : sql`substr(sk.k, instr(sk.k, '|') + 1)`
        : sql`sk.k`;
    page = (page as AnySelect)
      .leftJoin(keyed.as('sk'), 'sk.person_id', 'persons.id')
      .orderBy(sql`CASE WHEN sk.k IS NULL THEN 1 ELSE 0 END`)
      .orderBy(key, direction);
  }
  const rows = await page
    .orderBy('persons.display_name', sort === 'name' ? direction : 'asc')
    .orderBy('persons.id', sort === 'name' ? direction : 'asc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return rows.map((r: { id: string }) => r.id);
}

/** The page's people, in page order, with their region, last event date and cases, in a fixed number of queries. */
async function loadRows(
  db: Kysely<Database>,
  ids: string[],
  personEvents: PersonEvents,
  personCases: PersonEvents,
): Promise<PersonTableRow[]> {
  if (ids.length === 0) return [];
  const persons = await db.selectFrom('persons').selectAll().where('id', 'in', ids).execute();
  const names = await db
    .selectFrom('person_names')
    .select(['id', 'person_id', 'name', 'script', 'kind', 'source_id'])
    .where('person_id', 'in', ids)
    .orderBy('id')
    .execute();
  const events = (await (db as AnySelect)
    .selectFrom(personEvents().as('pe'))
    .select(['pe.person_id', 'pe.date', 'pe.region'])
    .where('pe.person_id', 'in', ids)
    .execute()) as Array<{ person_id: string; date: string | null; region: string | null }>;
  const cases = (await (db as AnySelect)
    .selectFrom(personCases().as('pc'))
    .select(['pc.person_id', 'pc.case_id', 'pc.case_name'])
    .where('pc.person_id', 'in', ids)
    .execute()) as Array<{ person_id: string; case_id: string; case_name: string }>;
  const byId = new Map(persons.map((p) => [p.id, p]));
  const rows: PersonTableRow[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) continue;
    const own = events.filter((e) => e.person_id === id);
    let last: string | null = null;
    let region: { date: string; region: string } | null = null;
    for (const e of own) {
      if (e.date && (last === null || e.date > last)) last = e.date;
      if (e.region) {
        const candidate = { date: e.date ?? '', region: e.region };
        // As the sort: the latest date wins, and on the same date the greater region.
        if (region === null || `${candidate.date}|${candidate.region}` > `${region.date}|${region.region}`)
          region = candidate;
      }
    }
    const view = toPersonView({
      row: { ...row },
      names: names.filter((n) => n.person_id === id).map(({ person_id: _, ...n }) => n),
    });
    rows.push({
      ...view,
      region: region?.region ?? null,
      lastEventDate: last,
      cases: cases
        .filter((c) => c.person_id === id)
        .map((c) => ({ id: c.case_id, name: c.case_name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    });
  }
  return rows;
}

async function facets(
  db: Kysely<Database>,
  filtered: (except: Facet | null) => AnySelect,
  personEvents: PersonEvents,
  personCases: PersonEvents,
  caseArticles: Map<string, string[]>,
): Promise<PersonFacets> {
  const status = (await filtered('status')
    .select(['persons.status as value', (eb: AnySelect) => eb.fn.countAll().as('n')])
    .where('persons.status', 'is not', null)
    .groupBy('persons.status')
    .execute()) as Array<{ value: string; n: number | string }>;
  const region = (await (db as AnySelect)
    .selectFrom(personEvents().as('pe'))
    .select(['pe.region as value', (eb: AnySelect) => eb.fn.count('pe.person_id').distinct().as('n')])
    .where('pe.region', 'is not', null)
    .where('pe.person_id', 'in', filtered('region').select('persons.id'))
    .groupBy('pe.region')
    .execute()) as Array<{ value: string; n: number | string }>;
  const cases = (await (db as AnySelect)
    .selectFrom(personCases().as('pc'))
    .select([
      'pc.case_id as value',
      'pc.case_name as label',
      (eb: AnySelect) => eb.fn.count('pc.person_id').distinct().as('n'),
    ])
    .where('pc.person_id', 'in', filtered('case').select('persons.id'))
    .groupBy(['pc.case_id', 'pc.case_name'])
    .execute()) as Array<{ value: string; label: string; n: number | string }>;
  // Per article, the distinct people in any case under it (a person in two such cases counts once).
  const byArticle = new Map<string, string[]>();
  for (const [caseId, labels] of caseArticles)
    for (const label of labels) byArticle.set(label, [...(byArticle.get(label) ?? []), caseId]);
  const article: FacetValue[] = [];
  if (byArticle.size > 0) {
    const candidates = filtered('article').select('persons.id');
    for (const [label, caseIds] of byArticle) {
      const row = (await (db as AnySelect)
        .selectFrom(personCases().as('pc'))
        .select((eb: AnySelect) => eb.fn.count('pc.person_id').distinct().as('n'))
        .where('pc.case_id', 'in', caseIds)
        .where('pc.person_id', 'in', candidates)
        .executeTakeFirst()) as { n: number | string } | undefined;
      const n = Number(row?.n ?? 0);
      if (n > 0) article.push({ value: label, label, count: n });
    }
  }
  const dates = (await (db as AnySelect)
    .selectFrom(personEvents().as('pe'))
    .select([(eb: AnySelect) => eb.fn.min('pe.date').as('min'), (eb: AnySelect) => eb.fn.max('pe.date').as('max')])
    .where('pe.person_id', 'in', filtered('date').select('persons.id'))
    .executeTakeFirst()) as { min: string | null; max: string | null } | undefined;
  const top = (values: FacetValue[]) =>
    values.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).slice(0, FACET_LIMIT);
  return {
    status: top(status.map((s) => ({ value: s.value, label: s.value, count: Number(s.n) }))),
    region: top(region.map((r) => ({ value: r.value, label: r.value, count: Number(r.n) }))),
    case: top(cases.map((c) => ({ value: c.value, label: c.label, count: Number(c.n) }))),
    article: top(article),
    date: { min: dates?.min ?? null, max: dates?.max ?? null },
  };
}
