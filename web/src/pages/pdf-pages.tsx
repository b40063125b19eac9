import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiBytes } from '../api/client.js';
import { ErrorState, Loading } from '../components/states.js';

/** Widest a page is drawn, in CSS pixels: a page of A4 read beside the form. */
const MAX_PAGE_WIDTH = 900;

/**
 * A scanned PDF's pages, drawn one at a time by pdf.js into a canvas, to be read beside the transcription form. Not
 * the browser's own PDF viewer: the server sends the file as an attachment under a sandboxing CSP, and pdf.js runs
 * none of a PDF's scripts nor evaluates code (`isEvalSupported: false`). pdf.js loads only when a PDF is shown.
 */
export function PdfPages({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [page, setPage] = useState(1);
  const [drawn, setDrawn] = useState(0);

  useEffect(() => {
    const aborted = new AbortController();
    let loaded: PDFDocumentProxy | null = null;
    setFailure(null);
    (async () => {
      const [pdfjs, worker, bytes] = await Promise.all([
        import('pdfjs-dist'),
        import('pdfjs-dist/build/pdf.worker.min.mjs?url'),
        apiBytes(`/api/v1/sources/${encodeURIComponent(id)}/media`, aborted.signal),
      ]);
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      loaded = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, enableXfa: false })
        .promise;
      if (aborted.signal.aborted) await loaded.destroy();
      else setPdf(loaded);
    })().catch((error: unknown) => {
      if (!aborted.signal.aborted) setFailure(error);
    });
    return () => {
      aborted.abort();
      void loaded?.destroy();
    };
  }, [id, attempt]);

  useEffect(() => {
    if (!pdf || !canvas.current) return;
    const target = canvas.current;
    let task: RenderTask | null = null;
    let cancelled = false;
    (async () => {
      const pdfPage = await pdf.getPage(page);
      if (cancelled) return;
      const natural = pdfPage.getViewport({ scale: 1 });
      const width = Math.min(target.parentElement?.clientWidth || MAX_PAGE_WIDTH, MAX_PAGE_WIDTH);
      // Drawn at the screen's pixel density, shown at the column's width: a scan stays sharp on a laptop's screen.
      const density = window.devicePixelRatio || 1;
      const viewport = pdfPage.getViewport({ scale: (width / natural.width) * density });
      // Shown no wider than the column and no taller than the window (styles.css), in the page's proportions.
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      task = pdfPage.render({ canvas: target, viewport });
      await task.promise;
      if (!cancelled) setDrawn(page);
    })().catch((error: unknown) => {
      if (!cancelled && (error as { name?: string }).name !== 'RenderingCancelledException') setFailure(error);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, page]);

  const pages = pdf?.numPages ?? 0;
  return (
    <figure className="panel source-pdf" aria-labelledby={headingId} data-testid="pdf-pages">
      <h2 id={headingId}>{t('source.pdfPages')}</h2>
      {failure ? <ErrorState error={failure} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {!pdf && !failure ? <Loading /> : null}
      {pdf ? (
        <>
          <nav className="source-pdf__pages" aria-label={t('source.pdfNavigation')}>
            <button type="button" className="button" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
              {t('source.pdfPrevious')}
            </button>
            <span aria-live="polite">{t('source.pdfPage', { page, pages })}</span>
            <button type="button" className="button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
              {t('source.pdfNext')}
            </button>
          </nav>
          <div className="source-pdf__page">
            <canvas
              ref={canvas}
              role="img"
              aria-label={t('source.pdfPageAlt', { page, pages, title })}
              data-drawn={drawn === page ? 'true' : 'false'}
            />
          </div>
        </>
      ) : null}
      <figcaption className="hint">{t('source.imageHint')}</figcaption>
    </figure>
  );
}
