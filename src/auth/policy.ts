import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * The one policy module (DESIGN §8). Every adapter — API, search, export, public list — asks here who may do what
 * and which records a user may see; nothing re-implements these rules.
 *
 * Roles nest: admin ⊃ editor ⊃ reviewer ⊃ viewer. Records carry a confidentiality: public and internal records
 * are visible to every signed-in user; restricted ones only to members of one of the record's access groups
 * (record_groups ⋈ user_groups) and to admins. A record with any other confidentiality value is invisible
 * (deny by default).
 */
export const ROLES = ['viewer', 'reviewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as the policy sees it; `null` is nobody (signed out). */
export interface PolicyUser {
  id: string;
  role: string;
}

/** Actions and the least role allowed to take each. */
export const ACTION_ROLES = {
  'records.read': 'viewer',
  'proposals.review': 'reviewer',
  'records.write': 'editor',
  /** Bulk exports (`GET /api/v1/export`): taking the record away whole is an editor's decision. */
  'records.export': 'editor',
  /** Merging, splitting and keeping apart persons, and undoing those (issues 4–5). */
  'records.merge': 'editor',
  'sources.upload': 'editor',
  'users.manage': 'admin',
  'settings.manage': 'admin',
  'audit.read': 'admin',
} as const satisfies Record<string, Role>;
export type Action = keyof typeof ACTION_ROLES;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** `roleAtLeast({ role: 'editor' }, 'reviewer')` → true; an unknown role ranks below every role. */
export function roleAtLeast(user: PolicyUser | null, least: Role): boolean {
  if (!user || !isRole(user.role)) return false;
  return ROLES.indexOf(user.role) >= ROLES.indexOf(least);
}

/** `can({ role: 'reviewer' }, 'proposals.review')` → true; `can({ role: 'reviewer' }, 'records.write')` → false. */
export function can(user: PolicyUser | null, action: Action): boolean {
  return roleAtLeast(user, ACTION_ROLES[action]);
}

/** Tables whose rows carry `id` and `confidentiality` and may be linked to access groups. */
export type ScopedTable = 'sources' | 'persons' | 'cases' | 'events' | 'organizations';

export type Scope<T extends ScopedTable> = (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>;

/**
 * The rows of `table` this user may see, as a filter to put inside every query (so lists, counts, search and
 * exports never include a hidden row). `visibleScope(viewer, 'persons')` →
 * `persons.confidentiality IN ('public','internal') OR (… = 'restricted' AND EXISTS (group membership))`;
 * signed out: public rows only; admin: every row.
 */
export function visibleScope<T extends ScopedTable>(user: PolicyUser | null, table: T): Scope<T> {
  return () => {
    const confidentiality = sql.ref(`${table}.confidentiality`);
    if (!user) return sql<SqlBool>`(${confidentiality} = 'public')`;
    if (roleAtLeast(user, 'admin')) return sql<SqlBool>`(1 = 1)`;
    if (!isRole(user.role)) return sql<SqlBool>`(1 = 0)`;
    const id = sql.ref(`${table}.id`);
    return sql<SqlBool>`(${confidentiality} IN ('public', 'internal') OR (${confidentiality} = 'restricted' AND EXISTS (SELECT 1 FROM record_groups rg INNER JOIN user_groups ug ON ug.group_id = rg.group_id WHERE rg.record_table = ${table} AND rg.record_id = ${id} AND ug.user_id = ${user.id})))`;
  };
}

/**
 * Whether `visibleScope(user, …)` lets through every public and internal row, so that it can refuse only
 * restricted ones (and anything that is neither): a signed-in user with a role. A query may then look for what is
 * hidden from the user among the restricted rows alone. `scopeHidesOnlyRestricted(viewer)` → true; signed out → false.
 */
export function scopeHidesOnlyRestricted(user: PolicyUser | null): boolean {
  return user !== null && (roleAtLeast(user, 'admin') || isRole(user.role));
}

/** The scope for sources, the shape `listSources`, `getSource…` and `searchSources` take as `scope`. */
export function sourceScope(user: PolicyUser | null): Scope<'sources'> {
  return visibleScope(user, 'sources');
}

/** The scope for persons: `listPersons`-style queries put it in their WHERE (`.where(personScope(user))`). */
export function personScope(user: PolicyUser | null): Scope<'persons'> {
  return visibleScope(user, 'persons');
}

/** The scope for cases. */
export function caseScope(user: PolicyUser | null): Scope<'cases'> {
  return visibleScope(user, 'cases');
}

/** The scope for events. */
export function eventScope(user: PolicyUser | null): Scope<'events'> {
  return visibleScope(user, 'events');
}

/** The scope for organizations (proposals in the review queue). */
export function organizationScope(user: PolicyUser | null): Scope<'organizations'> {
  return visibleScope(user, 'organizations');
}

/**
 * The one answer to "which of these ids may this user see?" (as Immich's access checks): the subset of `ids` in
 * `table` that exist and are visible to `user`; anything else — hidden or absent alike — is left out, so callers
 * answer "not found" for both. `await visibleIds(db, viewer, 'sources', ['01A', '01B'])` → `Set { '01A' }`.
 */
export async function visibleIds(
  db: Kysely<Database>,
  user: PolicyUser | null,
  table: ScopedTable,
  ids: readonly string[],
): Promise<Set<string>> {
  const visible = new Set<string>();
  const unique = [...new Set(ids)];
  // The scope names the real table in its SQL; the cast only picks one row type for the query builder.
  const scope = visibleScope(user, table) as unknown as Scope<'sources'>;
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom(table as 'sources')
      .select('id')
      .where('id', 'in', unique.slice(i, i + 500))
      .where(scope)
      .execute();
    for (const row of rows) visible.add(row.id);
  }
  return visible;
}

/** Whether one record is published in the public list: public and consented (persons), public (everything else). */
export function isPublishable(record: { confidentiality: string; consent_to_publish?: number }): boolean {
  return (
    record.confidentiality === 'public' && (record.consent_to_publish === undefined || record.consent_to_publish === 1)
  );
}

/**
 * Who an export or a statistic is for: a user (as signed in; `null` is signed out, public rows only), or the
 * public list (`{ public: true }`: only what `isPublishable` lets out). The workspace owner is an admin user.
 */
export type Audience = PolicyUser | null | { public: true };

export function isPublicAudience(audience: Audience): audience is { public: true } {
  return audience !== null && 'public' in audience && audience.public === true;
}

/**
 * What the public list may publish (the rule of `isPublishable`, as SQL): public rows, and of persons only those
 * who consented. `.where(publishableScope('persons'))`.
 */
export function publishableScope<T extends ScopedTable>(table: T): Scope<T> {
  return () => {
    const confidentiality = sql.ref(`${table}.confidentiality`);
    if (table === 'persons')
      return sql<SqlBool>`(${confidentiality} = 'public' AND ${sql.ref('persons.consent_to_publish')} = 1)`;
    return sql<SqlBool>`(${confidentiality} = 'public')`;
  };
}

/** The rows of `table` this audience may see: `visibleScope` for a user, `publishableScope` for the public. */
export function audienceScope<T extends ScopedTable>(audience: Audience, table: T): Scope<T> {
  return isPublicAudience(audience) ? publishableScope(table) : visibleScope(audience as PolicyUser | null, table);
}

/**
 * A name for everything this audience may see, for sharing what is computed from it: two audiences with the same
 * class see exactly the same rows under `audienceScope` (so may share a cached figure), two with different classes
 * may not. The public list, signed-out users, admins and unknown roles are one class each; every other user sees
 * public and internal rows plus the restricted rows of their groups, so their class is that set of groups (read
 * now, as the scope does). `await visibilityClass(db, viewer)` → `'groups:["01G…","01H…"]'`.
 */
export async function visibilityClass(db: Kysely<Database>, audience: Audience): Promise<string> {
  if (isPublicAudience(audience)) return 'public';
  const user = audience as PolicyUser | null;
  if (!user) return 'signed-out';
  if (roleAtLeast(user, 'admin')) return 'all';
  if (!isRole(user.role)) return 'none';
  const groups = await db
    .selectFrom('user_groups')
    .select('group_id')
    .where('user_id', '=', user.id)
    .orderBy('group_id')
    .execute();
  return `groups:${JSON.stringify(groups.map((g) => g.group_id))}`;
}

/**
 * Events this audience may see whose case, if any, it may see too: an event of a hidden case is hidden (the
 * case's name and articles would otherwise leak through statistics and exports).
 * `.where(eventInVisibleCaseScope(viewer))` on a query over `events`.
 */
export function eventInVisibleCaseScope(audience: Audience): Scope<'events'> {
  return (eb) => {
    const cases = audienceScope(audience, 'cases');
    const caseVisible = sql<SqlBool>`EXISTS (SELECT 1 FROM cases WHERE cases.id = events.case_id AND ${cases(eb as never)})`;
    return sql<SqlBool>`(${audienceScope(audience, 'events')(eb)} AND (events.case_id IS NULL OR ${caseVisible}))`;
  };
}

/**
 * The workspace owner, as the CLI acts without `--as`: an admin who sees every record. Restricted reads by the
 * owner are audited without a user id. `exportFtm(db, WORKSPACE_OWNER, emit)`.
 */
export const WORKSPACE_OWNER: PolicyUser = Object.freeze({ id: 'workspace-owner', role: 'admin' });
