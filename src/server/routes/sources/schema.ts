import { Type } from '@sinclair/typebox';
import { SOURCE_STATES } from '../../../record/index.js';
import { LANGUAGES } from '../../../shared/language.js';
import { RELIABILITY } from '../../../sources/index.js';
import { ConfidentialityLevel, ErrorBody, Id, IsoDay, nullable, Paging } from '../../schemas.js';

export const SourceSummary = Type.Object(
  {
    id: Type.String(),
    sha256: Type.String(),
    mediaType: Type.String(),
    byteSize: Type.Number(),
    fileName: nullable(Type.String()),
    title: nullable(Type.String()),
    publisher: nullable(Type.String()),
    author: nullable(Type.String()),
    url: nullable(Type.String()),
    language: nullable(Type.String()),
    publishedAt: nullable(Type.String()),
    capturedAt: Type.String(),
    confidentiality: Type.String(),
    reliability: nullable(
      Type.String({ description: 'the Admiralty scale, A (completely reliable) to F (cannot be judged)' }),
    ),
    parentId: nullable(Type.String()),
    relation: nullable(Type.String()),
    nearDuplicateOf: nullable(Type.String()),
    needsOcr: Type.Boolean(),
  },
  { $id: 'SourceSummary' },
);

export const ListSourcesQuery = Type.Object({
  ...Paging,
  // As search's `lang`: a language no source has (`de`) is refused, not answered with an empty list.
  language: Type.Optional(Type.Union(LANGUAGES.map((language) => Type.Literal(language)))),
  publisher: Type.Optional(
    Type.String({
      maxLength: 500,
      description:
        "Any part of the publisher's name, in any letter case and with ё/е alike: `demo` finds «Demo Monitor»",
    }),
  ),
  from: Type.Optional(IsoDay),
  to: Type.Optional(IsoDay),
  needsOcr: Type.Optional(Type.Boolean()),
  confidentiality: Type.Optional(
    ConfidentialityLevel({ description: 'only sources of this confidentiality (of those the reader may see)' }),
  ),
  reliability: Type.Optional(
    Type.Union([...RELIABILITY.map((grade) => Type.Literal(grade)), Type.Literal('none')], {
      description: 'only sources judged this reliable, A–F; none: not judged yet',
    }),
  ),
  state: Type.Optional(
    Type.Union(
      SOURCE_STATES.map((s) => Type.Literal(s)),
      {
        description:
          'Where the source stands: its extraction queued or running, failed, proposals waiting for review, all reviewed, nothing proposed',
      },
    ),
  ),
});

/** A listed source with where it stands in the review, for this reader. */
/** The source a near-duplicate copies, when the reader may see it (`copiesAmong`): in lists of sources and of hits. */
export const CopyOf = nullable(
  Type.Object(
    {
      sourceId: Type.String(),
      title: nullable(Type.String()),
      fileName: nullable(Type.String()),
      byWording: Type.Boolean({ description: 'mostly the same wording (republished with changes), not the same text' }),
    },
    { description: 'the source this one is a near-duplicate of, when the reader may see it; null otherwise' },
  ),
);

export const ListedSource = Type.Intersect([
  Type.Ref('SourceSummary'),
  Type.Object({
    copyOf: CopyOf,
    state: Type.Union(SOURCE_STATES.map((s) => Type.Literal(s))),
    waiting: Type.Integer({
      description: 'Proposals from this source waiting for a decision (that this reader may see)',
    }),
    ocrPending: Type.Boolean({ description: 'its OCR is queued or running: its text comes when it ends' }),
  }),
]);

export const SourceList = Type.Object({ total: Type.Integer(), items: Type.Array(ListedSource) });

export const WaitingSets = Type.Object({
  sets: Type.Array(
    Type.Object({
      archive: Type.String({ description: 'the archive the parts make, as its latest part names it' }),
      parts: Type.Array(
        Type.Object({
          number: Type.Integer({ minimum: 1 }),
          sourceId: Id,
          fileName: Type.String(),
          capturedAt: Type.String(),
          confidentiality: Type.String(),
        }),
      ),
      missing: Type.Array(Type.Integer({ minimum: 1 }), { description: 'numbers below the highest part not here' }),
      lastHere: Type.Union([Type.Boolean(), Type.Null()], {
        description: 'whether the highest part here says it is the last (null: it cannot tell)',
      }),
      notRead: Type.Union([Type.String(), Type.Null()], {
        description: 'why the parts, all here, did not read as one archive',
      }),
      reading: Type.Boolean({ description: 'a job reading the parts is queued or running' }),
    }),
  ),
  more: Type.Boolean({ description: 'more parts wait than are listed' }),
});

export const SourceParams = Type.Object({ id: Id });

export const MediaQuery = Type.Object(
  {
    page: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100_000, description: "a TIFF scan's page, from 1 (default 1)" }),
    ),
  },
  { additionalProperties: false },
);

/** A later receipt of a source's bytes (src/sources/captures.ts). */
export const SourceCapture = Type.Object({
  capturedAt: Type.String(),
  fileName: nullable(Type.String()),
  container: nullable(
    Type.Object(
      { id: Type.String(), title: nullable(Type.String()), fileName: nullable(Type.String()) },
      { description: 'the letter or archive they came in; null: a file given on its own' },
    ),
  ),
  relation: nullable(Type.String()),
  title: nullable(Type.String({ description: 'given with this receipt' })),
  publisher: nullable(Type.String()),
  author: nullable(Type.String()),
  url: nullable(Type.String()),
  publishedAt: nullable(Type.String()),
});

export const SourceDetail = Type.Intersect([
  Type.Ref('SourceSummary'),
  Type.Object({
    metadata: Type.Record(Type.String(), Type.Unknown()),
    notes: nullable(Type.String({ description: 'notes on where it came from and how it was checked' })),
    transcribed: Type.Boolean({ description: "its text is a person's transcription of a scan, photo or recording" }),
    readByOcr: nullable(
      Type.String({ description: "the OCR program that read its text off the scan ('tesseract 5.3.0 (rus+eng)')" }),
    ),
    ocrPending: Type.Boolean({ description: 'its OCR is queued or running: its text comes when it ends' }),
    browserView: nullable(
      Type.Union([Type.Literal('image'), Type.Literal('audio'), Type.Literal('video'), Type.Literal('pdf')], {
        description:
          'how a browser shows the original (GET /api/v1/sources/:id/media; pdf: its pages drawn by the web UI); ' +
          'null: it is downloaded',
      }),
    ),
    children: Type.Array(Type.Ref('SourceSummary')),
    childrenStoredBefore: Type.Array(Type.Ref('SourceSummary'), {
      description:
        'what it holds that was stored before, from elsewhere (an attachment first received with another letter): ' +
        'each is that source, whose parentId is where it first came',
    }),
    captures: Type.Array(SourceCapture, {
      description: 'each later time its bytes came in, oldest first (at most 100; capturesTotal counts them all)',
    }),
    capturesTotal: Type.Integer({ minimum: 0 }),
    nearDuplicates: Type.Array(Type.Ref('SourceSummary')),
    similarWording: nullable(
      Type.Object(
        {
          similarTo: Type.String({ description: 'the source whose wording it shares' }),
          similarity: Type.Number({
            description: "the share of the shorter one's five-word phrases found in the other, 0–1",
          }),
        },
        {
          description:
            'why it is a near-duplicate when by wording mostly shared (a report republished with changes, undone ' +
            'by DELETE /api/v1/sources/:id/near-duplicate); null for a copy of the same text or no near-duplicate',
        },
      ),
    ),
  }),
]);

/** `PATCH /api/v1/sources/:id`: the details a person may change; absent stays, null (or blank) clears. */
export const SourceChanges = Type.Object(
  {
    title: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
    publisher: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
    author: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
    url: Type.Optional(nullable(Type.String({ maxLength: 2000, description: 'an http or https address' }))),
    publishedAt: Type.Optional(
      nullable(
        Type.String({
          maxLength: 40,
          description: 'a year, a month, a day or a day with its time: 2024, 2024-03, 2024-03-15',
        }),
      ),
    ),
    reliability: Type.Optional(
      nullable(
        Type.Union(
          RELIABILITY.map((grade) => Type.Literal(grade)),
          {
            description:
              'the Admiralty scale: A completely reliable, B usually reliable, C fairly reliable, D not usually ' +
              'reliable, E unreliable, F cannot be judged',
          },
        ),
      ),
    ),
    confidentiality: Type.Optional(
      ConfidentialityLevel({ description: 'restricted: only admins and the members of its access groups may read it' }),
    ),
    notes: Type.Optional(
      nullable(
        Type.String({ maxLength: 20_000, description: 'how it reached the group, from whom, how it was checked' }),
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SourceText = Type.Object({ id: Type.String(), text: Type.String() });

export const Transcription = Type.Object(
  {
    text: Type.String({ description: 'the text read off the scan or photo, or said in the recording, as plain text' }),
  },
  { additionalProperties: false },
);

export const IngestResults = Type.Object({
  results: Type.Array(
    Type.Object({
      file: Type.String(),
      status: Type.Union([Type.Literal('ingested'), Type.Literal('duplicate'), Type.Literal('failed')]),
      sourceId: nullable(Type.String()),
      error: nullable(Type.String()),
      nearDuplicateOf: Type.Optional(nullable(Type.String())),
      withheld: Type.Optional(
        Type.Literal(true, {
          description: 'a duplicate of a source the uploader may not read: its id (sourceId) is withheld',
        }),
      ),
      captureKept: Type.Optional(
        Type.Boolean({
          description:
            'a duplicate from somewhere new (another letter or archive, a file name, details given): kept with its ' +
            'source, listed in its captures',
        }),
      ),
      warnings: Type.Optional(
        Type.Array(Type.String(), { description: 'what could not be read, or is to be minded (a GPS place)' }),
      ),
    }),
  ),
});

/** An upload in which no file could be stored (422): the error, and each file's reason as in a 200's results. */
export const FailedUpload = Type.Object({
  error: ErrorBody.properties.error,
  results: IngestResults.properties.results,
});
