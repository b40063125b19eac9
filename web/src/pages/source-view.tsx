import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.js';
import { fetchMentions } from '../api/mentions.js';
import type { Mention, Proposal, SourceDetail, SourceSummary, SourceText } from '../api/types.js';
import { type Highlight, HighlightedText } from '../components/highlighted-text.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useFormat, useLanguageName, useMediaTypeName } from '../format.js';
import { ReviewQueue } from './review.js';
import { sourceName } from './sources.js';

const KINDS = ['person', 'organization', 'place', 'date', 'case', 'article', 'event'] as const;
const knownKind = (kind: string) => ((KINDS as readonly string[]).includes(kind) ? kind : 'other');

/**
 * One source: what it is, its text (with what extraction found, when the record API offers it), the review of what
 * was proposed from it, beside the words, and its relatives.
 */
export function SourceViewPage({ canDecide = false, canLink = false }: { canDecide?: boolean; canLink?: boolean }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: ['sources', 'detail', id],
    queryFn: ({ signal }) => api<SourceDetail>(`/api/v1/sources/${encodeURIComponent(id)}`, { signal }),
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
      {detail.data ? <SourceBody source={detail.data} canDecide={canDecide} canLink={canLink} /> : null}
    </div>
  );
}

function SourceBody({ source, canDecide, canLink }: { source: SourceDetail; canDecide: boolean; canLink: boolean }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState<Proposal | null>(null);
  const format = useFormat();
  const languageName = useLanguageName();
  const mediaTypeName = useMediaTypeName();
  const title = sourceName(source, t('sources.untitled'));
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
    [t('source.nearDuplicateOf'), source.nearDuplicateOf ? <Link to={`/sources/${encodeURIComponent(source.nearDuplicateOf)}`}>{source.nearDuplicateOf}</Link> : null],
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
          {source.needsOcr ? <p className="notice notice--warn">{t('source.needsOcr')}</p> : null}
          <SourceTextPanel id={source.id} language={source.language} currentProposal={current?.id ?? null} />
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
            <a className="button button--block" href={`/api/v1/sources/${encodeURIComponent(source.id)}/original`} download>
              {t('source.download')}
            </a>
            <p className="hint">{t('source.downloadHint')}</p>
          </section>
          <RelatedList title={t('source.children')} empty={t('source.childrenEmpty')} items={source.children} />
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

function RelatedList({ title, hint, empty, items }: { title: string; hint?: string; empty: string; items: SourceSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="panel">
      <h2>{title}</h2>
      {hint ? <p className="hint">{hint}</p> : null}
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="related">
          {items.map((item) => (
            <li key={item.id}>
              <Link to={`/sources/${encodeURIComponent(item.id)}`}>{sourceName(item, t('sources.untitled'))}</Link>
              <span className="muted">
                {' '}
                {item.relation && ['attachment', 'entry', 'part', 'message'].includes(item.relation) ? `${t(`source.relation.${item.relation}`)} · ` : ''}
                {format.bytes(item.byteSize)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SourceTextPanel({ id, language, currentProposal }: { id: string; language: string | null; currentProposal: string | null }) {
  const { t } = useTranslation();
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
          <SourceTextBody text={text.data.text} mentions={mentions.data ?? []} language={language} currentProposal={currentProposal} />
        )
      ) : null}
    </section>
  );
}

/**
 * The text with what was extracted marked by kind; the words of the proposal highlighted in the review below are
 * marked as current, and the text (scrolling on its own once it is long) brings them into view.
 */
function SourceTextBody({
  text,
  mentions,
  language,
  currentProposal,
}: {
  text: string;
  mentions: Mention[];
  language: string | null;
  currentProposal: string | null;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const highlights = useMemo<Highlight[]>(
    () =>
      mentions.map((m) => {
        const kind = knownKind(m.kind);
        const proposed = m.status === 'proposed';
        const isCurrent = currentProposal !== null && m.proposalId === currentProposal;
        return {
          start: m.start,
          end: m.end,
          className: `mention mention--${kind}${proposed ? ' mention--proposed' : ''}${isCurrent ? ' is-current' : ''}`,
          title: `${t(`source.mentions.kinds.${kind}`)}${proposed ? ` (${t('source.mentions.proposed')})` : ''}`,
        };
      }),
    [mentions, t, currentProposal],
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
    <div className="source-text" lang={language ?? undefined} data-testid="source-text" ref={container}>
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
