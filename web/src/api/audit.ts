/** The audit log as the admin API returns it (`GET /api/v1/audit`, `GET /api/v1/audit/verify`). */
export interface AuditEntry {
  seq: number;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

export interface AuditList {
  total: number;
  items: AuditEntry[];
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  head?: { seq: number; hash: string };
  firstBad?: { seq: number; reason: string };
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

const show = (value: unknown): string | null =>
  value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * The fields an entry changed, side by side: `{ role: 'viewer' } → { role: 'editor' }` gives
 * `[{ field: 'role', before: 'viewer', after: 'editor' }]`. Values that are not objects show as one `value` row.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(before) && !isObject(after)) {
    if (before === null && after === null) return [];
    return [{ field: 'value', before: show(before ?? undefined), after: show(after ?? undefined) }];
  }
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return fields
    .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }))
    .filter((change) => change.before !== change.after);
}
