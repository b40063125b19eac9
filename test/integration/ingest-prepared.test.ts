import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchSources } from '../../src/search/index.js';
import {
  getSourceText,
  type IngestContext,
  type IngestFile,
  type IngestResult,
  ingestFiles,
  nearDuplicateKey,
  sha256Hex,
} from '../../src/sources/index.js';
import { DEFAULT_PARSE_LIMITS } from '../../src/sources/parse-types.js';
import { closeParseWorkers, parseWorkerReady } from '../../src/sources/worker-pool.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();
const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16WithBom = (s: string) =>
  new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]));

/**
 * A window big enough to be read in the parse worker (ingest.ts, PREPARED_MIN_FILES): reports in both languages,
 * UTF-16, Markdown, a copy of the same bytes, the same text shouted (a near-duplicate), an image and an empty file.
 */
function windowOfFiles(): IngestFile[] {
  const files: IngestFile[] = [];
  for (let i = 0; i < 10; i++)
    files.push({
      name: `ru-${i}.txt`,
      bytes: utf8(`В городе Тестовске ${i + 1} марта задержали активиста Ивана Пробного-${i}.\nСуд арестовал его.`),
    });
  for (let i = 0; i < 6; i++)
    files.push({
      name: `en-${i}.txt`,
      bytes: utf8(`Police detained Anna Testova-${i} at a picket on day ${i + 1}.`),
      // A title given with the file (`--title`) is indexed before the text, on PostgreSQL at other positions.
      ...(i === 1 ? { metadata: { title: 'Picket in Testograd' } } : {}),
    });
  files.push({ name: 'utf16.txt', bytes: utf16WithBom('Задержания в Тестограде: двое задержаны.') });
  files.push({ name: 'notes.md', bytes: utf8('# Hearing\n\nThe **court** postponed the hearing of Petr Testov.') });
  files.push({ name: 'copy.txt', bytes: files[0]!.bytes });
  files.push({ name: 'shouted.txt', bytes: utf8('POLICE DETAINED ANNA TESTOVA-0 AT A PICKET ON DAY 1!') });
  files.push({
    // A phone's contacts database: a format Chronicle does not read.
    name: 'contacts.db',
    bytes: new Uint8Array([...utf8('SQLite format 3\0'), 0x10, 0, 1, 1]),
  });
  files.push({ name: 'empty.txt', bytes: new Uint8Array(0) });
  return files;
}

async function ingest(context: IngestContext, files: IngestFile[]): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  for await (const r of ingestFiles(context, files)) results.push(r);
  return results;
}

/** The source's index vectors on PostgreSQL (those the parse worker makes for a window), else nothing. */
async function indexVectors(t: TestWorkspace, sourceId: string) {
  if (t.workspace.dialect !== 'postgres') return {};
  const row = await sql<{ vector: string; rank: string }>`SELECT k.vector::text AS vector, r.vector::text AS rank
    FROM source_search AS k JOIN source_search_rank AS r ON r.doc = k.doc WHERE k.source_id = ${sourceId}`.execute(
    t.workspace.db,
  );
  // Each vector also holds the lexemes of its row's blocks, which differ with the order rows were written in.
  return { vector: row.rows[0]?.vector.replace(/ '~[cf]\d+'/g, ''), rank: row.rows[0]?.rank };
}

/**
 * What a source is, by file name, whichever way it was read: its text, hashes, language, near-duplicate, and on
 * PostgreSQL its index vectors.
 */
async function described(t: TestWorkspace, results: IngestResult[]) {
  const byId = new Map(results.filter((r) => r.status === 'ingested').map((r) => [r.sourceId!, r.file]));
  const out: Record<string, unknown> = {};
  for (const r of results) {
    if (r.status !== 'ingested') {
      out[r.file] = { status: r.status, code: r.code ?? null, of: r.sourceId ? byId.get(r.sourceId) : null };
      continue;
    }
    const row = await t.workspace.db
      .selectFrom('sources')
      .select(['sha256', 'text_sha256', 'language', 'media_type', 'near_duplicate_of'])
      .where('id', '=', r.sourceId!)
      .executeTakeFirstOrThrow();
    out[r.file] = {
      status: r.status,
      text: await getSourceText(t.workspace.db, r.sourceId!),
      sha256: row.sha256,
      textKey: row.text_sha256,
      language: row.language,
      mediaType: row.media_type,
      nearDuplicateOf: row.near_duplicate_of ? byId.get(row.near_duplicate_of) : null,
      ...(await indexVectors(t, r.sourceId!)),
    };
  }
  return out;
}

async function found(t: TestWorkspace, dialect: 'sqlite' | 'postgres', query: string, results: IngestResult[]) {
  const names = new Map(results.map((r) => [r.sourceId, r.file]));
  const hits = await searchSources(t.workspace.db, dialect, query, { limit: 100 });
  return hits.results.map((h) => names.get(h.sourceId)).sort();
}

describe.each(dialects)('ingestion of a window of small files on %s', (dialect) => {
  const files = windowOfFiles();
  let oneByOne: TestWorkspace;
  let alone: IngestResult[];
  /** Each file ingested on its own (a window too small for the worker): what a window must store too. */
  let expected: Record<string, unknown>;

  beforeAll(async () => {
    oneByOne = await createTestWorkspace(dialect);
    alone = [];
    const context = { workspace: oneByOne.workspace, userId: null, cipher: null };
    for (const file of files) alone.push(...(await ingest(context, [file])));
    expected = await described(oneByOne, alone);
  });
  afterAll(async () => oneByOne.dispose());

  it('stores what reading each file on its own stores: texts, hashes, duplicates, failures, search terms', async () => {
    const inWorker = await createTestWorkspace(dialect);
    try {
      // A window is read in the worker once one is ready; until then, here (the next test).
      await expect.poll(() => parseWorkerReady(DEFAULT_PARSE_LIMITS.maxMemoryMb), { timeout: 30_000 }).toBe(true);
      const together = await ingest({ workspace: inWorker.workspace, userId: null, cipher: null }, files);
      const seen = await described(inWorker, together);
      expect(seen).toEqual(expected);
      expect(seen['ru-3.txt']).toMatchObject({
        sha256: sha256Hex(files[3]!.bytes),
        textKey: nearDuplicateKey(await getSourceText(inWorker.workspace.db, together[3]!.sourceId!)),
        language: 'ru',
      });
      expect(seen['copy.txt']).toEqual({ status: 'duplicate', code: null, of: 'ru-0.txt' });
      expect(seen['shouted.txt']).toMatchObject({ status: 'ingested', nearDuplicateOf: 'en-0.txt' });
      expect(seen['contacts.db']).toMatchObject({ status: 'failed', code: 'UNSUPPORTED_TYPE' });
      expect(seen['utf16.txt']).toMatchObject({ text: 'Задержания в Тестограде: двое задержаны.' });
      if (dialect === 'postgres') {
        expect(seen['en-1.txt']).toMatchObject({ vector: expect.stringContaining("'picket':1A,") });
        expect(seen['notes.md']).toMatchObject({ rank: expect.stringContaining("'hear':1A,") });
      }

      for (const query of [
        'задержание',
        'арестовал',
        'detaining',
        'Пробн*',
        '"court postponed"',
        'Тестоград',
        'police',
        '"police detained"',
        'hearing',
      ])
        expect(await found(inWorker, dialect, query, together), query).toEqual(
          await found(oneByOne, dialect, query, alone),
        );
      expect(await found(inWorker, dialect, 'задержан', together)).toHaveLength(11);
    } finally {
      await inWorker.dispose();
    }
  });

  it('reads the window here while the worker starts, stores the same, and has the worker started', async () => {
    const cold = await createTestWorkspace(dialect);
    try {
      await closeParseWorkers();
      const context: IngestContext = { workspace: cold.workspace, userId: null, cipher: null };
      expect(await described(cold, await ingest(context, files))).toEqual(expected);
      await expect.poll(() => parseWorkerReady(DEFAULT_PARSE_LIMITS.maxMemoryMb), { timeout: 30_000 }).toBe(true);
    } finally {
      await cold.dispose();
    }
  });

  it('reads the files here, one by one, when the worker fails the window, and stores the same', async () => {
    const fallback = await createTestWorkspace(dialect);
    try {
      // No window can be read in a millisecond: the worker is stopped, and every file is parsed in this thread.
      const context: IngestContext = {
        workspace: fallback.workspace,
        userId: null,
        cipher: null,
        limits: { timeoutMs: 1 },
      };
      expect(await described(fallback, await ingest(context, files))).toEqual(expected);
    } finally {
      await fallback.dispose();
    }
  });
});
