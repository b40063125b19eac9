import type { SessionState } from './session.js';

/**
 * What the signed-in user may do, so the UI offers only that. The server decides (src/auth/policy.ts,
 * ACTION_ROLES) and answers 404 to a role without the permission, as for a missing record; this copy of its table
 * only spares a user panels and links that would end in "not found". Roles nest: admin ⊃ editor ⊃ reviewer ⊃ viewer.
 */
export interface Permissions {
  /** Accept, reject and correct proposals (proposals.review). */
  decide: boolean;
  /** Change the record: merges, splits, deletes, statuses, relationships (records.write, records.merge). */
  edit: boolean;
  /** Add sources (sources.upload). */
  upload: boolean;
  /** See the job queue (GET /api/v1/jobs is for editors: a job's payload names restricted files). */
  jobs: boolean;
  /** Read the audit log (audit.read). */
  audit: boolean;
  /** Make access groups and say who is in them (users.manage). */
  groups: boolean;
}

const ROLES = ['viewer', 'reviewer', 'editor', 'admin'] as const;
type Role = (typeof ROLES)[number];

function atLeast(role: string | undefined, least: Role): boolean {
  const rank = ROLES.indexOf(role as Role);
  return rank >= 0 && rank >= ROLES.indexOf(least);
}

/**
 * `permissionsOf({ authEnabled: true, user: { username: 'e2e-viewer', role: 'viewer' } })` → everything false;
 * a server without sign-in admits every request, so everything but the audit log (which needs a named admin) is on.
 */
export function permissionsOf(session: SessionState): Permissions {
  if (!session.authEnabled) return { decide: true, edit: true, upload: true, jobs: true, audit: false, groups: false };
  const role = session.user?.role;
  return {
    decide: atLeast(role, 'reviewer'),
    edit: atLeast(role, 'editor'),
    upload: atLeast(role, 'editor'),
    jobs: atLeast(role, 'editor'),
    audit: atLeast(role, 'admin'),
    groups: atLeast(role, 'admin'),
  };
}

/** Nothing allowed: the sign-in page, before anyone is known. */
export const NO_PERMISSIONS: Permissions = {
  decide: false,
  edit: false,
  upload: false,
  jobs: false,
  audit: false,
  groups: false,
};
