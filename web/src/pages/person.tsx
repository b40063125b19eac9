import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.js';
import type { PersonDetail } from '../api/types.js';
import { EvidenceQuote, ProposalSummary, useRecordLabels } from '../components/record-labels.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useFormat } from '../format.js';

/** One person: names, status with the event that set it and its words, the timeline with evidence, cases. */
export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: ['persons', 'detail', id],
    queryFn: ({ signal }) => api<PersonDetail>(`/api/v1/persons/${encodeURIComponent(id)}`, { signal }),
  });
  return (
    <div className="page">
      <p>
        <Link to="/persons" className="back-link">
          ← {t('person.back')}
        </Link>
      </p>
      {detail.isPending ? <Loading /> : null}
      {detail.isError ? <ErrorState error={detail.error} missing="notFound" onRetry={() => void detail.refetch()} /> : null}
      {detail.data ? <PersonBody detail={detail.data} /> : null}
    </div>
  );
}

function PersonBody({ detail }: { detail: PersonDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRecordLabels();
  const { person, status, timeline, cases } = detail;
  const otherNames = person.names.filter((n) => n.name !== person.displayName);
  return (
    <>
      <div className="page__head">
        <h1>{person.displayName}</h1>
        {person.reviewStatus !== 'accepted' ? (
          <p className="notice notice--warn">{t('person.notReviewed', { status: labels.reviewStatus(person.reviewStatus) })}</p>
        ) : null}
        {person.deletedAt ? <p className="notice notice--warn">{t('person.deleted')}</p> : null}
      </div>
      <div className="person-layout">
        <section className="panel" aria-labelledby="person-status">
          <h2 id="person-status">{t('person.status')}</h2>
          <p className="person-status">
            <span className={`badge badge--status-${status.status}`} data-testid="person-status">
              {labels.personStatus(status.status)}
            </span>
          </p>
          {status.override ? (
            <p>
              {t('person.override', { derived: labels.personStatus(status.derived) })}
              {status.reason ? ` — ${status.reason}` : ''}
            </p>
          ) : null}
          {status.event ? (
            <div className="status-event">
              <p>
                {t('person.setBy')} <ProposalSummary proposal={status.event} />
              </p>
              {status.event.evidence.map((e) => (
                <EvidenceQuote key={e.id} evidence={e} />
              ))}
            </div>
          ) : (
            <p className="muted">{status.override ? t('person.manual') : t('person.noEvent')}</p>
          )}
          <h2>{t('person.names')}</h2>
          <ul className="plain-list">
            <li>
              <strong>{person.displayName}</strong>
            </li>
            {otherNames.map((n) => (
              <li key={`${n.kind}-${n.name}`}>
                {n.name} <span className="muted">({t(`person.nameKinds.${n.kind}`, { defaultValue: n.kind })})</span>
              </li>
            ))}
          </ul>
          <h2>{t('person.cases')}</h2>
          {cases.length === 0 ? (
            <p className="muted">{t('person.noCases')}</p>
          ) : (
            <ul className="plain-list">
              {cases.map((c) => (
                <li key={c.id}>
                  {c.name}
                  {c.roles.length > 0 ? (
                    <span className="muted"> — {c.roles.map((r) => t(`person.roles.${r}`, { defaultValue: r })).join(', ')}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="person-timeline">
          <h2 id="person-timeline">{t('person.timeline')}</h2>
          {timeline.length === 0 ? <EmptyState title={t('person.noEvents')} /> : null}
          <ol className="timeline">
            {timeline.map((e) => (
              <li key={e.id} className={`timeline__item${e.id === status.eventId ? ' is-status' : ''}`}>
                <p className="timeline__date">{e.event?.date ? format.partialDate(e.event.date) : t('person.undated')}</p>
                <p>
                  <ProposalSummary proposal={e} />
                </p>
                {e.evidence.map((ev) => (
                  <EvidenceQuote key={ev.id} evidence={ev} />
                ))}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
