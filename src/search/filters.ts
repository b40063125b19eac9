import type { Expression, ExpressionBuilder, SelectQueryBuilder, SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';
import { isCalendarDate } from '../shared/dates.js';
import { ChronicleError } from '../shared/errors.js';

export type SourceScope = (eb: ExpressionBuilder<Database, 'sources'>) => Expression<SqlBool>;

export interface SearchOptions {
  /** Only sources in this language (`sources.language`, e.g. 'ru'). */
  language?: string;
  /** Published on or after this date: a year, month or day (YYYY, YYYY-MM, YYYY-MM-DD). */
  from?: string;
  /** Published on or before the end of this year, month or day. */
  to?: string;
  /** Results per page: default 20, at most 100 (larger values are lowered to 100). */
  limit?: number;
  /** Results to skip, for paging. Default 0. */
  offset?: number;
  /**
   * The security policy's filter on visible sources. Applied inside the query, so `total` never counts rows the
   * caller may not see.
   */
  scope?: SourceScope;
  /** Names typed in one script also match their spellings in the other («Гайнуллин» ~ Gainullin). Default true. */
  crossScript?: boolean;
  /**
   * That `scope` refuses only restricted sources (`scopeHidesOnlyRestricted(user)` in src/auth): SQLite may then look
   * for the sources hidden from the caller among the few restricted and deleted ones, and when there are none,
   * count the matches without reading each one's filter row. Leave unset when unsure: only speed depends on it.
   */
  scopeHidesOnlyRestricted?: boolean;
}

export interface ResolvedOptions {
  language: string | null;
  from: string | null;
  /** The day after `to`: published_at values carry times ('2022-03-10T12:00Z'), which sort after '2022-03-10'. */
  toExclusive: string | null;
  limit: number;
  offset: number;
  scope: SourceScope | null;
  /** Whatever is hidden from this search (deleted, or refused by the scope) is a deleted or restricted source. */
  hiddenAreRestricted: boolean;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** Deep paging through a ranked list costs a full sort per page; nobody reads result 10 000. */
export const MAX_OFFSET = 10_000;

/**
 * Ranking reads every matched row's term statistics (bm25 on SQLite, the tsvector on PostgreSQL), which for a word
 * found in half of a million reports costs far more than the 20–50 ms budget. So when a query matches more visible
 * sources than this, only the most recently indexed RANK_WINDOW of them are ranked (the total still counts all of
 * them). Paging past the window widens it in whole steps, so pages inside one step never overlap.
 */
export const RANK_WINDOW = 2_000;

/** How many of the newest matches to rank for this page. `rankWindow({ offset: 2000, limit: 20 })` → 4000. */
export function rankWindow(options: Pick<ResolvedOptions, 'offset' | 'limit'>): number {
  return RANK_WINDOW * Math.max(1, Math.ceil((options.offset + options.limit) / RANK_WINDOW));
}

/**
 * The first string after a period, for `published_at < …`: `2024` → '2025', `2024-12` → '2025-01', `2024-03-10` →
 * '2024-03-11'. Published dates are ISO strings, so a year or a month bounds them as a prefix does.
 */
function afterPeriod(value: string, name: string): string {
  if (!isCalendarDate(value))
    throw new ChronicleError(
      'VALIDATION',
      `${name} must be a real date written YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(value)}`,
    );
  const [year, month, day] = value.split('-').map(Number) as [number, number?, number?];
  if (month === undefined) return String(year + 1).padStart(4, '0');
  if (day === undefined) return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 7);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** Checks and completes search options. `resolveOptions({ to: '2022-03-10' })` → `{ toExclusive: '2022-03-11', limit: 20, … }`. */
export function resolveOptions(options: SearchOptions = {}): ResolvedOptions {
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new ChronicleError('VALIDATION', 'limit must be a positive integer');
  const offset = options.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
    throw new ChronicleError('VALIDATION', `offset must be an integer from 0 to ${MAX_OFFSET}`);
  }
  if (options.from !== undefined) afterPeriod(options.from, 'from');
  const toExclusive = options.to === undefined ? null : afterPeriod(options.to, 'to');
  if (options.from !== undefined && toExclusive !== null && options.from >= toExclusive)
    throw new ChronicleError('VALIDATION', `from (${options.from}) is after to (${options.to})`);
  if (options.language !== undefined && (typeof options.language !== 'string' || options.language.length > 35)) {
    throw new ChronicleError('VALIDATION', 'language must be a language tag such as ru or en');
  }
  return {
    language: options.language ?? null,
    from: options.from ?? null,
    toExclusive,
    limit: Math.min(limit, MAX_LIMIT),
    offset,
    scope: options.scope ?? null,
    hiddenAreRestricted: !options.scope || options.scopeHidesOnlyRestricted === true,
  };
}

/**
 * The sources columns `sourceFilter` and the policy's scope read, copied into each source's index row (migration
 * 0011) so the visible matches are counted without a join to `sources`. Each dialect selects its index rows as a
 * subquery named `sources` with these columns and `id`, so both filters apply to it unchanged.
 */
export const FILTER_COLUMNS = ['deleted_at', 'language', 'published_at', 'confidentiality'] as const;

/** Visible, not deleted, within the filters. Used by both dialects so they select the same rows. */
export function sourceFilter(
  eb: ExpressionBuilder<Database, 'sources'>,
  options: ResolvedOptions,
): Expression<SqlBool> {
  const conditions: Array<Expression<SqlBool>> = [eb('sources.deleted_at', 'is', null)];
  if (options.language !== null) conditions.push(eb('sources.language', '=', options.language));
  if (options.from !== null) conditions.push(eb('sources.published_at', '>=', options.from));
  if (options.toExclusive !== null) conditions.push(eb('sources.published_at', '<', options.toExclusive));
  if (options.scope) conditions.push(options.scope(eb));
  return eb.and(conditions);
}

/** One ranked row before its snippet is cut. */
export interface RankedRow {
  sourceId: string;
  title: string | null;
  /** The name of the file the source came from: what names an untitled source. */
  fileName: string | null;
  language: string | null;
  publishedAt: string | null;
  score: number;
}

/** The columns of `sources` a page's row carries (its score comes from the dialect's ranking), for both dialects. */
export const PAGE_COLUMNS = [
  'sources.id as sourceId',
  'sources.title as title',
  'sources.file_name as fileName',
  'sources.language as language',
  'sources.published_at as publishedAt',
] as const;

/** A page's rows as a dialect's query reads them, the score as a number (each driver has its own type for it). */
export function rankedRows(rows: ReadonlyArray<Omit<RankedRow, 'score'> & { score: number | string }>): RankedRow[] {
  return rows.map((r) => ({
    sourceId: r.sourceId,
    title: r.title,
    fileName: r.fileName,
    language: r.language,
    publishedAt: r.publishedAt,
    score: Number(r.score),
  }));
}

export interface RankedPage {
  total: number;
  rows: RankedRow[];
}

/** One value of a search facet and how many visible matches have it; `value` null: not known (no language, no date). */
export interface FacetCount {
  value: string | null;
  count: number;
}

/**
 * What the matches of a query are, counted by language and by year of publication. Each facet is counted under the
 * other facet's filter but not its own (so a language picked still shows the others to switch to).
 */
export interface SearchFacets {
  language: FacetCount[];
  year: FacetCount[];
}

/** A query's visible matches as rows named `sources` with the filter columns: what each dialect's index gives. */
export type VisibleSources = SelectQueryBuilder<Database, 'sources', object>;

/** Whether the search is narrowed by language or date (else only deletion and the scope keep matches out). */
export function filtersLanguageOrDate(options: ResolvedOptions): boolean {
  return options.language !== null || options.from !== null || options.toExclusive !== null;
}

/** The facet a filter belongs to, to count that facet without it: `withoutFacet(options, 'year')`. */
export function withoutFacet(options: ResolvedOptions, facet: keyof SearchFacets): ResolvedOptions {
  return facet === 'language' ? { ...options, language: null } : { ...options, from: null, toExclusive: null };
}

/** Counts grouped by value, the largest first, unknown last: the order a facet list shows them in. */
export function facetOrder(rows: Array<{ value: string | null; n: number | string | bigint }>): FacetCount[] {
  return rows
    .map((r) => ({ value: r.value, count: Number(r.n) }))
    .sort((a, b) => (a.value === null ? 1 : b.value === null ? -1 : b.count - a.count || (a.value < b.value ? -1 : 1)));
}
