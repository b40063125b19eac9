import type { Kysely } from 'kysely';
import { type Audience, isPublicAudience } from '../auth/index.js';
import type { Database } from '../db/schema.js';
import { ExportReads, eventsRead, scopeSql } from './audience.js';

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT values. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + one space), never inside a UTF-8 character.
 * `foldIcsLine('SUMMARY:' + 'я'.repeat(60))` → two lines, each at most 75 octets.
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space, which counts
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * Upcoming court hearings this audience may see (accepted `hearing` events dated today or later, to the day) as
 * an iCalendar feed for families and solidarity groups; the public feed carries no descriptions.
 * `exportHearingsIcs(db, viewer, { now })` → 'BEGIN:VCALENDAR\r\n…END:VCALENDAR\r\n'.
 */
export async function exportHearingsIcs(
  db: Kysely<Database>,
  audience: Audience,
  options: { now?: Date } = {},
): Promise<{ ics: string; count: number }> {
  const reads = new ExportReads('ics');
  const now = options.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('events')
    .leftJoin('places', 'places.id', 'events.place_id')
    .leftJoin('cases', 'cases.id', 'events.case_id')
    .select([
      'events.id',
      'events.date',
      'events.description',
      'events.updated_at',
      'events.confidentiality',
      'places.name as place',
      'cases.id as case_id',
      'cases.confidentiality as case_confidentiality',
      'cases.name as case_name',
      'cases.court',
    ])
    .where('events.type', '=', 'hearing')
    .where('events.status', '=', 'accepted')
    .where('events.deleted_at', 'is', null)
    .where('events.date_precision', '=', 'day')
    .where('events.date', '>=', today)
    .where(scopeSql(audience, 'events'))
    .orderBy('events.date')
    .orderBy('events.id')
    .execute();
  const names = await eventsRead(db, audience, reads, rows);
  const publicFeed = isPublicAudience(audience);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Chronicle//Hearings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  for (const r of rows) {
    const day = r.date!.replace(/-/g, '');
    const next = new Date(`${r.date}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const who = (names.get(r.id) ?? []).join(', ');
    const summary = ['Hearing', who, r.case_name].filter(Boolean).join(' — ');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${r.id}@chronicle`,
      `DTSTAMP:${stamp(now)}`,
      `LAST-MODIFIED:${stamp(new Date(r.updated_at))}`,
      `DTSTART;VALUE=DATE:${day}`,
      `DTEND;VALUE=DATE:${next.toISOString().slice(0, 10).replace(/-/g, '')}`,
      `SUMMARY:${escapeIcsText(summary)}`,
    );
    const location = [r.court, r.place].filter(Boolean).join(', ');
    if (location) lines.push(`LOCATION:${escapeIcsText(location)}`);
    if (r.description && !publicFeed) lines.push(`DESCRIPTION:${escapeIcsText(r.description)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  await reads.audit(db, audience);
  return { ics: `${lines.map(foldIcsLine).join('\r\n')}\r\n`, count: rows.length };
}
