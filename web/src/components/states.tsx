import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';

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
 * An API failure said in words: a route this server does not have yet (404 on a list) is "not available yet",
 * not an error; an unreachable server says so; anything else shows the server's message and code.
 */
export function ErrorState({ error, onRetry, missing = 'notAvailable' }: { error: unknown; onRetry?: () => void; missing?: 'notAvailable' | 'notFound' }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.isMissing) {
    return (
      <EmptyState title={t(missing === 'notFound' ? 'errors.notFoundTitle' : 'errors.notAvailableTitle')}>
        <p>{t(missing === 'notFound' ? 'errors.notFound' : 'errors.notAvailable')}</p>
      </EmptyState>
    );
  }
  let message: string;
  if (error instanceof ApiError && error.code === 'NETWORK') message = t('errors.network');
  else if (error instanceof ApiError && error.status === 403) message = t('errors.forbidden');
  else message = t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
  return (
    <div className="error-state" role="alert">
      <p className="error-state__title">{t('errors.title')}</p>
      <p>{message}</p>
      {error instanceof ApiError && error.code !== 'NETWORK' ? <p className="muted">{t('errors.code', { code: error.code })}</p> : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Why an action (a save, a delete, a decision) was not done, read out at once; nothing when there is no error. */
export function ActionError({ error }: { error: string | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="notice notice--error" role="alert">
      {t('review.failed', { message: error })}
    </p>
  );
}
