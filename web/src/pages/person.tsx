import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessPanel } from '../components/access-panel.js';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.js';
import { invalidateRecord } from '../api/record-queries.js';
import type { PersonDetail } from '../api/types.js';
import { EventTimeline, EvidenceQuote, PERSON_STATUSES, ProposalSummary, useRecordLabels } from '../components/record-labels.js';
import { DeletePerson } from '../components/delete-person.js';
import { RecordHistory } from '../components/record-history.js';
import { RelationshipsSection } from '../components/relationships.js';
import { SplitPerson } from '../components/split-person.js';
import { ActionButton } from '../components/action-button.js';
import { PublishConsent } from '../components/publish-consent.js';
import { ActionError, EmptyState, ErrorState, Loading } from '../components/states.js';
import { useFocusLater } from '../focus-later.js';

/** One person: names, status with the event that set it and its words, the timeline with evidence, cases. */
export function PersonPage({ canEdit }: { canEdit: boolean }) {
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
      {detail.isError ? <ErrorState error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.data ? <PersonBody detail={detail.data} canEdit={canEdit} /> : null}
    </div>
  );
}

function PersonBody({ detail, canEdit }: { detail: PersonDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  const { person, status, timeline, cases } = detail;
  const otherNames = person.names.filter((n) => n.name !== person.displayName);
  // A deleted person is out of the record and a merged one lives on in the person kept: a status set by hand, a
  // split or a relationship cannot apply to them. A deleted person can only be restored.
  const retired = Boolean(person.deletedAt) || Boolean(person.mergedInto);
  return (
    <>
      <div className="page__head">
        <h1 data-title={t('titles.person')}>{person.displayName}</h1>
        {person.reviewStatus !== 'accepted' ? (
          <p className="notice notice--warn">{t('person.notReviewed', { status: labels.reviewStatus(person.reviewStatus) })}</p>
        ) : null}
        {person.deletedAt ? <p className="notice notice--warn">{t('person.deleted')}</p> : null}
        {person.mergedInto ? (
          <p className="notice notice--warn">
            {t('person.mergedInto')}{' '}
            <Link to={`/persons/${encodeURIComponent(person.mergedInto)}`}>{t('person.openMergedInto')}</Link>
          </p>
        ) : null}
      </div>
      <div className="person-layout">
        <section className="panel" aria-labelledby="person-status">
          <h2 id="person-status">{t('person.status')}</h2>
          <p className="person-status">
            <span className={`badge badge--status-${status.status ?? 'unknown'}`} data-testid="person-status">
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
                {t('person.setBy')} <ProposalSummary proposal={status.event} linked />
              </p>
              {status.event.evidence.map((e) => (
                <EvidenceQuote key={e.id} evidence={e} />
              ))}
            </div>
          ) : (
            <p className="muted">{status.override ? t('person.manual') : t('person.noEvent')}</p>
          )}
          {canEdit && !retired ? <StatusOverrideForm personId={person.id} current={status.override} /> : null}
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
                  <Link to={`/cases/${c.id}`}>{c.name}</Link>
                  {c.roles.length > 0 ? (
                    <span className="muted"> — {c.roles.map((r) => t(`person.roles.${r}`, { defaultValue: r })).join(', ')}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <AccessPanel table="persons" id={person.id} confidentiality={person.confidentiality} canEdit={canEdit && !retired} />
          <PublishConsent person={person} canEdit={canEdit && !retired} />
          <RelationshipsSection personId={person.id} canEdit={canEdit && !retired} />
          {canEdit && !retired ? <SplitPerson detail={detail} /> : null}
          {canEdit && !person.mergedInto ? <DeletePerson person={person} /> : null}
        </section>
        <section className="panel" aria-labelledby="person-timeline">
          <h2 id="person-timeline">{t('person.timeline')}</h2>
          {timeline.length === 0 ? <EmptyState title={t('person.noEvents')} /> : null}
          <EventTimeline events={timeline} highlightId={status.eventId} />
        </section>
      </div>
      <RecordHistory table="persons" id={person.id} />
    </>
  );
}

/**
 * Editors set a status no event records (emigrated, deceased), with the reason, or clear it. Audited server-side.
 * The form opens with the keyboard in its first field and, saved or cancelled (Escape too), gives it back to the
 * button that opened it.
 */
function StatusOverrideForm({ personId, current }: { personId: string; current: string | null }) {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  const queryClient = useQueryClient();
  const ids = { status: useId(), reason: useId() };
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  const focusLater = useFocusLater();
  const toggle = (next: boolean) => {
    setOpen(next);
    focusLater(() => (next ? firstField.current : opener.current));
  };
  const save = useMutation({
    mutationFn: (body: { status: string | null; reason?: string }) =>
      api(`/api/v1/persons/${encodeURIComponent(personId)}/status-override`, { method: 'POST', body }),
    onSuccess: () => {
      toggle(false);
      setError(null);
      // The status shows in the people table, the statistics and search as well as here.
      void invalidateRecord(queryClient);
    },
    onError: setError,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    save.mutate({ status: String(data.get('status')), reason: String(data.get('reason') ?? '').trim() });
  };
  if (!open)
    return (
      <p>
        <button ref={opener} type="button" className="button button--secondary button--small" onClick={() => toggle(true)}>
          {t('person.setStatus')}
        </button>{' '}
        {current ? (
          <ActionButton className="button button--secondary button--small" busy={save.isPending} onClick={() => save.mutate({ status: null })}>
            {t('person.clearStatus')}
          </ActionButton>
        ) : null}
      </p>
    );
  return (
    <form
      className="status-override"
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          toggle(false);
        }
      }}
    >
      <div className="field">
        <label htmlFor={ids.status}>{t('person.status')}</label>
        <select ref={firstField} id={ids.status} name="status" defaultValue={current ?? 'emigrated'}>
          {PERSON_STATUSES.map((s) => (
            <option key={s} value={s}>
              {labels.personStatus(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.reason}>{t('person.reason')}</label>
        <input id={ids.reason} name="reason" type="text" required maxLength={2000} />
      </div>
      <p>
        <ActionButton type="submit" className="button button--small" busy={save.isPending}>
          {t('person.saveStatus')}
        </ActionButton>{' '}
        <button type="button" className="button button--secondary button--small" onClick={() => toggle(false)}>
          {t('review.cancel')}
        </button>
      </p>
      <ActionError error={error} />
    </form>
  );
}
