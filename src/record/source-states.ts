import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { EXTRACT_JOB } from './extract-job.js';

/**
 * Where a source stands in the documentalist's work, derived from its extraction job and the proposals staged from
 * it (DESIGN §5: nothing unreviewed is fact), in this order:
 * - `extracting`: its extraction is queued or running;
 * - `extraction-failed`: its extraction failed (the jobs page says why and retries it);
 * - `to-review`: at least one proposal from it waits for a decision;
 * - `reviewed`: it proposed records and each has been decided;
 * - `nothing-proposed`: it was read and proposed nothing (or was never extracted).
 */
export const SOURCE_STATES = ['extracting', 'extraction-failed', 'to-review', 'reviewed', 'nothing-proposed'] as const;
export type SourceState = (typeof SOURCE_STATES)[number];

/** The tables a source's extraction proposes rows in, and the column holding each row's review status. */
const PROPOSAL_TABLES = [
  ['events', 'status'],
  ['persons', 'review_status'],
  ['organizations', 'review_status'],
  ['cases', 'review_status'],
] as const;
type ProposalTable = (typeof PROPOSAL_TABLES)[number][0];

/**
 * How a reader sees proposals: the policy's scope for each table (only proposals they may see make a source wait
 * for them), and the extractor version whose job is the source's current extraction (`extract:<id>:<version>`).
 */
export interface SourceStateContext {
  scope: (table: ProposalTable) => (eb: ExpressionBuilder<Database, never>) => Expression<SqlBool>;
  extractorVersion: string;
}

type SourcesBuilder = ExpressionBuilder<Database, 'sources'>;

function extractJobWith(
  eb: SourcesBuilder,
  context: SourceStateContext,
  statuses: Array<'queued' | 'running' | 'failed'>,
) {
  return eb.exists(
    eb
      .selectFrom('jobs')
      .select(sql.lit(1).as('one'))
      .where(
        'jobs.dedupe_key',
        '=',
        sql<string>`${`${EXTRACT_JOB}:`} || ${eb.ref('sources.id')} || ${`:${context.extractorVersion}`}`,
      )
      .where('jobs.status', 'in', statuses),
  );
}

function stagedWith(eb: SourcesBuilder, context: SourceStateContext, statuses: string[]) {
  return eb.or(
    PROPOSAL_TABLES.map(([table, column]) =>
      eb.exists(
        eb
          .selectFrom('staged_records')
          .innerJoin(table as 'events', `${table}.id` as 'events.id', 'staged_records.record_id')
          .select(sql.lit(1).as('one'))
          .where('staged_records.source_id', '=', eb.ref('sources.id'))
          .where('staged_records.record_table', '=', table)
          .where(sql.ref(`${table}.${column}`), 'in', statuses)
          .where(sql.ref(`${table}.deleted_at`), 'is', null)
          .where((inner) => context.scope(table)(inner as never)),
      ),
    ),
  );
}

/**
 * The condition on `sources` rows that holds for sources in `state`, for a listing's WHERE:
 * `listSources(db, { filter: (eb) => sourceInState(eb, 'to-review', context) })`.
 */
export function sourceInState(
  eb: SourcesBuilder,
  state: SourceState,
  context: SourceStateContext,
): Expression<SqlBool> {
  const extracting = extractJobWith(eb, context, ['queued', 'running']);
  const failed = extractJobWith(eb, context, ['failed']);
  const waiting = stagedWith(eb, context, ['proposed']);
  const decided = stagedWith(eb, context, ['accepted', 'rejected']);
  switch (state) {
    case 'extracting':
      return extracting;
    case 'extraction-failed':
      return eb.and([eb.not(extracting), failed]);
    case 'to-review':
      return eb.and([eb.not(extracting), eb.not(failed), waiting]);
    case 'reviewed':
      return eb.and([eb.not(extracting), eb.not(failed), eb.not(waiting), decided]);
    case 'nothing-proposed':
      return eb.and([eb.not(extracting), eb.not(failed), eb.not(waiting), eb.not(decided)]);
  }
}

/**
 * The state of each of these sources, with how many proposals from it wait for this reader's decision.
 * `await sourceStates(db, ['01J…'], context)` → `Map { '01J…' => { state: 'to-review', waiting: 4 } }`.
 */
export async function sourceStates(
  db: Kysely<Database>,
  ids: readonly string[],
  context: SourceStateContext,
): Promise<Map<string, { state: SourceState; waiting: number }>> {
  const states = new Map<string, { state: SourceState; waiting: number }>();
  if (ids.length === 0) return states;
  const unique = [...new Set(ids)];
  const jobs = await db
    .selectFrom('jobs')
    .select(['dedupe_key', 'status'])
    .where(
      'dedupe_key',
      'in',
      unique.map((id) => `${EXTRACT_JOB}:${id}:${context.extractorVersion}`),
    )
    .execute();
  const jobStatus = new Map(jobs.map((j) => [j.dedupe_key, j.status]));
  const waiting = new Map<string, number>();
  const decided = new Set<string>();
  for (const [table, column] of PROPOSAL_TABLES) {
    const rows = await db
      .selectFrom('staged_records')
      .innerJoin(table as 'events', `${table}.id` as 'events.id', 'staged_records.record_id')
      .select(['staged_records.source_id as source_id', sql<string>`${sql.ref(`${table}.${column}`)}`.as('status')])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('staged_records.source_id', 'in', unique)
      .where('staged_records.record_table', '=', table)
      .where(sql.ref(`${table}.deleted_at`), 'is', null)
      .where((eb) => context.scope(table)(eb as never))
      .groupBy(['staged_records.source_id', sql.ref(`${table}.${column}`)])
      .execute();
    for (const row of rows) {
      if (row.status === 'proposed') waiting.set(row.source_id, (waiting.get(row.source_id) ?? 0) + Number(row.n));
      else decided.add(row.source_id);
    }
  }
  for (const id of unique) {
    const job = jobStatus.get(`${EXTRACT_JOB}:${id}:${context.extractorVersion}`);
    const state: SourceState =
      job === 'queued' || job === 'running'
        ? 'extracting'
        : job === 'failed'
          ? 'extraction-failed'
          : waiting.has(id)
            ? 'to-review'
            : decided.has(id)
              ? 'reviewed'
              : 'nothing-proposed';
    states.set(id, { state, waiting: waiting.get(id) ?? 0 });
  }
  return states;
}
