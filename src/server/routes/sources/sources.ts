import type { Multipart, MultipartFile } from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import type { Runtime } from '../../../app/runtime.js';
import {
  auditRestrictedRead,
  auditRestrictedReads,
  sourceScope,
  visibleIds,
  visibleScope,
} from '../../../auth/index.js';
import { EXTRACTOR_VERSION } from '../../../extract/index.js';
import {
  changeSourceDetailsWithProposals,
  type SourceState,
  type SourceStateContext,
  sourceInState,
  sourceStates,
  transcribeSource,
} from '../../../record/index.js';
import { isAfterToday, isPublicationDate } from '../../../shared/dates.js';
import { ChronicleError } from '../../../shared/errors.js';
import { sizeInWords } from '../../../shared/sizes.js';
import { webUrl } from '../../../shared/web-url.js';
import {
  browserViewOf,
  CONFIDENTIALITY,
  copiesAmong,
  DEFAULT_PARSE_LIMITS,
  getSource,
  getSourceOriginal,
  getSourceText,
  type IngestFile,
  type IngestResult,
  ingestFiles,
  isConfidentiality,
  listSources,
  listWaitingSets,
  MAX_TRANSCRIPTION_CHARS,
  ocrPendingAmong,
  ownFileName,
  type SourceMetadataInput,
  shownByPage,
  shownConverted,
  shownCopy,
  unlinkSimilarText,
} from '../../../sources/index.js';
import { errorHandler } from '../../errors.js';
import { datesInOrder, ErrorBody } from '../../schemas.js';
import { assertVisible } from '../persons/persons.js';
import {
  FailedUpload,
  IngestResults,
  ListSourcesQuery,
  MediaQuery,
  SourceChanges,
  SourceDetail,
  SourceList,
  SourceParams,
  SourceText,
  Transcription,
  WaitingSets,
} from './schema.js';

const METADATA_FIELDS = ['title', 'url', 'publisher', 'publishedAt', 'confidentiality'] as const;
/** What an upload sent as anything but a form is told to send instead. */
const SEND_AS_FORM =
  'send the files as multipart/form-data, each in a field named file (curl -F file=@report.pdf …/api/v1/sources)';
/** `/api/v1/sources`: list, get, text, original bytes, upload. */
export async function sourcesRoutes(
  app: FastifyInstance,
  runtime: Runtime,
  limits: { maxUploadBytes: number; maxUploadTotalBytes: number } = {
    maxUploadBytes: DEFAULT_PARSE_LIMITS.maxBytes,
    maxUploadTotalBytes: UPLOAD_TOTAL_BYTES,
  },
): Promise<void> {
  const { db } = runtime.workspace;
  const confidentialityOf = async (id: string) =>
    db.selectFrom('sources').select(['id', 'confidentiality']).where('id', '=', id).executeTakeFirstOrThrow();

  app.get('/api/v1/sources', {
    config: { access: 'viewer' },
    schema: {
      tags: ['sources'],
      summary: 'List sources, newest first',
      querystring: ListSourcesQuery,
      response: { 200: SourceList, 400: ErrorBody },
    },
    preHandler: datesInOrder,
    handler: async (request) => {
      const { state, ...query } = request.query as Parameters<typeof listSources>[1] & { state?: SourceState };
      const user = request.user;
      const states: SourceStateContext = {
        scope: (table) => visibleScope(user, table) as never,
        extractorVersion: EXTRACTOR_VERSION,
      };
      const page = await listSources(db, {
        ...query,
        scope: sourceScope(user),
        ...(state ? { filter: (eb) => sourceInState(eb, state, states) } : {}),
      });
      await auditRestrictedReads(db, user, 'sources', page.items, 'list');
      const stateOf = await sourceStates(
        db,
        page.items.map((item) => item.id),
        states,
      );
      const beingRead = await ocrPendingAmong(
        db,
        page.items.filter((item) => item.needsOcr).map((item) => item.id),
      );
      const copies = await copiesAmong(
        db,
        page.items.map((item) => item.id),
        sourceScope(user),
      );
      return {
        total: page.total,
        items: page.items.map((item) => ({
          ...item,
          copyOf: copies.get(item.id) ?? null,
          ...(stateOf.get(item.id) ?? { state: 'nothing-proposed', waiting: 0 }),
          ocrPending: beingRead.has(item.id),
        })),
      };
    },
  });

  app.get('/api/v1/sources/waiting-parts', {
    config: { access: 'viewer' },
    schema: {
      tags: ['sources'],
      summary: 'Archives split into parts whose parts stored so far do not make them whole (or did not read)',
      response: { 200: WaitingSets },
    },
    handler: async (request) => {
      const waiting = await listWaitingSets(db, sourceScope(request.user));
      const parts = waiting.sets.flatMap((set) => set.parts.map((part) => ({ ...part, id: part.sourceId })));
      await auditRestrictedReads(db, request.user, 'sources', parts, 'list');
      return waiting;
    },
  });

  app.get('/api/v1/sources/:id', {
    config: { access: 'viewer' },
    schema: {
      tags: ['sources'],
      summary: 'One source with its metadata, attachments and near-duplicates',
      params: SourceParams,
      response: { 200: SourceDetail, 404: ErrorBody },
    },
    handler: async (request) => {
      const source = await getSource(db, (request.params as { id: string }).id, sourceScope(request.user));
      await auditRestrictedRead(db, request.user, 'sources', source);
      return source;
    },
  });

  app.get('/api/v1/sources/:id/text', {
    config: { access: 'viewer' },
    schema: {
      tags: ['sources'],
      summary: 'The plain text every offset refers to',
      params: SourceParams,
      response: { 200: SourceText, 404: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const text = await getSourceText(db, id, sourceScope(request.user));
      await auditRestrictedRead(db, request.user, 'sources', await confidentialityOf(id), 'text');
      return { id, text };
    },
  });

  app.get('/api/v1/sources/:id/original', {
    config: { access: 'viewer' },
    schema: { tags: ['sources'], summary: 'The original bytes, as a download', params: SourceParams },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const original = await getSourceOriginal(db, id, runtime.cipher, sourceScope(request.user));
      await auditRestrictedRead(db, request.user, 'sources', await confidentialityOf(id), 'original');
      const name = ownFileName(original.fileName) ?? 'original';
      // Originals are hostile until proven otherwise: never rendered inline, never sniffed, no active content.
      return reply
        .header('content-type', 'application/octet-stream')
        .header(
          'content-disposition',
          `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('x-original-media-type', original.mediaType)
        .send(original.bytes);
    },
  });

  app.get('/api/v1/sources/:id/media', {
    config: { access: 'viewer' },
    schema: {
      tags: ['sources'],
      summary:
        'A photo, scan or recording, shown or played beside its transcription (JPEG, PNG, GIF, WebP, AVIF, BMP; ' +
        'HEIC, and a TIFF scan or a DjVu document page by page, as a JPEG made from it; ' +
        'Ogg, MP3, WAV, M4A, FLAC, MP4, WebM; a PDF, as an attachment, for the web UI to draw its pages)',
      params: SourceParams,
      querystring: MediaQuery,
      response: {
        206: Type.Unknown({ description: 'the part of the file a Range header asked for' }),
        400: ErrorBody,
        404: ErrorBody,
        413: ErrorBody,
        415: ErrorBody,
        422: ErrorBody,
        416: Type.Unknown({ description: 'a range past the end of the file; Content-Range gives its size' }),
      },
    },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const original = await getSourceOriginal(db, id, runtime.cipher, sourceScope(request.user));
      // Only formats a browser decodes as pictures or sound, told by the bytes at ingestion: never markup (SVG), never
      // a type that a browser would sniff into something else.
      const view = browserViewOf(original.mediaType);
      if (view === null)
        throw new ChronicleError(
          'UNSUPPORTED_TYPE',
          'this source is no picture or recording a browser shows: download its original',
        );
      const { page = 1 } = request.query as { page?: number };
      if (page !== 1 && !shownByPage(original.mediaType))
        throw new ChronicleError('NOT_FOUND', 'this source has one page to show');
      if (shownConverted(original.mediaType)) {
        const jpeg = await shownCopy(original, page);
        await auditRestrictedRead(db, request.user, 'sources', await confidentialityOf(id), 'original');
        return reply
          .header('content-type', 'image/jpeg')
          .header('content-disposition', 'inline')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store')
          .header('x-original-media-type', original.mediaType)
          .send(Buffer.from(jpeg));
      }
      // A player asks for a long recording in parts (RFC 9110 §14), to seek in it: one range is served, and a read is
      // audited once, when the file is asked for from its start.
      const size = original.bytes.length;
      const asked = request.headers.range;
      const ranges = asked ? parseRange(size, asked, { combine: true }) : null;
      if (ranges === -1) return reply.code(416).header('content-range', `bytes */${size}`).send();
      const range = ranges && ranges !== -2 && ranges.type === 'bytes' && ranges.length === 1 ? ranges[0]! : null;
      if (!range || range.start === 0)
        await auditRestrictedRead(db, request.user, 'sources', await confidentialityOf(id), 'original');
      reply
        .header('content-type', original.mediaType)
        // A PDF is read by the web UI's pdf.js, not opened inline: a browser's own viewer would run its scripts.
        .header('content-disposition', view === 'pdf' ? 'attachment' : 'inline')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('accept-ranges', 'bytes');
      if (!range) return reply.send(original.bytes);
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .send(original.bytes.subarray(range.start, range.end + 1));
    },
  });

  app.put('/api/v1/sources/:id/transcription', {
    config: { access: 'editor' },
    // A long scan's transcription in Cyrillic is two bytes a character.
    bodyLimit: 2 * MAX_TRANSCRIPTION_CHARS + 64 * 1024,
    schema: {
      tags: ['sources'],
      summary:
        'Give a scan, photo or recording the text read off it or said in it (typed, or pasted from OCR or ' +
        'speech-to-text): it becomes the text every offset ' +
        'refers to, and is extracted',
      params: SourceParams,
      body: Transcription,
      response: { 200: SourceDetail, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const scope = sourceScope(request.user);
      await getSource(db, id, scope);
      await db.transaction().execute((trx) =>
        transcribeSource(trx, {
          sourceId: id,
          text: (request.body as { text: string }).text,
          userId: request.user?.id ?? null,
          extractorVersion: EXTRACTOR_VERSION,
        }),
      );
      return getSource(db, id, scope);
    },
  });

  app.patch('/api/v1/sources/:id', {
    config: { access: 'editor' },
    schema: {
      tags: ['sources'],
      summary:
        "Change a source's details — title, publisher, author, address, date, reliability (A–F), confidentiality — " +
        'audited with what was there before; the original and its text never change',
      params: SourceParams,
      body: SourceChanges,
      response: { 200: SourceDetail, 400: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      await assertVisible(db, request.user, 'sources', id, 'source');
      const scope = sourceScope(request.user);
      const changes = request.body as Parameters<typeof changeSourceDetailsWithProposals>[2];
      await db
        .transaction()
        .execute((trx) => changeSourceDetailsWithProposals(trx, id, changes, request.user?.id ?? null));
      // Made restricted by an editor outside its groups, it is theirs to see once more, as it now stands — but what
      // it holds, copies or came in stays as hidden from them as it was.
      return getSource(db, id, (eb) => eb.or([scope(eb), eb('sources.id', '=', id)]));
    },
  });

  app.delete('/api/v1/sources/:id/near-duplicate', {
    config: { access: 'editor' },
    schema: {
      tags: ['sources'],
      summary:
        'Say a source linked as a near-duplicate by its wording is a report of its own: the link is undone, with ' +
        'the copies of its text, and the two are never linked again (a copy of the same text cannot be unlinked)',
      params: SourceParams,
      response: { 200: SourceDetail, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const scope = sourceScope(request.user);
      await getSource(db, id, scope);
      await db.transaction().execute((trx) => unlinkSimilarText(trx, id, request.user?.id ?? null));
      return getSource(db, id, scope);
    },
  });

  app.post('/api/v1/sources', {
    config: { access: 'editor' },
    schema: {
      tags: ['sources'],
      summary:
        'Upload files (multipart/form-data: one or more `file` parts, optional title, url, publisher, publishedAt and ' +
        'confidentiality fields)',
      consumes: ['multipart/form-data'],
      response: { 200: IngestResults, 400: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: FailedUpload },
    },
    // A body of a type no parser reads (application/xml) is refused before the handler runs, in Fastify's words
    // ("Unsupported Media Type"), which say neither what to send nor how: this route says both.
    errorHandler: (error, request, reply) =>
      errorHandler(
        error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? Object.assign(new Error(SEND_AS_FORM), { statusCode: 415, cause: error })
          : error,
        request,
        reply,
      ),
    handler: async (request, reply) => {
      if (!request.isMultipart()) throw new ChronicleError('VALIDATION', SEND_AS_FORM);
      const metadata: SourceMetadataInput = {};
      const files: IngestFile[] = [];
      const given = new Set<string>();
      let uploadBytes = 0;
      for await (const part of uploadParts(request)) {
        if (part.type === 'file') {
          const file = await readPart(part, limits.maxUploadBytes);
          // Every file of an upload is held until the last has arrived: a hundred files of 100 MB would be 10 GB.
          uploadBytes += file.bytes.byteLength;
          if (uploadBytes > limits.maxUploadTotalBytes)
            throw new ChronicleError(
              'TOO_LARGE',
              `one upload holds at most ${sizeInWords(limits.maxUploadTotalBytes)} in all: send the other files in another`,
            );
          files.push(file);
        } else {
          // A misspelt field (published_at) would otherwise be dropped and the source stored without its date.
          if (!(METADATA_FIELDS as readonly string[]).includes(part.fieldname))
            throw new ChronicleError(
              'VALIDATION',
              `unknown field ${JSON.stringify(part.fieldname)}: the fields are ${METADATA_FIELDS.join(', ')} and the files`,
            );
          if (given.has(part.fieldname))
            throw new ChronicleError('VALIDATION', `${part.fieldname} is given twice: give it once`);
          given.add(part.fieldname);
          // Cut to fit, a title or an address would be stored as something it never was.
          // Counted as the JSON routes' schemas count (code points), so an upload and a correction agree.
          if (part.valueTruncated || [...String(part.value ?? '')].length > MAX_FIELD_LENGTH)
            throw new ChronicleError(
              'VALIDATION',
              `${part.fieldname} is longer than ${MAX_FIELD_LENGTH.toLocaleString('en')} characters`,
            );
          const value = String(part.value ?? '').trim();
          // As in every other request (app.ts's preValidation): stored with U+FFFD instead, it would be a title or
          // address the sender never wrote.
          if (value.includes('\u0000'))
            throw new ChronicleError('VALIDATION', `${part.fieldname} may not hold a NUL character (U+0000)`);
          if (value === '') continue;
          if (part.fieldname === 'publishedAt' && !isPublicationDate(value))
            throw new ChronicleError(
              'VALIDATION',
              `publishedAt must be a real date like 2024-03-15, not ${JSON.stringify(value)}`,
            );
          if (part.fieldname === 'publishedAt' && isAfterToday(value))
            throw new ChronicleError('VALIDATION', `publishedAt ${value} is in the future: a slip of the year?`);
          if (part.fieldname === 'confidentiality' && !isConfidentiality(value))
            throw new ChronicleError(
              'VALIDATION',
              `confidentiality is one of ${CONFIDENTIALITY.join(', ')}, not ${JSON.stringify(value)}`,
            );
          const url = part.fieldname === 'url' ? webUrl(value) : undefined;
          if (url === null) throw new ChronicleError('VALIDATION', 'url must be an http or https address');
          // Checked above: confidentiality is one of its values.
          (metadata as Record<string, string>)[part.fieldname] = url ?? value;
        }
      }
      if (files.length === 0) throw new ChronicleError('VALIDATION', 'no file in the upload');
      const results: IngestResult[] = [];
      const context = runtime.ingestContext(request.user?.id ?? null);
      for await (const result of ingestFiles(
        context,
        files.map((f) => ({ ...f, metadata })),
      )) {
        results.push(result);
      }
      // A file stored before as a source the uploader may not read, or copying one, is not named to them by its id,
      // which would lead to what the source's relatives say of it. What this upload stored is theirs to name, even
      // restricted to groups they are not in: the id is what they give an admin to let the right people read it.
      const storedBefore = (r: IngestResult) => (r.status === 'duplicate' ? r.sourceId : null);
      const named = results.flatMap((r) => [storedBefore(r), r.nearDuplicateOf ?? null]).filter((id) => id !== null);
      const visible = await visibleIds(db, request.user, 'sources', named);
      const hidden = (id: string | null | undefined) => Boolean(id) && !visible.has(id!);
      const answered = {
        results: results.map((r) => ({
          file: r.file,
          status: r.status,
          sourceId: hidden(storedBefore(r)) ? null : r.sourceId,
          error: r.error,
          nearDuplicateOf: hidden(r.nearDuplicateOf) ? null : (r.nearDuplicateOf ?? null),
          ...(hidden(storedBefore(r)) ? { withheld: true } : {}),
          ...(r.captureKept ? { captureKept: true } : {}),
          ...(r.warnings ? { warnings: r.warnings } : {}),
        })),
      };
      // A script that checks the status alone took an upload of nothing but unreadable files for a success.
      // The results still say why each failed, beside the error that says nothing was stored.
      if (results.every((r) => r.status === 'failed')) {
        void reply.status(422);
        return { error: { code: 'PARSE_FAILED', message: nothingStored(results) }, ...answered };
      }
      return answered;
    },
  });
}

/** `nothing was stored: a.pdf: not a PDF` or, for several, `nothing was stored: none of the 3 files could be read`. */
function nothingStored(results: IngestResult[]): string {
  const [only] = results;
  // A file's reason names it already ('empty.txt: the file is empty…'), but not always (an archive's entry).
  if (results.length === 1 && only)
    return `nothing was stored: ${only.error?.startsWith(`${only.file}: `) ? only.error : `${only.file}: ${only.error ?? 'not readable'}`}`;
  return `nothing was stored: none of the ${results.length} files could be read (each one's reason is in results)`;
}

/** Longest title, address or publisher an upload may give, in characters. */
const MAX_FIELD_LENGTH = 2000;

/**
 * What one upload may hold besides the file size (`buildServer` registers the multipart plugin with them). A field's
 * size is counted in bytes, so it holds MAX_FIELD_LENGTH characters of four UTF-8 bytes each: a title in Cyrillic
 * takes two bytes a letter, in Chinese three, and 1,400 of them were refused as "longer than 2,000 characters".
 */
export const UPLOAD_LIMITS = { files: 100, fields: 20, fieldSize: 4 * MAX_FIELD_LENGTH, parts: 130 } as const;

/** What the files of one upload may hold together: they are all in memory until the upload has been read. */
export const UPLOAD_TOTAL_BYTES = 256 * 1024 * 1024;

/**
 * The upload's parts, with @fastify/multipart's limits said in words a person can act on ("reach files limit" named
 * neither the limit nor what to do).
 */
async function* uploadParts(request: FastifyRequest): AsyncGenerator<Multipart> {
  try {
    yield* request.parts();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT')
      throw new ChronicleError(
        'TOO_LARGE',
        `at most ${UPLOAD_LIMITS.files} files in one upload: send the others in another`,
      );
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new ChronicleError(
        'TOO_LARGE',
        `at most ${UPLOAD_LIMITS.files} files and ${UPLOAD_LIMITS.fields} fields in one upload`,
      );
    throw malformedUpload(error) ?? error;
  }
}

/**
 * Bytes busboy cannot read as multipart/form-data, as the sender's error (400) in words they can act on; null for any
 * other error. Busboy throws plain Errors, told apart only by their message: a body that ends before its closing
 * boundary (a dropped connection, a client that miscounted) "Unexpected end of multipart data", or from the part being
 * read "Part terminated early due to unexpected end of multipart data"; a multipart type with no `boundary=`
 * "Multipart: Boundary not found"; one longer than its search allows (RFC 2046 §5.1.1 allows 70 characters)
 * "The needle cannot have a length bigger than 256.".
 */
function malformedUpload(error: unknown): ChronicleError | null {
  const message = error instanceof Error && !(error instanceof ChronicleError) ? error.message : '';
  if (/unexpected end of multipart data/i.test(message))
    return new ChronicleError('VALIDATION', 'the upload was cut short before its end: send it again', { cause: error });
  if (/^Multipart: Boundary not found$/.test(message))
    return new ChronicleError(
      'VALIDATION',
      'the upload is not valid multipart/form-data: no boundary (Content-Type: multipart/form-data; boundary=…)',
      { cause: error },
    );
  if (/^The needle cannot have a length bigger than/.test(message))
    return new ChronicleError(
      'VALIDATION',
      'the upload is not valid multipart/form-data: its boundary is too long (RFC 2046 allows 70 characters)',
      { cause: error },
    );
  return null;
}

async function readPart(part: MultipartFile, maxBytes: number): Promise<IngestFile> {
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (error) {
    // The plugin's own words ("request file too large") named neither the file nor the limit.
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new ChronicleError('TOO_LARGE', `${part.filename} is over the limit of ${sizeInWords(maxBytes)} a file`);
    throw malformedUpload(error) ?? error;
  }
  return { name: part.filename || 'upload', bytes };
}
