import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type DragEvent, type FormEvent, useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, uploadFiles } from '../api/client.js';
import { invalidateRecord } from '../api/record-queries.js';
import { CONFIDENTIALITY, type IngestResult } from '../api/types.js';
import { isAfterToday, isCalendarDate } from '../dates.js';
import { webUrl } from '../../../src/shared/web-url.js';
import { partSetKey } from '../../../src/sources/volumes.js';
import { useFormat } from '../format.js';
import { type DroppedEntry, droppedFiles } from './dropped-files.js';
import { errorText } from './states.js';

type UploadPhase = 'waiting' | 'uploading' | 'reading' | 'done' | 'error';

interface Upload {
  key: number;
  name: string;
  /** Files sent together: one, or the parts of a split archive. */
  files: number;
  size: number;
  phase: UploadPhase;
  progress: number;
  /** One per file, or per archive entry / e-mail attachment: the API reports each. */
  results: IngestResult[];
  error: string | null;
}

const METADATA = ['title', 'url', 'publisher', 'publishedAt'] as const;
type Metadata = Record<(typeof METADATA)[number], string>;
const EMPTY_METADATA: Metadata = { title: '', url: '', publisher: '', publishedAt: '' };
type MetadataProblem = 'badPublishedAt' | 'futurePublishedAt' | 'badUrl';

/**
 * What in the metadata the server would refuse — and with it every file of the upload — checked before anything is
 * sent, as the API checks it (src/server/routes/sources/sources.ts): "Published on" a year, month or day that exists
 * and is not in the future, the address an http or https URL (the server's own `webUrl`).
 * `metadataProblems({ …, publishedAt: '14.03.2025' })` → `{ publishedAt: 'badPublishedAt' }`.
 */
export function metadataProblems(
  metadata: Metadata,
  now: Date = new Date(),
): Partial<Record<keyof Metadata, MetadataProblem>> {
  const problems: Partial<Record<keyof Metadata, MetadataProblem>> = {};
  const publishedAt = metadata.publishedAt.trim();
  if (publishedAt !== '' && !isCalendarDate(publishedAt)) problems.publishedAt = 'badPublishedAt';
  else if (publishedAt !== '' && isAfterToday(publishedAt, now)) problems.publishedAt = 'futurePublishedAt';
  const url = metadata.url.trim();
  if (url !== '' && webUrl(url) === null) problems.url = 'badUrl';
  return problems;
}


/**
 * The files in the requests that send them: one a request, but the parts of an archive split into parts
 * (`дело.part1.rar`, `дело.part2.rar`; `дело.7z.001`, `дело.7z.002`), which the server reads as one archive only
 * when they come in one request — in order of their names, in the place of the first.
 */
export function uploadBatches(files: File[]): File[][] {
  const batches: File[][] = [];
  const sets = new Map<string, File[]>();
  for (const file of files) {
    const key = partSetKey(file.name);
    const set = key === null ? undefined : sets.get(key);
    if (set) set.push(file);
    else {
      const batch = [file];
      if (key !== null) sets.set(key, batch);
      batches.push(batch);
    }
  }
  return batches.map((batch) => batch.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })));
}

let nextKey = 1;

/** Add reports by drag-and-drop, the file picker, or pasted text; each file shows its progress and its outcome. */
export function UploadPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [pasted, setPasted] = useState('');
  const [pasteName, setPasteName] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);
  const [metadata, setMetadata] = useState<Metadata>(EMPTY_METADATA);
  /**
   * Who may read what is sent, said before it is sent: a family's testimony stored internal would be read by every
   * viewer, and what is extracted from it proposed to them all, until someone restricted it afterwards.
   */
  const [confidentiality, setConfidentiality] = useState<string>('internal');
  /** Set when files were held back because the metadata would be refused: the fields say why. */
  const [checked, setChecked] = useState(false);
  const metadataRef = useRef<HTMLDetailsElement>(null);
  const problems = metadataProblems(metadata);
  const hasProblems = Object.keys(problems).length > 0;
  const queue = useRef(Promise.resolve());
  const ids = { paste: useId(), pasteName: useId(), drop: useId(), meta: useId(), level: useId(), levelHint: useId() };

  const update = useCallback((key: number, change: Partial<Upload>) => {
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }, []);

  const enqueue = useCallback(
    (files: File[]) => {
      if (files.length === 0) return false;
      if (Object.keys(metadataProblems(metadata)).length > 0) {
        // Nothing is sent: the server would refuse every file for it. The fields say what to change, in the UI's
        // language; the files are chosen again once it is right.
        setChecked(true);
        if (metadataRef.current) metadataRef.current.open = true;
        metadataRef.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
        return false;
      }
      setChecked(false);
      const fields = { ...metadata, confidentiality };
      const added = uploadBatches(files).map((batch) => ({
        batch,
        upload: {
          key: nextKey++,
          name: batch[0]!.name,
          files: batch.length,
          size: batch.reduce((sum, file) => sum + file.size, 0),
          phase: 'waiting' as UploadPhase,
          progress: 0,
          results: [],
          error: null,
        },
      }));
      setUploads((list) => [...added.map((a) => a.upload), ...list]);
      // One file at a time: the server reads each as it arrives, and a laptop shares its cores with everything else.
      for (const { batch, upload } of added) {
        queue.current = queue.current.then(async () => {
          update(upload.key, { phase: 'uploading' });
          try {
            const body = await uploadFiles<{ results: IngestResult[] }>(batch, fields, (fraction) => {
              update(upload.key, { progress: fraction, phase: fraction >= 1 ? 'reading' : 'uploading' });
            });
            update(upload.key, { phase: 'done', progress: 1, results: body.results });
          } catch (error) {
            // Nothing could be stored (422): each file's reason is in the results, said as for any failed file.
            const body = error instanceof ApiError ? (error.body as { results?: IngestResult[] } | null) : null;
            const results = body?.results;
            if (Array.isArray(results)) update(upload.key, { phase: 'done', progress: 1, results });
            else update(upload.key, { phase: 'error', error: errorText(error, t) });
          }
          // A new source brings proposals to review, jobs, search hits and counts.
          await invalidateRecord(queryClient);
        });
      }
      return true;
    },
    [metadata, confidentiality, queryClient, t, update],
  );

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    // The entries now, while the drop lasts: a folder's files are gathered from them after.
    const entries = Array.from(event.dataTransfer.items ?? []).map(
      (item) => (item.webkitGetAsEntry?.() ?? null) as DroppedEntry | null,
    );
    const loose = Array.from(event.dataTransfer.files);
    void droppedFiles(entries, loose).then(enqueue, () => enqueue(loose));
  };
  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    enqueue(Array.from(event.target.files ?? []));
    event.target.value = '';
  };
  const onPaste = (event: FormEvent) => {
    event.preventDefault();
    if (pasted.trim() === '') {
      setPasteError(t('upload.pasteEmpty'));
      return;
    }
    setPasteError(null);
    const base = (pasteName.trim() || metadata.title.trim() || 'pasted-text').replace(/[\\/]/g, '_');
    const name = /\.(txt|md|html?|eml)$/i.test(base) ? base : `${base}.txt`;
    // The text stays in the box when the metadata must be corrected first.
    if (!enqueue([new File([pasted], name, { type: 'text/plain;charset=utf-8' })])) return;
    setPasted('');
    setPasteName('');
  };

  return (
    <section className="panel upload" aria-labelledby="upload-title">
      <h2 id="upload-title">{t('upload.title')}</h2>
      <div className="upload__grid">
        <div
          id={ids.drop}
          className={dragging ? 'dropzone is-dragging' : 'dropzone'}
          onDragEnter={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
          }}
          onDragLeave={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={onDrop}
        >
          <p className="dropzone__title">{t('upload.dropHere')}</p>
          <p className="dropzone__or">{t('upload.or')}</p>
          <button type="button" className="button" onClick={() => inputRef.current?.click()}>
            {t('upload.choose')}
          </button>
          <input ref={inputRef} className="visually-hidden" type="file" multiple tabIndex={-1} aria-label={t('upload.choose')} data-testid="file-input" onChange={onPick} />
          <p className="hint">{t('upload.dropHint')}</p>
        </div>
        <form className="paste" onSubmit={onPaste} aria-labelledby="paste-title">
          <h3 id="paste-title">{t('upload.pasteTitle')}</h3>
          <label htmlFor={ids.paste}>{t('upload.pasteLabel')}</label>
          <textarea
            id={ids.paste}
            value={pasted}
            rows={5}
            placeholder={t('upload.pastePlaceholder')}
            aria-invalid={pasteError ? true : undefined}
            aria-describedby={pasteError ? `${ids.paste}-error` : undefined}
            onChange={(e) => setPasted(e.target.value)}
          />
          {pasteError ? (
            <p id={`${ids.paste}-error`} className="field-error">
              {pasteError}
            </p>
          ) : null}
          <div className="paste__row">
            <div className="field">
              <label htmlFor={ids.pasteName}>{t('upload.pasteName')}</label>
              <input id={ids.pasteName} type="text" value={pasteName} placeholder="pasted-text.txt" onChange={(e) => setPasteName(e.target.value)} />
            </div>
            <button type="submit" className="button">
              {t('upload.pasteAdd')}
            </button>
          </div>
        </form>
      </div>
      <div className="field upload__confidentiality">
        <label htmlFor={ids.level}>{t('upload.confidentiality')}</label>
        <select id={ids.level} value={confidentiality} aria-describedby={ids.levelHint} onChange={(e) => setConfidentiality(e.target.value)}>
          {CONFIDENTIALITY.map((level) => (
            <option key={level} value={level}>
              {t(`source.confidentialityValues.${level}`)}
            </option>
          ))}
        </select>
        <p className="hint" id={ids.levelHint}>
          {t('upload.confidentialityHint')}
        </p>
      </div>
      {checked && hasProblems ? (
        <p className="notice notice--error" role="alert">
          {t('upload.metadataRefused')}
        </p>
      ) : null}
      <details className="upload__metadata" ref={metadataRef}>
        <summary>{t('upload.metadataTitle')}</summary>
        <div className="fields">
          {METADATA.map((name) => {
            const key = name === 'title' ? 'metaTitle' : name === 'url' ? 'metaUrl' : name === 'publisher' ? 'metaPublisher' : 'metaPublishedAt';
            const id = `${ids.meta}-${name}`;
            const problem = checked ? problems[name] : undefined;
            const described = [name === 'publishedAt' ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ');
            return (
              <div className="field" key={name}>
                <label htmlFor={id}>{t(`upload.${key}`)}</label>
                <input
                  id={id}
                  type={name === 'url' ? 'url' : 'text'}
                  inputMode={name === 'publishedAt' ? 'numeric' : undefined}
                  pattern={name === 'publishedAt' ? '\\d{4}(-\\d{2}(-\\d{2})?)?' : undefined}
                  placeholder={name === 'publishedAt' ? '2024-03-15' : undefined}
                  aria-describedby={described || undefined}
                  aria-invalid={problem ? true : undefined}
                  value={metadata[name]}
                  onChange={(e) => setMetadata((m) => ({ ...m, [name]: e.target.value }))}
                />
                {name === 'publishedAt' ? (
                  <p id={`${id}-hint`} className="hint">
                    {t('upload.metaPublishedAtHint')}
                  </p>
                ) : null}
                {problem ? (
                  <p id={`${id}-error`} className="field-error">
                    {t(`upload.${problem}`, { value: metadata[name].trim() })}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      </details>
      {uploads.length > 0 ? (
        <div className="uploads">
          <div className="uploads__head">
            <h3>{t('upload.progressTitle')}</h3>
            <button type="button" className="button button--secondary button--small" onClick={() => setUploads((list) => list.filter((u) => u.phase !== 'done' && u.phase !== 'error'))}>
              {t('upload.clearFinished')}
            </button>
          </div>
          <ul className="uploads__list" aria-live="polite">
            {uploads.map((upload) => (
              <li key={upload.key} className={`upload-item upload-item--${upload.phase === 'error' ? 'failed' : upload.phase}`}>
                <div className="upload-item__head">
                  <span className="upload-item__name">
                    {upload.name}
                    {upload.files > 1 ? <span className="muted"> {t('upload.moreParts', { count: upload.files - 1 })}</span> : null}
                  </span>
                  <span className="upload-item__size">{format.bytes(upload.size)}</span>
                </div>
                {upload.phase === 'waiting' || upload.phase === 'uploading' || upload.phase === 'reading' ? (
                  <div className="upload-item__progress">
                    <progress max={1} value={upload.phase === 'reading' ? undefined : upload.progress} aria-label={t('upload.progressLabel', { name: upload.name })} />
                    <span>
                      {upload.phase === 'waiting'
                        ? t('upload.status.waiting')
                        : upload.phase === 'reading'
                          ? t('upload.status.reading')
                          : t('upload.status.uploading', { percent: format.percent(upload.progress) })}
                    </span>
                  </div>
                ) : null}
                {upload.phase === 'error' ? (
                  <p className="upload-result upload-result--failed" role="alert">
                    <strong>{t('upload.status.failed')}.</strong> {t('upload.reason', { reason: upload.error })}
                  </p>
                ) : null}
                {upload.results.length > 0 ? (
                  <ul className="upload-results">
                    {upload.results.map((result, index) => (
                      <ResultLine key={`${result.file}-${index}`} result={result} showFile={upload.results.length > 1 || result.file !== upload.name} />
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function ResultLine({ result, showFile }: { result: IngestResult; showFile: boolean }) {
  const { t } = useTranslation();
  const near = result.status === 'ingested' && result.nearDuplicateOf;
  return (
    <li className={`upload-result upload-result--${result.status}`} data-status={result.status}>
      {showFile ? <span className="upload-result__file">{result.file}</span> : null}
      <strong>
        {near
          ? t('upload.status.nearDuplicate')
          : result.captureKept
            ? t('upload.status.captureKept')
            : t(`upload.status.${result.status}`)}
      </strong>
      {result.status === 'failed' && result.error ? <span> — {t('upload.reason', { reason: result.error })}</span> : null}
      {result.withheld ? <span> — {t('upload.withheld')}</span> : null}
      {result.sourceId ? (
        <Link className="upload-result__link" to={`/sources/${encodeURIComponent(result.sourceId)}`}>
          {result.status === 'duplicate' ? t('upload.openExisting') : t('upload.open')}
        </Link>
      ) : null}
      {near ? (
        <Link className="upload-result__link" to={`/sources/${encodeURIComponent(String(result.nearDuplicateOf))}`}>
          {t('upload.openNear')}
        </Link>
      ) : null}
      {result.warnings?.length ? (
        <ul className="upload-result__warnings" aria-label={t('upload.warnings')}>
          {result.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
