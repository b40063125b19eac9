import { isCalendarDate } from '../shared/dates.js';
import { ChronicleError } from '../shared/errors.js';
import { EVENT_TYPES } from './extraction-input.js';
import { datePrecision } from './names.js';
import type { RecordTable } from './versions.js';

type FieldKind = 'string' | 'nullableString' | 'nullableDate' | 'nullableNumber' | 'json' | 'flag' | 'confidentiality';

/** The fields a person may set on each record, their column, and what they hold. */
const FIELDS: Record<RecordTable, Record<string, [column: string, kind: FieldKind]>> = {
  persons: {
    displayName: ['display_name', 'string'],
    gender: ['gender', 'nullableString'],
    birthYear: ['birth_year', 'nullableNumber'],
    notes: ['notes', 'nullableString'],
    confidentiality: ['confidentiality', 'confidentiality'],
    consentToPublish: ['consent_to_publish', 'flag'],
    details: ['details', 'json'],
  },
  organizations: {
    name: ['name', 'string'],
    kind: ['kind', 'nullableString'],
    confidentiality: ['confidentiality', 'confidentiality'],
  },
  places: {
    name: ['name', 'string'],
    kind: ['kind', 'nullableString'],
    country: ['country', 'nullableString'],
    region: ['region', 'nullableString'],
    lat: ['lat', 'nullableNumber'],
    lon: ['lon', 'nullableNumber'],
    gazetteerId: ['gazetteer_id', 'nullableString'],
  },
  cases: {
    name: ['name', 'string'],
    jurisdiction: ['jurisdiction', 'nullableString'],
    articles: ['articles', 'json'],
    openedOn: ['opened_on', 'nullableDate'],
    status: ['status', 'nullableString'],
    court: ['court', 'nullableString'],
    notes: ['notes', 'nullableString'],
    confidentiality: ['confidentiality', 'confidentiality'],
  },
  events: {
    type: ['type', 'string'],
    date: ['date', 'nullableDate'],
    datePrecision: ['date_precision', 'nullableString'],
    dateEnd: ['date_end', 'nullableDate'],
    placeId: ['place_id', 'nullableString'],
    caseId: ['case_id', 'nullableString'],
    sentenceYears: ['sentence_years', 'nullableNumber'],
    fineAmount: ['fine_amount', 'nullableNumber'],
    description: ['description', 'nullableString'],
    confidentiality: ['confidentiality', 'confidentiality'],
  },
};

/**
 * Maps API field names to columns, checking each value: `toColumns('events', { date: '2024-03' })` →
 * `{ date: '2024-03', date_precision: 'month' }`. Unknown fields are an error, never silently dropped.
 */
export function toColumns(
  table: RecordTable,
  changes: Record<string, unknown>,
  options: { ignore?: string[] } = {},
): Record<string, unknown> {
  const fields = FIELDS[table];
  const columns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || options.ignore?.includes(key)) continue;
    const field = fields[key];
    if (!field) throw new ChronicleError('VALIDATION', `${table} have no field ${key}`);
    const [column, kind] = field;
    columns[column] = checkValue(key, kind, value);
  }
  if (table === 'events') {
    if (typeof columns.type === 'string' && !(EVENT_TYPES as readonly string[]).includes(columns.type)) {
      throw new ChronicleError('VALIDATION', `unknown event type ${columns.type}`);
    }
    if ('date' in columns && !('date_precision' in columns))
      columns.date_precision = datePrecision(columns.date as string | null);
  }
  return columns;
}

function checkValue(key: string, kind: FieldKind, value: unknown): unknown {
  switch (kind) {
    case 'string':
      if (typeof value !== 'string' || value.trim() === '')
        throw new ChronicleError('VALIDATION', `${key} must be a non-empty string`);
      return value.trim();
    case 'nullableString':
      if (value !== null && typeof value !== 'string')
        throw new ChronicleError('VALIDATION', `${key} must be a string or null`);
      return value;
    case 'nullableDate':
      if (value !== null && (typeof value !== 'string' || !isCalendarDate(value)))
        throw new ChronicleError(
          'VALIDATION',
          `${key} must be a real date written YYYY, YYYY-MM or YYYY-MM-DD, not ${JSON.stringify(value)}`,
        );
      return value;
    case 'nullableNumber':
      if (value !== null && (typeof value !== 'number' || !Number.isFinite(value)))
        throw new ChronicleError('VALIDATION', `${key} must be a number or null`);
      return value;
    case 'flag':
      return value ? 1 : 0;
    case 'json':
      return JSON.stringify(value ?? null);
    case 'confidentiality':
      if (value !== 'public' && value !== 'internal' && value !== 'restricted')
        throw new ChronicleError('VALIDATION', `${key} must be public, internal or restricted`);
      return value;
  }
}
