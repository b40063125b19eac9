import type { Kysely } from 'kysely';
import { caseScope, eventScope, type PolicyUser, personScope, visibleIds } from '../../../auth/index.js';
import type { Database } from '../../../db/schema.js';
import type { ArticleInput } from '../../../record/extraction-input.js';
import { type CaseView, getCase, listEvents, loadProposals, type ProposalView } from '../../../record/index.js';
import { withVisibleEvidence } from '../review/visible-evidence.js';

export const CASE_SORTS = [
  'name',
  '-name',
  'openedOn',
  '-openedOn',
  'defendants',
  '-defendants',
  'nextHearing',
] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export interface CaseFilters {
  q?: string;
  article?: string;
  court?: string;
  jurisdiction?: string;
  status?: string;
  region?: string;
  sort?: CaseSort;
  limit: number;
  offset: number;
}

export interface Facet {
  value: string;
  count: number;
}

interface CaseRow {
  id: string;
  name: string;
  jurisdiction: string | null;
  articles: string[];
  opened_on: string | null;
  status: string | null;
  court: string | null;
  regions: string[];
  defendants: number;
  nextHearing: string | null;
}

/** `{code: 'УК РФ', article: '282.2', part: 1}` → `'УК РФ 282.2'`: the article a facet counts (parts folded in). */
export function articleKey(a: ArticleInput): string {
  return [a.code, a.article].filter(Boolean).join(' ').trim();
}

function parseArticles(text: string): ArticleInput[] {
  try {
    const parsed = JSON.parse(text || '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as ArticleInput[]) : [];
  } catch {
    return [];
  }
}

/** Today as an ISO day (UTC): hearings on or after it are upcoming. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Every accepted case this user may see with what the list filters and sorts on: its articles, the regions of its
 * visible events' places, how many visible defendants it has, and its next hearing. Cases number in the thousands
 * at most, so facets and sorting are done here rather than in dialect-specific JSON SQL.
 */
async function visibleCaseRows(db: Kysely<Database>, user: PolicyUser | null): Promise<CaseRow[]> {
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'name', 'jurisdiction', 'articles', 'opened_on', 'status', 'court'])
    .where('review_status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .where(caseScope(user))
    .execute();
  const regions = await db
    .selectFrom('events')
    .innerJoin('places', 'places.id', 'events.place_id')
    .select(['events.case_id', 'places.region'])
    .distinct()
    .where('events.case_id', 'is not', null)
    .where('events.status', '=', 'accepted')
    .where('events.deleted_at', 'is', null)
    .where('places.region', 'is not', null)
    .where(eventScope(user))
    .execute();
  const defendants = await db
    .selectFrom('case_parties')
    .innerJoin('persons', 'persons.id', 'case_parties.person_id')
    .select(['case_parties.case_id', 'case_parties.person_id'])
    .distinct()
    .where('case_parties.role', '=', 'defendant')
    .where('persons.deleted_at', 'is', null)
    .where(personScope(user))
    .execute();
  const hearings = await db
    .selectFrom('events')
    .select(['case_id', 'date'])
    .where('type', '=', 'hearing')
    .where('case_id', 'is not', null)
    .where('date', '>=', today())
    .where('status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .where(eventScope(user))
    .execute();
  const regionsOf = new Map<string, Set<string>>();
  for (const r of regions) {
    if (!r.case_id || !r.region) continue;
    const set = regionsOf.get(r.case_id) ?? new Set<string>();
    set.add(r.region);
    regionsOf.set(r.case_id, set);
  }
  const defendantsOf = new Map<string, number>();
  for (const d of defendants) defendantsOf.set(d.case_id, (defendantsOf.get(d.case_id) ?? 0) + 1);
  const nextOf = new Map<string, string>();
  for (const h of hearings) {
    if (!h.case_id || !h.date) continue;
    const known = nextOf.get(h.case_id);
    if (!known || h.date < known) nextOf.set(h.case_id, h.date);
  }
  return cases.map((c) => ({
    id: c.id,
    name: c.name,
    jurisdiction: c.jurisdiction,
    articles: [...new Set(parseArticles(c.articles).map(articleKey))],
    opened_on: c.opened_on,
    status: c.status,
    court: c.court,
    regions: [...(regionsOf.get(c.id) ?? [])].sort(),
    defendants: defendantsOf.get(c.id) ?? 0,
    nextHearing: nextOf.get(c.id) ?? null,
  }));
}

type FacetName = 'article' | 'court' | 'jurisdiction' | 'status' | 'region';

function valuesOf(row: CaseRow, facet: FacetName): string[] {
  switch (facet) {
    case 'article':
      return row.articles;
    case 'region':
      return row.regions;
    case 'court':
      return row.court ? [row.court] : [];
    case 'jurisdiction':
      return row.jurisdiction ? [row.jurisdiction] : [];
    case 'status':
      return row.status ? [row.status] : [];
  }
}

const FACETS: FacetName[] = ['article', 'court', 'jurisdiction', 'status', 'region'];

function fold(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е');
}

function compare(a: CaseRow, b: CaseRow, sort: CaseSort): number {
  const byName = a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id);
  const nullsLast = (x: string | null, y: string | null, dir: number) =>
    x === y ? 0 : x === null ? 1 : y === null ? -1 : dir * x.localeCompare(y);
  switch (sort) {
    case 'name':
      return byName;
    case '-name':
      return -byName;
    case 'openedOn':
      return nullsLast(a.opened_on, b.opened_on, 1) || byName;
    case '-openedOn':
      return nullsLast(a.opened_on, b.opened_on, -1) || byName;
    case 'defendants':
      return a.defendants - b.defendants || byName;
    case '-defendants':
      return b.defendants - a.defendants || byName;
    case 'nextHearing':
      return nullsLast(a.nextHearing, b.nextHearing, 1) || byName;
  }
}

/**
 * One page of the case list with facet counts. Each facet counts the cases that match every other filter (so a
 * reader sees how many cases picking another value would give). `browseCases(db, viewer, { article: 'УК РФ 282.2',
 * sort: '-openedOn', limit: 25, offset: 0 })` → `{ total, items, facets: { article: [{ value, count }], … } }`.
 */
export async function browseCases(db: Kysely<Database>, user: PolicyUser | null, filters: CaseFilters) {
  const rows = await visibleCaseRows(db, user);
  const text = filters.q ? fold(filters.q.trim()) : '';
  const matchesText = (r: CaseRow) =>
    !text || fold([r.name, r.court ?? '', r.jurisdiction ?? '', ...r.articles].join(' ')).includes(text);
  const chosen: Partial<Record<FacetName, string>> = {
    article: filters.article,
    court: filters.court,
    jurisdiction: filters.jurisdiction,
    status: filters.status,
    region: filters.region,
  };
  const matches = (r: CaseRow, except?: FacetName) =>
    matchesText(r) && FACETS.every((f) => f === except || !chosen[f] || valuesOf(r, f).includes(chosen[f] as string));
  const facets = {} as Record<FacetName, Facet[]>;
  for (const f of FACETS) {
    const counts = new Map<string, number>();
    for (const r of rows) if (matches(r, f)) for (const v of valuesOf(r, f)) counts.set(v, (counts.get(v) ?? 0) + 1);
    facets[f] = [...counts.entries()]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'ru'));
  }
  const selected = rows.filter((r) => matches(r)).sort((a, b) => compare(a, b, filters.sort ?? 'name'));
  const page = selected.slice(filters.offset, filters.offset + filters.limit);
  const items = [];
  for (const row of page) {
    const view = await visibleCase(db, user, await getCase(db, row.id));
    items.push({ ...view, regions: row.regions, defendantCount: row.defendants, nextHearing: row.nextHearing });
  }
  return { total: selected.length, items, facets };
}

/** A case as this user may see it: parties the policy hides are left out. */
export async function visibleCase(db: Kysely<Database>, user: PolicyUser | null, view: CaseView): Promise<CaseView> {
  const persons = await visibleIds(
    db,
    user,
    'persons',
    view.parties.map((p) => p.personId),
  );
  return { ...view, parties: view.parties.filter((p) => persons.has(p.personId)) };
}

/**
 * Accepted events as this user may see them, as proposal views (names of participants, place and case, evidence):
 * hidden events left out, hidden participants left out, evidence only from visible sources.
 */
export async function visibleTimeline(
  db: Kysely<Database>,
  user: PolicyUser | null,
  eventIds: string[],
): Promise<ProposalView[]> {
  const visible = await visibleIds(db, user, 'events', eventIds);
  const views = await withVisibleEvidence(
    db,
    user,
    await loadProposals(
      db,
      eventIds.filter((id) => visible.has(id)).map((id) => ({ id, kind: 'event' as const })),
    ),
  );
  const participants = views.flatMap((v) => v.event?.participants ?? []);
  const persons = await visibleIds(
    db,
    user,
    'persons',
    participants.filter((p) => p.entityType === 'persons').map((p) => p.entityId),
  );
  const organizations = await visibleIds(
    db,
    user,
    'organizations',
    participants.filter((p) => p.entityType === 'organizations').map((p) => p.entityId),
  );
  const cases = await visibleIds(
    db,
    user,
    'cases',
    views.flatMap((v) => (v.event?.case ? [v.event.case.id] : [])),
  );
  return views.map((v) =>
    v.event
      ? {
          ...v,
          event: {
            ...v.event,
            case: v.event.case && cases.has(v.event.case.id) ? v.event.case : null,
            participants: v.event.participants.filter((p) =>
              (p.entityType === 'persons' ? persons : organizations).has(p.entityId),
            ),
          },
        }
      : v,
  );
}

/**
 * One case for its page: the case, its defendants (and other parties) with their status, its events oldest first
 * with evidence, and the next hearing. Visibility as everywhere: hidden parties and events are left out.
 */
export async function caseDetail(db: Kysely<Database>, user: PolicyUser | null, id: string) {
  const view = await visibleCase(db, user, await getCase(db, id));
  const personIds = [...new Set(view.parties.map((p) => p.personId))];
  const persons =
    personIds.length === 0
      ? []
      : await db
          .selectFrom('persons')
          .select(['id', 'display_name', 'status'])
          .where('id', 'in', personIds)
          .where('deleted_at', 'is', null)
          .execute();
  const parties = persons
    .map((p) => ({
      personId: p.id,
      displayName: p.display_name,
      status: p.status,
      roles: view.parties
        .filter((x) => x.personId === p.id)
        .map((x) => x.role)
        .sort(),
    }))
    .sort(
      (a, b) =>
        Number(!a.roles.includes('defendant')) - Number(!b.roles.includes('defendant')) ||
        a.displayName.localeCompare(b.displayName, 'ru'),
    );
  const { items } = await listEvents(db, { caseId: id, limit: 500 });
  const ordered = [...items].sort(
    (a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id),
  );
  const timeline = await visibleTimeline(
    db,
    user,
    ordered.map((e) => e.id),
  );
  const now = today();
  const nextHearing =
    timeline.find((e) => e.event?.type === 'hearing' && e.event.date !== null && e.event.date >= now) ?? null;
  return { case: view, parties, timeline, nextHearing };
}
