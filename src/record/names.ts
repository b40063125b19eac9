/**
 * The key two names must share to be the same name before fuzzy resolution: lower case, ё folded to е (Russian
 * texts write «Семёнов» and «Семенов» for one surname), white space collapsed.
 * `normalizeName('  Пётр  СЕМЁНОВ ')` → 'петр семенов'.
 */
export function normalizeName(name: string): string {
  return name.normalize('NFC').toLowerCase().replaceAll('ё', 'е').replace(/\s+/gu, ' ').trim();
}

/** The precision an ISO date string states: `datePrecision('2024-03')` → 'month'; anything else → null. */
export function datePrecision(value: string | null | undefined): 'day' | 'month' | 'year' | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'day';
  if (/^\d{4}-\d{2}$/.test(value)) return 'month';
  if (/^\d{4}$/.test(value)) return 'year';
  return null;
}
