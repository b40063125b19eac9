/**
 * The key two names must share to be the same name before fuzzy resolution: lower case, ё folded to е (Russian
 * texts write «Семёнов» and «Семенов» for one surname), white space collapsed.
 * `normalizeName('  Пётр  СЕМЁНОВ ')` → 'петр семенов'.
 */
export function normalizeName(name: string): string {
  return name.normalize('NFC').toLowerCase().replaceAll('ё', 'е').replace(/\s+/gu, ' ').trim();
}

/** How precisely a record's date is known (DESIGN §4): "November 2020" is 2020-11 with precision month. */
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** The precision an ISO date string states: `datePrecision('2024-03')` → 'month'; anything else → null. */
export function datePrecision(value: string | null | undefined): DatePrecision | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'day';
  if (/^\d{4}-\d{2}$/.test(value)) return 'month';
  if (/^\d{4}$/.test(value)) return 'year';
  return null;
}
