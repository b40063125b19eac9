import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceScope } from '../../src/auth/index.js';
import { searchSources } from '../../src/search/index.js';
import type { ChronicleError } from '../../src/shared/errors.js';
import {
  blobCipherFromSecret,
  changeSourceDetails,
  getSource,
  type IngestContext,
  listSources,
  type SourceChanges,
} from '../../src/sources/index.js';
import { mailWithAttachments } from '../fixtures/documents.js';
import { ingestAll } from '../helpers/sources.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();

const utf8 = (s: string) => new TextEncoder().encode(s);

describe.each(dialects)("a source's details changed by a person, on %s", (dialect) => {
  let t: TestWorkspace;
  let context: IngestContext;

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    context = { workspace: t.workspace, userId: null, cipher: blobCipherFromSecret('test secret') };
  });
  afterAll(async () => t.dispose());

  const change = (id: string, changes: SourceChanges) =>
    t.workspace.db.transaction().execute((trx) => changeSourceDetails(trx, id, changes, null));
  const audits = async (id: string) =>
    (
      await t.workspace.db
        .selectFrom('audit_log')
        .select(['before', 'after'])
        .where('action', '=', 'source.details-changed')
        .where('target', '=', `sources/${id}`)
        .orderBy('seq')
        .execute()
    ).map((row) => [JSON.parse(row.before!), JSON.parse(row.after!)]);
  const found = async (query: string) =>
    (await searchSources(t.workspace.db, dialect, query, { limit: 50 })).results.map((r) => r.sourceId);

  it('keeps the details given, audited with what was there, and searches by the new title', async () => {
    const [stored] = await ingestAll(context, [
      {
        name: 'release.txt',
        bytes: utf8('Суд в Иваново арестовал Арсения Исправленного.'),
        metadata: { title: 'Черновой заголовок', publishedAt: '2024-05-01' },
      },
    ]);
    const id = stored!.sourceId!;
    expect(await found('Черновой')).toContain(id);
    const result = await change(id, {
      title: '  Арест в Иваново  ',
      publisher: 'Выдуманный правозащитный центр',
      url: 'https://example.org/ivanovo',
      publishedAt: '2024-04-30',
      reliability: 'B',
      author: '   ',
    });
    expect(result.after).toEqual({
      title: 'Арест в Иваново',
      publisher: 'Выдуманный правозащитный центр',
      url: 'https://example.org/ivanovo',
      published_at: '2024-04-30',
      reliability: 'B',
    });
    expect(await getSource(t.workspace.db, id)).toMatchObject({
      title: 'Арест в Иваново',
      publisher: 'Выдуманный правозащитный центр',
      author: null,
      url: 'https://example.org/ivanovo',
      publishedAt: '2024-04-30',
      reliability: 'B',
      confidentiality: 'internal',
    });
    expect(await audits(id)).toEqual([
      [
        { title: 'Черновой заголовок', publisher: null, url: null, published_at: '2024-05-01', reliability: null },
        result.after,
      ],
    ]);
    expect(await found('Черновой')).not.toContain(id);
    const listed = async (options: Parameters<typeof listSources>[1]) =>
      (await listSources(t.workspace.db, { ...options, limit: 500 })).items.map((s) => s.id);
    expect(await listed({ reliability: 'B' })).toEqual([id]);
    expect(await listed({ reliability: 'none' })).not.toContain(id);
    expect(await listed({ reliability: 'A' })).toEqual([]);
    expect(await listed({ confidentiality: 'internal', reliability: 'B' })).toEqual([id]);
    expect(await listed({ confidentiality: 'restricted' })).not.toContain(id);
    expect(await found('заголовок OR Иваново')).toContain(id);
    // Notes keep their lines; a page or two at most.
    const notes = 'Прислала сестра через мессенджер 3 мая.\nПодлинность подтвердил адвокат по телефону.';
    await change(id, { notes: `  ${notes}\n` });
    expect((await getSource(t.workspace.db, id)).notes).toBe(notes);
    const long = (await change(id, { notes: 'x'.repeat(20_001) }).catch((e: ChronicleError) => e.message)) as string;
    expect(long).toBe('notes is longer than 20,000 characters');
    await change(id, { notes: null });
    // The same again changes and audits nothing; null clears.
    expect((await change(id, { reliability: 'B', title: 'Арест в Иваново' })).after).toEqual({});
    await change(id, { reliability: null });
    expect((await getSource(t.workspace.db, id)).reliability).toBeNull();
    expect(await audits(id)).toHaveLength(4);
  });

  it('refuses what an upload would refuse, naming the field, and changes nothing', async () => {
    const [stored] = await ingestAll(context, [
      { name: 'refused.txt', bytes: utf8('В Кинешме задержали Кирилла Неизменного.') },
    ]);
    const id = stored!.sourceId!;
    const refused = async (changes: SourceChanges) => {
      const error = (await change(id, changes).catch((e: unknown) => e)) as ChronicleError;
      return [error.code, error.message];
    };
    expect(await refused({ url: 'javascript:alert(1)' })).toEqual([
      'VALIDATION',
      'url must be an http or https address',
    ]);
    expect(await refused({ title: 'Новый', publishedAt: '31.12.2024' })).toEqual([
      'VALIDATION',
      'publishedAt must be a real date like 2024-03-15, not "31.12.2024"',
    ]);
    expect((await refused({ publishedAt: '2999-01-01' }))[1]).toMatch(/in the future/);
    expect((await refused({ reliability: 'G' as never }))[1]).toBe('reliability is one of A, B, C, D, E, F, not "G"');
    expect((await refused({ confidentiality: null as never }))[1]).toBe('confidentiality cannot be empty');
    expect((await refused({ title: 'a\u0000b' }))[1]).toMatch(/NUL/);
    expect(await refused({ toString: 'x', sha256: 'ab' } as never)).toEqual([
      'VALIDATION',
      'toString is not a detail of a source',
    ]);
    expect(await refused({ title: 'x'.repeat(2001) })).toEqual(['VALIDATION', 'title is longer than 2,000 characters']);
    expect((await getSource(t.workspace.db, id)).title).toBeNull();
    expect(await audits(id)).toEqual([]);
    expect(await change('01NOSUCHSOURCE0000000000000', { title: 'x' }).catch((e: ChronicleError) => e.code)).toBe(
      'NOT_FOUND',
    );
  });

  it('hides a source made restricted from a reader outside its groups, in the list and in search', async () => {
    const [stored] = await ingestAll(context, [
      { name: 'testimony.txt', bytes: utf8('Показания родственницы Всеволода Засекреченного о задержании.') },
    ]);
    const id = stored!.sourceId!;
    const viewer = sourceScope({ id: 'viewer-in-no-group', role: 'viewer' });
    const listed = async () =>
      (await listSources(t.workspace.db, { scope: viewer, limit: 500 })).items.map((s) => s.id);
    const searched = async () =>
      (await searchSources(t.workspace.db, dialect, 'Засекреченного', { scope: viewer })).results.map(
        (r) => r.sourceId,
      );
    expect(await listed()).toContain(id);
    expect(await searched()).toEqual([id]);
    await change(id, { confidentiality: 'restricted' });
    expect(await listed()).not.toContain(id);
    expect(await searched()).toEqual([]);
    await expect(getSource(t.workspace.db, id, viewer)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stores what a restricted letter holds as restricted too', async () => {
    const letter = mailWithAttachments({
      subject: 'От матери',
      body: 'Письмо матери Луки Оберегаемого.',
      attachments: [{ name: 'zayavlenie.txt', type: 'text/plain', text: 'Заявление матери Луки Оберегаемого.' }],
    });
    const [mail, attachment] = await ingestAll(context, [
      { name: 'mother.eml', bytes: utf8(letter), metadata: { confidentiality: 'restricted' } },
    ]);
    for (const result of [mail, attachment])
      expect((await getSource(t.workspace.db, result!.sourceId!)).confidentiality).toBe('restricted');
  });
});
