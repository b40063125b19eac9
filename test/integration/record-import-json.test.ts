import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup, WORKSPACE_OWNER } from '../../src/auth/index.js';
import { openWorkspace } from '../../src/db/connection.js';
import type { Database } from '../../src/db/schema.js';
import { exportRecordsJson, importRecordsJson, type RecordExport } from '../../src/export/index.js';
import { createEvent, createPerson, EVENT_TYPES, mergePersons } from '../../src/record/index.js';
import { ChronicleError } from '../../src/shared/errors.js';
import { runMain } from '../helpers/cli.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';
import { stageUfaReport, UFA_TEXT } from './record-fixtures.js';

const dialects = await testDialects();

/** Every table an import writes to, the blobs and the audit log included. */
const COUNTED = [
  'sources',
  'blobs',
  'source_texts',
  'places',
  'organizations',
  'persons',
  'person_names',
  'cases',
  'case_parties',
  'events',
  'event_participants',
  'mentions',
  'evidence',
  'relationships',
  'record_versions',
  'name_keys',
  'staged_records',
  'groups',
  'record_groups',
  'merge_proposals',
  'person_merges',
  'audit_log',
] as const;

async function counts(db: Kysely<Database>): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of COUNTED) {
    const row = await db
      .selectFrom(table as 'persons')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

type Row = Record<string, unknown>;

/**
 * An export of the Ufa record; with `mergeForward`, Иван Петров is merged into a person created after him, so his
 * `merged_into` points at a row that comes later in the file.
 */
async function ufaExport(
  dialect: 'sqlite' | 'postgres',
  options: { mergeForward?: boolean } = {},
): Promise<RecordExport> {
  const origin = await createTestWorkspace(dialect);
  try {
    const { db } = origin.workspace;
    const { personId } = await stageUfaReport(origin.workspace, { accept: true });
    if (options.mergeForward) {
      const later = await db.transaction().execute((trx) => createPerson(trx, { displayName: 'Петров И. А.' }, null));
      await mergePersons(db, WORKSPACE_OWNER, later.id, personId);
    }
    return JSON.parse(JSON.stringify(await exportRecordsJson(db, WORKSPACE_OWNER, null))) as RecordExport;
  } finally {
    await origin.dispose();
  }
}

describe.each(dialects)('import json checks the file before writing, on %s', (dialect) => {
  let exported: RecordExport;
  let merged: RecordExport;
  let target: TestWorkspace;
  let sourceId: string;
  /** A fresh copy of the export, changed by `edit`. */
  const edited = (edit: (tables: Record<string, Row[]>) => void): RecordExport => {
    const copy = JSON.parse(JSON.stringify(exported)) as RecordExport;
    edit(copy.tables as unknown as Record<string, Row[]>);
    return copy;
  };
  /** Imports `data` as the CLI does, in one transaction; returns the error it was refused with. */
  const refused = async (data: unknown): Promise<ChronicleError> => {
    const before = await counts(target.workspace.db);
    const error = await target.workspace.db
      .transaction()
      .execute((trx) => importRecordsJson(trx, data, { cipher: null, userId: null }))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ChronicleError);
    expect((error as ChronicleError).code).toBe('VALIDATION');
    expect((error as ChronicleError).message).not.toContain('\n');
    expect(await counts(target.workspace.db)).toEqual(before);
    return error as ChronicleError;
  };

  beforeAll(async () => {
    exported = await ufaExport(dialect);
    merged = await ufaExport(dialect, { mergeForward: true });
    sourceId = exported.tables.sources[0]!.id as string;
    target = await createTestWorkspace(dialect);
    // The receiving workspace holds a record of its own, which a refused import must leave as it is.
    await target.workspace.db
      .transaction()
      .execute((trx) => createEvent(trx, { type: 'search', date: '2023-05-01', participants: [] }, null));
  });
  afterAll(async () => target?.dispose());

  it('refuses evidence whose span was moved: its quote is no longer the text there', async () => {
    const evidence = exported.tables.evidence[0]!;
    const data = edited((t) => {
      t.evidence![0]!.start = (evidence.start as number) + 1;
    });
    const error = await refused(data);
    expect(error.message).toBe(
      `evidence ${evidence.id} (source ${sourceId}): its quote differs from the source's text at ${(evidence.start as number) + 1}–${evidence.end}`,
    );
  });

  it('refuses a field holding a NUL character, naming it, before PostgreSQL would refuse the whole file', async () => {
    const error = await refused(
      edited((t) => {
        t.persons![0]!.name = 'Иван\u0000Нулевой';
      }),
    );
    expect(error.message).toBe('persons[0].name holds a NUL character (U+0000), which no field may hold');
  });

  it('refuses evidence whose quote was rewritten', async () => {
    const evidence = exported.tables.evidence[1]!;
    const error = await refused(
      edited((t) => {
        t.evidence![1]!.quote = 'Fabricated quote nobody wrote';
      }),
    );
    expect(error.message).toBe(
      `evidence ${evidence.id} (source ${sourceId}): its quote differs from the source's text at ${evidence.start}–${evidence.end}`,
    );
  });

  it('refuses evidence whose span runs past the end of the text (UTF-16 length), and a reversed span', async () => {
    const evidence = exported.tables.evidence[0]!;
    const error = await refused(
      edited((t) => {
        t.evidence![0]!.end = 999999;
        t.evidence![0]!.quote = 'Fabricated quote nobody wrote';
      }),
    );
    expect(error.message).toBe(
      `evidence ${evidence.id} (source ${sourceId}): span ${evidence.start}–999999 lies outside the source's text of ${UFA_TEXT.length} characters`,
    );
    // One past the end is already outside; the end itself is inside (the untouched export below ends there).
    const past = await refused(
      edited((t) => {
        t.evidence![0]!.end = UFA_TEXT.length + 1;
      }),
    );
    expect(past.message).toContain(`lies outside the source's text of ${UFA_TEXT.length} characters`);
    const reversed = await refused(
      edited((t) => {
        t.evidence![0]!.start = evidence.end;
        t.evidence![0]!.end = evidence.start;
        t.evidence![0]!.quote = '';
      }),
    );
    expect(reversed.message).toBe(
      `evidence ${evidence.id} (source ${sourceId}): span ${evidence.end}–${evidence.start} does not start before it ends`,
    );
  });

  it('refuses a mention whose text is not the span of its source', async () => {
    const mention = exported.tables.mentions[0]!;
    const error = await refused(
      edited((t) => {
        t.mentions![0]!.text = 'Сидорова';
      }),
    );
    expect(error.message).toBe(
      `mention ${mention.id} (source ${sourceId}): its text differs from the source's text at ${mention.start}–${mention.end}`,
    );
  });

  it('counts the other faults in the one-line message and lists them as details', async () => {
    const error = await refused(
      edited((t) => {
        for (const e of t.evidence!) e.quote = 'Fabricated quote nobody wrote';
      }),
    );
    const n = exported.tables.evidence.length;
    expect(n).toBeGreaterThan(1);
    expect(error.message).toMatch(new RegExp(`\\(and ${n - 1} more\\)$`));
    expect((error.details as { problems: string[] }).problems).toHaveLength(n);
  });

  it('refuses a reference to a row neither in the file nor in the workspace, naming the row and the id', async () => {
    const participant = exported.tables.event_participants.find((p) => p.entity_type === 'persons')!;
    const key = `${participant.event_id}/persons/01NOSUCHPERSON0000000000000/${participant.role}`;
    const toPerson = await refused(
      edited((t) => {
        const p = t.event_participants!.find((r) => r.event_id === participant.event_id && r.entity_type === 'persons');
        p!.entity_id = '01NOSUCHPERSON0000000000000';
      }),
    );
    expect(toPerson.message).toBe(
      `event_participants ${key}: entity_id refers to persons 01NOSUCHPERSON0000000000000, which is neither in the file nor in the workspace`,
    );
    // A foreign key of the schema: the database's bare "FOREIGN KEY constraint failed" before.
    const party = exported.tables.case_parties[0]!;
    const toCase = await refused(
      edited((t) => {
        t.case_parties![0]!.case_id = '01NOSUCHCASE000000000000000';
      }),
    );
    expect(toCase.message).toBe(
      `case_parties 01NOSUCHCASE000000000000000/${party.person_id}/${party.role}: case_id refers to cases 01NOSUCHCASE000000000000000, which is neither in the file nor in the workspace`,
    );
    const event = exported.tables.events.find((e) => e.source_id !== null)!;
    const toSource = await refused(
      edited((t) => {
        t.events!.find((e) => e.id === event.id)!.source_id = '01NOSUCHSOURCE00000000000000';
      }),
    );
    expect(toSource.message).toContain(`events ${event.id}: source_id refers to sources 01NOSUCHSOURCE00000000000000`);
  });

  it('names the row the database refuses for a constraint the checks do not cover (a second source of the same bytes)', async () => {
    const error = await refused(
      edited((t) => {
        t.sources!.push({ ...t.sources![0]!, id: '01SECONDCOPY000000000000000' });
      }),
    );
    expect(error.message).toMatch(/^sources 01SECONDCOPY000000000000000 cannot be written: /);
  });

  it('refuses values the API would refuse, naming the table, the row and the field', async () => {
    const event = exported.tables.events[0]!;
    const person = exported.tables.persons[0]!;
    /** Sets `field` of the first row of `table`. */
    const set = (table: string, field: string, value: unknown) => (t: Record<string, Row[]>) => {
      t[table]![0]![field] = value;
    };
    const cases: Array<[edit: (t: Record<string, Row[]>) => void, message: string]> = [
      [
        set('events', 'date', '2024-99-99'),
        `events ${event.id}: date "2024-99-99" is not a real date written YYYY, YYYY-MM or YYYY-MM-DD`,
      ],
      [
        set('events', 'date_end', '2025-02-30'),
        `events ${event.id}: date_end "2025-02-30" is not a real date written YYYY, YYYY-MM or YYYY-MM-DD`,
      ],
      [
        set('events', 'date_precision', 'century'),
        `events ${event.id}: date_precision "century" is not a date precision (day, month, year)`,
      ],
      [
        set('events', 'type', 'bogus'),
        `events ${event.id}: type "bogus" is not an event type (${EVENT_TYPES.join(', ')})`,
      ],
      [
        set('events', 'status', 'maybe'),
        `events ${event.id}: status "maybe" is not a review status (proposed, accepted, rejected)`,
      ],
      [
        set('persons', 'confidentiality', 'banana'),
        `persons ${person.id}: confidentiality "banana" is not a confidentiality level (public, internal, restricted)`,
      ],
      [
        set('persons', 'review_status', 'whatever'),
        `persons ${person.id}: review_status "whatever" is not a review status (proposed, accepted, rejected)`,
      ],
      [set('persons', 'details', '{not json'), `persons ${person.id}: details "{not json" is not JSON`],
      [
        (t) => {
          t.groups = [{ id: '01FILEGROUP0000000000000000', name: ' Адвокаты' }];
        },
        'groups 01FILEGROUP0000000000000000: name " Адвокаты" ' +
          'is not a name as a group is given one (trimmed, one space apart)',
      ],
      [
        (t) => {
          t.groups = [{ id: '01FILEGROUP0000000000000000', name: 'Адвокаты' }];
          t.record_groups = [
            { record_table: 'places', record_id: t.places![0]!.id, group_id: '01FILEGROUP0000000000000000' },
          ];
        },
        `record_groups places/${exported.tables.places[0]!.id}/01FILEGROUP0000000000000000: record_table "places" ` +
          'is not a table whose records have access groups (sources, persons, cases, events, organizations)',
      ],
    ];
    for (const [edit, message] of cases) expect((await refused(edited(edit))).message).toBe(message);
    // Several at once: the first in the order of the tables named, the others counted.
    const all = await refused(
      edited((t) => {
        set('events', 'type', 'bogus')(t);
        set('persons', 'confidentiality', 'banana')(t);
      }),
    );
    expect(all.message).toBe(
      `persons ${person.id}: confidentiality "banana" is not a confidentiality level (public, internal, restricted) ` +
        '(and 1 more)',
    );
  });

  it('refuses merge history and proposals an undo could not read: unknown kind or status, moves not JSON', async () => {
    const merge = merged.tables.person_merges[0]!;
    const proposal = { id: '01FILEPROPOSAL0000000000000', person_a: merge.kept_id, person_b: merge.other_id };
    const copy = (edit: (t: Record<string, Row[]>) => void) => {
      const data = JSON.parse(JSON.stringify(merged)) as RecordExport;
      edit(data.tables as unknown as Record<string, Row[]>);
      return data;
    };
    const set = (field: string, value: unknown) => (t: Record<string, Row[]>) => {
      t.person_merges![0]![field] = value;
    };
    const moved = await refused(copy(set('moved', 'names: all')));
    expect(moved.message).toBe(`person_merges ${merge.id}: moved "names: all" is not JSON`);
    const kind = await refused(copy(set('kind', 'fold')));
    expect(kind.message).toBe(`person_merges ${merge.id}: kind "fold" is not a kind of merge (merge, split)`);
    const status = await refused(
      copy((t) => {
        t.merge_proposals = [
          {
            ...proposal,
            score: 1,
            why: '{}',
            status: 'apart',
            decided_by: null,
            decided_at: null,
            created_at: 'x',
            updated_at: 'x',
          },
        ];
      }),
    );
    expect(status.message).toBe(
      `merge_proposals ${proposal.id}: status "apart" is not a merge proposal status (pending, merged, kept_apart)`,
    );
  });

  it('refuses a group whose name the workspace gives another group, whatever its letter case', async () => {
    const { db } = target.workspace;
    const theirs = await createGroup(db, null, 'Адвокаты Уфы');
    const person = exported.tables.persons[0]!;
    const withGroup = (name: string) =>
      edited((t) => {
        t.groups = [{ id: '01FILEGROUP0000000000000000', name }];
        t.record_groups = [{ record_table: 'persons', record_id: person.id, group_id: '01FILEGROUP0000000000000000' }];
      });
    const error = await refused(withGroup('адвокаты уфы'));
    expect(error.message).toBe(
      `groups 01FILEGROUP0000000000000000: the workspace has another group named "Адвокаты Уфы" (${theirs.id}); ` +
        'rename one of them and import again',
    );
    const twice = await refused(
      edited((t) => {
        t.groups = [
          { id: '01FILEGROUPA000000000000000', name: 'Семья' },
          { id: '01FILEGROUPB000000000000000', name: 'СЕМЬЯ' },
        ];
      }),
    );
    expect(twice.message).toBe(
      'groups 01FILEGROUPB000000000000000: the file has another group named "Семья" (01FILEGROUPA000000000000000); ' +
        'rename one of them and import again',
    );
    const nowhere = await refused(
      edited((t) => {
        t.record_groups = [{ record_table: 'persons', record_id: person.id, group_id: '01NOSUCHGROUP0000000000000' }];
      }),
    );
    expect(nowhere.message).toBe(
      `record_groups persons/${person.id}/01NOSUCHGROUP0000000000000: group_id refers to groups ` +
        '01NOSUCHGROUP0000000000000, which is neither in the file nor in the workspace',
    );
    // A group already there under the file's id is the same group, and kept as it is, its name included.
    const same = await db.transaction().execute((trx) =>
      importRecordsJson(
        trx,
        { ...withGroup('Другое имя'), tables: { groups: [{ id: theirs.id, name: 'x' }] } },
        {
          cipher: null,
          userId: null,
        },
      ),
    );
    expect(same.skipped.groups).toBe(1);
    expect(await db.selectFrom('groups').select('name').where('id', '=', theirs.id).execute()).toEqual([
      { name: 'Адвокаты Уфы' },
    ]);
  });

  it('imports an untouched export (a person merged into a later one included) and exports it back; a later file may name its rows', async () => {
    const { db } = target.workspace;
    const ids = merged.tables.persons.map((p) => p.id);
    const folded = merged.tables.persons.find((p) => p.merged_into !== null)!;
    expect(ids.indexOf(folded.merged_into)).toBeGreaterThan(ids.indexOf(folded.id));
    const result = await db
      .transaction()
      .execute((trx) => importRecordsJson(trx, JSON.parse(JSON.stringify(merged)), { cipher: null, userId: null }));
    expect(result.inserted.evidence).toBe(merged.tables.evidence.length);
    expect(result.inserted.persons).toBe(2);
    const back = await exportRecordsJson(db, WORKSPACE_OWNER, null);
    for (const table of Object.keys(merged.tables) as Array<keyof RecordExport['tables']>)
      for (const row of merged.tables[table]) expect(back.tables[table]).toContainEqual(row);
    // A second file that names the now stored source and person without carrying them.
    const person = merged.tables.persons.find((p) => p.merged_into === null)!;
    const extra = {
      ...merged,
      tables: {
        event_participants: [],
        persons: [],
        sources: [],
        source_texts: [],
        evidence: [
          {
            ...merged.tables.evidence[0]!,
            id: '01EXTRAEVIDENCE000000000000',
            target_table: 'persons',
            target_id: person.id,
          },
        ],
      },
    };
    const again = await db
      .transaction()
      .execute((trx) => importRecordsJson(trx, extra, { cipher: null, userId: null }));
    expect(again.inserted.evidence).toBe(1);
  });
});

describe('chronicle import json / csv on the command line (SQLite)', () => {
  let dir: string;
  let data: string;
  let exported: RecordExport;
  let merged: RecordExport;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-import-json-'));
    data = join(dir, 'data');
    exported = await ufaExport('sqlite');
    merged = await ufaExport('sqlite', { mergeForward: true });
    const workspace = await openWorkspace({ dataDir: data, databaseUrl: '', key: null });
    await workspace.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const stored = async () => {
    const workspace = await openWorkspace({ dataDir: data, databaseUrl: '', key: null });
    try {
      return await counts(workspace.db);
    } finally {
      await workspace.close();
    }
  };
  /** The error line of a run, whatever warnings come before it. */
  const errorLine = (stderr: string) =>
    stderr.split('\n').filter((l) => l.startsWith('chronicle: ') && !l.startsWith('chronicle: warning:'));

  it('refuses an export with a fabricated quote past the end of the text, writing nothing', async () => {
    const file = join(dir, 'fabricated.json');
    const copy = JSON.parse(JSON.stringify(exported)) as RecordExport;
    copy.tables.evidence[0]!.end = 999999;
    copy.tables.evidence[0]!.quote = 'Fabricated quote nobody wrote';
    writeFileSync(file, JSON.stringify(copy));
    const before = await stored();
    const run = await runMain(['--data', data, 'import', 'json', file], { CHRONICLE_KEY: '' });
    expect(run.code).toBe(1);
    expect(errorLine(run.stderr)).toEqual([
      `chronicle: evidence ${copy.tables.evidence[0]!.id} (source ${copy.tables.sources[0]!.id}): span ${copy.tables.evidence[0]!.start}–999999 lies outside the source's text of ${UFA_TEXT.length} characters`,
    ]);
    expect(await stored()).toEqual(before);
    expect(before.evidence).toBe(0);
  });

  it('names the path when FILE (or --map) is a directory', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    const json = await runMain(['--data', data, 'import', 'json', folder], { CHRONICLE_KEY: '' });
    expect(json.code).toBe(1);
    expect(errorLine(json.stderr)).toEqual([`chronicle: ${folder} is a directory, not a file`]);
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ fields: { name: 'ФИО' } }));
    const csv = await runMain(['--data', data, 'import', 'csv', folder, '--map', map], { CHRONICLE_KEY: '' });
    expect(csv.code).toBe(1);
    expect(errorLine(csv.stderr)).toEqual([`chronicle: ${folder} is a directory, not a file`]);
    const csvFile = join(dir, 'people.csv');
    writeFileSync(csvFile, 'ФИО\nЧистов Пётр\n');
    const mapDir = await runMain(['--data', data, 'import', 'csv', csvFile, '--map', folder], { CHRONICLE_KEY: '' });
    expect(mapDir.code).toBe(1);
    expect(errorLine(mapDir.stderr)).toEqual([`chronicle: ${folder} is a directory, not a file`]);
  });

  it('refuses an export with an event type no API takes, writing nothing', async () => {
    const file = join(dir, 'bogus.json');
    const copy = JSON.parse(JSON.stringify(exported)) as RecordExport;
    copy.tables.events[0]!.type = 'bogus';
    writeFileSync(file, JSON.stringify(copy));
    const before = await stored();
    const run = await runMain(['--data', data, 'import', 'json', file], { CHRONICLE_KEY: '' });
    expect(run.code).toBe(1);
    expect(errorLine(run.stderr)).toEqual([
      `chronicle: events ${copy.tables.events[0]!.id}: type "bogus" is not an event type (${EVENT_TYPES.join(', ')})`,
    ]);
    expect(await stored()).toEqual(before);
    expect(before.events).toBe(0);
  });

  it('imports the untouched export', async () => {
    const file = join(dir, 'untouched.json');
    writeFileSync(file, JSON.stringify(merged));
    const run = await runMain(['--data', data, 'import', 'json', '--json', file], { CHRONICLE_KEY: '' });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).inserted.evidence).toBe(merged.tables.evidence.length);
    expect((await stored()).evidence).toBe(merged.tables.evidence.length);
  });
});
