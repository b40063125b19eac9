import { readFileSync } from 'node:fs';
import { imageSize } from 'image-size';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePhotographedPdf } from '../../../../test/fixtures/documents.js';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { UFA_TEXT, ufaExtraction } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createHarness, type Harness } from '../../../../test/security/harness.js';
import { verifyAuditChain } from '../../../audit/index.js';
import { EXTRACTOR_VERSION } from '../../../extract/index.js';
import { claimJob, completeJob } from '../../../jobs/index.js';
import { acceptAllProposals, stageExtraction } from '../../../record/index.js';
import { searchSources } from '../../../search/index.js';
import { type IngestResult, ingestFiles, sha256Hex } from '../../../sources/index.js';
import { onPath } from '../../../sources/programs.js';

const dialects = await testDialects();

const image = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../../test/fixtures/images/${name}`, import.meta.url)));

describe.each(dialects)('transcribing a scan or photo, PUT /api/v1/sources/:id/transcription on %s', (dialect) => {
  let h: Harness;
  let editor: Agent;
  let viewer: Agent;
  const ids = { photo: '', page: '', corrected: '', text: '' };

  const transcribe = (id: string, text: unknown, agent = editor) =>
    h.call('PUT', `/api/v1/sources/${id}/transcription`, agent, { text });
  const textOf = async (id: string) =>
    (await h.call('GET', `/api/v1/sources/${id}/text`, editor)).json<{ text: string }>().text;

  beforeAll(async () => {
    h = await createHarness(dialect);
    editor = await h.signIn('editor');
    viewer = await h.signIn('viewer');
    const results: IngestResult[] = [];
    const files = [
      { name: 'IMG_0412.JPG', bytes: image('scan.jpg') },
      { name: 'page.png', bytes: image('scan.png') },
      { name: 'page.heic', bytes: image('scan.heic') },
      { name: 'ufa.txt', bytes: new TextEncoder().encode(UFA_TEXT) },
    ];
    for await (const r of ingestFiles(h.runtime.ingestContext(null), files)) results.push(r);
    [ids.photo, ids.page, ids.corrected, ids.text] = results.map((r) => r.sourceId!) as [
      string,
      string,
      string,
      string,
    ];
  });
  afterAll(async () => h.close());

  const collectIngest = async (files: Array<{ name: string; bytes: Uint8Array }>) => {
    const results: IngestResult[] = [];
    for await (const r of ingestFiles(h.runtime.ingestContext(null), files)) results.push(r);
    return results;
  };

  it('makes the text of a photo that needs OCR, searchable, queued for extraction and audited', async () => {
    // A viewer is not told the source exists to be written to.
    expect((await transcribe(ids.photo, UFA_TEXT, viewer)).statusCode).toBe(404);
    expect(await textOf(ids.photo)).toBe('');

    const res = await transcribe(ids.photo, `\r\n${UFA_TEXT.replace('. ', '.\r\n')}\r\n`);
    expect(res.statusCode, res.body).toBe(200);
    const stored = UFA_TEXT.replace('. ', '.\n');
    expect(res.json()).toMatchObject({ id: ids.photo, needsOcr: false, transcribed: true, language: 'ru' });
    expect(await textOf(ids.photo)).toBe(stored);
    // The original is the photo still.
    const original = await h.call('GET', `/api/v1/sources/${ids.photo}/original`, editor);
    expect(Buffer.compare(original.rawPayload, Buffer.from(image('scan.jpg')))).toBe(0);

    const found = await searchSources(h.t.workspace.db, dialect, 'задержан Уфа');
    expect(found.results.map((r) => r.sourceId)).toContain(ids.photo);

    const { db } = h.t.workspace;
    // Its extraction is queued under the key the source's state follows.
    const job = await db
      .selectFrom('jobs')
      .select(['status', 'payload'])
      .where('dedupe_key', '=', `extract:${ids.photo}:${EXTRACTOR_VERSION}`)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'queued', payload: JSON.stringify({ sourceId: ids.photo }) });

    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      action: 'source.transcribe',
      target: `sources/${ids.photo}`,
      user_id: editor.userId,
    });
    expect(JSON.parse(entry.before!)).toEqual({ sha256: null, characters: 0, extractor: 'chronicle-sources' });
    expect(JSON.parse(entry.after!)).toEqual({
      sha256: sha256Hex(stored),
      characters: stored.length,
      extractor: 'transcription',
      proposalsRemoved: 0,
    });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('shows a photo as the picture it is, to be read beside its transcription, and nothing else as a picture', async () => {
    const shown = await h.call('GET', `/api/v1/sources/${ids.photo}/media`, viewer);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    expect(Buffer.compare(shown.rawPayload, Buffer.from(image('scan.jpg')))).toBe(0);
    // A player seeks by asking for a part; a part past the end is refused with the size.
    const part = await h.app.inject({
      method: 'GET',
      url: `/api/v1/sources/${ids.photo}/media`,
      headers: { cookie: viewer.cookie, range: 'bytes=100-199' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${image('scan.jpg').length}`);
    expect(Buffer.compare(part.rawPayload, Buffer.from(image('scan.jpg').subarray(100, 200)))).toBe(0);
    const past = await h.app.inject({
      method: 'GET',
      url: `/api/v1/sources/${ids.photo}/media`,
      headers: { cookie: viewer.cookie, range: 'bytes=99999999-' },
    });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${image('scan.jpg').length}`);
    // The source says how a browser shows it, from the same list the route serves by.
    const detail = async (id: string) => (await h.call('GET', `/api/v1/sources/${id}`, viewer)).json().browserView;
    expect([await detail(ids.photo), await detail(ids.corrected), await detail(ids.text)]).toEqual([
      'image',
      'image',
      null,
    ]);
    // A browser shows no HEIC: it is sent a JPEG made from the photo, of the photo's size. A report is no picture.
    const heic = await h.call('GET', `/api/v1/sources/${ids.corrected}/media`, viewer);
    expect(heic.statusCode).toBe(200);
    expect(heic.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'cache-control': 'private, no-store',
      'x-original-media-type': 'image/heic',
    });
    expect(imageSize(heic.rawPayload)).toMatchObject({ type: 'jpg', width: 600, height: 800 });
    expect((await h.call('GET', `/api/v1/sources/${ids.corrected}/media?page=2`, viewer)).statusCode).toBe(404);
    // A TIFF scan, page by page; a page past its last is not found, and a page 0 is no page.
    const [tiff] = await collectIngest([{ name: 'scan.tif', bytes: image('scan-2-pages.tif') }]);
    expect(await detail(tiff!.sourceId!)).toBe('image');
    const second = await h.call('GET', `/api/v1/sources/${tiff!.sourceId}/media?page=2`, viewer);
    expect(second.statusCode).toBe(200);
    expect(second.headers).toMatchObject({ 'content-type': 'image/jpeg', 'x-original-media-type': 'image/tiff' });
    expect(imageSize(second.rawPayload)).toMatchObject({ type: 'jpg', width: 600, height: 800 });
    const beyond = await h.call('GET', `/api/v1/sources/${tiff!.sourceId}/media?page=3`, viewer);
    expect([beyond.statusCode, beyond.json().error.message]).toEqual([404, 'the TIFF has 2 pages, not 3']);
    expect((await h.call('GET', `/api/v1/sources/${tiff!.sourceId}/media?page=0`, viewer)).statusCode).toBe(400);
    // A DjVu document, page by page, drawn by djvulibre's ddjvu at the preview's size (where it is installed).
    const [djvu] = await collectIngest([{ name: 'скан.djvu', bytes: image('scan-2-pages.djvu') }]);
    if (onPath('ddjvu')) {
      expect(await detail(djvu!.sourceId!)).toBe('image');
      const drawn = await h.call('GET', `/api/v1/sources/${djvu!.sourceId}/media?page=2`, viewer);
      expect(drawn.headers).toMatchObject({ 'content-type': 'image/jpeg', 'x-original-media-type': 'image/vnd.djvu' });
      expect(imageSize(drawn.rawPayload)).toMatchObject({ type: 'jpg', width: 1800, height: 2400 });
      const past = await h.call('GET', `/api/v1/sources/${djvu!.sourceId}/media?page=3`, viewer);
      expect([past.statusCode, past.json().error.message]).toEqual([404, 'the DjVu document has 2 pages, not 3']);
    } else {
      expect(await detail(djvu!.sourceId!)).toBeNull();
      expect((await h.call('GET', `/api/v1/sources/${djvu!.sourceId}/media`, viewer)).statusCode).toBe(415);
    }
    expect((await h.call('GET', `/api/v1/sources/${ids.text}/media`, viewer)).statusCode).toBe(415);
    expect((await h.call('GET', `/api/v1/sources/${ids.photo}/media`, null)).statusCode).toBe(401);
  });

  it('sends a PDF for the web UI to draw its pages, as an attachment no browser opens inline', async () => {
    const [scan] = await collectIngest([
      { name: 'ruling.pdf', bytes: await makePhotographedPdf([{ jpeg: image('scan.jpg') }]) },
    ]);
    const sent = await h.call('GET', `/api/v1/sources/${scan!.sourceId}/media`, viewer);
    expect(sent.statusCode).toBe(200);
    expect(sent.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': 'attachment',
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
    });
    expect((await h.call('GET', `/api/v1/sources/${scan!.sourceId}`, viewer)).json()).toMatchObject({
      browserView: 'pdf',
      needsOcr: true,
    });
  });

  it('refuses a source whose text its file holds, a blank text, a source that does not exist', async () => {
    const own = await transcribe(ids.text, 'Другой текст.');
    expect(own.statusCode).toBe(409);
    expect(own.json().error.message).toContain(
      'only a scan, a photo or a recording without readable text can be transcribed',
    );
    expect(await textOf(ids.text)).toBe(UFA_TEXT);

    const blank = await transcribe(ids.page, ' \n\t ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.message).toBe('the transcription is empty: type or paste the text');
    expect((await transcribe(ids.page, 42)).statusCode).toBe(400);
    expect((await transcribe('01JUNKNOWN0000000000000000', 'Текст.')).statusCode).toBe(404);
    expect(await textOf(ids.page)).toBe('');
  });

  it('links a second photo of the same page, transcribed alike, as a near-duplicate of the first', async () => {
    const res = await transcribe(ids.page, UFA_TEXT.toUpperCase());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().nearDuplicates.map((s: { id: string }) => s.id)).toContain(ids.photo);
  });

  it('reads a corrected text again: its extraction is queued once more, and refused while it runs', async () => {
    const { db } = h.t.workspace;
    const key = `extract:${ids.photo}:${EXTRACTOR_VERSION}`;
    const job = await claimJob(db, 'test-worker', { kinds: ['extract'] });
    expect(job?.payload).toEqual({ sourceId: ids.photo });
    const busy = await transcribe(ids.photo, `${UFA_TEXT} Исправлено.`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.message).toBe('the text of this source is being read right now: save again in a moment');
    expect(await textOf(ids.photo)).toBe(UFA_TEXT.replace('. ', '.\n'));

    await db.transaction().execute((trx) => completeJob(trx, job!.id, 'test-worker', {}));
    const again = await transcribe(ids.photo, `${UFA_TEXT} Исправлено.`);
    expect(again.statusCode, again.body).toBe(200);
    const requeued = await db
      .selectFrom('jobs')
      .select(['id', 'status', 'attempts'])
      .where('dedupe_key', '=', key)
      .execute();
    expect(requeued).toEqual([{ id: job!.id, status: 'queued', attempts: 0 }]);
  });

  it('can be corrected until something read from it is decided in review', async () => {
    const { db } = h.t.workspace;
    const stage = (text: string) =>
      db.transaction().execute((trx) =>
        stageExtraction(trx, {
          sourceId: ids.corrected,
          extraction: ufaExtraction(text),
          extractorVersion: 't',
          userId: null,
        }),
      );
    const first = await transcribe(ids.corrected, UFA_TEXT);
    expect(first.statusCode, first.body).toBe(200);
    await stage(UFA_TEXT);
    const mentions = () => db.selectFrom('mentions').select('status').where('source_id', '=', ids.corrected).execute();
    expect((await mentions()).length).toBeGreaterThan(0);

    const corrected = `${UFA_TEXT} Адвокат обжалует приговор.`;
    const res = await transcribe(ids.corrected, corrected);
    expect(res.statusCode, res.body).toBe(200);
    expect(await mentions()).toEqual([]);
    const entry = await db
      .selectFrom('audit_log')
      .select('after')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after!).proposalsRemoved).toBeGreaterThan(0);

    await stage(corrected);
    await db.transaction().execute((trx) => acceptAllProposals(trx, null, { sourceId: ids.corrected }));
    const refused = await transcribe(ids.corrected, 'Совсем другой текст.');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('has been reviewed');
    expect(await textOf(ids.corrected)).toBe(corrected);
  });
});
