/** Dates that documents declare about themselves (meta tags, JSON-LD, e-mail and DOCX headers), as ISO strings. */

/**
 * 'YYYY-MM-DD' stays a date; anything Date can read becomes an ISO date-time; the rest is dropped.
 * `toIsoDate('2024-03-05T10:00:00+03:00')` → '2024-03-05T07:00:00.000Z'.
 */
export function toIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1900 || year > 2200) return null;
  return new Date(ms).toISOString();
}
