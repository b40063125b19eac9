import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/index.js';
import { EXTRACTOR_VERSION, extract } from '../../src/extract/index.js';
import { runWorker } from '../../src/jobs/index.js';
import {
  EXTRACT_JOB,
  extractJobHandler,
  queueExtraction,
  supportingSources,
  transcribeSource,
} from '../../src/record/index.js';
import {
  getSource,
  type IngestContext,
  linkSimilarText,
  linkSimilarTextIn,
  listSources,
  type SourceScope,
  similarTextReasons,
  unlinkSimilarText,
} from '../../src/sources/index.js';
import { type Detention, detentionReport, OKUNEVA, republished, VEDENEEV } from '../helpers/republished.js';
import { ingestAll } from '../helpers/sources.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();
const utf8 = (s: string) => new TextEncoder().encode(s);

describe.each(dialects)('reports republished with small changes, on %s', (dialect) => {
  let t: TestWorkspace;
  let context: IngestContext;

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    context = {
      workspace: t.workspace,
      userId: null,
      cipher: null,
      afterSourceWritten: async (trx, source) => {
        await queueExtraction(trx, source.id, EXTRACTOR_VERSION);
      },
    };
  });
  afterAll(async () => t.dispose());

  /** Stores a text (or a file) and works off its extraction, as `chronicle ingest` does: its id. */
  async function store(name: string, content: string | Uint8Array): Promise<string> {
    const [result] = await ingestAll(context, [{ name, bytes: typeof content === 'string' ? utf8(content) : content }]);
    expect(result!.status).toBe('ingested');
    await work();
    return result!.sourceId!;
  }

  async function work(): Promise<void> {
    await runWorker({
      db: t.workspace.db,
      exitWhenIdle: true,
      handlers: {
        [EXTRACT_JOB]: extractJobHandler({
          db: t.workspace.db,
          extractorVersion: EXTRACTOR_VERSION,
          userId: null,
          runExtractor: (text) => extract(text, { language: 'ru' }),
        }),
      },
    });
  }

  // Each test its own people, since the workspace is shared: texts of one test must not match another's.
  const person = (surname: string, base: Detention = VEDENEEV): Detention => ({
    ...base,
    person: `активиста Тимура ${surname}а`,
    surname: `${surname}а`,
  });

  it('links a report republished by another outlet to the first, explained, and counts them as one source', async () => {
    const report = detentionReport(person('Веденеев'));
    const first = await store('report.txt', report);
    const copy = await store('republished.txt', republished(report));

    const source = await getSource(t.workspace.db, copy);
    expect(source.nearDuplicateOf).toBe(first);
    expect((await getSource(t.workspace.db, first)).nearDuplicates.map((s) => s.id)).toEqual([copy]);
    const reason = (await similarTextReasons(t.workspace.db, [copy, first])).get(copy)!;
    expect(reason.similarTo).toBe(first);
    expect(reason.similarity).toBeGreaterThanOrEqual(0.75);
    expect(reason.similarity).toBeLessThan(1);
    expect((await similarTextReasons(t.workspace.db, [first])).size).toBe(0);

    const audit = await t.workspace.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('target', '=', `sources/${copy}`)
      .where('action', '=', 'source.similar-text-linked')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ nearDuplicateOf: first, similarTo: first });
    expect((await verifyAuditChain(t.workspace.db)).ok).toBe(true);
  });

  it('keeps a report of its own written to the same template apart', async () => {
    const a = await store('a.txt', detentionReport(person('Порошин')));
    const b = await store('b.txt', detentionReport(person('Каленов', OKUNEVA)));
    expect((await getSource(t.workspace.db, b)).nearDuplicateOf).toBeNull();
    expect((await getSource(t.workspace.db, a)).nearDuplicates).toEqual([]);
  });

  it('gives a later copy of a linked text the root, not the text it copies', async () => {
    const report = detentionReport(person('Сухоруков'));
    const first = await store('sukh.txt', report);
    const linked = await store('sukh-republished.txt', republished(report));
    // The same text as the republished one, in other bytes (a page saved twice): a copy by its text.
    const again = await store('sukh-again.txt', `\uFEFF${republished(report).replaceAll('\n', '\r\n')}`);
    expect((await getSource(t.workspace.db, linked)).nearDuplicateOf).toBe(first);
    expect((await getSource(t.workspace.db, again)).nearDuplicateOf).toBe(first);
    expect((await similarTextReasons(t.workspace.db, [again])).size).toBe(0);
  });

  it('unlinks a text a person says is a report of its own, with its copies, and never links the pair again', async () => {
    const report = detentionReport(person('Звягинцев'));
    const first = await store('zv.txt', report);
    const linked = await store('zv-republished.txt', republished(report));
    const copy = await store('zv-republished-again.txt', `${republished(report)}\n`);
    expect((await getSource(t.workspace.db, copy)).nearDuplicateOf).toBe(first);

    await t.workspace.db.transaction().execute((trx) => unlinkSimilarText(trx, linked, 'editor-1'));
    expect((await getSource(t.workspace.db, linked)).nearDuplicateOf).toBeNull();
    expect((await getSource(t.workspace.db, copy)).nearDuplicateOf).toBe(linked);
    expect((await getSource(t.workspace.db, first)).nearDuplicates).toEqual([]);

    // A newer extractor runs every source's extraction again: the pair stays apart, either way round.
    expect(await linkSimilarText(t.workspace.db, linked, null)).toBeNull();
    expect(await linkSimilarText(t.workspace.db, first, null)).toBeNull();
    expect((await getSource(t.workspace.db, first)).nearDuplicateOf).toBeNull();
    const events = await t.workspace.db
      .selectFrom('audit_log')
      .select(['user_id', 'before'])
      .where('target', '=', `sources/${linked}`)
      .where('action', '=', 'source.similar-text-unlinked')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.user_id).toBe('editor-1');
    expect(JSON.parse(events[0]!.before!)).toMatchObject({ nearDuplicateOf: first, similarTo: first });
  });

  it('refuses to unlink a copy of the same text, or a source that is no near-duplicate', async () => {
    const report = detentionReport(person('Лапшин'));
    const first = await store('lap.txt', report);
    const copy = await store('lap-copy.txt', `${report}\n\n`);
    expect((await getSource(t.workspace.db, copy)).nearDuplicateOf).toBe(first);
    await expect(t.workspace.db.transaction().execute((trx) => unlinkSimilarText(trx, copy, null))).rejects.toThrow(
      /same text/,
    );
    await expect(t.workspace.db.transaction().execute((trx) => unlinkSimilarText(trx, first, null))).rejects.toThrow(
      /not a near-duplicate/,
    );
  });

  it('links nothing to a deleted source, nor short messages alike', async () => {
    const report = detentionReport(person('Ерохин'));
    const gone = await store('ero.txt', report);
    await t.workspace.db
      .updateTable('sources')
      .set({ deleted_at: new Date().toISOString() })
      .where('id', '=', gone)
      .execute();
    const later = await store('ero-republished.txt', republished(report));
    expect((await getSource(t.workspace.db, later)).nearDuplicateOf).toBeNull();

    await store('short-1.txt', 'В Саратове задержали Анатолия Ерохина у здания суда после пикета, сообщает ОВД.');
    const short = await store('short-2.txt', 'В Саратове задержали Анатолия Ерохина у здания суда после пикета.');
    expect((await getSource(t.workspace.db, short)).nearDuplicateOf).toBeNull();
  });

  it.runIf(dialect === 'postgres')(
    'links two texts worded alike whose extractions run at the same moment on two workers',
    async () => {
      const report = detentionReport(person('Одновременов'));
      // Stored together, without extraction: two workers then take the two jobs at once.
      const [a, b] = await ingestAll({ ...context, afterSourceWritten: undefined }, [
        { name: 'same-moment-a.txt', bytes: utf8(report) },
        { name: 'same-moment-b.txt', bytes: utf8(republished(report)) },
      ]);
      const order: string[] = [];
      const { second } = await t.workspace.db.transaction().execute(async (trx) => {
        expect(await linkSimilarTextIn(trx, a!.sourceId!, null)).toBeNull();
        // The other worker's transaction cannot see this one's keys before it commits: it must wait for it.
        const second = linkSimilarText(t.workspace.db, b!.sourceId!, null).then((link) => {
          order.push('second linked');
          return link;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        order.push('first committed');
        return { second };
      });
      expect(await second).toMatchObject({ similarTo: a!.sourceId });
      expect(order).toEqual(['first committed', 'second linked']);
    },
  );

  it('lets a transcription replace a link by wording, its new text compared afresh', async () => {
    const report = detentionReport(person('Переписанный'));
    const first = await store('rewritten.txt', report);
    const photo = await store('photo.png', readFileSync(new URL('../fixtures/images/ocr-ru.png', import.meta.url)));
    const transcribe = async (text: string) => {
      await t.workspace.db
        .transaction()
        .execute((trx) =>
          transcribeSource(trx, { sourceId: photo, text, userId: null, extractorVersion: EXTRACTOR_VERSION }),
        );
      await work();
    };
    await transcribe(republished(report));
    expect((await getSource(t.workspace.db, photo)).similarWording).toMatchObject({ similarTo: first });
    // Typed again from the page: word for word the first report, a copy of it by its text.
    await transcribe(report);
    expect(await getSource(t.workspace.db, photo)).toMatchObject({ nearDuplicateOf: first, similarWording: null });
  });

  it('does not name a source the reader may not see as the one a copy shares its wording with', async () => {
    const report = detentionReport(person('Скрытов'));
    const [hidden] = await ingestAll(context, [
      { name: 'hidden.txt', bytes: utf8(report), metadata: { confidentiality: 'restricted' } },
    ]);
    await work();
    const copy = await store('hidden-republished.txt', republished(report));
    const unrestricted = (eb: Parameters<SourceScope>[0]) => eb('sources.confidentiality', '!=', 'restricted');
    expect(await getSource(t.workspace.db, copy)).toMatchObject({
      nearDuplicateOf: hidden!.sourceId,
      similarWording: { similarTo: hidden!.sourceId },
    });
    expect(await getSource(t.workspace.db, copy, unrestricted)).toMatchObject({
      nearDuplicateOf: null,
      similarWording: null,
      nearDuplicates: [],
    });
    const listed = async (scope?: SourceScope) =>
      (await listSources(t.workspace.db, { scope, limit: 500 })).items.find((item) => item.id === copy);
    expect((await listed())!.nearDuplicateOf).toBe(hidden!.sourceId);
    expect((await listed(unrestricted))!.nearDuplicateOf).toBeNull();
  });

  it('takes the report stored first for the original when the copy is compared first', async () => {
    const report = detentionReport(person('Первоочередной'));
    const [first, later] = await ingestAll({ ...context, afterSourceWritten: undefined }, [
      { name: 'order-first.txt', bytes: utf8(report) },
      { name: 'order-later.txt', bytes: utf8(republished(report)) },
    ]);
    // The copy's extraction ran first (two workers), with nothing to compare with yet.
    expect(await linkSimilarText(t.workspace.db, later!.sourceId!, null)).toBeNull();
    expect(await linkSimilarText(t.workspace.db, first!.sourceId!, null)).toMatchObject({
      sourceId: later!.sourceId,
      root: first!.sourceId,
      created: true,
    });
    expect((await getSource(t.workspace.db, first!.sourceId!)).nearDuplicateOf).toBeNull();
    expect((await getSource(t.workspace.db, later!.sourceId!)).similarWording).toMatchObject({
      similarTo: first!.sourceId,
    });
  });

  it('counts an event reported by a report and its republished copy as one independent source', async () => {
    const report = detentionReport(person('Гордеев'));
    const first = await store('gord.txt', report);
    const copy = await store('gord-republished.txt', republished(report));
    // Evidence of one event quoted from each, as accepting both reports' proposals leaves it.
    const now = new Date().toISOString();
    await t.workspace.db
      .insertInto('evidence')
      .values(
        [first, copy].map((sourceId, i) => ({
          id: `ev-gordeev-${i}`,
          target_table: 'events',
          target_id: 'event-gordeev',
          target_field: null,
          source_id: sourceId,
          start: 0,
          end: 10,
          quote: report.slice(0, 10),
          created_at: now,
        })),
      )
      .execute();
    const support = await supportingSources(t.workspace.db, 'events', 'event-gordeev');
    expect(support.sources).toHaveLength(2);
    expect(support.independent).toBe(1);
  });
});
