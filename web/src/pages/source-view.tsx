import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client.js';
import { fetchMentions } from '../api/mentions.js';
import { invalidateRecord } from '../api/record-queries.js';
import {
  type Mention,
  type Proposal,
  RELIABILITY,
  type SourceCapture,
  type SourceDetail,
  type SourceSummary,
  type SourceText,
} from '../api/types.js';
import { type Highlight, HighlightedText } from '../components/highlighted-text.js';
import { AccessFields, type NamedGroup, pickedGroups } from '../components/access-panel.js';
import { ActionButton } from '../components/action-button.js';
import { Pager } from '../components/pager.js';
import { ActionError, ActionNotice, EmptyState, ErrorState, Loading } from '../components/states.js';
import { useFocusLater } from '../focus-later.js';
import { htmlLang, useFormat, useLanguageName, useMediaTypeName } from '../format.js';
import { isArchive, isRecording, shownConverted } from '../media-types.js';
import { readSourceSpan, type SourceSpan } from '../source-span.js';
import { PdfPages } from './pdf-pages.js';
import { ReviewQueue } from './review.js';
import { sourceName } from './sources.js';

const KINDS = ['person', 'organization', 'place', 'date', 'case', 'article', 'event'] as const;
const knownKind = (kind: string) => ((KINDS as readonly string[]).includes(kind) ? kind : 'other');

/**
 * One source: what it is, its text (with what extraction found, when the record API offers it), the review of what
 * was proposed from it, beside the words, and its relatives.
 */
export function SourceViewPage({
  canDecide = false,
  canLink = false,
  canEdit = false,
}: {
  canDecide?: boolean;
  canLink?: boolean;
  canEdit?: boolean;
}) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: ['sources', 'detail', id],
    queryFn: ({ signal }) => api<SourceDetail>(`/api/v1/sources/${encodeURIComponent(id)}`, { signal }),
    // While OCR reads the scan, the page asks again now and then, and shows the text when it is read.
    refetchInterval: (query) => (query.state.data?.ocrPending ? 3000 : false),
  });
  return (
    <div className="page">
      <p>
        <Link to="/sources" className="back-link">
          ← {t('source.back')}
        </Link>
      </p>
      {detail.isPending ? <Loading /> : null}
      {detail.isError ? <ErrorState error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.data ? <SourceBody source={detail.data} canDecide={canDecide} canLink={canLink} canEdit={canEdit} /> : null}
    </div>
  );
}

function SourceBody({
  source,
  canDecide,
  canLink,
  canEdit,
}: {
  source: SourceDetail;
  canDecide: boolean;
  canLink: boolean;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState<Proposal | null>(null);
  const format = useFormat();
  const languageName = useLanguageName();
  const mediaTypeName = useMediaTypeName();
  const title = sourceName(source, t('sources.untitled'));
  const recording = isRecording(source.mediaType);
  const archive = isArchive(source.mediaType);
  const volume = splitArchivePart(source.metadata);
  const queryClient = useQueryClient();
  const wasPending = useRef(source.ocrPending);
  useEffect(() => {
    // OCR has just ended: its text and what was found in it are new.
    if (wasPending.current && !source.ocrPending) {
      void queryClient.invalidateQueries({ queryKey: ['sources', 'text', source.id] });
      void queryClient.invalidateQueries({ queryKey: ['sources', 'mentions', source.id] });
    }
    wasPending.current = source.ocrPending;
  }, [source.ocrPending, source.id, queryClient]);
  // A text read off the scan, by a person or an OCR program, or one still to read: the page is shown beside the form.
  const readOffThePage = source.needsOcr || source.transcribed || source.readByOcr !== null;
  const groups = useSourceGroups(source.id);
  const confidentiality = ['public', 'internal', 'restricted'].includes(source.confidentiality)
    ? t(`source.confidentialityValues.${source.confidentiality}`)
    : source.confidentiality;
  const rows: Array<[string, ReactNode]> = [
    [t('source.publisher'), source.publisher],
    [t('source.author'), source.author],
    [t('source.published'), source.publishedAt ? format.partialDate(source.publishedAt) : null],
    [t('source.captured'), format.dateTime(source.capturedAt)],
    [t('source.language'), languageName(source.language)],
    [t('source.type'), mediaTypeName(source.mediaType)],
    [t('source.size'), format.bytes(source.byteSize)],
    [t('source.fileName'), source.fileName],
    [t('source.confidentiality'), confidentiality],
    [t('source.reliability'), source.reliability ? t(`source.reliabilityValues.${source.reliability}`) : null],
    [t('source.details.groups'), groups.data && groups.data.length > 0 ? groups.data.map((g) => g.name).join(', ') : null],
    ...mediaRows(source.metadata, t, format),
    [
      t('source.volume'),
      volume === null
        ? null
        : volume.parts === null
          ? t('source.waitingVolumeValue', { part: format.number(volume.part), archive: volume.archive })
          : t('source.volumeValue', { part: format.number(volume.part), parts: format.number(volume.parts), archive: volume.archive }),
    ],
    [
      t('source.url'),
      source.url && /^https?:\/\//i.test(source.url) ? (
        <a href={source.url} rel="noopener noreferrer nofollow" target="_blank">
          {source.url}
        </a>
      ) : (
        source.url
      ),
    ],
    [t('source.parent'), source.parentId ? <Link to={`/sources/${encodeURIComponent(source.parentId)}`}>{source.parentId}</Link> : null],
    [
      t(source.similarWording ? 'source.similarWordingOf' : 'source.nearDuplicateOf'),
      source.nearDuplicateOf ? (
        <Link to={`/sources/${encodeURIComponent(source.nearDuplicateOf)}`}>{relatedName(source, source.nearDuplicateOf, t('sources.untitled'))}</Link>
      ) : null,
    ],
    [t('source.sha256'), <code key="sha">{source.sha256}</code>],
  ];
  return (
    <>
      <div className="page__head">
        <h1 className="source-title" data-title={t('titles.source')}>
          {title}
        </h1>
      </div>
      <div className="source-layout">
        <div className="source-layout__main">
          {volume ? <VolumeNotice volume={volume} /> : archive ? <p className="notice">{t('source.archiveNotice')}</p> : null}
          {source.similarWording ? <SimilarWordingNotice source={source} similar={source.similarWording} canEdit={canEdit} /> : null}
          {source.needsOcr && !source.ocrPending ? <p className="notice notice--warn">{t(recording ? 'source.needsOcrRecording' : 'source.needsOcr')}</p> : null}
          {source.ocrPending ? (
            <p className="notice" role="status">
              {t('source.ocrPending')}
            </p>
          ) : null}
          {source.transcribed ? <p className="notice">{t(recording ? 'source.transcribedNoticeRecording' : 'source.transcribedNotice')}</p> : null}
          {source.readByOcr ? <p className="notice notice--warn">{t('source.ocrNotice', { engine: source.readByOcr })}</p> : null}
          {source.browserView === 'pdf' ? (
            // A PDF's pages are for reading a scan beside its transcription; a PDF with text shows that text.
            readOffThePage ? <PdfPages id={source.id} title={title} /> : null
          ) : (
            <SourceMedia
              id={source.id}
              title={title}
              view={source.browserView}
              pages={pageCountOf(source.metadata)}
              convertedFrom={shownConverted(source.mediaType)}
            />
          )}
          {archive ? null : (
            <SourceTextPanel id={source.id} language={source.language} currentProposal={current?.id ?? null} />
          )}
          <KeptNotRead entries={entriesNotRead(source.metadata)} />
          {canEdit && readOffThePage ? (
            <TranscriptionForm id={source.id} language={source.language} recording={recording} />
          ) : null}
        </div>
        <aside className="source-layout__side">
          <section className="panel" aria-labelledby="meta-title">
            <h2 id="meta-title">{t('source.metadata')}</h2>
            <dl className="meta">
              {rows
                .filter(([, value]) => value !== null && value !== undefined && value !== '')
                .map(([label, value]) => (
                  <div className="meta__row" key={label}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
            </dl>
            {source.notes ? (
              <div className="source-notes" data-testid="source-notes">
                <h3>{t('source.details.notes')}</h3>
                <p>{source.notes}</p>
              </div>
            ) : null}
            {canEdit ? <DetailsForm source={source} /> : null}
            <a className="button button--block" href={`/api/v1/sources/${encodeURIComponent(source.id)}/original`} download>
              {t('source.download')}
            </a>
            <p className="hint">{t('source.downloadHint')}</p>
          </section>
          <RelatedList
            title={t('source.children')}
            empty={t('source.childrenEmpty')}
            items={source.children}
            storedBefore={source.childrenStoredBefore}
          />
          <Captures captures={source.captures} total={source.capturesTotal} />
          <RelatedList title={t('source.nearDuplicates')} hint={t('source.nearDuplicatesHint')} empty={t('source.nearDuplicatesEmpty')} items={source.nearDuplicates} />
        </aside>
      </div>
      <section className="source-review" aria-labelledby="source-review-title">
        <h2 id="source-review-title">{t('source.review.title')}</h2>
        <p className="hint" id="source-review-keys">
          {t('source.review.hint')} {t('review.keys')}
        </p>
        <ReviewQueue canDecide={canDecide} canLink={canLink} sourceId={source.id} describedBy="source-review-keys" onCurrent={setCurrent} />
      </section>
    </>
  );
}

/** What a photo, scan or recording says of itself: when and with what it was taken, where, its size, pages, length. */
function mediaRows(
  metadata: Record<string, unknown>,
  t: (key: string) => string,
  format: ReturnType<typeof useFormat>,
): Array<[string, ReactNode]> {
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
  const { width, height, pageCount, camera, takenAt, location, durationSeconds } = metadata;
  const place = location && typeof location === 'object' ? (location as Record<string, unknown>) : {};
  const latitude = number(place.latitude);
  const longitude = number(place.longitude);
  return [
    [t('source.takenAt'), cameraTime(text(takenAt), format)],
    [t('source.camera'), text(camera)],
    [t('source.location'), latitude !== null && longitude !== null ? `${latitude}, ${longitude}` : null],
    [t('source.dimensions'), number(width) && number(height) ? `${width} × ${height} px` : null],
    [t('source.pages'), number(pageCount) ? format.number(pageCount as number) : null],
    [t('source.duration'), number(durationSeconds) !== null ? clockLength(durationSeconds as number) : null],
  ];
}

/**
 * A camera's clock as EXIF writes it, in the UI's words:
 * '2026:11:03 14:05:09+03:00' → '3 Nov 2026, 14:05:09 UTC+03:00'.
 * The time stays the camera's own; without an offset its zone is unknown, and none is named.
 */
function cameraTime(value: string | null, format: ReturnType<typeof useFormat>): string | null {
  const m = value ? /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}:\d{2}:\d{2})([+-]\d{2}:\d{2})?$/.exec(value) : null;
  if (!m) return value;
  return `${format.partialDate(`${m[1]}-${m[2]}-${m[3]}`)}, ${m[4]}${m[5] ? ` UTC${m[5]}` : ''}`;
}

/** `83.4` → '1:23'; `3725` → '1:02:05'. */
function clockLength(seconds: number): string {
  const whole = Math.round(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** How many pages a source's picture has, as its reader counted them (`pageCount`, a TIFF's), else 1. */
function pageCountOf(metadata: Record<string, unknown>): number {
  const count = metadata.pageCount;
  return typeof count === 'number' && Number.isInteger(count) && count > 1 ? count : 1;
}

/**
 * The photo, scan or recording itself, shown or played for reading or listening beside its text, when the server
 * says a browser can (`browserView`).
 */
function SourceMedia({
  id,
  title,
  view,
  pages,
  convertedFrom,
}: {
  id: string;
  title: string;
  view: SourceDetail['browserView'];
  /** A TIFF scan's pages, each shown alone; 1 for any other picture. */
  pages: number;
  /** The format a browser does not show, which the server sends a picture made from ('HEIC'), or null. */
  convertedFrom: string | null;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const heading = useId();
  const media = `/api/v1/sources/${encodeURIComponent(id)}/media`;
  if (view === 'image') {
    const src = page > 1 ? `${media}?page=${page}` : media;
    return (
      <figure className="panel source-image" aria-labelledby={heading}>
        <h2 id={heading}>{t('source.image')}</h2>
        <Pager offset={page - 1} limit={1} total={pages} onChange={(offset) => setPage(offset + 1)} />
        <a href={src} target="_blank" rel="noopener noreferrer">
          <img src={src} alt={t('source.imageAlt', { title })} loading="lazy" />
        </a>
        <figcaption className="hint">
          {convertedFrom ? t('source.imageHintConverted', { format: convertedFrom }) : t('source.imageHint')}
        </figcaption>
      </figure>
    );
  }
  const src = media;
  if (view === null || view === 'pdf') return null;
  return (
    <figure className="panel source-recording">
      <h2 id={`recording-${id}`}>{t('source.recording')}</h2>
      {view === 'audio' ? (
        <audio controls preload="metadata" src={src} aria-labelledby={`recording-${id}`} />
      ) : (
        <video controls preload="metadata" src={src} aria-labelledby={`recording-${id}`} />
      )}
      <figcaption className="hint">{t('source.recordingHint')}</figcaption>
    </figure>
  );
}

/**
 * An editor types what the page says, or pastes what an OCR program read; saved, it is the text every highlight
 * points into, and is extracted. Until then the form holds what was typed, so nothing is lost to a failed save.
 */
function TranscriptionForm({ id, language, recording }: { id: string; language: string | null; recording: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const field = useId();
  const current = useQuery({
    queryKey: ['sources', 'text', id],
    queryFn: ({ signal }) => api<SourceText>(`/api/v1/sources/${encodeURIComponent(id)}/text`, { signal }),
  });
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (text: string) =>
      api<SourceDetail>(`/api/v1/sources/${encodeURIComponent(id)}/transcription`, { method: 'PUT', body: { text } }),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['sources', 'text', id] });
      await invalidateRecord(queryClient);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    save.mutate(String(new FormData(event.currentTarget).get('text') ?? ''));
  };
  if (current.isPending) return null;
  return (
    <section className="panel" aria-labelledby={`${field}-title`}>
      <h2 id={`${field}-title`}>{t('source.transcription.title')}</h2>
      <p className="hint" id={`${field}-hint`}>
        {t('source.transcription.hint')}
      </p>
      <form onSubmit={onSubmit} className="transcription">
        <div className="field">
          <label htmlFor={field}>{t(recording ? 'source.transcription.labelRecording' : 'source.transcription.label')}</label>
          <textarea
            id={field}
            name="text"
            rows={14}
            required
            lang={htmlLang(language)}
            aria-describedby={`${field}-hint`}
            defaultValue={current.data?.text ?? ''}
            onChange={() => setSaved(false)}
          />
        </div>
        <p>
          <ActionButton type="submit" className="button" busy={save.isPending}>
            {t('source.transcription.save')}
          </ActionButton>
        </p>
        {saved ? (
          <p className="notice" role="status">
            {t('source.transcription.saved')}
          </p>
        ) : null}
        <ActionError error={save.error} />
      </form>
    </section>
  );
}

/**
 * A report linked as a near-duplicate of another because most of their wording is the same (republished with another
 * header, a line changed): how much, and for an editor the way to say it is a report of its own.
 */
function SimilarWordingNotice({
  source,
  similar,
  canEdit,
}: {
  source: SourceDetail;
  similar: NonNullable<SourceDetail['similarWording']>;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const id = source.id;
  const format = useFormat();
  const queryClient = useQueryClient();
  const unlink = useMutation({
    mutationFn: () => api<SourceDetail>(`/api/v1/sources/${encodeURIComponent(id)}/near-duplicate`, { method: 'DELETE' }),
    onSuccess: async (source) => {
      queryClient.setQueryData(['sources', 'detail', id], source);
      await queryClient.invalidateQueries({ queryKey: ['sources'] });
      await invalidateRecord(queryClient);
    },
  });
  return (
    <div className="notice" data-testid="similar-wording">
      <p>
        {t('source.similarWording.before')}{' '}
        <Link to={`/sources/${encodeURIComponent(similar.similarTo)}`}>{relatedName(source, similar.similarTo, t('sources.untitled'))}</Link>
        {t('source.similarWording.after', { share: format.percent(similar.similarity) })}
      </p>
      {canEdit ? (
        <p>
          <ActionButton className="button button--secondary" busy={unlink.isPending} onClick={() => unlink.mutate()}>
            {t('source.similarWording.unlink')}
          </ActionButton>
        </p>
      ) : null}
      <ActionError error={unlink.error} />
    </div>
  );
}

/**
 * An editor's correction of what the file said of itself (title, publisher, author, address, date), and their
 * judgement of it: its reliability, and who may read it. The original and its text stay as they are.
 */
function DetailsForm({ source }: { source: SourceDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const titleField = useRef<HTMLInputElement>(null);
  const focusLater = useFocusLater();
  // Opened, the keyboard goes to its first field; closed (saved, cancelled, Escape), back to the button that opens it:
  // the form goes with the control that had the keyboard, which would drop it to <body>.
  const openForm = () => {
    setOpen(true);
    setSaved(false);
    focusLater(() => titleField.current);
  };
  const closeForm = () => {
    setOpen(false);
    focusLater(() => editButton.current);
  };
  const ids = {
    title: useId(),
    publisher: useId(),
    author: useId(),
    url: useId(),
    publishedAt: useId(),
    reliability: useId(),
    notes: useId(),
    notesHint: useId(),
  };
  const allGroups = useQuery({
    queryKey: ['groups'],
    queryFn: ({ signal }) => api<{ items: NamedGroup[] }>('/api/v1/groups', { signal }),
    enabled: open,
  });
  const given = useSourceGroups(source.id);
  const save = useMutation({
    mutationFn: async ({ changes, groups }: { changes: Record<string, string | null>; groups: string[] | null }) => {
      // The groups first: made restricted, the source may leave the reach of an editor outside its groups.
      if (groups)
        await api(`/api/v1/sources/${encodeURIComponent(source.id)}/groups`, { method: 'PUT', body: { groups } });
      return Object.keys(changes).length > 0
        ? api<SourceDetail>(`/api/v1/sources/${encodeURIComponent(source.id)}`, { method: 'PATCH', body: changes })
        : null;
    },
    onSuccess: async (changed) => {
      if (changed) queryClient.setQueryData(['sources', 'detail', source.id], changed);
      closeForm();
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['sources'] });
      await queryClient.invalidateQueries({ queryKey: ['groups'] });
      await invalidateRecord(queryClient);
    },
  });
  // Said politely in a region that stays while the form opens and closes, so a screen reader hears it.
  const notice = <ActionNotice message={saved ? { text: t('source.details.saved'), error: false } : null} />;
  if (!open)
    return (
      <>
        <p>
          <button ref={editButton} type="button" className="button button--secondary button--block" onClick={openForm}>
            {t('source.details.edit')}
          </button>
        </p>
        {notice}
      </>
    );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = String(form.get(name) ?? '').trim();
      return value === '' ? null : value;
    };
    // Only what was changed is sent: a date stored with its time (a page's tag) is shown as its day, and saving the
    // form for another field must not cut it to the day.
    const shown = shownDetails(source);
    const changes = Object.fromEntries(
      (Object.keys(shown) as Array<keyof typeof shown>)
        .map((name) => [name, text(name)] as const)
        .filter(([name, value]) => value !== shown[name] && !(name === 'confidentiality' && value === null)),
    );
    const groups = pickedGroups(form, given.data ?? [], allGroups.data?.items ?? null);
    if (Object.keys(changes).length === 0 && groups === null) closeForm();
    else save.mutate({ changes, groups });
  };
  const field = (name: 'title' | 'publisher' | 'author' | 'url' | 'publishedAt', value: string | null, type = 'text') => (
    <div className="field">
      <label htmlFor={ids[name]}>{t(`source.details.${name}`)}</label>
      <input
        id={ids[name]}
        ref={name === 'title' ? titleField : undefined}
        name={name}
        type={type}
        defaultValue={value ?? ''}
        maxLength={2000}
      />
    </div>
  );
  return (
    <>
      <form
        className="source-details"
        data-testid="source-details"
        onSubmit={onSubmit}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            closeForm();
          }
        }}
      >
        {field('title', source.title)}
        {field('publisher', source.publisher)}
        {field('author', source.author)}
        {field('url', source.url, 'url')}
        {field('publishedAt', shownDetails(source).publishedAt)}
        <div className="field">
          <label htmlFor={ids.reliability}>{t('source.reliability')}</label>
          <select id={ids.reliability} name="reliability" defaultValue={source.reliability ?? ''}>
            <option value="">{t('source.details.notJudged')}</option>
            {RELIABILITY.map((grade) => (
              <option key={grade} value={grade}>
                {t(`source.reliabilityValues.${grade}`)}
              </option>
            ))}
          </select>
        </div>
        <AccessFields confidentiality={source.confidentiality} groups={allGroups.data?.items ?? null} given={given.data ?? []} />
        <div className="field">
          <label htmlFor={ids.notes}>{t('source.details.notes')}</label>
          <textarea id={ids.notes} name="notes" defaultValue={source.notes ?? ''} maxLength={20000} aria-describedby={ids.notesHint} />
          <p className="hint" id={ids.notesHint}>
            {t('source.details.notesHint')}
          </p>
        </div>
        <p>
          <ActionButton type="submit" className="button button--small" busy={save.isPending}>
            {t('source.details.save')}
          </ActionButton>{' '}
          <button type="button" className="button button--secondary button--small" onClick={closeForm}>
            {t('review.cancel')}
          </button>
        </p>
        <ActionError error={save.error} />
      </form>
      {notice}
    </>
  );
}

/** The access groups that may read this source when it is restricted. */
function useSourceGroups(id: string) {
  return useQuery({
    queryKey: ['sources', 'groups', id],
    queryFn: ({ signal }) =>
      api<{ groups: NamedGroup[] }>(`/api/v1/sources/${encodeURIComponent(id)}/groups`, { signal }).then((r) => r.groups),
  });
}

/** A source's details as its form shows them: a date with a time as its day. */
function shownDetails(source: SourceDetail): Record<
  'title' | 'publisher' | 'author' | 'url' | 'publishedAt' | 'reliability' | 'confidentiality' | 'notes',
  string | null
> {
  return {
    title: source.title,
    publisher: source.publisher,
    author: source.author,
    url: source.url,
    publishedAt: source.publishedAt ? source.publishedAt.slice(0, 10) : null,
    reliability: source.reliability,
    confidentiality: source.confidentiality,
    notes: source.notes,
  };
}

/** A near-duplicate's name as its list shows it (its title, else its file's), or its id when not listed here. */
function relatedName(source: SourceDetail, id: string, untitled: string): string {
  const related = source.nearDuplicates.find((other) => other.id === id);
  return related ? sourceName(related, untitled) : id;
}

/** A child's relation to its source, as the list names it: 'archive-entry' → 'archive entry · '. */
function relationLabel(relation: string | null, t: (key: string) => string): string {
  const key = relation === null ? null : (RELATION_KEYS[relation] ?? null);
  return key ? `${t(`source.relation.${key}`)} · ` : '';
}

/** The relations ingestion links children by (src/sources/ingest.ts), and the words the list names them with. */
const RELATION_KEYS: Record<string, string> = {
  attachment: 'attachment',
  'archive-entry': 'entry',
  part: 'part',
  message: 'message',
  'archive-volume': 'volume',
  'joined-volumes': 'joined',
};

/** A part of a split archive, as its metadata says (`volume`: src/sources/ingest.ts, waiting-parts.ts). */
interface SplitArchivePart {
  archive: string;
  part: number;
  /** Null while the part waits for the others. */
  parts: number | null;
  /** Why the parts, all here, did not read as one archive. */
  notRead: string | null;
}

/** Which part of a split archive a source is, or null. */
function splitArchivePart(metadata: Record<string, unknown>): SplitArchivePart | null {
  const { archive, part, parts, waiting, notRead } = (metadata.volume ?? {}) as Record<string, unknown>;
  if (typeof archive !== 'string' || typeof part !== 'number') return null;
  if (typeof parts !== 'number' && waiting !== true) return null;
  return { archive, part, parts: typeof parts === 'number' ? parts : null, notRead: typeof notRead === 'string' ? notRead : null };
}

/** What a part of a split archive is: read with the others, or waiting for them (and why it is not read, if it is not). */
function VolumeNotice({ volume }: { volume: SplitArchivePart }) {
  const { t } = useTranslation();
  if (volume.parts !== null) return <p className="notice">{t(volume.part === 1 ? 'source.firstVolumeNotice' : 'source.volumeNotice')}</p>;
  return (
    <>
      <p className="notice" data-testid="waiting-part">
        {t('source.waitingVolumeNotice')}
      </p>
      {volume.notRead ? <p className="notice notice--warn">{t('source.volumeNotRead', { reason: volume.notRead })}</p> : null}
    </>
  );
}

/** What a file keeps and Chronicle does not read, from its metadata (`notRead`: src/sources/ingest.ts, parsers/zip.ts). */
function entriesNotRead(metadata: Record<string, unknown>): Array<{ name: string; reason: string }> {
  // Messages stored before 2026-12-06 kept theirs as attachmentsNotRead.
  const kept = metadata.notRead ?? metadata.attachmentsNotRead;
  const list = Array.isArray(kept) ? (kept as unknown[]) : [];
  return list.flatMap((item) => {
    const { name, reason } = (item ?? {}) as Record<string, unknown>;
    return typeof name === 'string' && typeof reason === 'string' ? [{ name, reason }] : [];
  });
}

/** What an archive or a message holds and Chronicle does not read: kept in its original, listed with the reason. */
function KeptNotRead({ entries }: { entries: Array<{ name: string; reason: string }> }) {
  const { t } = useTranslation();
  const headingId = useId();
  if (entries.length === 0) return null;
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="kept-not-read">
      <h2 id={headingId}>{t('source.keptNotRead')}</h2>
      <ul className="related">
        {entries.map((entry) => (
          <li key={entry.name}>
            <code>{entry.name}</code> <span className="muted">{entry.reason}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Related sources, linked. `storedBefore`: what a letter or archive holds that was stored before it, from elsewhere —
 * listed with what it holds, said to be stored before (its own page says where it first came).
 */
function RelatedList({
  title,
  hint,
  empty,
  items,
  storedBefore = [],
}: {
  title: string;
  hint?: string;
  empty: string;
  items: SourceSummary[];
  storedBefore?: SourceSummary[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const listed = [...items.map((item) => ({ item, before: false })), ...storedBefore.map((item) => ({ item, before: true }))];
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {hint ? <p className="hint">{hint}</p> : null}
      {listed.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="related">
          {listed.map(({ item, before }) => (
            <li key={item.id} data-testid={before ? 'stored-before' : undefined}>
              <Link to={`/sources/${encodeURIComponent(item.id)}`}>{sourceName(item, t('sources.untitled'))}</Link>
              <span className="muted">
                {' '}
                {before ? `${t('source.storedBefore')} · ` : relationLabel(item.relation, t)}
                {format.bytes(item.byteSize)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Each later time the source's bytes came in: when, in which letter or archive (or on its own), and what was given. */
function Captures({ captures, total }: { captures: SourceCapture[]; total: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  if (captures.length === 0) return null;
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="captures">
      <h2 id={headingId}>{t('source.captures.title')}</h2>
      <p className="hint">{t('source.captures.hint')}</p>
      <ul className="related">
        {captures.map((capture, index) => {
          const given = [
            capture.title,
            capture.publisher,
            capture.author,
            capture.publishedAt ? format.partialDate(capture.publishedAt) : null,
          ].filter((value): value is string => value !== null && value !== '');
          return (
            // Receipts have no id of their own in the API; their order is fixed (oldest first).
            <li key={index}>
              <time dateTime={capture.capturedAt}>{format.dateTime(capture.capturedAt)}</time>{' '}
              {capture.container ? (
                <>
                  {t('source.captures.in')}{' '}
                  <Link to={`/sources/${encodeURIComponent(capture.container.id)}`}>
                    {sourceName(capture.container, t('sources.untitled'))}
                  </Link>
                </>
              ) : (
                t('source.captures.onItsOwn')
              )}
              {capture.fileName ? (
                <>
                  {' · '}
                  <code>{capture.fileName}</code>
                </>
              ) : null}
              {capture.url ? (
                <>
                  {' · '}
                  {/^https?:\/\//i.test(capture.url) ? (
                    <a href={capture.url} rel="noopener noreferrer nofollow" target="_blank">
                      {capture.url}
                    </a>
                  ) : (
                    capture.url
                  )}
                </>
              ) : null}
              {given.length > 0 ? <span className="muted"> · {given.join(' · ')}</span> : null}
            </li>
          );
        })}
      </ul>
      {total > captures.length ? <p className="muted">{t('source.captures.more', { count: total - captures.length })}</p> : null}
    </section>
  );
}

function SourceTextPanel({ id, language, currentProposal }: { id: string; language: string | null; currentProposal: string | null }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const spanParam = params.get('span');
  const span = useMemo(() => readSourceSpan(spanParam), [spanParam]);
  const text = useQuery({
    queryKey: ['sources', 'text', id],
    queryFn: ({ signal }) => api<SourceText>(`/api/v1/sources/${encodeURIComponent(id)}/text`, { signal }),
  });
  const mentions = useQuery({
    queryKey: ['sources', 'mentions', id],
    queryFn: ({ signal }) => fetchMentions(id, signal),
    retry: false,
  });
  return (
    <section className="panel" aria-labelledby="text-title">
      <h2 id="text-title">{t('source.text')}</h2>
      <p className="hint">{t('source.textHint')}</p>
      <MentionLegend mentions={mentions.data} failed={mentions.isError} sourceId={id} />
      {text.isPending ? <Loading /> : null}
      {text.isError ? <ErrorState error={text.error} onRetry={() => void text.refetch()} /> : null}
      {text.data ? (
        text.data.text.trim() === '' ? (
          <EmptyState title={t('source.emptyText')} />
        ) : (
          <SourceTextBody
            text={text.data.text}
            mentions={mentions.data ?? []}
            language={language}
            currentProposal={currentProposal}
            span={span}
          />
        )
      ) : null}
    </section>
  );
}

/**
 * The text with what was extracted marked by kind; the words of the proposal highlighted in the review below are
 * marked as current, and the text (scrolling on its own once it is long) brings them into view. A `span` from the
 * address (a quote's "open source" link) is marked around the mentions inside it and scrolled to once the text is in.
 */
function SourceTextBody({
  text,
  mentions,
  language,
  currentProposal,
  span,
}: {
  text: string;
  mentions: Mention[];
  language: string | null;
  currentProposal: string | null;
  span: SourceSpan | null;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const quoted = useMemo<Highlight[]>(
    () => (span ? [{ ...span, className: 'evidence-span', title: t('source.quotedSpan') }] : []),
    [span, t],
  );
  useEffect(() => {
    container.current?.querySelector('mark.evidence-span')?.scrollIntoView({ block: 'center' });
  }, [quoted, text]);
  const highlights = useMemo<Highlight[]>(
    () =>
      // The quote first: the sort keeps it outside a mention of the same extent, so it is never the one dropped.
      quoted.concat(
        mentions.map((m) => {
          const kind = knownKind(m.kind);
          const proposed = m.status === 'proposed';
          const isCurrent = currentProposal !== null && m.proposalId === currentProposal;
          const marks = `${proposed ? ' mention--proposed' : ''}${isCurrent ? ' is-current' : ''}`;
          return {
            start: m.start,
            end: m.end,
            className: `mention mention--${kind}${marks}`,
            title: `${t(`source.mentions.kinds.${kind}`)}${proposed ? ` (${t('source.mentions.proposed')})` : ''}`,
          };
        }),
      ),
    [quoted, mentions, t, currentProposal],
  );
  useEffect(() => {
    const box = container.current;
    const mark = box?.querySelector<HTMLElement>('mark.is-current');
    if (!box || !mark || box.scrollHeight <= box.clientHeight) return;
    // Only the text scrolls: the page stays on the review the keys are moving through. The box is positioned, so a
    // mark's offsetTop is measured from it.
    const top = mark.offsetTop;
    if (top < box.scrollTop || top + mark.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }, [currentProposal]);
  return (
    <div className="source-text" lang={htmlLang(language)} data-testid="source-text" ref={container}>
      <HighlightedText text={text} highlights={highlights} />
    </div>
  );
}

function MentionLegend({ mentions, failed, sourceId }: { mentions: Mention[] | null | undefined; failed: boolean; sourceId?: string }) {
  const { t } = useTranslation();
  if (failed || mentions === null) return <p className="notice">{t('source.mentions.unavailable')}</p>;
  if (mentions === undefined) return null;
  if (mentions.length === 0) return <p className="notice">{t('source.mentions.none')}</p>;
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(knownKind(m.kind), (counts.get(knownKind(m.kind)) ?? 0) + 1);
  return (
    <div className="legend">
      <h3 className="legend__title">
        {t('source.mentions.title')} · {t('source.mentions.count', { count: mentions.length })}
      </h3>
      <ul className="legend__list" aria-label={t('source.mentions.legend')}>
        {[...KINDS, 'other'].filter((kind) => counts.has(kind)).map((kind) => (
          <li key={kind}>
            <mark className={`mention mention--${kind}`}>{t(`source.mentions.kinds.${kind}`)}</mark> {counts.get(kind)}
          </li>
        ))}
      </ul>
      {mentions.some((m) => m.status === 'proposed') ? <p className="hint">{t('source.mentions.styleNote')}</p> : null}
      {sourceId && mentions.some((m) => m.status === 'proposed') ? (
        <p>
          <Link to={`/review?sourceId=${encodeURIComponent(sourceId)}`}>{t('source.mentions.review')}</Link>
        </p>
      ) : null}
    </div>
  );
}
