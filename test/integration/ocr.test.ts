import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/index.js';
import { EXTRACTOR_VERSION, extract } from '../../src/extract/index.js';
import { runWorker } from '../../src/jobs/index.js';
import {
  EXTRACT_JOB,
  extractJobHandler,
  OCR_JOB,
  ocrJobHandler,
  queueExtraction,
  queueOcr,
  transcribeSource,
  wantsOcr,
} from '../../src/record/index.js';
import { searchSources } from '../../src/search/index.js';
import {
  findOcrEngine,
  getSource,
  getSourceText,
  type IngestContext,
  type IngestResult,
  ingestFiles,
  ocrPendingAmong,
} from '../../src/sources/index.js';
import { cyrillicFontPath, makePdfWithLyingFont, makePhotographedPdf } from '../fixtures/documents.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const image = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/images/${name}`, import.meta.url)));

const engine = await findOcrEngine({});
if (!engine && process.env.CI === 'true') throw new Error('CI=true and no Tesseract with Russian data on this machine');
const dialects = await testDialects();

describe.skipIf(!engine).each(dialects)('OCR of scans and photos on %s', (dialect) => {
  let t: TestWorkspace;
  let context: IngestContext;
  const work = () =>
    runWorker({
      db: t.workspace.db,
      exitWhenIdle: true,
      handlers: {
        [OCR_JOB]: ocrJobHandler({
          db: t.workspace.db,
          cipher: null,
          engine: engine!,
          extractorVersion: EXTRACTOR_VERSION,
          userId: null,
        }),
        [EXTRACT_JOB]: extractJobHandler({
          db: t.workspace.db,
          extractorVersion: EXTRACTOR_VERSION,
          userId: null,
          runExtractor: (text, { language }) =>
            extract(text, { language: language === 'ru' || language === 'en' ? language : 'auto' }),
        }),
      },
    });
  const ingest = async (files: Array<{ name: string; bytes: Uint8Array }>) => {
    const results: IngestResult[] = [];
    for await (const result of ingestFiles(context, files)) results.push(result);
    return results.map((r) => r.sourceId!);
  };

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    context = {
      workspace: t.workspace,
      userId: null,
      cipher: null,
      afterSourceWritten: async (trx, source) => {
        await queueExtraction(trx, source.id, EXTRACTOR_VERSION);
        if (wantsOcr(engine, source)) await queueOcr(trx, source.id);
      },
    };
  });
  afterAll(async () => t.dispose());

  it('reads a photographed page as the source text: searched, extracted for review, audited, marked as OCR', async () => {
    const [photo, report] = await ingest([
      { name: 'IMG_0413.PNG', bytes: image('ocr-ru.png') },
      { name: 'report.txt', bytes: new TextEncoder().encode('В Казани прошёл обыск у Анны Небывалой.') },
    ]);
    expect(await getSource(t.workspace.db, photo!)).toMatchObject({ needsOcr: true, ocrPending: true });
    expect(await ocrPendingAmong(t.workspace.db, [photo!, report!])).toEqual(new Set([photo]));
    await work();
    expect(await ocrPendingAmong(t.workspace.db, [photo!, report!])).toEqual(new Set());
    const text = await getSourceText(t.workspace.db, photo!);
    expect(text).toContain('Суд арестовал Петра Вымышленного');
    const source = await getSource(t.workspace.db, photo!);
    expect(source).toMatchObject({
      needsOcr: false,
      ocrPending: false,
      transcribed: false,
      language: 'ru',
      readByOcr: engine!.name,
    });
    expect((await searchSources(t.workspace.db, dialect, 'арестованный Вымышленный')).results[0]?.sourceId).toBe(photo);
    // What OCR read is extracted, and waits for review like anything read.
    const names = await t.workspace.db
      .selectFrom('mentions')
      .select('text')
      .where('source_id', '=', photo!)
      .where('kind', '=', 'person')
      .execute();
    expect(names.map((n) => n.text)).toContain('Петра Вымышленного');
    // A text file is no scan: no OCR job for it.
    const jobs = await t.workspace.db
      .selectFrom('jobs')
      .select(['kind', 'payload', 'status'])
      .where('kind', '=', OCR_JOB)
      .execute();
    expect(jobs).toEqual([{ kind: OCR_JOB, payload: JSON.stringify({ sourceId: photo }), status: 'done' }]);
    expect(jobs.some((job) => job.payload.includes(report!))).toBe(false);
    const entry = await t.workspace.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'source.ocr')
      .executeTakeFirstOrThrow();
    expect(entry.target).toBe(`sources/${photo}`);
    expect(JSON.parse(entry.after!)).toMatchObject({ extractor: 'ocr', engine: engine!.name, pages: 1 });
    expect((await verifyAuditChain(t.workspace.db)).ok).toBe(true);
  });

  it.skipIf(!engine?.djvutxt)('takes a DjVu page’s own text layer, and says so with the text', async () => {
    const [scan] = await ingest([{ name: 'постановление.djvu', bytes: image('scan-text-layer.djvu') }]);
    await work();
    expect(await getSourceText(t.workspace.db, scan!)).toMatch(/^ПОСТАНОВЛЕНИЕ \(из текстового слоя\)\n/);
    const reader = `${engine!.name} and djvutxt, from the DjVu file's own text layer`;
    expect(await getSource(t.workspace.db, scan!)).toMatchObject({ needsOcr: false, readByOcr: reader });
    const entry = await t.workspace.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'source.ocr')
      .where('target', '=', `sources/${scan}`)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after!)).toMatchObject({ engine: reader, pages: 2 });
  });

  it('reads each page of a scanned PDF, and a person corrects what it read until review decides', async () => {
    const [scan] = await ingest([
      {
        name: 'ruling.pdf',
        bytes: await makePhotographedPdf([{ png: image('scan.png') }, { png: image('ocr-ru.png') }]),
      },
    ]);
    await work();
    expect(await getSourceText(t.workspace.db, scan!)).toMatch(/^Invented notice\n\nПОСТАНОВЛЕНИЕ\n/);
    await t.workspace.db.transaction().execute((trx) =>
      transcribeSource(trx, {
        sourceId: scan!,
        text: 'Invented notice\n\nПОСТАНОВЛЕНИЕ. Суд арестовал Петра Вымышленного.',
        userId: null,
        extractorVersion: EXTRACTOR_VERSION,
      }),
    );
    expect(await getSource(t.workspace.db, scan!)).toMatchObject({ transcribed: true, readByOcr: null });
  });

  it.skipIf(!cyrillicFontPath)(
    'reads by OCR a PDF whose text layer gives glyph numbers instead of letters',
    async () => {
      const lines = ['Суд арестовал Петра Вымышленного', 'по статье 280.3 УК РФ.'];
      const [ruling] = await ingest([
        { name: 'broken-fonts.pdf', bytes: await makePdfWithLyingFont('no-unicode-map', [lines]) },
      ]);
      expect(await getSource(t.workspace.db, ruling!)).toMatchObject({ needsOcr: true, ocrPending: true });
      await work();
      expect(await getSourceText(t.workspace.db, ruling!)).toContain('Суд арестовал Петра Вымышленного');
      expect(await getSource(t.workspace.db, ruling!)).toMatchObject({ needsOcr: false, readByOcr: engine!.name });
    },
  );

  it('never replaces a person’s transcription: a scan typed before its OCR ran is left as typed', async () => {
    const [page] = await ingest([{ name: 'typed.png', bytes: await pngCopy() }]);
    await t.workspace.db.transaction().execute((trx) =>
      transcribeSource(trx, {
        sourceId: page!,
        text: 'Набрано человеком.',
        userId: null,
        extractorVersion: EXTRACTOR_VERSION,
      }),
    );
    await work();
    expect(await getSourceText(t.workspace.db, page!)).toBe('Набрано человеком.');
    const job = await t.workspace.db
      .selectFrom('jobs')
      .select(['status', 'result'])
      .where('dedupe_key', '=', `${OCR_JOB}:${page}`)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    expect(JSON.parse(job.result!)).toMatchObject({ outcome: 'skipped', reason: 'the source has a text already' });
  });
});

/** The same page in other bytes (one more chunk), so it is a new source and not a duplicate of the first. */
async function pngCopy(): Promise<Uint8Array> {
  const png = image('ocr-ru.png');
  // A tEXt chunk before IEND: 'Comment' = 'copy', with its CRC.
  const { crc32 } = await import('node:zlib');
  const body = new TextEncoder().encode('tEXtComment\u0000copy');
  const chunk = new Uint8Array(12 + body.length - 4);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, body.length - 4);
  chunk.set(body, 4);
  view.setUint32(4 + body.length, crc32(body));
  const iend = png.length - 12;
  return new Uint8Array([...png.subarray(0, iend), ...chunk, ...png.subarray(iend)]);
}
