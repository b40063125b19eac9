import { afterAll, describe, expect, it } from 'vitest';
import { makePdf, makeZip, utf8 } from '../../test/fixtures/documents.js';
import { DEFAULT_PARSE_LIMITS, parseDocument, parseDocumentInProcess } from './parse.js';
import { closeParseWorkers } from './worker-pool.js';

afterAll(async () => {
  await closeParseWorkers();
});

const ARTICLE = utf8(
  '<!doctype html><html><head><title>Arrest</title></head><body><article><p>Police in Kazan detained Oleg Inventov on Monday after a single-person picket outside the city hall.</p></article></body></html>',
);

describe('parseDocument (worker)', () => {
  it('gives the same result as the in-process parse', async () => {
    const [isolated, direct] = await Promise.all([parseDocument(ARTICLE), parseDocumentInProcess(ARTICLE)]);
    expect(isolated).toEqual(direct);
    expect(isolated.text).toContain('detained Oleg Inventov');
  });

  it('brings children back from the worker intact', async () => {
    const pdf = await makePdf({ pages: [['Inside the archive.']] });
    const doc = await parseDocument(makeZip({ 'a.pdf': pdf, 'b.txt': 'второй' }));
    expect(doc.children.map((c) => c.name)).toEqual(['a.pdf', 'b.txt']);
    expect(doc.children[0]!.bytes).toEqual(pdf);
    expect(doc.children[0]!.bytes).toBeInstanceOf(Uint8Array);
  });

  it('does not detach or change the caller’s bytes', async () => {
    const bytes = new Uint8Array(ARTICLE);
    await parseDocument(bytes);
    expect(bytes).toEqual(ARTICLE);
  });

  it('runs several parses at once', async () => {
    const docs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => parseDocument(utf8(`<html><body><p>Документ номер ${i}.</p></body></html>`))),
    );
    expect(docs.map((d) => d.text)).toEqual(Array.from({ length: 6 }, (_, i) => `Документ номер ${i}.`));
  });

  it('refuses a file over the size limit before parsing', async () => {
    await expect(parseDocument(new Uint8Array(2048), { limits: { maxBytes: 1024 } })).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
    await expect(parseDocumentInProcess(new Uint8Array(2048), { limits: { maxBytes: 1024 } })).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
  });

  it('keeps a file’s own title, author and address as one clean line, without control characters', async () => {
    const page = utf8(
      '<html><head><title>Evil \x1b[2J\x1b]52;c;cHduZWQ=\x07\n  title</title><meta name="author" content="\u0000\u202e">' +
        '</head><body><article><p>В Пскове задержали Вадима Выдумкина у здания администрации.</p></article></body></html>',
    );
    const parsed = await parseDocumentInProcess(page, { fileName: 'page.html' });
    expect(parsed.title).toBe('Evil [2J ]52;c;cHduZWQ= title');
    expect(parsed.author).toBeNull();
  });

  it('does not take a date in the future that a document gives itself as its publication date, and says so', async () => {
    const page = (date: string) =>
      utf8(
        `<html><head><title>Обыск</title><meta property="article:published_time" content="${date}"></head>` +
          '<body><article><p>В Пскове прошёл обыск у Вадима Выдумкина, сообщил его адвокат.</p></article></body></html>',
      );
    const future = await parseDocumentInProcess(page('2099-01-01T00:00:00Z'), { fileName: 'page.html' });
    expect(future.publishedAt).toBeNull();
    expect(future.metadata.declaredPublishedAt).toBe('2099-01-01T00:00:00.000Z');
    expect(future.warnings).toContain(
      'the document dates itself 2099-01-01, in the future: not taken as its publication date',
    );
    const past = await parseDocumentInProcess(page('2024-03-05T10:00:00+03:00'), { fileName: 'page.html' });
    expect(past.publishedAt).toBe('2024-03-05T07:00:00.000Z');
    expect(past.warnings).toEqual([]);
  });

  it('refuses archives we do not read and executables as unsupported', async () => {
    const database = new Uint8Array([...new TextEncoder().encode('SQLite format 3\0'), 0x10, 0, 1, 1]);
    await expect(parseDocument(database, { fileName: 'contacts.txt' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_TYPE',
      message: 'SQLite database is not a supported document',
    });
    const elf = new Uint8Array(2 * 1024 * 1024);
    elf.set([0x7f, 0x45, 0x4c, 0x46]);
    await expect(parseDocument(elf)).rejects.toMatchObject({ code: 'UNSUPPORTED_TYPE' });
  });

  it('terminates a parse that runs past the time limit, and the next parse still works', async () => {
    const paragraphs = '<p>Суд продлил арест Анне Вымышленной, сообщил её адвокат.</p>'.repeat(120_000);
    const big = utf8(`<html><body><article>${paragraphs}</article></body></html>`);
    await expect(parseDocument(big, { limits: { timeoutMs: 50 } })).rejects.toMatchObject({ code: 'PARSE_TIMEOUT' });
    expect((await parseDocument(ARTICLE)).title).toBe('Arrest');
  });

  it('survives a parse that exhausts the worker heap', async () => {
    const cells = '<tr><td>ячейка</td><td>cell</td></tr>'.repeat(400_000);
    const big = utf8(`<html><body><table>${cells}</table></body></html>`);
    await expect(parseDocument(big, { limits: { maxMemoryMb: 64 } })).rejects.toMatchObject({ code: 'PARSE_FAILED' });
    expect((await parseDocument(ARTICLE)).title).toBe('Arrest');
  });

  it('exposes the default limits from the tracker', () => {
    expect(DEFAULT_PARSE_LIMITS).toEqual({
      maxBytes: 100 * 1024 * 1024,
      maxExpandedBytes: 500 * 1024 * 1024,
      maxExpansionRatio: 100,
      maxArchiveDepth: 3,
      maxArchiveEntries: 10_000,
      timeoutMs: 30_000,
      maxMemoryMb: 512,
    });
  });
});
