import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/index.js';
import { searchSources } from '../../src/search/index.js';
import {
  blobCipherFromSecret,
  getSource,
  getSourceOriginal,
  getSourceText,
  type IngestContext,
  type IngestResult,
  ingestFiles,
  listSources,
  MAX_NESTED_DOCUMENTS,
  sha256Hex,
} from '../../src/sources/index.js';
import { onPath } from '../../src/sources/programs.js';
import {
  mailWithAttachments,
  makeDocx,
  makeMbox,
  makePdf,
  makeRar,
  makeRarVolumes,
  makeZip,
} from '../fixtures/documents.js';
import { makeMsg } from '../fixtures/outlook-msg.js';
import { buildZip, storedEntry } from '../fixtures/zip-bombs.js';
import { ingestAll } from '../helpers/sources.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();

const utf8 = (s: string) => new TextEncoder().encode(s);

/** `context`, with a hook that fails the source of file `name` after its rows were written. */
function failingOn(context: IngestContext, name: string, message: string): IngestContext {
  return {
    ...context,
    afterSourceWritten: async (_trx, source) => {
      if (source.name === name) throw new Error(message);
    },
  };
}

describe.each(dialects)('ingestion on %s', (dialect) => {
  let t: TestWorkspace;
  let context: IngestContext;

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    context = { workspace: t.workspace, userId: null, cipher: blobCipherFromSecret('test secret') };
  });
  afterAll(async () => t.dispose());

  it('stores the original byte for byte, its text and its metadata', async () => {
    const bytes = utf8('\uFEFFСегодня в Уфе задержали активиста Ивана Тестова.\n');
    const [result] = await ingestAll(context, [{ name: 'ufa.txt', bytes }]);
    expect(result).toMatchObject({ status: 'ingested', error: null });
    const id = result!.sourceId!;
    const source = await getSource(t.workspace.db, id);
    expect(source.sha256).toBe(sha256Hex(bytes));
    expect(source.language).toBe('ru');
    expect(source.byteSize).toBe(bytes.byteLength);
    const original = await getSourceOriginal(t.workspace.db, id, context.cipher);
    expect(Buffer.compare(original.bytes, Buffer.from(bytes))).toBe(0);
    expect(await getSourceText(t.workspace.db, id)).toBe('Сегодня в Уфе задержали активиста Ивана Тестова.\n');
  });

  it('re-joins a word hyphenated at a PDF line end as the PDF spells it elsewhere, and finds it so', async () => {
    const bytes = await makePdf({
      pages: [
        [
          'The court in Zorblatt heard the appeal. The pre-',
          'trial detention of Ivan Hyphenov was extended again.',
          'His lawyer said that pre-trial detention had become',
          'a punishment in itself.',
        ],
      ],
    });
    const [result] = await ingestAll(context, [{ name: 'zorblatt.pdf', bytes }]);
    expect(result).toMatchObject({ status: 'ingested', error: null });
    expect(await getSourceText(t.workspace.db, result!.sourceId!)).toContain(
      'The pre-trial detention of Ivan Hyphenov',
    );
    const found = await searchSources(t.workspace.db, dialect, '"The pre-trial detention of Ivan Hyphenov"');
    expect(found.results.map((r) => r.sourceId)).toEqual([result!.sourceId]);
  });

  it("takes a document's author from its file, unless a program's placeholder stands there", async () => {
    const results = await ingestAll(context, [
      {
        name: 'placeholder.docx',
        bytes: await makeDocx({ paragraphs: ['Суд продлил арест Гавриле Безымянному.'], creator: 'Un-named' }),
      },
      {
        name: 'signed.docx',
        bytes: await makeDocx({
          paragraphs: ['Суд продлил арест Гавриле Подписанному.'],
          creator: 'Адвокат Выдумкина',
        }),
      },
    ]);
    const [placeholder, signed] = await Promise.all(results.map((r) => getSource(t.workspace.db, r.sourceId!)));
    expect([placeholder!.author, signed!.author]).toEqual([null, 'Адвокат Выдумкина']);
  });

  it('gives each entry of an archive the metadata given for the archive; an attachment keeps to its message', async () => {
    const message = mailWithAttachments({
      from: 'editor@example.org',
      subject: 'Search in Tver',
      body: 'В Твери прошёл обыск у Павла Небывалого.',
      attachments: [
        { name: 'protocol.txt', type: 'text/plain', text: 'Протокол обыска у Павла Небывалого, составлен в Твери.' },
      ],
    });
    const bundle = makeZip({ 'perm.txt': 'Суд в Перми арестовал Глеба Архивного.', 'tver.eml': message });
    const metadata = {
      title: 'Май',
      publisher: 'Выдуманный центр',
      publishedAt: '2024-05-01',
      url: 'https://example.org/bundle',
    };
    const results = await ingestAll(context, [{ name: 'bundle.zip', bytes: bundle, metadata }]);
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['bundle.zip', 'ingested'],
      ['bundle.zip!perm.txt', 'ingested'],
      ['bundle.zip!tver.eml', 'ingested'],
      ['bundle.zip!tver.eml!protocol.txt', 'ingested'],
    ]);
    const [archive, entry, mail, attachment] = await Promise.all(
      results.map((r) => getSource(t.workspace.db, r.sourceId!)),
    );
    // The archive is kept as it came, without text, its entries its children.
    expect(archive).toMatchObject({ mediaType: 'application/zip', title: 'Май', needsOcr: false, parentId: null });
    expect(await getSourceText(t.workspace.db, archive!.id)).toBe('');
    const original = await getSourceOriginal(t.workspace.db, archive!.id, context.cipher);
    expect(Buffer.compare(original.bytes, Buffer.from(bundle))).toBe(0);
    expect([entry!.parentId, entry!.relation, mail!.parentId]).toEqual([archive!.id, 'archive-entry', archive!.id]);
    expect(archive!.children.map((c) => c.id)).toEqual([entry!.id, mail!.id]);
    for (const source of [archive!, entry!, mail!]) {
      expect(source.publisher).toBe('Выдуманный центр');
      expect(source.publishedAt).toMatch(/^2024-05-01/);
      expect(source.url).toBe('https://example.org/bundle');
    }
    // A title names one report: not every entry of the archive.
    expect(entry!.title).toBeNull();
    expect(mail!.title).toBe('Search in Tver');
    expect(attachment!.parentId).toBe(mail!.id);
    expect([attachment!.publisher, attachment!.publishedAt, attachment!.url]).toEqual([null, null, null]);
  });

  it('keeps a photo of a document, flagged as needing OCR, and a photo sent with a letter as a source of its own', async () => {
    const photo = new Uint8Array(readFileSync(new URL('../fixtures/images/scan.jpg', import.meta.url)));
    const [alone] = await ingestAll(context, [{ name: 'IMG_0412.JPG', bytes: photo }]);
    expect(alone).toMatchObject({ status: 'ingested', error: null });
    // Said with the result, where whoever stores it reads it: the photo gives away where it was taken.
    expect(alone!.warnings).toEqual([
      'an image: its text needs OCR or a transcription',
      'the image records where it was taken (GPS): that place is in its metadata and its original, ' +
        'which can identify whoever took it',
    ]);
    const source = await getSource(t.workspace.db, alone!.sourceId!);
    expect(source).toMatchObject({ mediaType: 'image/jpeg', needsOcr: true, language: 'other', title: null });
    expect(source.publishedAt).toMatch(/^2026-11-03T11:05:09/);
    expect(source.metadata).toMatchObject({ camera: 'ExampleCam Model 7', location: { latitude: 51.5331 } });
    expect(await getSourceText(t.workspace.db, source.id)).toBe('');
    const original = await getSourceOriginal(t.workspace.db, source.id, context.cipher);
    expect(Buffer.compare(original.bytes, Buffer.from(photo))).toBe(0);

    const page = readFileSync(new URL('../fixtures/images/scan.png', import.meta.url));
    const message = mailWithAttachments({
      subject: 'Постановление',
      body: 'Фото постановления суда во вложении.',
      attachments: [{ name: 'page-1.png', type: 'image/png', bytes: page }],
    });
    const results = await ingestAll(context, [{ name: 'letter.eml', bytes: utf8(message) }]);
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['letter.eml', 'ingested'],
      ['letter.eml!page-1.png', 'ingested'],
    ]);
    const attached = await getSource(t.workspace.db, results[1]!.sourceId!);
    expect(attached).toMatchObject({ mediaType: 'image/png', needsOcr: true, parentId: results[0]!.sourceId });
  });

  it('reads a spreadsheet saved by Excel or LibreOffice as its rows, searchable by an inflected word', async () => {
    const fixture = (name: string) =>
      new Uint8Array(readFileSync(new URL(`../fixtures/spreadsheets/${name}`, import.meta.url)));
    const results = await ingestAll(context, [
      { name: 'detainees.xlsx', bytes: fixture('detainees.xlsx') },
      { name: 'detainees.ods', bytes: fixture('detainees.ods') },
      { name: 'detainees.fods', bytes: fixture('detainees.fods') },
    ]);
    expect(results.map((r) => [r.status, r.mediaType])).toEqual([
      ['ingested', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['ingested', 'application/vnd.oasis.opendocument.spreadsheet'],
      ['ingested', 'application/vnd.oasis.opendocument.spreadsheet-flat-xml'],
    ]);
    const texts = await Promise.all(results.map((r) => getSourceText(t.workspace.db, r.sourceId!)));
    // The same rows from every format: the date as an ISO date, whether stored as a day count or as a date.
    expect(texts[0]).toBe(texts[1]);
    expect(texts[2]).toBe(texts[0]);
    expect(texts[0]!.split('\n')[1]).toBe(
      'Пётр Вымышленный\t1985\tПермский край\tч. 2 ст. 280.3 УК РФ\t2024-03-05\tпод стражей',
    );
    expect(results[1]!.nearDuplicateOf).toBe(results[0]!.sourceId);
    const source = await getSource(t.workspace.db, results[0]!.sourceId!);
    expect(source).toMatchObject({ language: 'ru', metadata: { sheets: [{ name: 'list', rows: 3 }] } });
    const found = await searchSources(t.workspace.db, dialect, 'Небывалую Пермского');
    expect(found.results.map((r) => r.sourceId)).toContain(results[0]!.sourceId);
  });

  it('says an attachment it cannot read is kept in its message, and lists it with those the message keeps unread', async () => {
    const message = mailWithAttachments({
      subject: 'Материалы',
      body: 'Материалы дела во вложении.',
      attachments: [
        {
          name: 'case.bin',
          type: 'application/octet-stream',
          bytes: Uint8Array.of(0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8, 9),
        },
        {
          name: 'ruling.pdf',
          type: 'application/pdf',
          bytes: utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage, cut off'),
        },
      ],
    });
    const results = await ingestAll(context, [{ name: 'materials.eml', bytes: utf8(message) }]);
    // A file of no known kind stays in the message with a warning; a PDF that cannot be read fails on its line.
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['materials.eml', 'ingested'],
      ['materials.eml!ruling.pdf', 'failed'],
    ]);
    expect(results[1]!.error).toMatch(/^materials\.eml!ruling\.pdf: .+ \(kept in the message, not read\)$/);
    const letter = await getSource(t.workspace.db, results[0]!.sourceId!);
    expect(letter.metadata.notRead).toEqual([
      { name: 'case.bin', bytes: 11, reason: 'binary content is not a supported document' },
      { name: 'ruling.pdf', reason: expect.any(String) },
    ]);
  });

  it('keeps in the archive what it does not read, says so with the archive, and lists it in its metadata', async () => {
    const bundle = makeZip({
      'news.html':
        '<html><head><title>Обыск в Твери</title></head><body><p>В Твери прошёл обыск у Павла Небывалого.</p></body></html>',
      'news_files/style.css': 'p { margin: 0 }',
      'news_files/logo.png': new Uint8Array(readFileSync(new URL('../fixtures/images/logo.png', import.meta.url))),
      'court/ruling.xlsx': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]),
      'court/notes.bin': new Uint8Array([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8, 9]),
    });
    const results = await ingestAll(context, [{ name: 'saved.zip', bytes: bundle }]);
    expect(results.map((r) => [r.file, r.status, r.warnings ?? null])).toEqual([
      ['saved.zip', 'ingested', ['news_files/ is kept in the archive, not read: what a saved page loads (2 files)']],
      ['saved.zip!news.html', 'ingested', null],
      ['saved.zip!court/ruling.xlsx', 'failed', null],
      ['saved.zip!court/notes.bin', 'failed', null],
    ]);
    // A file Chronicle cannot read is still there, in the archive's original, and its line says so.
    expect(results[3]!.error).toBe(
      'saved.zip!court/notes.bin: binary content is not a supported document (kept in the archive, not read)',
    );
    const archive = await getSource(t.workspace.db, results[0]!.sourceId!);
    expect(archive.metadata.notRead).toEqual([
      { name: 'news_files/', reason: 'what a saved page loads (2 files)' },
      { name: 'court/ruling.xlsx', reason: 'ZIP archive has no central directory (truncated or damaged)' },
      { name: 'court/notes.bin', reason: 'binary content is not a supported document' },
    ]);
    const original = await getSourceOriginal(t.workspace.db, archive.id, context.cipher);
    expect(Buffer.compare(original.bytes, Buffer.from(bundle))).toBe(0);
    // The same archive again: a duplicate, its entries too; nothing is stored twice.
    const again = await ingestAll(context, [{ name: 'saved-again.zip', bytes: bundle }]);
    expect(again.map((r) => [r.status, r.sourceId])).toEqual([
      ['duplicate', archive.id],
      ['duplicate', results[1]!.sourceId],
      ['failed', null],
      ['failed', null],
    ]);
  });

  it('makes each message of a Telegram export a source of its own, dated and signed by it, linked to the export', async () => {
    const exported = (messages: object[]) =>
      utf8(JSON.stringify({ name: 'Выдуманный мониторинг', type: 'public_channel', id: 777, messages }, null, 1));
    const first = [
      { id: 1, type: 'service', date_unixtime: '1709272800', action: 'create_channel', text: '' },
      {
        id: 2,
        type: 'message',
        date_unixtime: '1709622000',
        from: 'Выдуманный мониторинг',
        text: ['В Саратове ', { type: 'bold', text: 'задержали' }, ' Петра Небывалого.'],
      },
      {
        id: 3,
        type: 'message',
        date_unixtime: '1709717400',
        from: 'Выдуманный мониторинг',
        forwarded_from: 'Придуманный центр',
        text: 'Суд арестовал Петра Небывалого на два месяца.',
      },
    ];
    // A date given for the export is no message's date: each keeps its own.
    const results = await ingestAll(context, [
      { name: 'result.json', bytes: exported(first), metadata: { publishedAt: '2024-12-31' } },
    ]);
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['result.json', 'ingested'],
      ['result.json!message-2', 'ingested'],
      ['result.json!message-3', 'ingested'],
    ]);
    const [chat, detained, arrested] = await Promise.all(results.map((r) => getSource(t.workspace.db, r.sourceId!)));
    expect(chat!.mediaType).toBe('application/x-telegram-export+json');
    expect(chat!.title).toBe('Telegram: Выдуманный мониторинг');
    expect(await getSourceText(t.workspace.db, detained!.id)).toBe('В Саратове задержали Петра Небывалого.');
    expect(detained).toMatchObject({
      parentId: chat!.id,
      relation: 'message',
      author: 'Выдуманный мониторинг',
      publisher: 'Выдуманный мониторинг',
      language: 'ru',
    });
    expect(detained!.publishedAt).toMatch(/^2024-03-05T07:00:00/);
    // A forward is the forwarded author's words.
    expect(arrested!.author).toBe('Придуманный центр');
    const found = await searchSources(t.workspace.db, dialect, 'арестован');
    expect(found.results.map((r) => r.sourceId)).toContain(arrested!.id);

    // The same channel exported again a week later: only what is new is stored.
    const later = [
      ...first,
      { id: 4, type: 'message', date_unixtime: '1710226800', text: 'Пётр Небывалый освобождён.' },
    ];
    const again = await ingestAll(context, [{ name: 'result-later.json', bytes: exported(later) }]);
    expect(again.map((r) => [r.file, r.status])).toEqual([
      ['result-later.json', 'ingested'],
      ['result-later.json!message-2', 'duplicate'],
      ['result-later.json!message-3', 'duplicate'],
      ['result-later.json!message-4', 'ingested'],
    ]);
  });

  it('makes each letter of a mailbox a source with its attachments, linked to it; a later export adds new letters', async () => {
    const search = mailWithAttachments({
      subject: 'Обыск у Небывалых',
      body: 'Сегодня в Казани прошёл обыск у Петра Небывалого.',
      attachments: [{ name: 'протокол.txt', type: 'text/plain', text: 'Протокол обыска от 4 марта.' }],
    });
    const arrest = mailWithAttachments({ subject: 'Арест', body: 'Суд арестовал Петра Небывалого.', attachments: [] });
    const results = await ingestAll(context, [{ name: 'Входящие.mbox', bytes: makeMbox([search, arrest], '\r\n') }]);
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['Входящие.mbox', 'ingested'],
      ['Входящие.mbox!letter-1.eml', 'ingested'],
      ['Входящие.mbox!letter-1.eml!протокол.txt', 'ingested'],
      ['Входящие.mbox!letter-2.eml', 'ingested'],
    ]);
    const [mailbox, first, attached, second] = await Promise.all(
      results.map((r) => getSource(t.workspace.db, r.sourceId!)),
    );
    expect(mailbox).toMatchObject({ mediaType: 'application/mbox', title: 'Mailbox: Входящие' });
    expect(first).toMatchObject({ mediaType: 'message/rfc822', title: 'Обыск у Небывалых', parentId: mailbox!.id });
    expect(first!.relation).toBe('message');
    expect(attached!.parentId).toBe(first!.id);
    expect(second).toMatchObject({ title: 'Арест', parentId: mailbox!.id });
    const found = (await searchSources(t.workspace.db, dialect, 'арестованный Небывалый')).results.map(
      (r) => r.sourceId,
    );
    expect(found).toContain(second!.id);
    expect(found).not.toContain(first!.id);

    // The folder exported again with a new letter: what was stored is a duplicate, the new letter is stored.
    const release = mailWithAttachments({ subject: 'Освобождён', body: 'Пётр Небывалый освобождён.', attachments: [] });
    const again = await ingestAll(context, [
      { name: 'Входящие (2).mbox', bytes: makeMbox([search, arrest, release], '\r\n') },
    ]);
    expect(again.map((r) => r.status)).toEqual(['ingested', 'duplicate', 'duplicate', 'duplicate', 'ingested']);
    // Held again by the folder's new export, the letters stored before are not received again (captures.ts).
    const later = await getSource(t.workspace.db, again[0]!.sourceId!);
    expect(later.childrenStoredBefore).toEqual([]);
    for (const id of [first!.id, attached!.id, second!.id])
      expect((await getSource(t.workspace.db, id)).captures).toEqual([]);
  });

  it('makes a photographed page pasted into a Word file a part of it, flagged for OCR', async () => {
    const { unzipSync } = await import('fflate');
    const parts = unzipSync(await makeDocx({ paragraphs: ['Постановление суда — на фотографии.'] }));
    // The photo of another test, with bytes of its own after the picture: stored here, not found a duplicate.
    const scan = readFileSync(new URL('../fixtures/images/scan.jpg', import.meta.url));
    parts['word/media/image1.jpeg'] = new Uint8Array(Buffer.concat([scan, Buffer.from('word-part')]));
    const results = await ingestAll(context, [{ name: 'постановление.docx', bytes: makeZip(parts) }]);
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['постановление.docx', 'ingested'],
      ['постановление.docx!image1.jpeg', 'ingested'],
    ]);
    const photo = await getSource(t.workspace.db, results[1]!.sourceId!);
    expect(photo).toMatchObject({
      mediaType: 'image/jpeg',
      needsOcr: true,
      relation: 'part',
      parentId: results[0]!.sourceId,
    });
  });

  it('makes each day of a WhatsApp chat a source, dated by it, linked to the export; a later export adds new days', async () => {
    const chat = [
      '05.12.2026, 06:12 - Ольга Вымышленная: Пришли с обыском к Пете Небывалому.',
      '05.12.2026, 07:40 - Ольга Вымышленная: Его увезли в СК.',
      '06.12.2026, 10:02 - Анна Придуманная: Суд арестовал Петю на два месяца.',
    ];
    const results = await ingestAll(context, [
      { name: 'WhatsApp Chat with Семья Небывалых.txt', bytes: utf8(`${chat.join('\n')}\n`) },
    ]);
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['WhatsApp Chat with Семья Небывалых.txt', 'ingested'],
      ['WhatsApp Chat with Семья Небывалых.txt!day-2026-12-05.txt', 'ingested'],
      ['WhatsApp Chat with Семья Небывалых.txt!day-2026-12-06.txt', 'ingested'],
    ]);
    const [exported, first, second] = await Promise.all(results.map((r) => getSource(t.workspace.db, r.sourceId!)));
    expect(exported).toMatchObject({ mediaType: 'text/x-whatsapp-chat', title: 'WhatsApp: Семья Небывалых' });
    expect(first).toMatchObject({
      parentId: exported!.id,
      relation: 'message',
      title: 'WhatsApp: Семья Небывалых, 2026-12-05',
      author: 'Ольга Вымышленная',
      publisher: 'Семья Небывалых',
      publishedAt: '2026-12-05',
      language: 'ru',
    });
    expect(second!.author).toBe('Анна Придуманная');
    const found = await searchSources(t.workspace.db, dialect, 'арестован Петя');
    expect(found.results.map((r) => r.sourceId)).toEqual([second!.id]);

    const later = [...chat, '08.12.2026, 12:00 - Анна Придуманная: Подали апелляцию.'];
    const again = await ingestAll(context, [
      { name: 'WhatsApp Chat with Семья Небывалых (2).txt', bytes: utf8(`${later.join('\n')}\n`) },
    ]);
    expect(again.map((r) => r.status)).toEqual(['ingested', 'duplicate', 'duplicate', 'ingested']);
    // A second download's name (`… (2)`) names the same chat.
    expect((await getSource(t.workspace.db, again[3]!.sourceId!)).publisher).toBe('Семья Небывалых');

    // That export was made at noon on the 8th; the next one holds the whole day. The day is stored whole, linked to
    // the morning's part as its near-duplicate, so the two count as one source of what they say.
    const evening = [...later, '08.12.2026, 18:30 - Ольга Вымышленная: Апелляцию рассмотрят 20 декабря.'];
    const third = await ingestAll(context, [
      { name: 'WhatsApp Chat with Семья Небывалых (3).txt', bytes: utf8(`${evening.join('\n')}\n`) },
    ]);
    expect(third.map((r) => r.status)).toEqual(['ingested', 'duplicate', 'duplicate', 'ingested']);
    expect(third[3]!.nearDuplicateOf).toBe(again[3]!.sourceId);
    expect(third[3]!.warnings).toEqual([
      `another export held less of it, stored as ${again[3]!.sourceId}: the two are linked as near-duplicates and count as one source`,
    ]);
    const whole = await getSource(t.workspace.db, third[3]!.sourceId!);
    expect(whole.nearDuplicates.map((s) => s.id)).toContain(again[3]!.sourceId);
    expect(await getSourceText(t.workspace.db, whole.id)).toContain('Апелляцию рассмотрят 20 декабря');

    // An export of a different chat's day with the same name and date is not linked; nor is the same day read
    // in two exports in one batch linked twice: the morning's copy and the whole day arriving together link once.
    const other = await ingestAll(context, [
      {
        name: 'WhatsApp Chat with Семья Небывалых (4).txt',
        bytes: utf8('08.12.2026, 12:00 - Анна Придуманная: Совсем другое сообщение.\n08.12.2026, 13:00 - А: Ещё.\n'),
      },
    ]);
    expect(other[1]).toMatchObject({ status: 'ingested', nearDuplicateOf: null });
    expect(other[1]!.warnings ?? []).toEqual([]);
    const friends = [
      '09.12.2026, 08:00 - Ольга Вымышленная: Петю перевели в СИЗО-2.',
      '09.12.2026, 08:05 - Анна Придуманная: Передачу примут в пятницу.',
      '09.12.2026, 21:00 - Ольга Вымышленная: Адвоката к нему не пустили.',
    ];
    const together = await ingestAll(context, [
      { name: 'WhatsApp Chat with Друзья (1).txt', bytes: utf8(`${friends.slice(0, 2).join('\n')}\n`) },
      { name: 'WhatsApp Chat with Друзья (2).txt', bytes: utf8(`${friends.join('\n')}\n`) },
    ]);
    expect(together.map((r) => r.status)).toEqual(['ingested', 'ingested', 'ingested', 'ingested']);
    expect(together[3]!.nearDuplicateOf).toBe(together[1]!.sourceId);
    expect(together[3]!.warnings).toHaveLength(1);
  });

  it('refuses documents nested past ten deep under their name, keeping the ten above them', async () => {
    // A letter forwarded as an attachment of a letter, twelve times over.
    let letter = makeMsg({
      subject: 'Уровень 12',
      senderName: 'A',
      senderEmail: 'a@example.org',
      to: [],
      body: 'Уровень 12.',
    });
    for (let level = 11; level >= 1; level--) {
      letter = makeMsg({
        subject: `Уровень ${level}`,
        senderName: 'A',
        senderEmail: 'a@example.org',
        to: [],
        body: `Письмо уровня ${level}, вложенное.`,
        attachments: [{ name: `level-${level + 1}.msg`, data: letter }],
      });
    }
    const results = await ingestAll(context, [{ name: 'level-1.msg', bytes: letter }]);
    expect(results.filter((r) => r.status === 'ingested')).toHaveLength(MAX_NESTED_DOCUMENTS + 1);
    const failed = results.filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.file).toMatch(/level-12\.msg$/);
    expect(failed[0]!.error).toContain(`documents are nested more than ${MAX_NESTED_DOCUMENTS} deep`);
  });

  it('reports an entry of an archive that cannot be read, and an archive without files, each on its own line', async () => {
    const locked = buildZip([
      storedEntry('locked.txt', 'xxxx', 0x1),
      storedEntry('open.txt', 'В Орле задержали Тихона Открытого.'),
    ]);
    const results = await ingestAll(context, [
      { name: 'locked.zip', bytes: locked },
      { name: 'empty.zip', bytes: buildZip([]) },
    ]);
    expect(results.map((r) => [r.file, r.status, r.code ?? null])).toEqual([
      ['locked.zip', 'ingested', null],
      ['locked.zip!locked.txt', 'failed', 'UNSUPPORTED_TYPE'],
      ['locked.zip!open.txt', 'ingested', null],
      ['empty.zip', 'failed', 'VALIDATION'],
    ]);
    expect(results[1]!.error).toMatch(/^locked\.zip!locked\.txt: .*encrypted.*\(kept in the archive, not read\)$/);
    expect(results[3]!.error).toBe(
      'empty.zip: the archive holds no files (only folders and system files: __MACOSX, .DS_Store, Thumbs.db)',
    );
  });

  it('keeps a RAR archive as a ZIP is kept: its files sources of their own, one it cannot open failing alone', async () => {
    const inner = makeZip({ 'письмо.txt': 'Письмо из СИЗО от Тихона Закрытого.' });
    const rar = makeRar([
      { name: 'дело/постановление.txt', data: 'Суд арестовал Тихона Закрытого на два месяца.' },
      { name: 'дело/ходатайство.txt', data: 'Адвокат просит домашний арест.', encrypted: true },
      { name: 'переписка.zip', data: inner },
    ]);
    const results = await ingestAll(context, [{ name: 'материалы.rar', bytes: rar }]);
    expect(results.map((r) => [r.file, r.status, r.code ?? null])).toEqual([
      ['материалы.rar', 'ingested', null],
      ['материалы.rar!дело/постановление.txt', 'ingested', null],
      ['материалы.rar!дело/ходатайство.txt', 'failed', 'UNSUPPORTED_TYPE'],
      ['материалы.rar!переписка.zip', 'ingested', null],
      ['материалы.rar!переписка.zip!письмо.txt', 'ingested', null],
    ]);
    expect(results[2]!.error).toBe(
      'материалы.rar!дело/ходатайство.txt: the file is encrypted: ask for the password or a copy without one (kept in the archive, not read)',
    );
    const archive = await getSource(t.workspace.db, results[0]!.sourceId!);
    expect(archive).toMatchObject({ mediaType: 'application/vnd.rar', needsOcr: false });
    expect(archive.metadata.notRead).toEqual([
      { name: 'дело/ходатайство.txt', reason: 'the file is encrypted: ask for the password or a copy without one' },
    ]);
    expect(archive.children.map((child) => child.relation)).toEqual(['archive-entry', 'archive-entry']);
    const found = await searchSources(t.workspace.db, dialect, 'арестовал Закрытого');
    expect(found.results.map((r) => r.sourceId)).toContain(results[1]!.sourceId);
  });

  it('reads a RAR archive split into volumes given together as one archive, keeping every volume as a source', async () => {
    const volumes = makeRarVolumes(
      [
        { name: 'опись.txt', data: 'Опись материалов дела Зиновия Томского.' },
        { name: 'дело/приговор.txt', data: 'Суд приговорил Зиновия Томского к трём годам колонии. '.repeat(20) },
      ],
      800,
    );
    expect(volumes).toHaveLength(3);
    const [first, second, third] = volumes;
    const results = await ingestAll(context, [
      { name: 'почта/дело.part3.rar', bytes: third!, metadata: { publisher: 'Защита' } },
      { name: 'почта/сводка.txt', bytes: utf8('Сводка за неделю: задержания в Томске.') },
      { name: 'почта/дело.part1.rar', bytes: first!, metadata: { publisher: 'Защита' } },
      { name: 'почта/дело.part2.rar', bytes: second!, metadata: { publisher: 'Защита' } },
    ]);
    expect(results.map((r) => [r.file, r.status, r.error])).toEqual([
      ['почта/сводка.txt', 'ingested', null],
      ['почта/дело.part1.rar', 'ingested', null],
      ['почта/дело.part1.rar!опись.txt', 'ingested', null],
      ['почта/дело.part1.rar!дело/приговор.txt', 'ingested', null],
      ['почта/дело.part2.rar', 'ingested', null],
      ['почта/дело.part3.rar', 'ingested', null],
    ]);
    const archive = await getSource(t.workspace.db, results[1]!.sourceId!);
    expect(archive).toMatchObject({
      mediaType: 'application/vnd.rar',
      metadata: { volume: { archive: 'дело.rar', part: 1, parts: 3 } },
    });
    expect(archive.children.map((child) => child.relation).sort()).toEqual([
      'archive-entry',
      'archive-entry',
      'archive-volume',
      'archive-volume',
    ]);
    expect(await getSource(t.workspace.db, results[5]!.sourceId!)).toMatchObject({
      mediaType: 'application/vnd.rar',
      sha256: sha256Hex(third!),
      metadata: { volume: { archive: 'дело.rar', part: 3, parts: 3 } },
    });
    expect(await getSourceText(t.workspace.db, results[3]!.sourceId!)).toContain('приговорил Зиновия Томского');
    expect((await getSource(t.workspace.db, results[3]!.sourceId!)).publisher).toBe('Защита');
    // The same volumes again are the sources already stored.
    const again = await ingestAll(context, [
      { name: 'дело.part1.rar', bytes: first! },
      { name: 'дело.part2.rar', bytes: second! },
      { name: 'дело.part3.rar', bytes: third! },
    ]);
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
  });

  it('joins the parts 7-Zip split a file into, keeping the file whole beside the parts, and reads it', async () => {
    // Stored, not compressed, so that each part is the size of a third.
    const whole = makeZip(
      {
        'дело/протокол обыска.txt': 'Протокол обыска у Аристарха Разрезанного от 9 июня.',
        'ходатайство.txt': 'Ходатайство защиты Аристарха Разрезанного об отводе судьи.',
      },
      0,
    );
    const cut = Math.ceil(whole.length / 3);
    const parts = [0, 1, 2].map((i) => whole.slice(i * cut, (i + 1) * cut));
    const letter = makeZip({
      'материалы.zip.001': parts[0]!,
      'материалы.zip.002': parts[1]!,
      'материалы.zip.003': parts[2]!,
    });
    const results = await ingestAll(context, [{ name: 'от адвоката.zip', bytes: letter }]);
    const first = 'от адвоката.zip!материалы.zip.001';
    expect(results.map((r) => [r.file, r.status, r.error])).toEqual([
      ['от адвоката.zip', 'ingested', null],
      [first, 'ingested', null],
      [`${first}!материалы.zip`, 'ingested', null],
      [`${first}!материалы.zip!дело/протокол обыска.txt`, 'ingested', null],
      [`${first}!материалы.zip!ходатайство.txt`, 'ingested', null],
      ['от адвоката.zip!материалы.zip.002', 'ingested', null],
      ['от адвоката.zip!материалы.zip.003', 'ingested', null],
    ]);
    const joined = await getSource(t.workspace.db, results[2]!.sourceId!);
    expect(joined).toMatchObject({
      mediaType: 'application/zip',
      sha256: sha256Hex(whole),
      relation: 'joined-volumes',
    });
    expect(await getSource(t.workspace.db, results[1]!.sourceId!)).toMatchObject({
      mediaType: 'application/octet-stream',
      metadata: { volume: { archive: 'материалы.zip', part: 1, parts: 3 } },
    });
    expect(await getSourceText(t.workspace.db, results[3]!.sourceId!)).toContain('Аристарха Разрезанного');
  });

  it('reads a split archive mailed in several letters, given together, each part kept with its letter', async () => {
    const volumes = makeRarVolumes(
      [{ name: 'обвинение.txt', data: 'Обвинение предъявлено Ермолаю Почтовому по статье 212. '.repeat(12) }],
      450,
    );
    expect(volumes).toHaveLength(3);
    const letter = (i: number) =>
      mailWithAttachments({
        subject: `Материалы дела, часть ${i + 1}`,
        body: `Часть ${i + 1} из 3.`,
        attachments: [
          { name: `материалы.part${i + 1}.rar`, type: 'application/vnd.rar', bytes: volumes[i]! },
          ...(i === 0 ? [{ name: 'опись.txt', type: 'text/plain', text: 'Опись для Ермолая Почтового.' }] : []),
        ],
      });
    // The letters in one mailbox, and the same letters as files given together, the second time found stored.
    const mailbox = await ingestAll(context, [
      { name: 'Входящие.mbox', bytes: makeMbox([letter(2), letter(0), letter(1)]) },
    ]);
    expect(mailbox.filter((r) => r.status === 'failed')).toEqual([]);
    const entry = mailbox.find((r) => r.file.endsWith('материалы.part1.rar!обвинение.txt'));
    expect(entry).toMatchObject({ status: 'ingested' });
    expect(await getSourceText(t.workspace.db, entry!.sourceId!)).toContain('Ермолаю Почтовому');
    const first = mailbox.find((r) => r.file.endsWith('материалы.part1.rar'))!;
    const third = mailbox.find((r) => r.file.endsWith('материалы.part3.rar'))!;
    expect(await getSource(t.workspace.db, first.sourceId!)).toMatchObject({
      relation: 'attachment',
      metadata: { volume: { archive: 'материалы.rar', part: 1, parts: 3 } },
    });
    const kept = await getSource(t.workspace.db, third.sourceId!);
    expect(kept).toMatchObject({ relation: 'attachment', metadata: { volume: { part: 3, parts: 3 } } });
    // Each part stays with the letter it came in, which no longer lists it as unread.
    const thirdLetter = await getSource(t.workspace.db, kept.parentId!);
    expect(thirdLetter.title).toBe('Материалы дела, часть 3');
    expect(thirdLetter.metadata.notRead ?? []).toEqual([]);

    const files = await ingestAll(
      context,
      [0, 1, 2].map((i) => ({ name: `письмо-${i + 1}.eml`, bytes: utf8(letter(i)) })),
    );
    expect(files.filter((r) => r.status === 'failed')).toEqual([]);
    expect(files.map((r) => r.status)).not.toContain('ingested');
  });

  it('reads the parts of letters too large to be read in one window, holding the letters back to the end', async () => {
    const volumes = makeRarVolumes(
      [{ name: 'экспертиза.txt', data: 'Заключение эксперта по делу Прова Оконного. '.repeat(15) }],
      500,
    );
    expect(volumes).toHaveLength(3);
    const letters = volumes.map((volume, i) => ({
      name: `большое-${i + 1}.eml`,
      bytes: utf8(
        mailWithAttachments({
          subject: `Экспертиза, часть ${i + 1}`,
          body: 'Вложение.',
          attachments: [{ name: `экспертиза.part${i + 1}.rar`, type: 'application/vnd.rar', bytes: volume }],
        }),
      ),
    }));
    const between = { name: 'между.txt', bytes: utf8('Сводка между письмами о Прове Оконном.') };
    // A window closes at every file: each letter is read alone, as 20 MB letters would be.
    const results = await ingestAll(context, [letters[1]!, between, letters[0]!, letters[2]!], { batchBytes: 1 });
    expect(results.filter((r) => r.status === 'failed')).toEqual([]);
    expect(results.map((r) => r.file)).toEqual([
      'между.txt',
      'большое-2.eml',
      'большое-2.eml!экспертиза.part2.rar',
      'большое-1.eml',
      'большое-1.eml!экспертиза.part1.rar',
      'большое-3.eml',
      'большое-3.eml!экспертиза.part3.rar',
      'большое-1.eml!экспертиза.part1.rar!экспертиза.txt',
    ]);
    expect(await getSourceText(t.workspace.db, results.at(-1)!.sourceId!)).toContain('Прова Оконного');
  });

  it('keeps the parts of a split archive in their letters, waiting, when the letters given do not hold them all', async () => {
    const volumes = makeRarVolumes([{ name: 'a.txt', data: 'Протокол осмотра. '.repeat(60) }], 400);
    const results = await ingestAll(
      context,
      [0, 2].map((i) => ({
        name: `неполное-${i + 1}.eml`,
        bytes: utf8(
          mailWithAttachments({
            subject: `Неполный комплект ${i + 1}`,
            body: 'Часть архива.',
            attachments: [{ name: `неполный.part${i + 1}.rar`, type: 'application/vnd.rar', bytes: volumes[i]! }],
          }),
        ),
      })),
    );
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['неполное-1.eml', 'ingested'],
      ['неполное-1.eml!неполный.part1.rar', 'ingested'],
      ['неполное-3.eml', 'ingested'],
      ['неполное-3.eml!неполный.part3.rar', 'ingested'],
    ]);
    expect(results[1]!.warnings).toEqual([
      'part 1 of «неполный.rar», split into parts, given without the parts after it: it is kept, and the archive is read as soon as all its parts are in the workspace (at once when given together)',
    ]);
    expect(results[3]!.warnings).toEqual([
      expect.stringMatching(/^part 3 of «неполный\.rar», split into parts, given without its parts 1, 2: /),
    ]);
    const part = await getSource(t.workspace.db, results[3]!.sourceId!);
    expect(part).toMatchObject({
      mediaType: 'application/vnd.rar',
      parentId: results[2]!.sourceId,
      relation: 'attachment',
      metadata: { volume: { archive: 'неполный.rar', part: 3, waiting: true } },
    });
    // Kept as a source of its own, the part is no longer listed with what its letter keeps unread.
    expect((await getSource(t.workspace.db, results[2]!.sourceId!)).metadata.notRead).toBeUndefined();
  });

  it('keeps each part of a split archive not whole here, waiting for the rest, saying which parts it lacks', async () => {
    const [, second] = makeRarVolumes([{ name: 'a.txt', data: 'Протокол. '.repeat(100) }], 400);
    const results = await ingestAll(context, [
      { name: 'дело.part2.rar', bytes: second! },
      { name: 'скан.pdf.002', bytes: utf8('середина файла') },
      { name: 'скан.pdf.003', bytes: utf8('конец файла') },
    ]);
    expect(results.map((r) => [r.status, r.mediaType])).toEqual([
      ['ingested', 'application/vnd.rar'],
      ['ingested', 'application/octet-stream'],
      ['ingested', 'application/octet-stream'],
    ]);
    expect(results[0]!.warnings).toEqual([
      'part 2 of «дело.rar», split into parts, given without its part 1: it is kept, and the archive is read as soon as all its parts are in the workspace (at once when given together)',
    ]);
    expect(results[1]!.warnings).toEqual([
      expect.stringMatching(/^part 2 of «скан\.pdf», split into parts, given without its part 1/),
    ]);
    expect(await getSource(t.workspace.db, results[2]!.sourceId!)).toMatchObject({
      parentId: null,
      metadata: { volume: { archive: 'скан.pdf', part: 3, waiting: true } },
    });
    // Stored without text, the parts are no text to search: what they hold is, once they are read.
    expect(await getSourceText(t.workspace.db, results[1]!.sourceId!)).toBe('');
  });

  it('bounds what one file holds in all, however its archives nest, so a recursive bomb cannot multiply limits', async () => {
    const inner = (n: number) =>
      makeRar(Array.from({ length: 3 }, (_, i) => ({ name: `${n}-${i}.txt`, data: `Протокол ${n}-${i}.` })));
    const outer = makeRar(Array.from({ length: 3 }, (_, n) => ({ name: `level-${n}.rar`, data: inner(n) })));
    // Each archive keeps within the limits alone (3 files); together they hold 12, past twice 5.
    const small = { ...context, limits: { maxArchiveEntries: 5 } };
    const results = await ingestAll(small, [{ name: 'bomb.rar', bytes: outer }]);
    const failed = results.filter((r) => r.status === 'failed');
    expect(results.filter((r) => r.status === 'ingested')).toHaveLength(1 + 10);
    expect(failed.map((r) => r.code)).toEqual(['DECOMPRESSION_LIMIT', 'DECOMPRESSION_LIMIT']);
    expect(failed[0]!.error).toMatch(
      /^bomb\.rar!level-2\.rar!2-[12]\.txt: what this file holds, archives and attachments inside each other, comes to more than \d+ MB or 10 files in all \(kept in the archive, not read\)$/,
    );
  });

  it('keeps a 7z archive as a ZIP is kept, an encrypted file in it failing alone', async () => {
    const archive = new Uint8Array(readFileSync(new URL('../fixtures/archives/mixed.7z', import.meta.url)));
    const results = await ingestAll(context, [{ name: 'дело.7z', bytes: archive }]);
    expect(results.map((r) => [r.file, r.status, r.code ?? null])).toEqual([
      ['дело.7z', 'ingested', null],
      ['дело.7z!дело/протокол обыска.txt', 'ingested', null],
      ['дело.7z!ходатайство.txt', 'failed', 'UNSUPPORTED_TYPE'],
    ]);
    expect(await getSource(t.workspace.db, results[0]!.sourceId!)).toMatchObject({
      mediaType: 'application/x-7z-compressed',
      metadata: { notRead: [{ name: 'ходатайство.txt' }] },
    });
    expect(await getSourceText(t.workspace.db, results[1]!.sourceId!)).toBe(
      'Протокол обыска у Петра Вымышленного от 4 марта.\n',
    );
  });

  it('keeps a compressed tar as one archive, and a compressed letter as a container of the letter', async () => {
    const fixture = (name: string) =>
      new Uint8Array(readFileSync(new URL(`../fixtures/archives/${name}`, import.meta.url)));
    const results = await ingestAll(context, [
      { name: 'дело.tar.gz', bytes: fixture('case.tar.gz') },
      { name: 'письмо.eml.bz2', bytes: fixture('letter.eml.bz2') },
    ]);
    const folder =
      'дело/материалы-по-уголовному-делу-о-публичных-призывах-к-осуществлению-экстремистской-деятельности-статья-280';
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['дело.tar.gz', 'ingested'],
      [`дело.tar.gz!${folder}/постановление.txt`, 'ingested'],
      ['дело.tar.gz!дело/протокол обыска.txt', 'ingested'],
      ['дело.tar.gz!ходатайство.txt', 'ingested'],
      ['письмо.eml.bz2', 'ingested'],
      ['письмо.eml.bz2!письмо.eml', 'ingested'],
    ]);
    expect(await getSource(t.workspace.db, results[0]!.sourceId!)).toMatchObject({
      mediaType: 'application/gzip',
      metadata: { compression: 'gzip', entryCount: 3 },
    });
    expect(await getSourceText(t.workspace.db, results[3]!.sourceId!)).toBe(
      'Ходатайство защиты об изменении меры пресечения Петру Придуманову.\n',
    );
    expect(await getSource(t.workspace.db, results[5]!.sourceId!)).toMatchObject({
      mediaType: 'message/rfc822',
      title: 'Суд',
    });
  });

  it('reads a ZIP split by WinZip or Info-ZIP (.z01, .z02, .zip) from its parts given together', async () => {
    const part = (name: string) =>
      new Uint8Array(readFileSync(new URL(`../fixtures/archives/split-zip/${name}`, import.meta.url)));
    const results = await ingestAll(context, [
      { name: 'почта/дело.zip', bytes: part('case.zip') },
      { name: 'почта/дело.z02', bytes: part('case.z02') },
      { name: 'почта/дело.z01', bytes: part('case.z01') },
    ]);
    expect(results.filter((r) => r.status === 'failed')).toEqual([]);
    const byFile = new Map(results.map((r) => [r.file, r]));
    const first = byFile.get('почта/дело.z01')!;
    expect(await getSource(t.workspace.db, first.sourceId!)).toMatchObject({
      mediaType: 'application/zip',
      metadata: { volume: { archive: 'дело.zip', part: 1, parts: 3 } },
    });
    expect(await getSource(t.workspace.db, byFile.get('почта/дело.zip')!.sourceId!)).toMatchObject({
      mediaType: 'application/octet-stream',
      relation: 'archive-volume',
      parentId: first.sourceId,
      metadata: { volume: { part: 3, parts: 3 } },
    });
    // The fixture's smaller files are the tar fixture's, stored already by the test before: its own is new.
    const materials = byFile.get('почта/дело.z01!материалы дела.txt')!;
    expect(materials.status).toBe('ingested');
    expect(await getSourceText(t.workspace.db, materials.sourceId!)).toMatch(/^Материалы дела Сидора Выдуманного/);
  });

  it.skipIf(!onPath('djvutxt'))(
    'reads a DjVu scan whose every page carries a text layer from it, searchable at once',
    async () => {
      const scan = new Uint8Array(readFileSync(new URL('../fixtures/images/text-layer.djvu', import.meta.url)));
      const [result] = await ingestAll(context, [{ name: 'повестка.djvu', bytes: scan }]);
      expect(result).toMatchObject({ status: 'ingested', needsOcr: false, language: 'ru' });
      const found = await searchSources(t.workspace.db, dialect, 'Слоистого');
      expect(found.results.map((r) => r.sourceId)).toContain(result!.sourceId);
    },
  );

  it('gives the title given for an archive of one entry to that entry', async () => {
    const bundle = makeZip({ 'omsk.txt': 'В Омске задержали Льва Единственного.' });
    const [, result] = await ingestAll(context, [
      { name: 'one.zip', bytes: bundle, metadata: { title: 'Задержание в Омске' } },
    ]);
    expect(result).toMatchObject({ file: 'one.zip!omsk.txt', status: 'ingested' });
    expect((await getSource(t.workspace.db, result!.sourceId!)).title).toBe('Задержание в Омске');
  });

  it('stores a text, a name and a title that hold NUL characters, keeping the original and every offset', async () => {
    // PostgreSQL's text takes no NUL: these failed there ("invalid byte sequence") while SQLite stored them.
    const text = 'Текст с нулём\u0000 внутри: в Пензе задержали Олега Нулевого.';
    const bytes = utf8(text);
    const windowOf20 = Array.from({ length: 20 }, (_, i) => ({
      name: `window-${i}.txt`,
      bytes: utf8(`Окно ${i}:\u0000 в Пензе задержали Фому Нулевого, номер ${i}.`),
    }));
    const results = await ingestAll(context, [
      { name: 'nul\u0000name.txt', bytes, metadata: { title: 'За\u0000головок', publisher: 'Из\u0000дание' } },
      ...windowOf20,
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(21).fill('ingested'));
    const id = results[0]!.sourceId!;
    const stored = await getSourceText(t.workspace.db, id);
    expect(stored).toBe(text.replace('\u0000', '\ufffd'));
    expect(stored.indexOf('Пензе')).toBe(text.indexOf('Пензе'));
    expect(await getSource(t.workspace.db, id)).toMatchObject({
      fileName: 'nul\ufffdname.txt',
      title: 'За\ufffdголовок',
      publisher: 'Из\ufffdдание',
    });
    const original = await getSourceOriginal(t.workspace.db, id, context.cipher);
    expect(Buffer.compare(original.bytes, Buffer.from(bytes))).toBe(0);
    expect((await searchSources(t.workspace.db, dialect, 'Нулевого', { limit: 50 })).total).toBe(21);
  });

  it("keeps a file's name without its control characters, which would act on whoever lists or exports it", async () => {
    const [stored] = await ingestAll(context, [
      { name: 'escape\u001b[31mred\u0007\nline.txt', bytes: utf8('В Пензе задержали Глеба Управляющего.') },
    ]);
    expect((await getSource(t.workspace.db, stored!.sourceId!)).fileName).toBe(
      'escape\ufffd[31mred\ufffd\ufffdline.txt',
    );
  });

  it('reports the same bytes twice as a duplicate of the first source', async () => {
    const bytes = utf8('Police in Saratov detained Anna Testova on Monday.');
    const [first] = await ingestAll(context, [{ name: 'a.txt', bytes }]);
    const [second] = await ingestAll(context, [{ name: 'b.txt', bytes }]);
    expect(first!.status).toBe('ingested');
    expect(second).toMatchObject({ status: 'duplicate', sourceId: first!.sourceId });
  });

  it('links the same text in different bytes as a near-duplicate', async () => {
    const [a] = await ingestAll(context, [{ name: 'x.txt', bytes: utf8('Court hearing of  Petr Testov postponed.') }]);
    const [b] = await ingestAll(context, [
      { name: 'y.txt', bytes: utf8('COURT HEARING OF PETR TESTOV POSTPONED!\r\n') },
    ]);
    expect(b).toMatchObject({ status: 'ingested', nearDuplicateOf: a!.sourceId });
    const detail = await getSource(t.workspace.db, a!.sourceId!);
    expect(detail.nearDuplicates.map((s) => s.id)).toContain(b!.sourceId);
  });

  it('leaves nothing of a source behind when it fails half-way, and goes on with the rest of the batch', async () => {
    const failing = failingOn(context, 'boom.txt', 'simulated failure after the source rows were written');
    const bytes = utf8('A report that will fail half-way through its ingestion.');
    const results = await ingestAll(failing, [
      { name: 'ok-1.txt', bytes: utf8('First good report about a search in Tomsk.') },
      { name: 'boom.txt', bytes },
      { name: 'ok-2.txt', bytes: utf8('Second good report about a fine in Omsk.') },
    ]);
    expect(results.map((r) => r.status)).toEqual(['ingested', 'failed', 'ingested']);
    expect(results[1]!.error).toContain('boom.txt');
    const sha = sha256Hex(bytes);
    const db = t.workspace.db;
    expect(await db.selectFrom('sources').select('id').where('sha256', '=', sha).execute()).toEqual([]);
    expect(await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha).execute()).toEqual([]);
    const audit = await db.selectFrom('audit_log').select('after').execute();
    expect(audit.some((a) => (a.after ?? '').includes(sha))).toBe(false);
  });

  it('keeps the rest of a multi-row batch, searchable and audited, when one source in the middle fails', async () => {
    const failing = failingOn(context, 'bad-3.txt', 'simulated failure in the middle of the batch');
    const files = Array.from({ length: 6 }, (_, i) => ({
      name: i === 3 ? 'bad-3.txt' : `batch-${i}.txt`,
      bytes: utf8(`Batchmarker${i} report number ${i}: a search in Kurgan.`),
    }));
    const results = await ingestAll(failing, files);
    expect(results.map((r) => r.status)).toEqual([
      'ingested',
      'ingested',
      'ingested',
      'failed',
      'ingested',
      'ingested',
    ]);
    const db = t.workspace.db;
    const bad = sha256Hex(files[3]!.bytes);
    expect(await db.selectFrom('sources').select('id').where('sha256', '=', bad).execute()).toEqual([]);
    expect(await db.selectFrom('blobs').select('sha256').where('sha256', '=', bad).execute()).toEqual([]);
    expect((await searchSources(db, dialect, 'batchmarker3')).total).toBe(0);
    for (const i of [0, 1, 2, 4, 5]) {
      const found = await searchSources(db, dialect, `batchmarker${i}`);
      expect(found.results.map((r) => r.sourceId)).toEqual([results[i]!.sourceId]);
    }
    const audit = await db.selectFrom('audit_log').select('after').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const audited = (JSON.parse(audit!.after!) as Array<{ sourceId: string }>).map((e) => e.sourceId);
    expect(audited).toEqual([0, 1, 2, 4, 5].map((i) => results[i]!.sourceId));
  });

  it('commits 1,000 files together on SQLite and 200 on PostgreSQL by default', async () => {
    const files = Array.from({ length: 1001 }, (_, i) => ({
      name: `default-batch-${i}.txt`,
      bytes: utf8(`Batchmarker${i}: в Тестограде задержан участник пикета номер ${i}.`),
    }));
    const sizes: number[] = [];
    const batched = ingestFiles(context, files, {
      beforeCommit: async (_trx, committed) => {
        sizes.push(committed.length);
      },
    });
    for await (const r of batched) expect(r.status).toBe('ingested');
    expect(sizes).toEqual(dialect === 'sqlite' ? [1000, 1] : [200, 200, 200, 200, 200, 1]);
  });

  it('closes a batch at its bytes as well as at its count, a large file in a batch of its own', async () => {
    // A folder of large court files was read whole into one batch: memory grew with the folder.
    const sizes = [300, 300, 1500, 100, 100];
    const files = sizes.map((size, i) => ({
      name: `sized-${i}.txt`,
      bytes: utf8(`Sizedmarker${i}: в Тестограде прошло заседание. ${'Адвокат обжаловал арест. '.repeat(size / 25)}`),
    }));
    const batches: string[][] = [];
    const results: IngestResult[] = [];
    const batched = ingestFiles(context, files, {
      batchSize: 200,
      batchBytes: 1000,
      beforeCommit: async (_trx, committed) => {
        batches.push(committed.map((r) => r.file));
      },
    });
    for await (const r of batched) results.push(r);
    expect(results.map((r) => r.status)).toEqual(sizes.map(() => 'ingested'));
    // Each closes once it holds 1,000 bytes (about 600 in each small file: two bytes a Cyrillic letter).
    expect(batches).toEqual([['sized-0.txt', 'sized-1.txt'], ['sized-2.txt'], ['sized-3.txt', 'sized-4.txt']]);
  });

  it('keeps the batches written beside a failing one, each audited once, in order', async () => {
    const failing = failingOn(context, 'side-10.txt', 'simulated failure in a batch written beside others');
    const files = Array.from({ length: 30 }, (_, i) => ({
      name: `side-${i}.txt`,
      bytes: utf8(`Sidemarker${i} report number ${i}: a hearing in Testograd on day ${i}.`),
    }));
    const before = await t.workspace.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).execute();
    const results: IngestResult[] = [];
    for await (const r of ingestFiles(failing, files, { batchSize: 3 })) results.push(r);
    expect(results.map((r) => r.file)).toEqual(files.map((f) => f.name));
    expect(results.map((r) => r.status)).toEqual(files.map((_, i) => (i === 10 ? 'failed' : 'ingested')));
    const db = t.workspace.db;
    expect((await searchSources(db, dialect, 'sidemarker10')).total).toBe(0);
    expect((await searchSources(db, dialect, 'sidemarker29')).results.map((r) => r.sourceId)).toEqual([
      results[29]!.sourceId,
    ]);
    const entries = await db
      .selectFrom('audit_log')
      .select('after')
      .where('seq', '>', before[0]?.seq ?? 0)
      .orderBy('seq')
      .execute();
    const audited = entries.flatMap((e) =>
      (JSON.parse(e.after!) as Array<{ sourceId: string }>).map((x) => x.sourceId),
    );
    expect(audited).toEqual(results.filter((r) => r.status === 'ingested').map((r) => r.sourceId));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('finds duplicates and near-duplicates among the sources of one batch', async () => {
    const bytes = utf8('Investigators in Chita charged Oleg Probny with justifying terrorism.');
    const results = await ingestAll(context, [
      { name: 'first.txt', bytes },
      { name: 'copy.txt', bytes },
      { name: 'shouted.txt', bytes: utf8('INVESTIGATORS IN CHITA CHARGED OLEG PROBNY WITH JUSTIFYING TERRORISM!') },
    ]);
    expect(results[0]).toMatchObject({ status: 'ingested', nearDuplicateOf: null });
    expect(results[1]).toMatchObject({ status: 'duplicate', sourceId: results[0]!.sourceId });
    expect(results[2]).toMatchObject({ status: 'ingested', nearDuplicateOf: results[0]!.sourceId });
  });

  it('finds copies of the batch before, also while that batch is still being written', async () => {
    // Batches of two: each repeats the first report of the batch before it, byte for byte or shouted. On PostgreSQL
    // a batch goes beside the one before it unless they share an original or a text (`startBatch`); were it to go
    // beside it anyway, it would not see that batch's uncommitted rows and miss the near-duplicates.
    const files: Array<{ name: string; bytes: Uint8Array }> = [];
    const report = (i: number) => `Court in Testograd ${i} remanded Ilya Probny-${i} in custody on day ${i}.`;
    for (let i = 0; i < 40; i++) {
      files.push({ name: `report-${i}.txt`, bytes: utf8(report(i)) });
      if (i === 0) files.push({ name: 'unrelated.txt', bytes: utf8('Police detained Vera Testova at a picket.') });
      else if (i % 2 === 1) files.push({ name: `copy-${i}.txt`, bytes: utf8(report(i - 1)) });
      else files.push({ name: `shouted-${i}.txt`, bytes: utf8(report(i - 1).toUpperCase()) });
    }
    const results: IngestResult[] = [];
    for await (const r of ingestFiles(context, files, { batchSize: 2 })) results.push(r);
    expect(results.map((r) => r.file)).toEqual(files.map((f) => f.name));
    const byName = new Map(results.map((r) => [r.file, r]));
    for (let i = 1; i < 40; i++) {
      const original = byName.get(`report-${i - 1}.txt`)!;
      expect(original).toMatchObject({ status: 'ingested' });
      if (i % 2 === 1)
        expect(byName.get(`copy-${i}.txt`)).toMatchObject({ status: 'duplicate', sourceId: original.sourceId });
      else
        expect(byName.get(`shouted-${i}.txt`)).toMatchObject({
          status: 'ingested',
          nearDuplicateOf: original.sourceId,
        });
    }
    expect(await verifyAuditChain(t.workspace.db)).toMatchObject({ ok: true });
  });

  it('leaves no transaction open and closes the files when the caller stops early', async () => {
    let closed = false;
    function* files() {
      try {
        for (let i = 0; i < 60; i++)
          yield { name: `early-${i}.txt`, bytes: utf8(`Police in Testograd detained Petr Ranny-${i} on day ${i}.`) };
      } finally {
        closed = true;
      }
    }
    let first: IngestResult | undefined;
    for await (const r of ingestFiles(context, files(), { batchSize: 5 })) {
      first = r;
      break;
    }
    expect(first).toMatchObject({ status: 'ingested' });
    expect(closed).toBe(true);
    expect(await getSourceText(t.workspace.db, first!.sourceId!)).toContain('Ranny-0');
    if (dialect === 'postgres') {
      const open = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state LIKE 'idle in transaction%'`.execute(t.workspace.db);
      expect(open.rows[0]!.n).toBe(0);
    }
  });

  it('fails an unreadable file with a reason naming it, without stopping the batch', async () => {
    // A phone's contacts database: a format Chronicle does not read.
    const database = new Uint8Array([...utf8('SQLite format 3\0'), 0x10, 0, 1, 1, 0, 64, 32, 32]);
    const results = await ingestAll(context, [
      { name: 'contacts.db', bytes: database },
      { name: 'fine.txt', bytes: utf8('Another report, about a release in Perm.') },
    ]);
    expect(results[0]).toMatchObject({ status: 'failed', code: 'UNSUPPORTED_TYPE' });
    expect(results[0]!.error).toBe('contacts.db: SQLite database is not a supported document');
    expect(results[1]!.status).toBe('ingested');
  });

  it('keeps the original encrypted at rest', async () => {
    const marker = 'Uniquemarkername Zyxwvutsrova';
    const [r] = await ingestAll(context, [{ name: 'secret.txt', bytes: utf8(`Detained: ${marker}.`) }]);
    const row = await t.workspace.db
      .selectFrom('sources')
      .innerJoin('blobs', 'blobs.sha256', 'sources.sha256')
      .select(['blobs.bytes', 'blobs.encryption'])
      .where('sources.id', '=', r!.sourceId!)
      .executeTakeFirstOrThrow();
    expect(row.encryption).toBe('aes-256-gcm');
    expect(Buffer.from(row.bytes).includes(Buffer.from(marker))).toBe(false);
  });

  it('lists sources newest first with a total for paging', async () => {
    const page = await listSources(t.workspace.db, { limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(6);
    const english = await listSources(t.workspace.db, { language: 'en', limit: 500 });
    expect(english.items.every((s) => s.language === 'en')).toBe(true);
  });
});
