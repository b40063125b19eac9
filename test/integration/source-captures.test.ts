import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/index.js';
import { keepReceipts } from '../../src/sources/captures.js';
import { blobCipherFromSecret, getSource, type IngestContext, type SourceScope } from '../../src/sources/index.js';
import { mailWithAttachments, makeZip } from '../fixtures/documents.js';
import { ingestAll } from '../helpers/sources.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();

const utf8 = (s: string) => new TextEncoder().encode(s);

describe.each(dialects)('the same bytes received again, on %s', (dialect) => {
  let t: TestWorkspace;
  let context: IngestContext;

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    context = { workspace: t.workspace, userId: null, cipher: blobCipherFromSecret('test secret') };
  });
  afterAll(async () => t.dispose());

  const captureActions = async () =>
    (
      await t.workspace.db
        .selectFrom('audit_log')
        .select(['action', 'after'])
        .where('action', '=', 'source.captured-again')
        .orderBy('seq')
        .execute()
    ).map((row) => JSON.parse(row.after!) as Array<{ sourceId: string; parentId: string | null }>);

  it('lists an attachment stored before with the second letter it came in, and the letter on its page', async () => {
    const protocol = 'Протокол обыска у Фомы Повторного, составлен в Костроме 3 марта.';
    const letter = (from: string, subject: string) =>
      utf8(
        mailWithAttachments({
          from,
          subject,
          body: `Пересылаю протокол. ${subject}`,
          attachments: [{ name: 'protocol.txt', type: 'text/plain', text: protocol }],
        }),
      );
    const [first, firstAttachment] = await ingestAll(context, [
      { name: 'first.eml', bytes: letter('lawyer@example.org', 'Протокол') },
    ]);
    const audited = (await captureActions()).length;
    const [second, secondAttachment] = await ingestAll(context, [
      { name: 'second.eml', bytes: letter('family@example.org', 'Протокол, от семьи') },
    ]);
    expect([first!.status, firstAttachment!.status, second!.status]).toEqual(['ingested', 'ingested', 'ingested']);
    expect(secondAttachment).toMatchObject({ status: 'duplicate', sourceId: firstAttachment!.sourceId });

    const attachment = await getSource(t.workspace.db, firstAttachment!.sourceId!);
    expect(attachment.parentId).toBe(first!.sourceId);
    expect(attachment.captures).toEqual([
      expect.objectContaining({
        fileName: 'second.eml!protocol.txt',
        container: { id: second!.sourceId, title: 'Протокол, от семьи', fileName: 'second.eml' },
        relation: 'attachment',
        url: null,
      }),
    ]);
    expect(attachment.capturesTotal).toBe(1);
    const secondLetter = await getSource(t.workspace.db, second!.sourceId!);
    expect(secondLetter.children).toEqual([]);
    expect(secondLetter.childrenStoredBefore.map((s) => s.id)).toEqual([firstAttachment!.sourceId]);
    expect((await getSource(t.workspace.db, first!.sourceId!)).childrenStoredBefore).toEqual([]);

    const entries = await captureActions();
    expect(entries.length).toBe(audited + 1);
    expect(entries.at(-1)).toEqual([
      expect.objectContaining({ sourceId: firstAttachment!.sourceId, parentId: second!.sourceId }),
    ]);
    expect(await verifyAuditChain(t.workspace.db)).toMatchObject({ ok: true });
  });

  it('keeps the address, publisher and date a file stored before was given again with, once', async () => {
    const bytes = utf8('Суд в Ярославле продлил арест Ипполиту Дважды на два месяца.');
    const [first] = await ingestAll(context, [{ name: 'reports/yar.txt', bytes }]);
    const again = {
      url: 'https://example.org/news/yar',
      publisher: 'Другое выдуманное издание',
      publishedAt: '2024-06-02',
    };
    const [second] = await ingestAll(context, [{ name: 'yar-copy.txt', bytes, metadata: again }]);
    expect(second).toMatchObject({ status: 'duplicate', sourceId: first!.sourceId });
    // The same again, and the first file again from another folder: nothing new.
    await ingestAll(context, [{ name: 'yar-copy.txt', bytes, metadata: again }]);
    await ingestAll(context, [{ name: '/home/someone/reports/yar.txt', bytes }]);
    await ingestAll(context, [{ name: 'yar-copy.txt', bytes, metadata: { url: again.url } }]);

    const source = await getSource(t.workspace.db, first!.sourceId!);
    expect(source.url).toBeNull();
    expect(source.captures).toEqual([
      {
        capturedAt: expect.any(String),
        fileName: 'yar-copy.txt',
        container: null,
        relation: null,
        title: null,
        publisher: 'Другое выдуманное издание',
        author: null,
        url: 'https://example.org/news/yar',
        publishedAt: '2024-06-02',
      },
    ]);
  });

  it('keeps nothing when a batch is given again, and one receipt for a copy in the same batch', async () => {
    const files = [
      { name: 'batch/a.txt', bytes: utf8('В Калуге задержали Прохора Пакетного у здания суда.') },
      { name: 'batch/b.txt', bytes: utf8('В Калуге оштрафовали Прохора Пакетного на 20 тысяч рублей.') },
      { name: 'batch/b-copy.txt', bytes: utf8('В Калуге оштрафовали Прохора Пакетного на 20 тысяч рублей.') },
    ];
    const first = await ingestAll(context, files);
    expect(first.map((r) => r.status)).toEqual(['ingested', 'ingested', 'duplicate']);
    const kept = async () => (await getSource(t.workspace.db, first[1]!.sourceId!)).captures.map((c) => c.fileName);
    expect(await kept()).toEqual(['batch/b-copy.txt']);
    const audited = (await captureActions()).length;
    const again = await ingestAll(context, [...files, files[2]!]);
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await kept()).toEqual(['batch/b-copy.txt']);
    expect((await captureActions()).length).toBe(audited);
    expect((await getSource(t.workspace.db, first[0]!.sourceId!)).captures).toEqual([]);
  });

  it.runIf(dialect === 'postgres')(
    'keeps one capture when two batches receive the same file from the same new place at the same moment',
    async () => {
      const bytes = utf8('В Твери задержали Савву Одновременного у проходной завода.');
      const [first] = await ingestAll(context, [{ name: 'tver.txt', bytes }]);
      const given = { url: 'https://example.org/tver-at-once' };
      const { second } = await t.workspace.db.transaction().execute(async (trx) => {
        // One batch keeps the receipt and holds its transaction open; the other receives the same file meanwhile.
        await keepReceipts(
          trx,
          [{ sourceId: first!.sourceId!, parentId: null, relation: null, fileName: 'tver-copy.txt', given }],
          null,
        );
        const second = ingestAll(context, [{ name: 'tver-copy.txt', bytes, metadata: given }]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return { second }; // not the promise itself, which the transaction would wait for before it commits
      });
      expect((await second)[0]).toMatchObject({ status: 'duplicate', sourceId: first!.sourceId });
      const source = await getSource(t.workspace.db, first!.sourceId!);
      expect(source.captures.map((c) => [c.fileName, c.url])).toEqual([['tver-copy.txt', given.url]]);
    },
  );

  it('lists with an archive the files in it stored before, and the archive with each of them', async () => {
    const report = utf8('В Рязани прошли обыски у Савелия Архивова и его соседей.');
    const [alone] = await ingestAll(context, [{ name: 'ryazan.txt', bytes: report }]);
    const [archive, entry, other] = await ingestAll(context, [
      { name: 'week.zip', bytes: makeZip({ 'ryazan.txt': report, 'tula.txt': 'В Туле задержали Луку Нового.' }) },
    ]);
    expect([archive!.status, entry!.status, other!.status]).toEqual(['ingested', 'duplicate', 'ingested']);
    const detail = await getSource(t.workspace.db, archive!.sourceId!);
    expect(detail.children.map((c) => c.id)).toEqual([other!.sourceId]);
    expect(detail.childrenStoredBefore.map((c) => c.id)).toEqual([alone!.sourceId]);
    expect((await getSource(t.workspace.db, alone!.sourceId!)).captures).toEqual([
      expect.objectContaining({ fileName: 'week.zip!ryazan.txt', relation: 'archive-entry' }),
    ]);
  });

  it('leaves out a receipt in a letter the reader may not see, and what that letter holds', async () => {
    const notice = utf8('Уведомление о продлении срока содержания под стражей Евсея Скрытого до 5 мая.');
    const [open] = await ingestAll(context, [{ name: 'notice.txt', bytes: notice }]);
    const mail = mailWithAttachments({
      subject: 'От родственников',
      body: 'Уведомление пришло нам.',
      attachments: [{ name: 'notice.txt', type: 'text/plain', bytes: notice }],
    });
    const [letter] = await ingestAll(context, [
      { name: 'family.eml', bytes: utf8(mail), metadata: { confidentiality: 'restricted' } },
    ]);
    const unrestricted: SourceScope = (eb) => eb('sources.confidentiality', '!=', 'restricted');
    expect((await getSource(t.workspace.db, open!.sourceId!)).captures.map((c) => c.container?.id)).toEqual([
      letter!.sourceId,
    ]);
    const seen = await getSource(t.workspace.db, open!.sourceId!, unrestricted);
    expect([seen.captures, seen.capturesTotal]).toEqual([[], 0]);
    // And a hidden source held by a letter the reader sees is not listed with it.
    const hiddenNote = utf8('Служебная записка о переводе Евсея Скрытого в другой изолятор.');
    const [hidden] = await ingestAll(context, [
      { name: 'memo.txt', bytes: hiddenNote, metadata: { confidentiality: 'restricted' } },
    ]);
    const [shown] = await ingestAll(context, [
      {
        name: 'forward.eml',
        bytes: utf8(
          mailWithAttachments({
            subject: 'Записка',
            body: 'Пересылаю записку.',
            attachments: [{ name: 'memo.txt', type: 'text/plain', bytes: hiddenNote }],
          }),
        ),
      },
    ]);
    expect((await getSource(t.workspace.db, shown!.sourceId!)).childrenStoredBefore.map((s) => s.id)).toEqual([
      hidden!.sourceId,
    ]);
    expect((await getSource(t.workspace.db, shown!.sourceId!, unrestricted)).childrenStoredBefore).toEqual([]);
  });
});
