import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/index.js';
import { retryJobs, runWorker } from '../../src/jobs/index.js';
import { searchSources } from '../../src/search/index.js';
import {
  blobCipherFromSecret,
  getSource,
  getSourceText,
  type IngestContext,
  type IngestFile,
  type IngestResult,
  ingestFiles,
  PARTS_JOB,
  type PartsOutcome,
  partsJobHandler,
  sha256Hex,
} from '../../src/sources/index.js';
import { mailWithAttachments, makePdf, makeRarVolumes } from '../fixtures/documents.js';
import { ingestAll } from '../helpers/sources.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();
const utf8 = (s: string) => new TextEncoder().encode(s);

/** A letter of the day with one part of a case file attached. */
function letter(day: number, name: string, bytes: Uint8Array): IngestFile {
  const message = mailWithAttachments({
    subject: `Материалы дела, письмо ${day}`,
    body: `Письмо ${day} из нескольких: часть архива во вложении.`,
    attachments: [{ name, type: 'application/vnd.rar', bytes }],
  });
  return { name: `письмо-${day}-${name}.eml`, bytes: utf8(message) };
}

describe.each(dialects)('parts of split archives stored at different times, on %s', (dialect) => {
  let t: TestWorkspace;
  let context: IngestContext;

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    context = { workspace: t.workspace, userId: null, cipher: blobCipherFromSecret('test secret') };
  });
  afterAll(async () => t.dispose());

  /** The read-parts jobs queued since `since` (ISO time), oldest first. */
  const partsJobs = async () =>
    t.workspace.db.selectFrom('jobs').selectAll().where('kind', '=', PARTS_JOB).orderBy('created_at').execute();

  /** The file read from a set of parts: the archive entry stored as the first part's child. */
  const entryOf = (firstPartId: string) =>
    t.workspace.db
      .selectFrom('sources')
      .select(['id', 'confidentiality'])
      .where('parent_id', '=', firstPartId)
      .where('relation', '=', 'archive-entry')
      .executeTakeFirstOrThrow();

  /** Runs the queued read-parts jobs and gives their outcomes. */
  async function readQueuedParts(): Promise<PartsOutcome[]> {
    const outcomes: PartsOutcome[] = [];
    await runWorker({
      db: t.workspace.db,
      handlers: { [PARTS_JOB]: partsJobHandler(context) },
      exitWhenIdle: true,
      onJob: (job, outcome, error) => {
        if (outcome === 'failed') throw new Error(`read-parts failed: ${error}`);
        outcomes.push(job.result as PartsOutcome);
      },
    });
    return outcomes;
  }

  it('reads a RAR archive whose parts came in letters on different days once its last part comes', async () => {
    const volumes = makeRarVolumes(
      [{ name: 'заключение.txt', data: 'Заключение эксперта по делу Ефрема Порознева. '.repeat(12) }],
      400,
    );
    expect(volumes).toHaveLength(3);
    const day = async (n: number, part: number) =>
      ingestAll(context, [letter(n, `порознь.part${part}.rar`, volumes[part - 1]!)]);

    const first = await day(1, 2);
    expect(first.map((r) => r.status)).toEqual(['ingested', 'ingested']);
    expect(first[1]!.warnings).toEqual([
      expect.stringMatching(/^part 2 of «порознь\.rar», split into parts, given without its part 1/),
    ]);
    const second = await day(2, 1);
    // Parts 1 and 2 are here, but part 2 says more follow: nothing to read yet.
    expect(second[1]!.warnings).toEqual([
      expect.stringMatching(/^part 1 of «порознь\.rar», split into parts, given without the parts after it/),
    ]);
    expect(await partsJobs()).toEqual([]);
    expect(await readQueuedParts()).toEqual([]);

    const third = await day(3, 3);
    expect(third[1]!.status).toBe('ingested');
    expect(await partsJobs()).toHaveLength(1);
    expect(await readQueuedParts()).toEqual([
      { set: 'rar:порознь.rar', outcome: 'read', archive: 'порознь.rar', parts: 3, sources: 1 },
    ]);

    // What the archive holds is the first part's child, in the letter the first part came in.
    const firstPart = second[1]!.sourceId!;
    const { rows } = await t.workspace.db
      .selectFrom('sources')
      .select(['id', 'file_name', 'parent_id', 'relation'])
      .where('parent_id', '=', firstPart)
      .execute()
      .then((rows) => ({ rows }));
    expect(rows.map((row) => [row.file_name, row.relation])).toEqual([
      [`${second[1]!.file}!заключение.txt`, 'archive-entry'],
    ]);
    expect(await getSourceText(t.workspace.db, rows[0]!.id)).toContain('Ефрема Порознева');
    const found = await searchSources(t.workspace.db, dialect, 'Порознева');
    expect(found.results.map((r) => r.sourceId)).toContain(rows[0]!.id);

    // Each part says which of how many it is, no longer that it waits; each stays with its letter.
    for (const [number, results] of [first, second, third].map((r, i) => [[2, 1, 3][i]!, r] as const)) {
      const part = await getSource(t.workspace.db, results[1]!.sourceId!);
      expect(part.metadata.volume).toEqual({ archive: 'порознь.rar', part: number, parts: 3 });
      expect(part.metadata.warnings).toEqual([]);
      expect(part.parentId).toBe(results[0]!.sourceId);
    }
    const rowsLeft = await t.workspace.db.selectFrom('waiting_parts').select('state').execute();
    expect(rowsLeft.map((row) => row.state)).toEqual(['read', 'read', 'read']);
    expect(await readQueuedParts()).toEqual([]);
    expect((await verifyAuditChain(t.workspace.db)).ok).toBe(true);
    const audit = await t.workspace.db
      .selectFrom('audit_log')
      .select(['target', 'after'])
      .where('action', '=', 'source.parts-read')
      .execute();
    expect(audit.map((entry) => entry.target)).toEqual([`sources/${firstPart}`]);
  });

  it('joins the parts of a PDF 7-Zip cut once the file joined ends as a PDF ends, linking the later ones to the first', async () => {
    const whole = await makePdf({
      pages: [['Protocol of the search at the flat of Tobias Partly, 9 June.'], ['Signed by the investigator.']],
    });
    const cut = Math.ceil(whole.length / 3);
    const parts = [0, 1, 2].map((i) => whole.slice(i * cut, (i + 1) * cut));
    // Two parts given together, the third a day later: the two end before the PDF does.
    const together = await ingestAll(context, [
      { name: 'обыск.pdf.001', bytes: parts[0]! },
      { name: 'обыск.pdf.002', bytes: parts[1]! },
    ]);
    expect(together.map((r) => [r.file, r.status])).toEqual([
      ['обыск.pdf.001', 'ingested'],
      ['обыск.pdf.002', 'ingested'],
    ]);
    expect(together[1]!.warnings).toEqual([
      expect.stringMatching(/^part 2 of «обыск\.pdf», split into parts, given without the parts after it/),
    ]);
    // A file 7-Zip cut does not say how many parts it has: the job looks, and finds the PDF not ended.
    expect(await readQueuedParts()).toEqual([{ set: 'split:обыск.pdf', outcome: 'waiting', missing: [] }]);

    const last = await ingestAll(context, [{ name: 'обыск.pdf.003', bytes: parts[2]! }]);
    expect(last[0]!.warnings).toEqual([
      expect.stringMatching(/^part 3 of «обыск\.pdf», split into parts, given without its parts 1, 2/),
    ]);
    expect(await readQueuedParts()).toEqual([
      { set: 'split:обыск.pdf', outcome: 'read', archive: 'обыск.pdf', parts: 3, sources: 1 },
    ]);
    const firstId = together[0]!.sourceId!;
    const joined = await t.workspace.db
      .selectFrom('sources')
      .select(['id', 'sha256', 'relation', 'media_type'])
      .where('parent_id', '=', firstId)
      .where('relation', '=', 'joined-volumes')
      .executeTakeFirstOrThrow();
    expect(joined).toMatchObject({ sha256: sha256Hex(whole), media_type: 'application/pdf' });
    expect(await getSourceText(t.workspace.db, joined.id)).toContain('Tobias Partly');
    for (const [i, result] of [together[1]!, last[0]!].entries())
      expect(await getSource(t.workspace.db, result.sourceId!)).toMatchObject({
        parentId: firstId,
        relation: 'archive-volume',
        metadata: { volume: { archive: 'обыск.pdf', part: i + 2, parts: 3 } },
      });
  });

  it('says on each part why parts that do not make one archive were not read, and reads the set when its own part comes', async () => {
    const setA = makeRarVolumes([{ name: 'первый.txt', data: 'Первый комплект: протокол допроса. '.repeat(20) }], 400);
    const setB = makeRarVolumes(
      [{ name: 'второй.txt', data: 'Второй комплект: постановление Кузьмы Двойного. '.repeat(6) }],
      400,
    );
    expect(setB).toHaveLength(2);
    // Two case files named alike: the first part of one, then the last part of the other.
    const [a1] = await ingestAll(context, [{ name: 'двойник.part1.rar', bytes: setA[0]! }]);
    const [b2] = await ingestAll(context, [{ name: 'двойник.part2.rar', bytes: setB[1]! }]);
    const [outcome] = await readQueuedParts();
    expect(outcome).toMatchObject({
      set: 'rar:двойник.rar',
      outcome: 'not read',
      archive: 'двойник.rar',
      reason: expect.stringMatching(
        /^the parts do not read as one archive \(первый\.txt: the archive is damaged: [^()]+\): a part may be of another archive named alike/,
      ),
    });
    for (const part of [a1!, b2!]) {
      const source = await getSource(t.workspace.db, part.sourceId!);
      expect(source.metadata.volume).toMatchObject({ waiting: true, notRead: (outcome as { reason: string }).reason });
    }
    // The other file's first part comes: the part stored last of each number is taken.
    const [b1] = await ingestAll(context, [{ name: 'двойник.part1.rar', bytes: setB[0]! }]);
    expect(await readQueuedParts()).toEqual([
      { set: 'rar:двойник.rar', outcome: 'read', archive: 'двойник.rar', parts: 2, sources: 1 },
    ]);
    const child = await entryOf(b1!.sourceId!);
    expect(await getSourceText(t.workspace.db, child.id)).toContain('Кузьмы Двойного');
    // The first set's part waits on, for its own parts.
    const left = await t.workspace.db
      .selectFrom('waiting_parts')
      .select(['source_id', 'state'])
      .where('set_key', '=', 'rar:двойник.rar')
      .execute();
    expect(Object.fromEntries(left.map((row) => [row.source_id, row.state]))).toEqual({
      [a1!.sourceId!]: 'waiting',
      [b1!.sourceId!]: 'read',
      [b2!.sourceId!]: 'read',
    });
  });

  it('reads the parts of a case file named alike once the parts taken in their place are read as their own', async () => {
    const setA = makeRarVolumes([{ name: 'а.txt', data: 'Близнец А: жалоба Агафьи Схожей. '.repeat(8) }], 400);
    const setB = makeRarVolumes([{ name: 'б.txt', data: 'Близнец Б: ходатайство Бориса Схожего. '.repeat(8) }], 400);
    expect([setA.length, setB.length]).toEqual([2, 2]);
    const store = async (bytes: Uint8Array, part: number) =>
      (await ingestAll(context, [{ name: `близнец.part${part}.rar`, bytes }]))[0]!;
    const a1 = await store(setA[0]!, 1);
    const b1 = await store(setB[0]!, 1);
    const a2 = await store(setA[1]!, 2);
    // The part 1 stored last is B's: with A's part 2 it is no archive.
    expect((await readQueuedParts()).map((outcome) => outcome.outcome)).toEqual(['not read']);
    const b2 = await store(setB[1]!, 2);
    // B's parts are read, and A's, now the only ones waiting, after them.
    expect(await readQueuedParts()).toEqual([
      { set: 'rar:близнец.rar', outcome: 'read', archive: 'близнец.rar', parts: 2, sources: 1 },
      { set: 'rar:близнец.rar', outcome: 'read', archive: 'близнец.rar', parts: 2, sources: 1 },
    ]);
    for (const [first, later, words] of [
      [a1, a2, 'Агафьи Схожей'],
      [b1, b2, 'Бориса Схожего'],
    ] as const) {
      const child = await entryOf(first.sourceId!);
      expect(await getSourceText(t.workspace.db, child.id)).toContain(words);
      expect(await getSource(t.workspace.db, later.sourceId!)).toMatchObject({ parentId: first.sourceId });
    }
  });

  it('tries the job again when reading the parts ran out of time, saying nothing against the parts', async () => {
    // Megabytes to unpack in a millisecond: no parse finishes in time, however warm the parser.
    const data = new Uint8Array(3_000_000).fill(0x41);
    const volumes = makeRarVolumes([{ name: 'долго.txt', data }], 2_000_000);
    expect(volumes).toHaveLength(2);
    const [first] = await ingestAll(context, [{ name: 'долго.part1.rar', bytes: volumes[0]! }]);
    await ingestAll(context, [{ name: 'долго.part2.rar', bytes: volumes[1]! }]);
    const failures: string[] = [];
    await runWorker({
      db: t.workspace.db,
      handlers: { [PARTS_JOB]: partsJobHandler({ ...context, limits: { timeoutMs: 1 } }) },
      exitWhenIdle: true,
      onJob: (_job, outcome, error) => {
        if (outcome === 'failed') failures.push(error ?? '');
      },
    });
    // Each attempt timed out; the job failed at last, its reason kept, to retry.
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatch(/parsing took longer than/);
    const [job] = (await partsJobs()).filter((j) => (j.payload as string).includes('долго'));
    expect(job).toMatchObject({ status: 'failed', error: expect.stringMatching(/parsing took longer than/) });
    expect((await getSource(t.workspace.db, first!.sourceId!)).metadata.volume).toEqual({
      archive: 'долго.rar',
      part: 1,
      waiting: true,
    });
    expect(await retryJobs(t.workspace.db, [job!.id])).toBe(1);
    expect(await readQueuedParts()).toEqual([
      { set: 'rar:долго.rar', outcome: 'read', archive: 'долго.rar', parts: 2, sources: 1 },
    ]);
  });

  it('keeps what the parts hold as confidential as the most confidential part', async () => {
    const volumes = makeRarVolumes(
      [{ name: 'показания.txt', data: 'Показания свидетеля Зосимы Тайного. '.repeat(10) }],
      400,
    );
    expect(volumes).toHaveLength(2);
    const [first] = await ingestAll(context, [{ name: 'тайна.part1.rar', bytes: volumes[0]! }]);
    // The last part came in a restricted letter.
    const secret = {
      name: 'тайна.part2.rar',
      bytes: volumes[1]!,
      metadata: { confidentiality: 'restricted' as const },
    };
    await ingestAll(context, [secret]);
    expect(await readQueuedParts()).toEqual([
      { set: 'rar:тайна.rar', outcome: 'read', archive: 'тайна.rar', parts: 2, sources: 1 },
    ]);
    expect((await entryOf(first!.sourceId!)).confidentiality).toBe('restricted');
  });

  it('reads a set whose archive holds a file that does not read, that file failing alone as it would in any archive', async () => {
    const volumes = makeRarVolumes(
      [
        { name: 'битый.pdf', data: '%PDF-1.7\nэто не PDF, а обрывок письма Сидора Частичного' },
        { name: 'справка.txt', data: 'Справка о содержании под стражей Сидора Частичного. '.repeat(6) },
      ],
      400,
    );
    expect(volumes).toHaveLength(2);
    await ingestAll(context, [{ name: 'справки.part2.rar', bytes: volumes[1]! }]);
    const [first] = await ingestAll(context, [{ name: 'справки.part1.rar', bytes: volumes[0]! }]);
    expect(await readQueuedParts()).toEqual([
      { set: 'rar:справки.rar', outcome: 'read', archive: 'справки.rar', parts: 2, sources: 1 },
    ]);
    const children = await t.workspace.db
      .selectFrom('sources')
      .select('file_name')
      .where('parent_id', '=', first!.sourceId!)
      .execute();
    expect(children.map((child) => child.file_name).sort()).toEqual([
      'справки.part1.rar!справка.txt',
      'справки.part2.rar',
    ]);
    const notRead = (await getSource(t.workspace.db, first!.sourceId!)).metadata.notRead as Array<{ name: string }>;
    expect(notRead?.map((entry) => entry.name)).toEqual(['битый.pdf']);
  });

  it.runIf(dialect === 'postgres')(
    'queues the read when two parts of one set are stored at the same moment, each in its own transaction',
    async () => {
      const volumes = makeRarVolumes([{ name: 'разом.txt', data: 'Опись дела Фаины Разовой. '.repeat(10) }], 400);
      expect(volumes).toHaveLength(2);
      // The first to check its set holds its transaction open a while, as a slow batch would: the other's check must
      // not run meanwhile, unseen by it, or neither sees the set whole.
      let otherChecked = () => {};
      const checked = new Promise<void>((resolve) => {
        otherChecked = resolve;
      });
      let first = true;
      const hold = async () => {
        if (!first) return otherChecked();
        first = false;
        await Promise.race([checked, new Promise((resolve) => setTimeout(resolve, 500))]);
      };
      const store = async (name: string, bytes: Uint8Array) => {
        const results: IngestResult[] = [];
        for await (const r of ingestFiles(context, [{ name, bytes }], { beforeCommit: hold })) results.push(r);
        return results;
      };
      const stored = await Promise.all([store('разом.part1.rar', volumes[0]!), store('разом.part2.rar', volumes[1]!)]);
      expect(stored.flat().map((r) => r.status)).toEqual(['ingested', 'ingested']);
      expect(await readQueuedParts()).toEqual([
        { set: 'rar:разом.rar', outcome: 'read', archive: 'разом.rar', parts: 2, sources: 1 },
      ]);
    },
  );

  it('counts a part given again as the duplicate it is, and reads a waiting set given again whole at once', async () => {
    const volumes = makeRarVolumes(
      [{ name: 'опись.txt', data: 'Опись изъятого у Зиновия Повторного. '.repeat(8) }],
      400,
    );
    expect(volumes).toHaveLength(2);
    const [waiting] = await ingestAll(context, [{ name: 'опись.part1.rar', bytes: volumes[0]! }]);
    const [again] = await ingestAll(context, [{ name: 'опись-копия.part1.rar', bytes: volumes[0]! }]);
    expect(again).toMatchObject({ status: 'duplicate', sourceId: waiting!.sourceId });
    // Given again with its second part, the set is read at once, the first part's row marked read.
    const whole = await ingestAll(context, [
      { name: 'опись.part1.rar', bytes: volumes[0]! },
      { name: 'опись.part2.rar', bytes: volumes[1]! },
    ]);
    expect(whole.map((r) => [r.file, r.status])).toEqual([
      ['опись.part1.rar', 'duplicate'],
      ['опись.part1.rar!опись.txt', 'ingested'],
      ['опись.part2.rar', 'ingested'],
    ]);
    const row = await t.workspace.db
      .selectFrom('waiting_parts')
      .select('state')
      .where('source_id', '=', waiting!.sourceId!)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('read');
    expect(await readQueuedParts()).toEqual([]);
  });
});
