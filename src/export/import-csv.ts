/**
 * `chronicle import csv`: the rows of a prisoners' spreadsheet (read by csv-map.ts) written into the record through
 * the record domain's own create and update functions, so every person, case and event gets version 1 and an audit
 * entry exactly as if a documentalist had typed it. A row's person is the existing one when a name of the row has
 * the same name key as an accepted person (findExistingPerson, the rule staging uses), directly or through a
 * transliteration into the other script; otherwise a new person. All accepted rows commit in one transaction; a
 * dry run runs the same writes and rolls them back, so its report is exactly what a real run would do.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Confidentiality, Database } from '../db/schema.js';
import {
  type ArticleInput,
  articleLabel,
  createCase,
  createEvent,
  createPerson,
  findExistingCase,
  findExistingPerson,
  getCase,
  getPerson,
  getPersonStatus,
  listEvents,
  normalizeName,
  type PersonDetails,
  type PersonInput,
  regionPlace,
  setStatusOverride,
  updateCase,
  updatePerson,
} from '../record/index.js';
import { cyrillicSpelling, latinVariants } from '../resolve/index.js';
import { type CsvMap, isRejected, type SheetPerson, type Spreadsheet } from './csv-map.js';

export type CsvRowOutcome =
  | {
      row: number;
      outcome: 'created';
      name: string;
      /** Null in a dry run (nothing was kept). */
      personId: string | null;
      events: number;
    }
  | {
      row: number;
      outcome: 'merged';
      name: string;
      personId: string | null;
      /** The person the row was merged into, and the earlier row of this file that created it, if one did. */
      into: { name: string; row: number | null };
      reason: string;
      events: number;
      /** What the row says that the record already holds differently (kept as it was, never overwritten). */
      kept: string[];
    }
  | { row: number; outcome: 'rejected'; reason: string };

export interface CsvImportReport {
  file: string;
  dryRun: boolean;
  format: Spreadsheet['format'];
  /** A workbook's sheet that was read; null for CSV. */
  sheet: string | null;
  /** A CSV's; null for a workbook. */
  encoding: string | null;
  delimiter: string | null;
  ignoredColumns: string[];
  emptyRows: number;
  rows: CsvRowOutcome[];
  created: number;
  merged: number;
  rejected: number;
}

export interface CsvImportOptions {
  /** The file name the report and the audit entry name. */
  file: string;
  dryRun?: boolean;
  userId: string | null;
  map: Pick<CsvMap, 'confidentiality'>;
}

class DryRunRollback extends Error {}

/**
 * Writes the accepted rows of `sheet` in one transaction (or, with `dryRun`, rolls it back) and reports each row.
 * `importCsvSpreadsheet(db, readSpreadsheet(bytes, map), { file: 'list.csv', userId: null, map })` →
 * `{ created: 3, merged: 1, rejected: 2, rows: [{ row: 2, outcome: 'created', … }, …] }`.
 */
export async function importCsvSpreadsheet(
  db: Kysely<Database>,
  sheet: Spreadsheet,
  options: CsvImportOptions,
): Promise<CsvImportReport> {
  const report: CsvImportReport = {
    file: options.file,
    dryRun: Boolean(options.dryRun),
    format: sheet.format,
    sheet: sheet.sheet,
    encoding: sheet.encoding,
    delimiter: sheet.delimiter,
    ignoredColumns: sheet.ignoredColumns,
    emptyRows: sheet.emptyRows,
    rows: [],
    created: 0,
    merged: 0,
    rejected: 0,
  };
  try {
    await db.transaction().execute(async (trx) => {
      const writer = new RowWriter(trx, options);
      for (const row of sheet.rows) {
        const outcome = isRejected(row)
          ? ({ row: row.row, outcome: 'rejected', reason: row.reason } as const)
          : await writer.write(row);
        report.rows.push(outcome);
        report[outcome.outcome]++;
      }
      await appendAudit(trx, {
        userId: options.userId,
        action: 'record.import-csv',
        target: `imports/${options.file}`,
        after: { created: report.created, merged: report.merged, rejected: report.rejected },
      });
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
    for (const row of report.rows) if (row.outcome !== 'rejected' && writtenHere(row)) row.personId = null;
  }
  return report;
}

/** In a dry run, ids of persons this file created were never kept; ids of existing persons stay meaningful. */
function writtenHere(row: Extract<CsvRowOutcome, { outcome: 'created' | 'merged' }>): boolean {
  return row.outcome === 'created' || row.into.row !== null;
}

const SCRIPT_CYRILLIC = /\p{Script=Cyrillic}/u;

class RowWriter {
  /** Persons created by this import, with the row that created them. */
  private readonly createdBy = new Map<string, number>();
  private readonly confidentiality: Confidentiality;

  constructor(
    private readonly trx: Kysely<Database>,
    private readonly options: CsvImportOptions,
  ) {
    this.confidentiality = options.map.confidentiality ?? 'internal';
  }

  async write(row: SheetPerson): Promise<CsvRowOutcome> {
    const match = await this.match(row);
    let personId: string;
    let outcome: CsvRowOutcome;
    if (match) {
      personId = match.personId;
      const kept = await this.mergeInto(personId, row);
      const into = await getPerson(this.trx, personId);
      outcome = {
        row: row.row,
        outcome: 'merged',
        name: row.displayName,
        personId,
        into: { name: into.displayName, row: this.createdBy.get(personId) ?? null },
        reason: match.reason,
        events: 0,
        kept,
      };
    } else {
      const person = await createPerson(this.trx, this.personInput(row), this.options.userId);
      personId = person.id;
      this.createdBy.set(personId, row.row);
      outcome = { row: row.row, outcome: 'created', name: row.displayName, personId, events: 0 };
    }
    const caseId = await this.caseOf(personId, row);
    const region = row.region ?? (await getPerson(this.trx, personId)).details.region ?? null;
    const placeId = region && row.events.length > 0 ? await regionPlace(this.trx, region) : null;
    outcome.events = await this.addEvents(personId, caseId, placeId, row);
    if (row.status) await this.setStatus(personId, row);
    return outcome;
  }

  /**
   * The accepted person a row names, trying its names as written, then each one spelled in the other script:
   * «Ivan Testov» → «Иван Тестов» by the usual Russian spelling of Latin, «Иван Тестов» → Ivan Testov under the
   * standard schemes. Exact name keys only: fuzzier matches are the resolver's merge proposals, not an import's.
   */
  private async match(row: SheetPerson): Promise<{ personId: string; reason: string } | null> {
    const names = [row.displayName, row.otherScriptName].filter((n): n is string => Boolean(n));
    for (const name of names) {
      const id = await findExistingPerson(this.trx, name);
      if (id) return { personId: id, reason: `same name «${name}»${await this.foundAs(id, name)}` };
    }
    for (const name of names) {
      const spellings = SCRIPT_CYRILLIC.test(name)
        ? latinVariants(name, 8)
        : [
            name
              .split(/(\s+|-)/u)
              .map((part) => (/\p{L}/u.test(part) ? cyrillicSpelling(part) : part))
              .join(''),
          ];
      for (const spelling of spellings) {
        const id = await findExistingPerson(this.trx, spelling);
        if (id)
          return {
            personId: id,
            reason: `«${name}» written in the other script is «${spelling}»${await this.foundAs(id, spelling)}`,
          };
      }
    }
    return null;
  }

  /** ", a name of «Иван Тестов» (row 2)": which person the key found, when its shown name differs. */
  private async foundAs(personId: string, name: string): Promise<string> {
    const person = await getPerson(this.trx, personId);
    const row = this.createdBy.get(personId);
    const shown =
      normalizeName(person.displayName) === normalizeName(name) ? '' : `, a name of «${person.displayName}»`;
    return `${shown}${row !== undefined ? ` (row ${row})` : ''}`;
  }

  private personInput(row: SheetPerson): PersonInput {
    const details: PersonDetails = {};
    if (row.region) details.region = row.region;
    if (row.sources.length > 0) details.sourceUrls = row.sources;
    return {
      displayName: row.displayName,
      aliases: row.otherScriptName ? [row.otherScriptName] : [],
      gender: row.gender,
      birthYear: row.birthYear,
      notes: row.notes,
      confidentiality: this.confidentiality,
      details,
    };
  }

  /** Adds what the row knows and the person lacks (names, empty fields, links) as one new version. */
  private async mergeInto(personId: string, row: SheetPerson): Promise<string[]> {
    const person = await getPerson(this.trx, personId);
    const kept: string[] = [];
    const changes: Partial<PersonInput> = {};
    const have = new Set(person.names.map((n) => normalizeName(n.name)));
    const aliases = [row.displayName, row.otherScriptName].filter(
      (n): n is string => Boolean(n) && !have.has(normalizeName(n!)),
    );
    if (aliases.length > 0) changes.aliases = aliases;
    const fill = <K extends 'birthYear' | 'gender' | 'notes'>(key: K, label: string) => {
      const value = row[key];
      if (value === null || value === undefined) return;
      if (person[key] === null || person[key] === undefined) (changes as Record<string, unknown>)[key] = value;
      else if (person[key] !== value) kept.push(`${label} ${person[key]} kept (row says ${value})`);
    };
    fill('birthYear', 'birth year');
    fill('gender', 'gender');
    fill('notes', 'notes');
    const details: PersonDetails = { ...person.details };
    let detailsChanged = false;
    if (row.region) {
      if (!details.region) {
        details.region = row.region;
        detailsChanged = true;
      } else if (normalizeName(details.region) !== normalizeName(row.region))
        kept.push(`region ${details.region} kept (row says ${row.region})`);
    }
    const urls = Array.isArray(details.sourceUrls) ? (details.sourceUrls as string[]) : [];
    const newUrls = row.sources.filter((u) => !urls.includes(u));
    if (newUrls.length > 0) {
      details.sourceUrls = [...urls, ...newUrls];
      detailsChanged = true;
    }
    if (detailsChanged) changes.details = details;
    if (Object.keys(changes).length > 0) await updatePerson(this.trx, personId, changes, this.options.userId);
    return kept;
  }

  /**
   * The row's case: the named one (linked when a case of that name exists), or for articles without a case name,
   * «дело <name>». The person becomes its defendant; articles it lacks are added.
   */
  private async caseOf(personId: string, row: SheetPerson): Promise<string | null> {
    if (!row.caseName && row.articles.length === 0) return null;
    const name = row.caseName ?? `дело ${row.displayName}`;
    const existing = await findExistingCase(this.trx, name);
    if (!existing) {
      // A case named after its defendant names them: published, it would name a person the public list leaves out
      // until they consent (an imported person has not). The spreadsheet's own case names stay as it says.
      const namedAfterDefendant = row.caseName == null;
      const confidentiality =
        namedAfterDefendant && this.confidentiality === 'public' ? 'internal' : this.confidentiality;
      const created = await createCase(
        this.trx,
        {
          name,
          articles: row.articles,
          confidentiality,
          parties: [{ personId, role: 'defendant' }],
        },
        this.options.userId,
      );
      return created.id;
    }
    const kase = await getCase(this.trx, existing);
    const labels = new Set(kase.articles.map((a) => articleLabel(a)));
    const articles: ArticleInput[] = [...kase.articles, ...row.articles.filter((a) => !labels.has(articleLabel(a)))];
    const isParty = kase.parties.some((p) => p.personId === personId && p.role === 'defendant');
    if (articles.length !== kase.articles.length || !isParty) {
      await updateCase(
        this.trx,
        existing,
        {
          articles,
          parties: isParty ? undefined : [...kase.parties, { personId, role: 'defendant' }],
        },
        this.options.userId,
      );
    }
    return existing;
  }

  /**
   * One accepted event per date column, the person its subject, placed in the row's region (so statistics by region
   * count it); one the person already has (type and date) is not repeated.
   */
  private async addEvents(
    personId: string,
    caseId: string | null,
    placeId: string | null,
    row: SheetPerson,
  ): Promise<number> {
    if (row.events.length === 0) return 0;
    const existing = await listEvents(this.trx, { personId, limit: 500 });
    const have = new Set(existing.items.map((e) => `${e.type}/${e.date ?? ''}`));
    let added = 0;
    for (const event of row.events) {
      const key = `${event.type}/${event.date?.value ?? ''}`;
      if (have.has(key)) continue;
      have.add(key);
      await createEvent(
        this.trx,
        {
          type: event.type,
          date: event.date?.value ?? null,
          datePrecision: event.date?.precision ?? null,
          caseId,
          placeId,
          sentenceYears: event.sentenceYears,
          description: `${this.options.file}, row ${row.row}`,
          confidentiality: this.confidentiality,
          participants: [{ entityType: 'persons', entityId: personId, role: 'subject' }],
        },
        this.options.userId,
      );
      added++;
    }
    return added;
  }

  /**
   * The spreadsheet's status column states where the person is now. Where the events already say so nothing is
   * stored; otherwise it becomes a manual status whose reason names the file, row and cell (DESIGN §4: an override
   * is recorded with its reason).
   */
  private async setStatus(personId: string, row: SheetPerson): Promise<void> {
    const status = row.status!;
    const view = await getPersonStatus(this.trx, personId);
    if (view.status === status.value) return;
    await setStatusOverride(
      this.trx,
      personId,
      { status: status.value, reason: `${this.options.file}, row ${row.row}: «${status.cell}»` },
      this.options.userId,
    );
  }
}
