import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AccessPanel } from '../components/access-panel.js';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.js';
import type { CaseDetail, Proposal } from '../api/types.js';
import { useArticleLabel, useRoleLabel } from '../components/case-labels.js';
import { RecordHistory } from '../components/record-history.js';
import { EventTimeline, ProposalSummary, useRecordLabels } from '../components/record-labels.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useFormat } from '../format.js';

/** One case: defendants with roles and status, articles, court, hearings, sentences, next hearing, and a timeline. */
export function CasePage({ canEdit = false }: { canEdit?: boolean }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: ['cases', 'detail', id],
    queryFn: ({ signal }) => api<CaseDetail>(`/api/v1/cases/${encodeURIComponent(id)}/detail`, { signal }),
  });
  return (
    <div className="page">
      <p>
        <Link to="/cases" className="back-link">
          ← {t('case.back')}
        </Link>
      </p>
      {detail.isPending ? <Loading /> : null}
      {detail.isError ? <ErrorState error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.data ? <CaseBody detail={detail.data} canEdit={canEdit} /> : null}
    </div>
  );
}

function CaseBody({ detail, canEdit }: { detail: CaseDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRecordLabels();
  const articleLabel = useArticleLabel();
  const roleLabel = useRoleLabel();
  const { case: c, parties, timeline, nextHearing } = detail;
  const hearings = timeline.filter((e) => e.event?.type === 'hearing');
  const sentences = timeline.filter((e) => e.event?.type === 'sentence' || e.event?.type === 'fine');
  const when = (e: Proposal) => (e.event?.date ? format.partialDate(e.event.date) : t('person.undated'));
  return (
    <>
      <div className="page__head">
        <h1 data-title={t('titles.case')}>{c.name}</h1>
        {c.deletedAt ? <p className="notice notice--warn">{t('case.deleted')}</p> : null}
      </div>
      <div className="person-layout">
        <section className="panel" aria-labelledby="case-facts">
          <h2 id="case-facts">{t('case.facts')}</h2>
          <dl className="facts">
            <dt>{t('case.articles')}</dt>
            <dd>
              {c.articles.length === 0 ? (
                <span className="muted">{t('case.none')}</span>
              ) : (
                <ul className="plain-list">
                  {c.articles.map((a) => (
                    <li key={`${a.code}-${a.article}-${a.part}`}>{articleLabel(a)}</li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>{t('case.court')}</dt>
            <dd>{c.court ?? <span className="muted">{t('case.unknown')}</span>}</dd>
            <dt>{t('case.jurisdiction')}</dt>
            <dd>{c.jurisdiction ?? <span className="muted">{t('case.unknown')}</span>}</dd>
            <dt>{t('case.status')}</dt>
            <dd>{c.status ?? <span className="muted">{t('case.unknown')}</span>}</dd>
            <dt>{t('case.openedOn')}</dt>
            <dd>{c.openedOn ? format.partialDate(c.openedOn) : <span className="muted">{t('case.unknown')}</span>}</dd>
            <dt>{t('case.nextHearing')}</dt>
            <dd data-testid="next-hearing">
              {nextHearing ? (
                <>
                  <strong>{when(nextHearing)}</strong>
                  {nextHearing.event?.place ? ` · ${nextHearing.event.place.name}` : ''}
                </>
              ) : (
                <span className="muted">{t('case.noNextHearing')}</span>
              )}
            </dd>
          </dl>
          <h2>{t('case.defendants')}</h2>
          {parties.length === 0 ? (
            <p className="muted">{t('case.noParties')}</p>
          ) : (
            <ul className="plain-list party-list">
              {parties.map((p) => (
                <li key={p.personId}>
                  <Link to={`/persons/${p.personId}`}>{p.displayName}</Link>{' '}
                  <span className="muted">— {p.roles.map(roleLabel).join(', ')}</span>{' '}
                  <span className={`badge badge--status-${p.status ?? 'unknown'}`}>{labels.personStatus(p.status)}</span>
                </li>
              ))}
            </ul>
          )}
          <h2>{t('case.hearings')}</h2>
          {hearings.length === 0 ? (
            <p className="muted">{t('case.noHearings')}</p>
          ) : (
            <ul className="plain-list">
              {hearings.map((e) => (
                <li key={e.id}>
                  <Link to={`/events/${encodeURIComponent(e.id)}`}>{when(e)}</Link>
                  {e.event?.place ? ` · ${e.event.place.name}` : ''}
                  {e.id === nextHearing?.id ? <span className="badge badge--warn">{t('case.upcoming')}</span> : null}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('case.sentences')}</h2>
          {sentences.length === 0 ? (
            <p className="muted">{t('case.noSentences')}</p>
          ) : (
            <ul className="plain-list">
              {sentences.map((e) => (
                <li key={e.id}>
                  <ProposalSummary proposal={e} linked />
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={`/events?caseId=${encodeURIComponent(c.id)}`}>{t('case.eventsLink')}</Link>
          </p>
          <AccessPanel table="cases" id={c.id} confidentiality={c.confidentiality} canEdit={canEdit && !c.deletedAt} />
        </section>
        <section className="panel" aria-labelledby="case-timeline">
          <h2 id="case-timeline">{t('case.timeline')}</h2>
          {timeline.length === 0 ? <EmptyState title={t('case.noEvents')} /> : null}
          <EventTimeline events={timeline} />
        </section>
      </div>
      <RecordHistory table="cases" id={c.id} />
    </>
  );
}
