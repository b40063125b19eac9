import type { TFunction } from 'i18next';
import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import type { RefusedDateFilters } from '../dates.js';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

export function EmptyState({ title, children }: { title?: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      {title ? <p className="empty-state__title">{title}</p> : null}
      {children}
    </div>
  );
}

/**
 * The error codes of the API's one registry (src/shared/errors.ts), each said in the UI's language. FORBIDDEN never
 * reaches the UI: the server answers it as NOT_FOUND, so ids leak nothing.
 */
const KNOWN_CODES = new Set([
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'PARSE_FAILED',
  'PARSE_TIMEOUT',
  'DECOMPRESSION_LIMIT',
  'RATE_LIMITED',
  'CSRF',
  'WRONG_CODE',
  'TOTP_REQUIRED',
  'UNAUTHENTICATED',
  'BAD_KEY',
  'DATABASE',
  'INTERNAL',
]);

/**
 * Any failure in words: the UI's own sentence for the API's error code, and the server's words (English, for the
 * record and for whoever reports the problem) only as a detail. `describeError(new ApiError(400, 'VALIDATION',
 * 'querystring/from must match pattern …'), t)` → `{ message: 'Chronicle could not accept what was sent.', detail:
 * 'querystring/from must match pattern …' }`.
 */
export function describeError(error: unknown, t: TFunction): { message: string; detail: string | null } {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return { message: t('errors.network'), detail: null };
    if (KNOWN_CODES.has(error.code)) return { message: t(`errors.codes.${error.code}`), detail: error.message || null };
    if (error.status === 403) return { message: t('errors.forbidden'), detail: error.message || null };
  }
  return { message: t('errors.generic', { message: error instanceof Error ? error.message : String(error) }), detail: null };
}

/** `describeError` as one line, for notices: "Chronicle could not accept what was sent. (Server: …)". */
export function errorText(error: unknown, t: TFunction): string {
  const { message, detail } = describeError(error, t);
  return detail ? `${message} ${t('errors.detail', { detail })}` : message;
}

/**
 * An API failure said in words. A 404 is "not found": the record or list is not there, or — the same answer, by
 * the server's rule — this account may not see it; it never claims the server lacks the feature. An unreachable
 * server says so; anything else says what the error code means, with the server's own words as a detail.
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.isMissing) {
    return (
      <EmptyState title={t('errors.notFoundTitle')}>
        <p>{t('errors.notFound')}</p>
      </EmptyState>
    );
  }
  const { message, detail } = describeError(error, t);
  return (
    <div className="error-state" role="alert">
      <p className="error-state__title">{t('errors.title')}</p>
      <p>{message}</p>
      {detail ? (
        <p className="muted">
          {t('errors.serverSaid')} <span lang="en">{detail}</span>
        </p>
      ) : null}
      {error instanceof ApiError && error.code !== 'NETWORK' ? <p className="muted">{t('errors.code', { code: error.code })}</p> : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * Why an action (a save, a delete, a decision) was not done, read out at once; nothing when there is no error.
 * A string is the UI's own sentence (a check made before sending); anything else is said with `errorText`.
 */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined || error === '') return null;
  return (
    <p className="notice notice--error" role="alert">
      {t('errors.actionFailed', { message: typeof error === 'string' ? error : errorText(error, t) })}
    </p>
  );
}

/**
 * Dates in the address the API would refuse (see `checkDates`): said, and left out of the filter. `unreadableKey` is
 * the sentence for dates it cannot read, where a page takes fewer forms than a year, a month or a day.
 */
export function RefusedDates({
  values,
  unreadableKey = 'errors.refusedDates',
}: {
  values: RefusedDateFilters;
  unreadableKey?: string;
}) {
  const { t } = useTranslation();
  const { unreadable, reversed } = values;
  if (unreadable.length === 0 && reversed === null) return null;
  return (
    <p className="notice notice--warn" role="status">
      {unreadable.length > 0
        ? t(unreadableKey, { count: unreadable.length, values: unreadable.map((value) => t('errors.quoted', { value })).join(', ') })
        : null}
      {unreadable.length > 0 && reversed ? ' ' : null}
      {reversed ? t('errors.reversedDates', { from: reversed[0], to: reversed[1] }) : null}
    </p>
  );
}

/** What an action left to say: done, or failed and why. */
export interface ActionMessage {
  text: string;
  error: boolean;
}

/**
 * The notice an action leaves, announced politely, with any follow-up control (an undo) after its text. It can take
 * the keyboard (tabIndex -1): a control gone after its action hands focus to it (`useFocusLater`), so a keyboard
 * user hears the outcome instead of being dropped to the top of the page.
 */
export function ActionNotice({
  message,
  ref,
  children,
}: {
  message: ActionMessage | null;
  ref?: Ref<HTMLParagraphElement>;
  children?: ReactNode;
}) {
  return (
    <div aria-live="polite">
      {message ? (
        <p ref={ref} className={message.error ? 'notice notice--error' : 'notice notice--ok'} tabIndex={-1}>
          {message.text}
          {children ? (
            <>
              {' '}
              {children}
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
