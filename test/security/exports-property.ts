import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Audience, type PolicyUser, ROLES } from '../../src/auth/index.js';
import type { Confidentiality, Database } from '../../src/db/schema.js';
import {
  exportEventsGeoJson,
  exportFtm,
  exportHearingsIcs,
  exportRecord,
  exportRecordsCsv,
  type FtmEntity,
  type RecordExport,
} from '../../src/export/index.js';
import { computeStats, placeRow, STAT_TYPES } from '../../src/record/index.js';
import { newId } from '../../src/shared/ids.js';
import { createTestWorkspace, type TestWorkspace } from '../helpers/workspaces.js';

/** An account straight into the tables, with its groups (no password: the properties never sign in). */
export async function insertUser(
  db: Kysely<Database>,
  username: string,
  role: string,
  groupIds: readonly string[],
): Promise<PolicyUser> {
  const user: PolicyUser = { id: newId(), role };
  await db
    .insertInto('users')
    .values({
      id: user.id,
      username,
      password_hash: 'x',
      role,
      disabled: 0,
      totp_secret: null,
      recovery_codes: null,
      failed_attempts: 0,
      locked_until: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  for (const groupId of groupIds)
    await db.insertInto('user_groups').values({ user_id: user.id, group_id: groupId }).execute();
  return user;
}

/** Groups in the random datasets of the security properties. */
export const GROUPS = 3;

export interface Row {
  id: string;
  confidentiality: string;
  groups: number[];
}

/** The rule of DESIGN §8, written independently of the SQL: what each user may see. */
export function oracle(user: { role: string; groups: number[] }, row: Row): boolean {
  if (user.role === 'admin') return true;
  if (row.confidentiality === 'public' || row.confidentiality === 'internal') return true;
  return row.confidentiality === 'restricted' && row.groups.some((g) => user.groups.includes(g));
}

export function word(n: number): string {
  let s = '';
  do {
    s += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  } while (n > 0);
  return `zqx${s}vy`;
}

// ─── Statistics and every export format (issue 6: "counts, statistics … and exports") ───────────────────────────
//
// Each run writes a tiny record (persons with names, cases with defendants, events with subjects, case links and
// hearings) straight into one reused workspace in one transaction, checks the statistics and every export format
// for one or two random users and for the public, then deletes the record again. Measured on this shared 2-core
// machine (2026-12-02, other agents running): SQLite 35 ms per run (3,000 runs in 105 s), PostgreSQL 160 ms per
// run (400 runs in 64 s) — so 10,000 runs take ~6 min on SQLite and ~27 min on PostgreSQL, more than the 2–3 min
// hoped for. The default counts fit ~2.5 min (SQLite, 4,000 runs) and ~2 min (PostgreSQL, 750 runs);
// CHRONICLE_PROPERTY_RUNS=10000 (and CHRONICLE_PROPERTY_RUNS_PG) runs the full 10,000 the issue asks for; .ci/run sets it.
// PostgreSQL's runs are shared by two files with seeds of their own (exports-postgres-*.property.test.ts), so that
// vitest's two forks share them: in one file they were the whole length of CI's tests (790 s under load).
export const EXPORT_RUNS = {
  sqlite: Number(process.env.CHRONICLE_PROPERTY_RUNS ?? 4_000),
  postgres: Number(process.env.CHRONICLE_PROPERTY_RUNS_PG ?? process.env.CHRONICLE_PROPERTY_RUNS ?? 750),
} as const;
const EVENT_TYPES = ['detention', 'arrest', 'search', 'sentence', 'hearing'] as const;

const recordDataset = fc.record({
  users: fc.array(fc.nat({ max: ROLES.length * 2 ** GROUPS - 1 }), { minLength: 1, maxLength: 2 }),
  persons: fc.array(
    fc.record({
      confidentiality: fc.constantFrom<Confidentiality>('public', 'internal', 'restricted', 'restricted'),
      groups: fc.uniqueArray(fc.integer({ min: 0, max: GROUPS - 1 }), { maxLength: 2 }),
      consent: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  cases: fc.array(
    fc.record({
      confidentiality: fc.constantFrom<Confidentiality>('public', 'internal', 'restricted'),
      groups: fc.uniqueArray(fc.integer({ min: 0, max: GROUPS - 1 }), { maxLength: 2 }),
      defendant: fc.nat({ max: 2 }),
    }),
    { maxLength: 2 },
  ),
  events: fc.array(
    fc.record({
      confidentiality: fc.constantFrom<Confidentiality>('public', 'internal', 'restricted'),
      groups: fc.uniqueArray(fc.integer({ min: 0, max: GROUPS - 1 }), { maxLength: 2 }),
      type: fc.constantFrom(...EVENT_TYPES),
      month: fc.integer({ min: 1, max: 12 }),
      case: fc.option(fc.nat({ max: 1 }), { nil: null }),
      subjects: fc.uniqueArray(fc.nat({ max: 2 }), { maxLength: 2 }),
      years: fc.integer({ min: 1, max: 9 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

/**
 * Registers the statistics-and-exports property on one database: `part.runs` random datasets from `part.seed`, in a
 * workspace of its own; skipped unless `part.enabled` (PostgreSQL unreachable outside CI).
 */
export function describeExportsProperty(
  dialect: 'sqlite' | 'postgres',
  part: { runs: number; seed: number; enabled: boolean },
): void {
  describe.runIf(part.enabled)(
    `statistics and exports show nothing hidden, on ${dialect} (property, seed ${part.seed})`,
    () => {
      let t: TestWorkspace;
      const groupIds: string[] = [];
      /** One account for every role × set of groups, made once: user n has role n % 4 and the groups of bits n >> 2. */
      const pool: Array<{ user: PolicyUser; role: string; groups: number[] }> = [];
      let placeId: string;

      beforeAll(async () => {
        t = await createTestWorkspace(dialect);
        const { db } = t.workspace;
        if (dialect === 'sqlite') await sql`PRAGMA synchronous = OFF`.execute(db);
        for (let g = 0; g < GROUPS; g++) {
          const id = newId();
          groupIds.push(id);
          await db
            .insertInto('groups')
            .values({ id, name: `export-group-${g}` })
            .execute();
        }
        for (let n = 0; n < ROLES.length * 2 ** GROUPS; n++) {
          const role = ROLES[n % ROLES.length]!;
          const groups = [...Array(GROUPS).keys()].filter((g) => ((n >> 2) & (1 << g)) !== 0);
          const user = await insertUser(
            db,
            `pool-${n}`,
            role,
            groups.map((g) => groupIds[g]!),
          );
          pool.push({ user, role, groups });
        }
        placeId = newId();
        await db
          .insertInto('places')
          .values(
            placeRow(placeId, 'Placeville', new Date().toISOString(), {
              kind: 'city',
              country: 'RU',
              region: 'Region',
              lat: 54.7,
              lon: 55.9,
            }),
          )
          .execute();
      });
      afterAll(async () => t?.dispose());

      it('in statistics and in every export format (json, csv, ftm, geojson, ics), for users and the public', {
        timeout: 2_700_000,
      }, async () => {
        const { db } = t.workspace;
        let run = 0;
        const started = performance.now();
        await fc.assert(
          fc.asyncProperty(recordDataset, async (data) => {
            const marker = word(run++);
            const now = new Date().toISOString();
            // Start from an empty record: the previous run's (also a failed one's, while fast-check shrinks) is deleted.
            await db.transaction().execute(async (trx) => {
              for (const table of [
                'event_participants',
                'case_parties',
                'person_names',
                'events',
                'cases',
                'persons',
                'record_groups',
              ] as const)
                await trx.deleteFrom(table).execute();
            });
            type Rec = { id: string; name: string; confidentiality: string; groups: number[] };
            const link = async (trx: typeof db, table: string, id: string, groups: number[]) => {
              for (const g of groups)
                await trx
                  .insertInto('record_groups')
                  .values({ record_table: table, record_id: id, group_id: groupIds[g]! })
                  .execute();
            };
            const persons: Array<Rec & { consent: boolean }> = [];
            const cases: Rec[] = [];
            const events: Array<Rec & { type: string; caseId: string | null; subjects: string[]; years: number }> = [];
            await db.transaction().execute(async (trx) => {
              for (const [i, p] of data.persons.entries()) {
                const rec = { id: newId(), name: `P-${marker}-${i}-x`, ...p };
                await trx
                  .insertInto('persons')
                  .values({
                    id: rec.id,
                    display_name: rec.name,
                    confidentiality: p.confidentiality,
                    consent_to_publish: p.consent ? 1 : 0,
                    review_status: 'accepted',
                    created_at: now,
                    updated_at: now,
                  } as never)
                  .execute();
                await trx
                  .insertInto('person_names')
                  .values({
                    id: newId(),
                    person_id: rec.id,
                    name: `N-${marker}-${i}-x`,
                    script: 'latn',
                    kind: 'alias',
                    source_id: null,
                  })
                  .execute();
                await link(trx, 'persons', rec.id, p.groups);
                persons.push(rec);
              }
              for (const [i, c] of data.cases.entries()) {
                const rec = { id: newId(), name: `C-${marker}-${i}-x`, ...c };
                await trx
                  .insertInto('cases')
                  .values({
                    id: rec.id,
                    name: rec.name,
                    articles: JSON.stringify([`A-${marker}-${i}-x`]),
                    confidentiality: c.confidentiality,
                    review_status: 'accepted',
                    created_at: now,
                    updated_at: now,
                  } as never)
                  .execute();
                const defendant = persons[c.defendant % persons.length]!;
                await trx
                  .insertInto('case_parties')
                  .values({ case_id: rec.id, person_id: defendant.id, role: 'defendant' })
                  .execute();
                await link(trx, 'cases', rec.id, c.groups);
                cases.push(rec);
              }
              for (const [i, e] of data.events.entries()) {
                const caseRec = e.case === null || cases.length === 0 ? null : cases[e.case % cases.length]!;
                const subjects = [...new Set(e.subjects.map((s) => persons[s % persons.length]!.id))];
                const rec = { id: newId(), name: `E-${marker}-${i}-x`, ...e, caseId: caseRec?.id ?? null, subjects };
                await trx
                  .insertInto('events')
                  .values({
                    id: rec.id,
                    type: e.type,
                    date: `${e.type === 'hearing' ? 2099 : 2024}-${String(e.month).padStart(2, '0')}-15`,
                    date_precision: 'day',
                    place_id: placeId,
                    case_id: rec.caseId,
                    sentence_years: e.type === 'sentence' ? e.years : null,
                    description: rec.name,
                    status: 'accepted',
                    confidentiality: e.confidentiality,
                    created_at: now,
                    updated_at: now,
                  } as never)
                  .execute();
                for (const s of subjects)
                  await trx
                    .insertInto('event_participants')
                    .values({ event_id: rec.id, entity_type: 'persons', entity_id: s, role: 'subject' })
                    .execute();
                await link(trx, 'events', rec.id, e.groups);
                events.push(rec);
              }
            });
            const audiences: Array<{ audience: Audience; sees: (r: Rec, table: string) => boolean }> = data.users.map(
              (n) => {
                const u = pool[n]!;
                return { audience: u.user, sees: (r: Rec) => oracle(u, r) };
              },
            );
            audiences.push({
              audience: { public: true },
              sees: (r, table) =>
                r.confidentiality === 'public' &&
                (table !== 'persons' || (r as { consent?: boolean }).consent === true),
            });
            for (const { audience, sees } of audiences) {
              const who = JSON.stringify(audience);
              const shownCases = new Set(cases.filter((c) => sees(c, 'cases')).map((c) => c.id));
              const shownPersons = new Set(persons.filter((p) => sees(p, 'persons')).map((p) => p.id));
              const shownEvents = events.filter(
                (e) => sees(e, 'events') && (e.caseId === null || shownCases.has(e.caseId)),
              );
              const hidden = [
                ...persons
                  .filter((p) => !shownPersons.has(p.id))
                  .flatMap((p) => [p.id, p.name, p.name.replace('P-', 'N-')]),
                ...cases
                  .filter((c) => !shownCases.has(c.id))
                  .flatMap((c) => [c.id, c.name, c.name.replace('C-', 'A-')]),
                ...events.filter((e) => !shownEvents.includes(e)).flatMap((e) => [e.id, e.name]),
              ];

              // Statistics: exactly the figures over the visible subset.
              const stats = await computeStats(db, { user: audience });
              for (const type of STAT_TYPES) {
                const mine = shownEvents.filter((e) => e.type === type);
                const people = new Set(mine.flatMap((e) => e.subjects).filter((s) => shownPersons.has(s)));
                expect(stats.totals[type], `${who} ${type}`).toEqual({ events: mine.length, persons: people.size });
              }
              expect(
                stats.byCase.map((b) => b.key).every((k) => shownCases.has(k)),
                who,
              ).toBe(true);

              // Every export format: nothing hidden by name or id, and the visible records counted right.
              const texts: string[] = [];
              const json = await exportRecord(db, audience, 'json', null);
              texts.push(String(json.body));
              const csv = await exportRecordsCsv(db, audience);
              texts.push(...Object.values(csv));
              const ftm: FtmEntity[] = [];
              await exportFtm(db, audience, (e) => void ftm.push(e));
              texts.push(JSON.stringify(ftm));
              const geo = await exportEventsGeoJson(db, audience);
              texts.push(JSON.stringify(geo));
              const ics = await exportHearingsIcs(db, audience, { now: new Date('2030-01-01T00:00:00Z') });
              texts.push(ics.ics);
              const all = texts.join('\n');
              for (const secret of hidden) expect(all.includes(secret), `${who} leaks ${secret}`).toBe(false);

              expect(geo.features.length, who).toBe(shownEvents.length);
              expect(ics.count, who).toBe(shownEvents.filter((e) => e.type === 'hearing').length);
              expect(ftm.filter((e) => e.schema === 'Person').length, who).toBe(shownPersons.size);
              expect(ftm.filter((e) => e.schema === 'Event').length, who).toBe(shownEvents.length);
              if (!('public' in (audience ?? {}))) {
                const tables = (JSON.parse(String(json.body)) as RecordExport).tables;
                expect(tables.persons.length, who).toBe(shownPersons.size);
                expect(tables.events.length, who).toBe(shownEvents.length);
                expect(tables.cases.length, who).toBe(shownCases.size);
                // CSV rows: one per record plus the header line and the final CRLF.
                expect(csv['persons.csv']!.split('\r\n').length - 2, who).toBe(shownPersons.size);
                expect(csv['events.csv']!.split('\r\n').length - 2, who).toBe(shownEvents.length);
              }
            }
          }),
          { numRuns: part.runs, seed: part.seed },
        );
        const seconds = (performance.now() - started) / 1000;
        process.stderr.write(
          `exports property on ${dialect}: ${run} runs in ${seconds.toFixed(1)} s (${((seconds * 1000) / run).toFixed(1)} ms per run)\n`,
        );
      });
    },
  );
}
