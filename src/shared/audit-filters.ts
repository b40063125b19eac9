/**
 * What the audit log's text filters may hold, shared by the route that refuses anything else and the audit page,
 * which leaves out (and says so) what the route would refuse rather than send it and fail the page.
 */
export const AUDIT_FILTER_MAX_LENGTH = 64;

export const AUDIT_FILTER_PATTERNS = {
  actor: '^[A-Za-z0-9_.@-]+$',
  // Every action the product writes: a dotted lower-case name whose words may be joined by `_` or `-`
  // (`user.add`, `session.sign_in_failed`, `person.status-override`, `record.import-csv`).
  action: '^[a-z0-9_.-]+$',
  targetType: '^[a-z_]+$',
  targetId: '^[A-Za-z0-9]+$',
} as const;

export type AuditTextFilter = keyof typeof AUDIT_FILTER_PATTERNS;

/** `auditFilterFits('actor', 'Anna K')` → false (a space); `auditFilterFits('action', 'user.add')` → true. */
export function auditFilterFits(filter: AuditTextFilter, value: string): boolean {
  return value.length <= AUDIT_FILTER_MAX_LENGTH && new RegExp(AUDIT_FILTER_PATTERNS[filter]).test(value);
}
