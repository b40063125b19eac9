import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { csvFile } from '../export/sheet-cells.js';
import { type PersonStatus, publicStatuses } from '../record/index.js';

/**
 * The public list: people who agreed to be named, in records marked public. A row is published only when the
 * person is public AND consent_to_publish = 1 AND reviewed (accepted) AND not deleted or merged; a case joins only
 * when it is public and accepted too, a region only from a public accepted event of that case, and the status only
 * from the person's override or their public accepted events. Only these five fields ever leave: nothing else of the
 * record (notes, relatives, sources) is selected, so nothing else can leak.
 */
export interface PublicPersonRow {
  name: string;
  status: string | null;
  case: string | null;
  articles: string | null;
  region: string | null;
}

export const PUBLIC_FIELDS = ['name', 'status', 'case', 'articles', 'region'] as const;

/** `await listPublicPersons(db)` → `[{ name: 'Ivan Testov', status: 'in custody', case: 'Case of …', articles: '280.3', region: 'Bashkortostan' }]`. */
export async function listPublicPersons(db: Kysely<Database>): Promise<PublicPersonRow[]> {
  const persons = await db
    .selectFrom('persons')
    .select(['id', 'display_name', 'status_override'])
    .where('confidentiality', '=', 'public')
    .where('review_status', '=', 'accepted')
    .where('consent_to_publish', '=', 1)
    .where('deleted_at', 'is', null)
    .where('merged_into', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  if (persons.length === 0) return [];
  const parties = await db
    .selectFrom('case_parties')
    .innerJoin('cases', 'cases.id', 'case_parties.case_id')
    .select(['case_parties.person_id', 'cases.id as case_id', 'cases.name', 'cases.articles'])
    .where('case_parties.role', '=', 'defendant')
    .where('cases.confidentiality', '=', 'public')
    .where('cases.review_status', '=', 'accepted')
    .where('cases.deleted_at', 'is', null)
    .where(
      'case_parties.person_id',
      'in',
      persons.map((p) => p.id),
    )
    .orderBy('cases.name')
    .execute();
  const caseIds = [...new Set(parties.map((p) => p.case_id))];
  const regions = new Map<string, string>();
  if (caseIds.length > 0) {
    const places = await db
      .selectFrom('events')
      .innerJoin('places', 'places.id', 'events.place_id')
      .select(['events.case_id', 'places.region', 'places.name'])
      .where('events.case_id', 'in', caseIds)
      .where('events.confidentiality', '=', 'public')
      .where('events.status', '=', 'accepted')
      .where('events.deleted_at', 'is', null)
      .where('places.deleted_at', 'is', null)
      .orderBy('events.date')
      .execute();
    for (const p of places) if (p.case_id && !regions.has(p.case_id)) regions.set(p.case_id, p.region ?? p.name);
  }
  const statuses = await publicStatuses(
    db,
    persons.map((p) => ({ id: p.id, statusOverride: p.status_override })),
  );
  const rows: PublicPersonRow[] = [];
  for (const person of persons) {
    const status = statuses.get(person.id) ?? null;
    const theirs = parties.filter((p) => p.person_id === person.id);
    if (theirs.length === 0) rows.push({ name: person.display_name, status, case: null, articles: null, region: null });
    for (const c of theirs) {
      rows.push({
        name: person.display_name,
        status,
        case: c.name,
        articles: formatArticles(c.articles),
        region: regions.get(c.case_id) ?? null,
      });
    }
  }
  return rows;
}

/** cases.articles may hold a JSON array or plain text: `formatArticles('["280.3","207.3"]')` → '280.3; 207.3'. */
function formatArticles(value: string | null): string | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as unknown;
    if (Array.isArray(parsed)) return parsed.map(String).join('; ') || null;
  } catch {
    // plain text
  }
  return value;
}

/**
 * The public list as CSV, as every other export writes it (csvFile: UTF-8 with BOM, CRLF, a cell a spreadsheet would
 * run as a formula prefixed with '), so `chronicle export --public` and `/api/v1/public/persons.csv` are one file.
 */
export function publicPersonsCsv(rows: PublicPersonRow[]): string {
  return csvFile(
    PUBLIC_FIELDS,
    rows.map((r) => PUBLIC_FIELDS.map((f) => r[f])),
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** How the page words each status; the JSON and CSV keep the codes, which other tools read. */
const STATUS_WORDS: Record<PersonStatus, string> = {
  at_liberty: 'at liberty',
  detained: 'detained',
  in_custody: 'in custody',
  house_arrest: 'under house arrest',
  sentenced: 'sentenced',
  released: 'released',
  emigrated: 'emigrated',
  deceased: 'deceased',
};

/** A static page with no script and no inline style, so the strict CSP holds. */
export function publicPersonsHtml(rows: PublicPersonRow[]): string {
  const head = ['Name', 'Status', 'Case', 'Articles', 'Region'].map((h) => `<th scope="col">${h}</th>`).join('');
  const shown = (r: PublicPersonRow, f: (typeof PUBLIC_FIELDS)[number]) =>
    f === 'status' && r.status !== null ? (STATUS_WORDS[r.status as PersonStatus] ?? r.status) : (r[f] ?? '');
  const body = rows
    .map((r) => `<tr>${PUBLIC_FIELDS.map((f) => `<td>${escapeHtml(shown(r, f))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chronicle — public list</title></head>
<body><main><h1>Public list</h1>
<p>People who agreed to be named publicly. <a href="/api/v1/public/persons.csv">CSV</a> · <a href="/api/v1/public/persons.json">JSON</a></p>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></main></body></html>
`;
}
