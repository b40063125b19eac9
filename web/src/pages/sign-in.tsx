import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { type SessionState, signIn } from '../api/session.js';
import { ActionButton } from '../components/action-button.js';
import { errorText } from '../components/states.js';

/**
 * The sign-in form, shown in place of any page whenever the API answers 401; the address is kept. It opens with the
 * keyboard in the user-name field: signing in is all there is to do here.
 */
export function SignInPage({ expired, onSignedIn }: { expired: boolean; onSignedIn: (session: SessionState) => void }) {
  const { t } = useTranslation();
  const ids = { username: useId(), password: useId(), error: useId(), code: useId(), expired: useId() };
  const [busy, setBusy] = useState(false);
  // After a right password on an account with two-factor sign-in, the form asks for a code (or a recovery code).
  const [secondFactor, setSecondFactor] = useState<'none' | 'totp' | 'recovery'>('none');
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const code = String(data.get('code') ?? '').trim();
      const factor = secondFactor === 'totp' ? { totp: code } : secondFactor === 'recovery' ? { recoveryCode: code } : {};
      onSignedIn(await signIn(String(data.get('username') ?? ''), String(data.get('password') ?? ''), factor));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'TOTP_REQUIRED') {
        setSecondFactor('totp');
        setError(null);
      } else if (caught instanceof ApiError && (caught.status === 401 || caught.status === 400 || caught.status === 403)) setError(t('signIn.invalid'));
      else if (caught instanceof ApiError && caught.status === 429) setError(t('signIn.tooMany'));
      else if (caught instanceof ApiError && caught.code === 'NETWORK') setError(t('errors.network'));
      else setError(t('signIn.failed', { message: errorText(caught, t) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page--narrow">
      <form className="panel sign-in" onSubmit={onSubmit} aria-labelledby="sign-in-title" aria-describedby={error ? ids.error : undefined}>
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        {expired ? (
          <p id={ids.expired} className="notice">
            {t('signIn.expired')}
          </p>
        ) : null}
        <p className="lead">{t('signIn.intro')}</p>
        <div className="field">
          <label htmlFor={ids.username}>{t('signIn.username')}</label>
          <input
            id={ids.username}
            name="username"
            type="text"
            autoComplete="username"
            required
            autoCapitalize="none"
            spellCheck={false}
            // Why the form is back, read out with the field the keyboard lands on.
            aria-describedby={expired ? ids.expired : undefined}
            // biome-ignore lint/a11y/noAutofocus: the page is this one form; focus goes where the first input is due
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t('signIn.password')}</label>
          <input id={ids.password} name="password" type="password" autoComplete="current-password" required />
        </div>
        {secondFactor !== 'none' ? (
          <div className="field">
            <label htmlFor={ids.code}>{secondFactor === 'totp' ? t('signInTotp.code') : t('signInTotp.recoveryCode')}</label>
            <input
              key={secondFactor}
              id={ids.code}
              name="code"
              type="text"
              inputMode={secondFactor === 'totp' ? 'numeric' : 'text'}
              autoComplete="one-time-code"
              autoCapitalize="none"
              spellCheck={false}
              required
              // biome-ignore lint/a11y/noAutofocus: the field appears in answer to the submit; focus goes where the next input is due
              autoFocus
            />
            <button type="button" className="button button--secondary button--small" onClick={() => setSecondFactor(secondFactor === 'totp' ? 'recovery' : 'totp')}>
              {secondFactor === 'totp' ? t('signInTotp.useRecovery') : t('signInTotp.useTotp')}
            </button>
          </div>
        ) : null}
        {error ? (
          <p id={ids.error} className="notice notice--error" role="alert">
            {error}
          </p>
        ) : null}
        <ActionButton type="submit" className="button button--block" busy={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </ActionButton>
      </form>
    </div>
  );
}
