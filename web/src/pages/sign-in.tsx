import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { type SessionState, signIn } from '../api/session.js';

/** The sign-in form, shown in place of any page whenever the API answers 401; the address is kept. */
export function SignInPage({ expired, onSignedIn }: { expired: boolean; onSignedIn: (session: SessionState) => void }) {
  const { t } = useTranslation();
  const ids = { username: useId(), password: useId(), error: useId() };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(String(data.get('username') ?? ''), String(data.get('password') ?? '')));
    } catch (caught) {
      if (caught instanceof ApiError && (caught.status === 401 || caught.status === 400 || caught.status === 403)) setError(t('signIn.invalid'));
      else if (caught instanceof ApiError && caught.status === 429) setError(t('signIn.tooMany'));
      else if (caught instanceof ApiError && caught.code === 'NETWORK') setError(t('errors.network'));
      else setError(t('signIn.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page--narrow">
      <form className="panel sign-in" onSubmit={onSubmit} aria-labelledby="sign-in-title" aria-describedby={error ? ids.error : undefined}>
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        {expired ? <p className="notice">{t('signIn.expired')}</p> : null}
        <p className="lead">{t('signIn.intro')}</p>
        <div className="field">
          <label htmlFor={ids.username}>{t('signIn.username')}</label>
          <input id={ids.username} name="username" type="text" autoComplete="username" required autoCapitalize="none" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t('signIn.password')}</label>
          <input id={ids.password} name="password" type="password" autoComplete="current-password" required />
        </div>
        {error ? (
          <p id={ids.error} className="notice notice--error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button--block" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
