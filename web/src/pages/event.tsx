import { useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.js';
import type { EventDetail } from '../api/types.js';
import { AccessPanel } from '../components/access-panel.js';
import { RecordHistory } from '../components/record-history.js';
import { useArticleLabel, useRoleLabel } from '../components/case-labels.js';
import { EvidenceQuote, useRecordLabels } from '../components/record-labels.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { dateAtPrecision } from '../dates.js';
import { useFormat } from '../format.js';

const PRECISIONS = ['day', 'month', 'year'];

/** One event: what, when (as precisely as known), where, under which case, to whom, and the words it rests on. */
export function EventPage({ canEdit = false }: { canEdit?: boolean }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: ['events', 'detail', id],
    queryFn: ({ signal }) => api<EventDetail>(`/api/v1/events/${encodeURIComponent(id)}`, { signal }),
  });
  return (
    <div className="page">
      <p>
        <Link to="/events" className="back-link">
          ← {t('event.back')}
        </Link>
      </p>
      {detail.isPending ? <Loading /> : null}
      {detail.isError ? <ErrorState error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.data ? <EventBody event={detail.data} canEdit={canEdit} /> : null}
    </div>
  );
}

function EventBody({ event, canEdit }: { event: EventDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRecordLabels();
  const articleLabel = useArticleLabel();
  const roleLabel = useRoleLabel();
  const unknown = <span className="muted">{t('case.unknown')}</span>;
  const when = event.date ? format.partialDate(dateAtPrecision(event.date, event.datePrecision)) : null;
  const until = event.dateEnd ? format.partialDate(event.dateEnd) : null;
  const subjects = event.persons.filter((p) => p.role === 'subject');
  const others = event.persons.filter((p) => p.role !== 'subject');
  // The API names no organization here (the events list does not either): they are counted, not left out unsaid.
  const organizations = event.participants.filter((p) => p.entityType === 'organizations').length;
  const reviewed = event.status === 'accepted';
  // A proposal or a person not yet reviewed is said to be one, beside its name: nothing unreviewed reads as fact.
  const notAccepted = (status: string) =>
    status === 'accepted' ? null : <span className="badge badge--warn">{labels.reviewStatus(status)}</span>;
  const person = (p: EventDetail['persons'][number], withRole: boolean) => (
    <li key={`${p.id}-${p.role}`}>
      <Link to={`/persons/${encodeURIComponent(p.id)}`}>{p.name}</Link>
      {withRole ? (
        <span className="muted"> — {t(`event.roles.${p.role}`, { defaultValue: roleLabel(p.role) })}</span>
      ) : null}
      {notAccepted(p.reviewStatus)}
    </li>
  );
  const facts: Array<[string, ReactNode]> = [
    [t('event.type'), labels.eventType(event.type)],
    [
      t('event.date'),
      when ? (
        <>
          {until ? t('event.dateRange', { from: when, to: until }) : when}
          {event.datePrecision && PRECISIONS.includes(event.datePrecision) ? (
            <span className="muted"> · {t(`event.precision.${event.datePrecision}`)}</span>
          ) : null}
        </>
      ) : (
        <span className="muted">{t('person.undated')}</span>
      ),
    ],
    [
      t('event.place'),
      event.place ? (
        <>
          <Link to={`/events?placeId=${encodeURIComponent(event.place.id)}`}>{event.place.name}</Link>
          {event.place.region && event.place.region !== event.place.name ? (
            <span className="muted"> · {event.place.region}</span>
          ) : null}
        </>
      ) : (
        unknown
      ),
    ],
    [
      t('event.case'),
      event.case ? (
        <>
          <Link to={`/cases/${encodeURIComponent(event.case.id)}`}>{event.case.name}</Link>
          {notAccepted(event.case.reviewStatus)}
        </>
      ) : (
        <span className="muted">{t('event.noCase')}</span>
      ),
    ],
  ];
  if (event.case) {
    facts.push([
      t('case.articles'),
      event.case.articles.length === 0 ? (
        <span className="muted">{t('case.none')}</span>
      ) : (
        <ul className="plain-list">
          {event.case.articles.map((a) => (
            <li key={`${a.code}-${a.article}-${a.part}`}>{articleLabel(a)}</li>
          ))}
        </ul>
      ),
    ]);
  }
  if (event.sentenceYears != null) facts.push([t('event.sentence'), t('review.years', { count: event.sentenceYears })]);
  if (event.fineAmount != null) facts.push([t('event.fine'), format.number(event.fineAmount)]);
  if (event.description) facts.push([t('event.description'), event.description]);
  return (
    <>
      <div className="page__head">
        <h1 data-title={t('titles.event')}>{labels.eventType(event.type)}</h1>
        <p className="lead">
          {when ?? t('person.undated')}
          {event.place ? ` · ${event.place.name}` : ''}
        </p>
        {reviewed ? null : (
          <p className="notice notice--warn" data-testid="event-review-state">
            {t('event.notReviewed', { status: labels.reviewStatus(event.status) })}
            {event.status === 'proposed' && event.sourceId ? (
              <>
                {' '}
                <Link to={`/review?sourceId=${encodeURIComponent(event.sourceId)}`}>{t('event.review')}</Link>
              </>
            ) : null}
          </p>
        )}
        {event.deletedAt ? <p className="notice notice--warn">{t('event.deleted')}</p> : null}
      </div>
      <div className="person-layout">
        <section className="panel" aria-labelledby="event-facts">
          <h2 id="event-facts">{t('event.facts')}</h2>
          <dl className="facts">
            {facts.map(([term, value]) => (
              <Fragment key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
          <h2>{t('event.subjects')}</h2>
          {subjects.length === 0 ? (
            <p className="muted">{t('event.noSubjects')}</p>
          ) : (
            <ul className="plain-list party-list" data-testid="event-subjects">
              {subjects.map((p) => person(p, false))}
            </ul>
          )}
          {others.length > 0 ? (
            <>
              <h2>{t('event.others')}</h2>
              <ul className="plain-list party-list">{others.map((p) => person(p, true))}</ul>
            </>
          ) : null}
          {organizations > 0 ? <p className="muted">{t('event.organizations', { count: organizations })}</p> : null}
          <AccessPanel
            table="events"
            id={event.id}
            confidentiality={event.confidentiality}
            canEdit={canEdit && !event.deletedAt}
          />
        </section>
        <section className="panel" aria-labelledby="event-evidence">
          <h2 id="event-evidence">{t('event.evidence')}</h2>
          {event.evidence.length === 0 ? <EmptyState title={t('event.noEvidence')} /> : null}
          {event.evidence.map((e) => (
            <EvidenceQuote key={e.id} evidence={e} />
          ))}
        </section>
      </div>
      <RecordHistory table="events" id={event.id} />
    </>
  );
}
