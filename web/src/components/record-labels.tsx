import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Evidence, Proposal } from '../api/types.js';
import { useFormat } from '../format.js';
import { sourceSpanLink } from '../source-span.js';

/** Every event type the record knows (src/record's EVENT_TYPES), in the order a reviewer chooses from. */
export const EVENT_TYPES = [
  'protest',
  'detention',
  'arrest',
  'search',
  'charge',
  'custody',
  'hearing',
  'sentence',
  'fine',
  'release',
  'ill_treatment',
  'designation',
  'meeting',
  'other',
];
const PERSON_STATUSES = [
  'at_liberty',
  'detained',
  'in_custody',
  'house_arrest',
  'sentenced',
  'released',
  'emigrated',
  'deceased',
];
export { PERSON_STATUSES };

/** Words for record values: an event type, a person's status, a review status, in the UI language. */
export function useRecordLabels() {
  const { t } = useTranslation();
  return {
    eventType: (type: string) => (EVENT_TYPES.includes(type) ? t(`record.eventTypes.${type}`) : type),
    personStatus: (status: string | null) =>
      status && PERSON_STATUSES.includes(status) ? t(`record.personStatus.${status}`) : (status ?? '—'),
    reviewStatus: (status: string) =>
      ['proposed', 'accepted', 'rejected'].includes(status) ? t(`review.status.${status}`) : status,
    kind: (kind: string) => (['event', 'person', 'organization', 'case'].includes(kind) ? t(`review.kinds.${kind}`) : kind),
  };
}

/**
 * "Detention · 12 Mar 2024 · Ufa · Ivan Petrov": an event proposal in one line, else its label. `linked` makes its
 * type the link to the event's page, for events in the record (a proposal under review is read where it is decided).
 */
export function ProposalSummary({ proposal, linked = false }: { proposal: Proposal; linked?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRecordLabels();
  const e = proposal.event;
  if (!e) return <span>{proposal.label}</span>;
  const type = labels.eventType(e.type);
  const subjects = e.participants.filter((p) => p.role === 'subject');
  const agents = e.participants.filter((p) => p.role === 'agent');
  return (
    <span>
      <strong>{linked ? <Link to={`/events/${encodeURIComponent(proposal.id)}`}>{type}</Link> : type}</strong>
      {e.date ? ` · ${format.partialDate(e.date)}` : ''}
      {e.place ? ` · ${e.place.name}` : ''}
      {subjects.length > 0 ? (
        <>
          {' · '}
          {subjects.map((p, i) => (
            <span key={p.entityId}>
              {i > 0 ? ', ' : ''}
              {p.entityType === 'persons' ? <Link to={`/persons/${p.entityId}`}>{p.name ?? '?'}</Link> : p.name}
            </span>
          ))}
        </>
      ) : null}
      {agents.length > 0 ? ` · ${t('review.by', { names: agents.map((p) => p.name).join(', ') })}` : ''}
      {e.sentenceYears != null ? ` · ${t('review.years', { count: e.sentenceYears })}` : ''}
      {e.case ? (
        <>
          {' · '}
          <Link to={`/cases/${e.case.id}`}>{e.case.name}</Link>
        </>
      ) : null}
    </span>
  );
}

/**
 * The words of the source a fact came from, with a link that opens the source at them; `inSource` leaves the link out
 * where that source is already open.
 */
export function EvidenceQuote({ evidence, inSource = false }: { evidence: Evidence; inSource?: boolean }) {
  const { t } = useTranslation();
  return (
    <figure className="evidence">
      <blockquote className="evidence__quote">«{evidence.quote}»</blockquote>
      {inSource ? null : (
        <figcaption>
          <Link to={sourceSpanLink(evidence.sourceId, evidence)}>{t('review.openSource')}</Link>
        </figcaption>
      )}
    </figure>
  );
}

/**
 * Accepted events in order, each with its date (or "undated"), summary and the quotes it rests on: the timeline of a
 * person page and of a case page. `highlightId` marks the event that set the person's status.
 */
export function EventTimeline({ events, highlightId }: { events: Proposal[]; highlightId?: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id} className={`timeline__item${highlightId && e.id === highlightId ? ' is-status' : ''}`}>
          <p className="timeline__date">{e.event?.date ? format.partialDate(e.event.date) : t('person.undated')}</p>
          <p>
            <ProposalSummary proposal={e} linked />
          </p>
          {e.evidence.map((ev) => (
            <EvidenceQuote key={ev.id} evidence={ev} />
          ))}
        </li>
      ))}
    </ol>
  );
}
