import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, extract } from '../../src/extract/index.js';
import { enqueueJob, runWorker } from '../../src/jobs/index.js';
import { EXTRACT_JOB, extractJobHandler, queueExtraction } from '../../src/record/index.js';
import { getSource } from '../../src/sources/index.js';
import { mailWithAttachments, makeZip } from '../fixtures/documents.js';
import { detentionReport, republished, VEDENEEV } from '../helpers/republished.js';
import { type Agent, createHarness, type Harness } from '../security/harness.js';

/** `/api/v1/sources` as a script uses it: uploads of multipart fields and files, in the order given, and the list. */
describe('the sources API', () => {
  let h: Harness;
  let editor: Agent;

  beforeAll(async () => {
    h = await createHarness('sqlite');
    editor = await h.signIn('editor');
  });
  afterAll(async () => h?.close());

  type Part = [string, string] | [string, string | Uint8Array, string];

  /** `parts` as a multipart upload by `agent` to `app` (the editor to the shared harness unless said otherwise). */
  async function upload(parts: Part[], app: Harness['app'] = h.app, agent: Agent = editor) {
    const form = new FormData();
    for (const [name, value, fileName] of parts)
      if (fileName)
        form.append(
          name,
          new Blob([typeof value === 'string' ? value : Buffer.from(value)], { type: 'text/plain' }),
          fileName,
        );
      else form.append(name, value as string);
    // Request serializes the form with its boundary, as a client would send it.
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: {
        cookie: agent.cookie,
        'x-csrf-token': agent.csrf,
        'content-type': request.headers.get('content-type')!,
      },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  }

  /** Extracts a source as the server's worker would (this harness queues and runs no job). */
  async function extractNow(id: string) {
    await queueExtraction(h.t.workspace.db, id, EXTRACTOR_VERSION);
    await runWorker({
      db: h.t.workspace.db,
      exitWhenIdle: true,
      handlers: {
        [EXTRACT_JOB]: extractJobHandler({
          db: h.t.workspace.db,
          extractorVersion: EXTRACTOR_VERSION,
          userId: null,
          runExtractor: (text) => extract(text, { language: 'ru' }),
        }),
      },
    });
  }

  const sourceCount = async () =>
    Number(
      (
        await h.t.workspace.db
          .selectFrom('sources')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );

  it('stores each file with the details given', async () => {
    const res = await upload([
      ['publisher', 'Выдуманные вести'],
      ['publishedAt', '2025-03-14'],
      ['file', 'В Омске задержали участницу пикета Инну Несуществующую.', 'omsk.txt'],
    ]);
    expect(res.status).toBe(200);
    const [result] = res.body.results as Array<{ status: string; sourceId: string }>;
    expect(result!.status).toBe('ingested');
    const source = await h.t.workspace.db
      .selectFrom('sources')
      .select(['publisher', 'published_at'])
      .where('id', '=', result!.sourceId)
      .executeTakeFirstOrThrow();
    expect(source.publisher).toBe('Выдуманные вести');
    expect(source.published_at).toMatch(/^2025-03-14/);
  });

  it("answers 422 with each file's reason when no file of an upload could be stored, 200 when one could", async () => {
    const broken = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R');
    const before = await sourceCount();
    const none = await upload([
      ['file', broken, 'broken-a.pdf'],
      ['file', broken.slice(0, 12), 'broken-b.pdf'],
    ]);
    expect(none.status).toBe(422);
    expect(none.body.error).toMatchObject({
      code: 'PARSE_FAILED',
      message: expect.stringMatching(/^nothing was stored/),
    });
    expect((none.body.results as Array<{ file: string; status: string; error: string }>).map((r) => r.status)).toEqual([
      'failed',
      'failed',
    ]);
    const one = await upload([['file', broken, 'broken-c.pdf']]);
    expect(one.status).toBe(422);
    expect((one.body.error as { message: string }).message).toMatch(/^nothing was stored: broken-c\.pdf: \S/);
    expect((one.body.error as { message: string }).message).not.toContain('broken-c.pdf: broken-c.pdf');
    expect(await sourceCount()).toBe(before);

    const some = await upload([
      ['file', broken, 'broken-d.pdf'],
      ['file', 'В Твери оштрафовали вымышленного Тихона Неверова за одиночный пикет.', 'tver-fine.txt'],
    ]);
    expect(some.status).toBe(200);
    expect((some.body.results as Array<{ status: string }>).map((r) => r.status)).toEqual(['failed', 'ingested']);
  });

  it('keeps the details a file stored before was uploaded again with, and lists with an archive what it held before', async () => {
    const report = 'В Томске задержали участника пикета Елисея Повторного.';
    const first = await upload([['file', report, 'tomsk.txt']]);
    const [stored] = first.body.results as Array<{ sourceId: string }>;
    const again = await upload([
      ['url', 'https://example.org/tomsk'],
      ['publisher', 'Другие выдуманные вести'],
      ['file', report, 'tomsk-mirror.txt'],
    ]);
    expect(again.body.results).toEqual([expect.objectContaining({ status: 'duplicate', sourceId: stored!.sourceId })]);
    const archive = await upload([['file', makeZip({ 'tomsk.txt': report }), 'week.zip']]);
    const [zip] = archive.body.results as Array<{ sourceId: string }>;
    const detail = async (id: string) =>
      (
        await h.app.inject({ method: 'GET', url: `/api/v1/sources/${id}`, headers: { cookie: editor.cookie } })
      ).json() as Record<string, unknown>;
    const source = await detail(stored!.sourceId);
    expect(source.capturesTotal).toBe(2);
    expect(source.captures).toEqual([
      {
        capturedAt: expect.any(String),
        fileName: 'tomsk-mirror.txt',
        container: null,
        relation: null,
        title: null,
        publisher: 'Другие выдуманные вести',
        author: null,
        url: 'https://example.org/tomsk',
        publishedAt: null,
      },
      expect.objectContaining({
        fileName: 'week.zip!tomsk.txt',
        container: { id: zip!.sourceId, title: null, fileName: 'week.zip' },
        relation: 'archive-entry',
      }),
    ]);
    expect(((await detail(zip!.sourceId)).childrenStoredBefore as Array<{ id: string }>).map((s) => s.id)).toEqual([
      stored!.sourceId,
    ]);
  });

  it("lets an editor change a source's details and confidentiality, refusing bad values and a viewer", async () => {
    const uploaded = await upload([
      ['confidentiality', 'restricted'],
      ['file', 'Показания Ульяны Скрываемой о задержании брата.', 'testimony.txt'],
    ]);
    const [stored] = uploaded.body.results as Array<{ sourceId: string }>;
    const patch = async (body: unknown, agent: Agent = editor) => {
      const res = await h.app.inject({
        method: 'PATCH',
        url: `/api/v1/sources/${stored!.sourceId}`,
        headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf },
        payload: body as Record<string, unknown>,
      });
      return { status: res.statusCode, body: res.json() as Record<string, unknown> };
    };
    // Stored restricted, as asked: the editor, in no group, does not see it.
    expect(
      (
        await h.app.inject({
          method: 'GET',
          url: `/api/v1/sources/${stored!.sourceId}`,
          headers: { cookie: editor.cookie },
        })
      ).statusCode,
    ).toBe(404);
    const admin = await h.signIn('admin');
    const changed = await patch(
      { confidentiality: 'internal', publisher: 'Выдуманная группа поддержки', reliability: 'C' },
      admin,
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      confidentiality: 'internal',
      publisher: 'Выдуманная группа поддержки',
      reliability: 'C',
    });
    expect((await patch({ publishedAt: '2024-02-30' })).body).toMatchObject({
      error: { code: 'VALIDATION', message: 'publishedAt must be a real date like 2024-03-15, not "2024-02-30"' },
    });
    expect((await patch({ publishedAt: '2024-02-14T10:30+03:00' })).body).toMatchObject({
      publishedAt: '2024-02-14T10:30+03:00',
    });
    expect((await patch({ notes: 'Передано адвокатом.\nСверено.' })).body).toMatchObject({
      notes: 'Передано адвокатом.\nСверено.',
    });
    expect((await patch({ reliability: 'Z' })).body).toMatchObject({
      error: { code: 'VALIDATION', message: 'body/reliability must be one of A, B, C, D, E, F, or null to clear it' },
    });
    expect((await patch({ sha256: 'ab' })).status).toBe(400);
    expect((await patch({})).status).toBe(400);
    const viewer = await h.signIn('viewer');
    // A role short of the route's answers as a missing record does (src/server/access.ts).
    expect((await patch({ title: 'Чужой заголовок' }, viewer)).status).toBe(404);
    expect((await getSource(h.t.workspace.db, stored!.sourceId)).title).toBeNull();
    expect((await patch({ title: 'Заявление сестры' })).body).toMatchObject({ title: 'Заявление сестры' });
    const unknown = await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/sources/01NOSUCHSOURCE0000000000000',
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf },
      payload: { title: 'x' },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('protects the proposals from a source as the source is, when it is made restricted or given to groups', async () => {
    const text = 'В Калуге 5 июня 2024 года полиция задержала Ефима Притаённого у здания суда.';
    const res = await upload([['file', text, 'kaluga-testimony.txt']]);
    const id = (res.body.results as Array<{ sourceId: string }>)[0]!.sourceId;
    await extractNow(id);
    const viewer = await h.signIn('viewer');
    const admin = await h.signIn('admin');
    /** Whether the viewer finds the source's words in the review queue: the event's sentence, the person's name. */
    const viewerReads = async () => {
      const queue = await h.call('GET', '/api/v1/review?limit=500', viewer);
      expect(queue.statusCode).toBe(200);
      return queue.body.includes('Притаённ');
    };
    expect(await viewerReads()).toBe(true);
    const made = await h.call('PATCH', `/api/v1/sources/${id}`, admin, { confidentiality: 'restricted' });
    expect(made.statusCode).toBe(200);
    expect(await viewerReads()).toBe(false);
    const group = await h.call('POST', '/api/v1/groups', admin, { name: 'Калужские адвокаты' });
    const groupId = (group.json() as { id: string }).id;
    await h.t.workspace.db.insertInto('user_groups').values({ user_id: viewer.userId, group_id: groupId }).execute();
    expect(await viewerReads()).toBe(false);
    const given = await h.call('PUT', `/api/v1/sources/${id}/groups`, admin, { groups: [groupId] });
    expect(given.statusCode).toBe(200);
    expect(await viewerReads()).toBe(true);
    expect((await h.call('PATCH', `/api/v1/sources/${id}`, admin, { confidentiality: 'internal' })).statusCode).toBe(
      200,
    );
    const proposals = await h.t.workspace.db
      .selectFrom('events')
      .select('confidentiality')
      .where('source_id', '=', id)
      .execute();
    expect(proposals.map((e) => e.confidentiality)).toEqual(proposals.map(() => 'internal'));
    expect(proposals.length).toBeGreaterThan(0);
  });

  it('withholds from the job list what a job says of a source the editor may not read, keeping its status', async () => {
    const res = await upload([
      ['confidentiality', 'restricted'],
      ['title', 'Письмо матери Марка Утаённого'],
      ['file', 'Мать Марка Утаённого пишет о побоях в изоляторе.', 'utaenny-letter.txt'],
    ]);
    const hidden = (res.body.results as Array<{ sourceId: string }>)[0]!.sourceId;
    const open = await upload([['file', 'Суд в Орле оштрафовал Луку Открытого.', 'orel.txt']]);
    const visible = (open.body.results as Array<{ sourceId: string }>)[0]!.sourceId;
    const { db } = h.t.workspace;
    const about = await enqueueJob(db, 'extract-test', { sourceId: hidden });
    const waiting = await enqueueJob(db, 'ingest-test', {
      name: '/home/anna/Утаённый/letter.txt',
      metadata: { title: 'Письмо матери', confidentiality: 'restricted' },
    });
    const plain = await enqueueJob(db, 'extract-test', { sourceId: visible });
    const admin = await h.signIn('admin');
    const listed = async (agent: Agent) => {
      const answer = await h.call('GET', '/api/v1/jobs?limit=500', agent);
      expect(answer.statusCode).toBe(200);
      return answer.json() as { items: Array<{ id: string; payload: unknown; status: string; withheld?: true }> };
    };
    const seen = await listed(editor);
    const job = (id: string) => seen.items.find((j) => j.id === id)!;
    expect(job(about.id)).toMatchObject({ payload: null, status: 'queued', withheld: true });
    expect(job(waiting.id)).toMatchObject({ payload: null, withheld: true });
    expect(job(plain.id)).toMatchObject({ payload: { sourceId: visible } });
    expect(job(plain.id).withheld).toBeUndefined();
    const body = JSON.stringify(seen);
    for (const secret of [hidden, 'Утаённ', 'Письмо матери']) expect(body).not.toContain(secret);
    const one = await h.call('GET', `/api/v1/jobs/${about.id}`, editor);
    expect(one.json()).toMatchObject({ payload: null, withheld: true });
    expect((await listed(admin)).items.find((j) => j.id === about.id)).toMatchObject({ payload: { sourceId: hidden } });
    // Once read, a restricted file's job is judged by its sources: here one the editor reads.
    await db
      .updateTable('jobs')
      .set({ status: 'done', result: JSON.stringify([{ sourceId: visible, status: 'duplicate' }]) })
      .where('id', '=', waiting.id)
      .execute();
    expect((await listed(editor)).items.find((j) => j.id === waiting.id)).toMatchObject({
      payload: { name: '/home/anna/Утаённый/letter.txt' },
    });
  });

  it('does not name to the uploader a source stored before that they may not read, and says when one stays less protected', async () => {
    const admin = await h.signIn('admin');
    const secret = 'Свидетельство Зои Незримой о допросе без адвоката в отделе полиции.';
    const hidden = await upload(
      [
        ['confidentiality', 'restricted'],
        ['file', secret, 'zoya.txt'],
      ],
      h.app,
      admin,
    );
    const hiddenId = (hidden.body.results as Array<{ sourceId: string }>)[0]!.sourceId;
    const again = await upload([['file', secret, 'zoya-again.txt']]);
    expect(again.body.results).toEqual([
      expect.objectContaining({ status: 'duplicate', sourceId: null, withheld: true, nearDuplicateOf: null }),
    ]);
    const copy = await upload([['file', `${secret}\n`, 'zoya-copy.txt']]);
    expect(copy.body.results).toEqual([expect.objectContaining({ status: 'ingested', nearDuplicateOf: null })]);
    expect(JSON.stringify([again.body, copy.body])).not.toContain(hiddenId);
    // The admin, who reads it, is told which source it is.
    const asAdmin = await upload([['file', secret, 'zoya-admin.txt']], h.app, admin);
    expect(asAdmin.body.results).toEqual([expect.objectContaining({ sourceId: hiddenId })]);

    const open = 'Суд в Твери арестовал Прохора Явного на два месяца.';
    await upload([['file', open, 'prokhor.txt']]);
    const restricted = await upload([
      ['confidentiality', 'restricted'],
      ['file', open, 'prokhor-restricted.txt'],
    ]);
    expect(restricted.body.results).toEqual([
      expect.objectContaining({
        status: 'duplicate',
        warnings: [
          'stored before as internal, which it stays though it was given as restricted: make the source itself restricted to protect it',
        ],
      }),
    ]);
  });

  it("answers a change with what the editor may see of the source's relatives, never more", async () => {
    const letter = mailWithAttachments({
      subject: 'Письмо с вложением',
      body: 'Во вложении медицинская справка Остапа Оберегаемого.',
      attachments: [{ name: 'spravka.txt', type: 'text/plain', text: 'Медицинская справка Остапа Оберегаемого.' }],
    });
    const uploaded = await upload([['file', letter, 'letter.eml']]);
    const [mail, attachment] = uploaded.body.results as Array<{ sourceId: string }>;
    const admin = await h.signIn('admin');
    const patch = async (id: string, body: Record<string, unknown>, agent: Agent) =>
      (
        await h.app.inject({
          method: 'PATCH',
          url: `/api/v1/sources/${id}`,
          headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf },
          payload: body,
        })
      ).json() as { children: Array<{ id: string }>; confidentiality: string };
    expect((await patch(attachment!.sourceId, { confidentiality: 'restricted' }, admin)).confidentiality).toBe(
      'restricted',
    );
    const changed = await patch(mail!.sourceId, { publisher: 'Выдуманная семья' }, editor);
    expect(changed.children).toEqual([]);
    expect((await patch(mail!.sourceId, { reliability: 'C' }, admin)).children.map((c) => c.id)).toEqual([
      attachment!.sourceId,
    ]);
  });

  it('reads the parts of a split archive sent in one upload as one archive', async () => {
    const whole = makeZip({ 'приговор.txt': 'Суд приговорил Вениамина Двучастного к штрафу.' }, 0);
    const half = Math.ceil(whole.length / 2);
    const res = await upload([
      ['title', 'Жалоба Двучастного'],
      ['file', whole.slice(half), 'дело.zip.002'],
      ['file', whole.slice(0, half), 'дело.zip.001'],
    ]);
    expect(res.status).toBe(200);
    expect((res.body.results as Array<{ file: string; status: string }>).map((r) => [r.file, r.status])).toEqual([
      ['дело.zip.001', 'ingested'],
      ['дело.zip.001!дело.zip', 'ingested'],
      ['дело.zip.001!дело.zip!приговор.txt', 'ingested'],
      ['дело.zip.002', 'ingested'],
    ]);
    // The title names the archive the parts make: the first part, and what it holds, not each part.
    const titles = await h.t.workspace.db
      .selectFrom('sources')
      .select(['file_name', 'title'])
      .where('file_name', 'like', 'дело.zip%')
      .orderBy('file_name')
      .execute();
    expect(titles.map((row) => [row.file_name, row.title])).toEqual([
      ['дело.zip.001', 'Жалоба Двучастного'],
      ['дело.zip.001!дело.zip', 'Жалоба Двучастного'],
      ['дело.zip.001!дело.zip!приговор.txt', 'Жалоба Двучастного'],
      ['дело.zip.002', null],
    ]);
  });

  it('keeps a part uploaded alone, and lists the archives whose parts wait with only the parts each reader may see', async () => {
    const whole = makeZip({ 'постановление.txt': 'Постановление об аресте Модеста Частичного.' }, 0);
    const third = Math.ceil(whole.length / 3);
    const res = await upload([['file', whole.slice(third, 2 * third), 'арест.zip.002']]);
    expect(res.status).toBe(200);
    const [part2] = res.body.results as Array<{ status: string; sourceId: string; warnings: string[] }>;
    expect(part2).toMatchObject({
      status: 'ingested',
      warnings: [expect.stringMatching(/^part 2 of «арест\.zip», split into parts, given without its part 1: /)],
    });
    // Part 3 came with a restricted letter, stored by a script.
    const { ingestFiles } = await import('../../src/sources/index.js');
    const context = h.runtime.ingestContext(null);
    const stored = [];
    for await (const result of ingestFiles(context, [
      { name: 'арест.zip.003', bytes: whole.slice(2 * third), metadata: { confidentiality: 'restricted' } },
    ]))
      stored.push(result);
    const part3 = stored[0]!.sourceId!;
    const waiting = async (role: 'viewer' | 'admin') => {
      const res = await h.call('GET', '/api/v1/sources/waiting-parts', await h.signIn(role));
      expect(res.statusCode).toBe(200);
      return res.json() as {
        sets: Array<{
          archive: string;
          parts: Array<{ sourceId: string; number: number }>;
          missing: number[];
          lastHere: boolean | null;
        }>;
        more: boolean;
      };
    };
    expect(await waiting('admin')).toEqual({
      sets: [
        {
          archive: 'арест.zip',
          parts: [
            expect.objectContaining({ number: 2, sourceId: part2!.sourceId }),
            expect.objectContaining({ number: 3, sourceId: part3, confidentiality: 'restricted' }),
          ],
          missing: [1],
          lastHere: null,
          notRead: null,
          reading: false,
        },
      ],
      more: false,
    });
    const reads = await h.t.workspace.db
      .selectFrom('audit_log')
      .select('target')
      .where('action', '=', 'record.read')
      .where('target', '=', `sources/${part3}`)
      .execute();
    expect(reads).toHaveLength(1);
    const seen = await waiting('viewer');
    expect(seen.sets.map((set) => set.parts.map((part) => part.number))).toEqual([[2]]);
    expect(seen.sets[0]!.missing).toEqual([1]);
    const signedOut = await h.call('GET', '/api/v1/sources/waiting-parts', null);
    expect(signedOut.statusCode).toBe(401);
  });

  it('says why a republished report is a near-duplicate, and lets an editor say it is a report of its own', async () => {
    const report = detentionReport({ ...VEDENEEV, person: 'активиста Тимура Перепечина', surname: 'Перепечина' });
    const ids: string[] = [];
    for (const [text, name] of [
      [report, 'perepechin.txt'],
      [republished(report), 'perepechin-republished.txt'],
      [`${report}\n`, 'perepechin-copy.txt'],
    ] as const) {
      const res = await upload([['file', text, name]]);
      const id = (res.body.results as Array<{ sourceId: string }>)[0]!.sourceId;
      ids.push(id);
      // Extraction, which links texts worded alike: one upload at a time.
      await extractNow(id);
    }
    const [first, linked, copy] = ids as [string, string, string];
    const get = async (id: string) => (await h.call('GET', `/api/v1/sources/${id}`, editor)).json();
    expect(await get(linked)).toMatchObject({
      nearDuplicateOf: first,
      similarWording: { similarTo: first, similarity: expect.any(Number) },
    });
    expect(await get(copy)).toMatchObject({ nearDuplicateOf: first, similarWording: null });

    const listed = (await h.call('GET', '/api/v1/sources?limit=500', editor)).json() as {
      items: Array<{ id: string; copyOf: unknown }>;
    };
    const copyOf = new Map(listed.items.map((item) => [item.id, item.copyOf]));
    expect(copyOf.get(first)).toBeNull();
    expect(copyOf.get(linked)).toEqual({ sourceId: first, title: null, fileName: 'perepechin.txt', byWording: true });
    expect(copyOf.get(copy)).toEqual({ sourceId: first, title: null, fileName: 'perepechin.txt', byWording: false });

    const unlink = (id: string, role: Agent) => h.call('DELETE', `/api/v1/sources/${id}/near-duplicate`, role);
    const viewer = await h.signIn('viewer');
    expect((await unlink(linked, viewer)).statusCode).toBe(404);
    const copyRes = await unlink(copy, editor);
    expect(copyRes.statusCode).toBe(409);
    expect(copyRes.json().error.message).toMatch(/same text/);
    const res = await unlink(linked, editor);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nearDuplicateOf: null, similarWording: null });
    expect((await unlink(linked, editor)).statusCode).toBe(404);
    expect((await get(first)).nearDuplicates.map((s: { id: string }) => s.id)).toEqual([copy]);
  });

  it('refuses a misspelt or repeated field, naming it, and stores none of the files', async () => {
    const before = await sourceCount();
    const misspelt = await upload([
      ['file', 'В Твери прошёл обыск у Павла Небывалого.', 'tver.txt'],
      ['published_at', '2025-03-14'],
    ]);
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error).toEqual({
      code: 'VALIDATION',
      message:
        'unknown field "published_at": the fields are title, url, publisher, publishedAt, confidentiality and the files',
    });
    const twice = await upload([
      ['publisher', 'Первое издание'],
      ['publisher', 'Второе издание'],
      ['file', 'Суд в Перми арестовал Глеба Небылицына.', 'perm.txt'],
    ]);
    expect(twice.status).toBe(400);
    expect(twice.body.error).toEqual({ code: 'VALIDATION', message: 'publisher is given twice: give it once' });
    // The address is shown as a link: one that would run script when clicked is not an address.
    const script = await upload([
      ['url', 'javascript:alert(document.cookie)'],
      ['file', 'В Ельце задержали Марка Выдумкина.', 'yelets.txt'],
    ]);
    expect(script.status).toBe(400);
    expect(script.body.error).toEqual({ code: 'VALIDATION', message: 'url must be an http or https address' });
    const future = await upload([
      ['publishedAt', '2205-03-14'],
      ['file', 'В Ельце задержали Марка Выдумкина.', 'yelets.txt'],
    ]);
    expect(future.status).toBe(400);
    expect(future.body.error).toEqual({
      code: 'VALIDATION',
      message: 'publishedAt 2205-03-14 is in the future: a slip of the year?',
    });
    const nul = await upload([
      ['title', 'Обыск\u0000в Ельце'],
      ['file', 'В Ельце задержали Марка Выдумкина.', 'yelets.txt'],
    ]);
    expect(nul.status).toBe(400);
    expect(nul.body.error).toEqual({ code: 'VALIDATION', message: 'title may not hold a NUL character (U+0000)' });
    expect(await sourceCount()).toBe(before);
  });

  it('says the upload limits in words, and refuses a field it would have had to cut, storing nothing', async () => {
    const before = await sourceCount();
    const files = Array.from(
      { length: 101 },
      (_, i) => ['file', `Отчёт ${i}: в Омске задержан Лев Выдумкин.`, `omsk-${i}.txt`] as [string, string, string],
    );
    const many = await upload(files);
    expect(many.status).toBe(413);
    expect(many.body.error).toEqual({
      code: 'TOO_LARGE',
      message: 'at most 100 files in one upload: send the others in another',
    });
    const long = await upload([
      ['title', 'Заголовок '.repeat(250)],
      ['file', 'В Омске задержали Льва Выдумкина.', 'omsk.txt'],
    ]);
    expect(long.status).toBe(400);
    expect(long.body.error).toEqual({ code: 'VALIDATION', message: 'title is longer than 2,000 characters' });
    expect(await sourceCount()).toBe(before);
    // Counted in characters, whatever bytes each takes: 2,000 of three or four bytes are within the limit.
    const titled = async (title: string, name: string) =>
      upload([
        ['title', title],
        ['file', `В Омске задержали Льва ${name}.`, `omsk-${name}.txt`],
      ]);
    expect((await titled('漢'.repeat(2000), 'Широкого')).status).toBe(200);
    expect((await titled('📰'.repeat(2000), 'Эмодзи')).status).toBe(200);
    expect((await titled('漢'.repeat(2001), 'Длинного')).body.error).toEqual({
      code: 'VALIDATION',
      message: 'title is longer than 2,000 characters',
    });
  });

  it('refuses an upload cut short or sent without its boundary as the sender’s error, storing nothing', async () => {
    const before = await sourceCount();
    /** `body` sent as it is under `contentType`, as a client that broke off or forgot the boundary would send it. */
    const send = async (contentType: string, body: string) => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/sources',
        headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': contentType },
        payload: Buffer.from(body),
      });
      return { status: res.statusCode, error: (res.json() as { error: unknown }).error };
    };
    const filePart = (name: string, text: string) =>
      `--XX\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n${text}`;
    const cutShort = { code: 'VALIDATION', message: 'the upload was cut short before its end: send it again' };
    // Cut inside its only file, and inside its second file after a whole first one: neither file is stored.
    expect(await send('multipart/form-data; boundary=XX', filePart('a.txt', 'В Орле задержан'))).toEqual({
      status: 400,
      error: cutShort,
    });
    const whole = filePart('b.txt', 'В Орле задержали Илью Небывалого за пикет.');
    expect(await send('multipart/form-data; boundary=XX', `${whole}\r\n${filePart('c.txt', 'В Орле задер')}`)).toEqual({
      status: 400,
      error: cutShort,
    });
    expect(await send('multipart/form-data', 'abc')).toEqual({
      status: 400,
      error: {
        code: 'VALIDATION',
        message:
          'the upload is not valid multipart/form-data: no boundary (Content-Type: multipart/form-data; boundary=…)',
      },
    });
    expect(await send(`multipart/form-data; boundary=${'X'.repeat(300)}`, 'abc')).toEqual({
      status: 400,
      error: {
        code: 'VALIDATION',
        message:
          'the upload is not valid multipart/form-data: its boundary is too long (RFC 2046 allows 70 characters)',
      },
    });
    expect(await sourceCount()).toBe(before);
    // The same file, sent whole, is stored: what was refused was the cut, not the report.
    expect((await send('multipart/form-data; boundary=XX', `${whole}\r\n--XX--\r\n`)).status).toBe(200);
    expect(await sourceCount()).toBe(before + 1);
  });

  it('tells an upload sent as anything but a form to send multipart/form-data with a file field', async () => {
    const sendAs = async (contentType: string, body: string) => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/sources',
        headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': contentType },
        payload: body,
      });
      return { status: res.statusCode, error: (res.json() as { error: unknown }).error };
    };
    const message =
      'send the files as multipart/form-data, each in a field named file (curl -F file=@report.pdf …/api/v1/sources)';
    expect(await sendAs('application/xml', '<report>В Орле задержан</report>')).toEqual({
      status: 415,
      error: { code: 'VALIDATION', message },
    });
    expect(await sendAs('application/json', '{"file": "В Орле задержан"}')).toEqual({
      status: 400,
      error: { code: 'VALIDATION', message },
    });
  });

  it('refuses a file over the size limit and an upload over its total, naming the limit, storing nothing', async () => {
    const small = await createHarness('sqlite', { maxUploadBytes: 1000, maxUploadTotalBytes: 2500 });
    try {
      const agent = await small.signIn('editor');
      const send = async (files: Array<[string, string]>) => {
        const { status, body } = await upload(
          files.map(([name, text]) => ['file', text, name] as Part),
          small.app,
          agent,
        );
        return { status, error: body.error };
      };
      const report = (i: number) => `Отчёт ${i}: в Омске задержан Лев Выдумкин. ${'Суд продлил арест. '.repeat(25)}`;
      expect(Buffer.byteLength(report(1))).toBeGreaterThan(800);
      expect(await send([['big.txt', report(0).repeat(3)]])).toEqual({
        status: 413,
        error: { code: 'TOO_LARGE', message: 'big.txt is over the limit of 1,000 bytes a file' },
      });
      expect(
        await send([
          ['a.txt', report(1)],
          ['b.txt', report(2)],
          ['c.txt', report(3)],
        ]),
      ).toEqual({
        status: 413,
        error: {
          code: 'TOO_LARGE',
          message: 'one upload holds at most 2,500 bytes in all: send the other files in another',
        },
      });
      const stored = await small.t.workspace.db
        .selectFrom('sources')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      expect(Number(stored?.n)).toBe(0);
      expect(
        (
          await send([
            ['a.txt', report(1)],
            ['b.txt', report(2)],
          ])
        ).status,
      ).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('lists by a language sources can have, and refuses one they cannot', async () => {
    const list = (query: string) =>
      h.app.inject({ method: 'GET', url: `/api/v1/sources?${query}`, headers: { cookie: editor.cookie } });
    const russian = await list('language=ru');
    expect(russian.statusCode).toBe(200);
    expect(russian.json().total).toBeGreaterThan(0);
    const german = await list('language=de');
    expect(german.statusCode).toBe(400);
    expect(german.json().error).toEqual({
      code: 'VALIDATION',
      message: 'querystring/language must be one of ru, en, other',
    });
  });
});
