import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { type SessionState, signIn } from '../api/session.js';
import { ActionButton } from '../components/action-button.js';
import { errorText } from '../components/states.js';

/**
 * The sign-in page, shown in place of the app when there is no session at first (or after signing out); the address
 * is kept. It opens with the keyboard in the user-name field: signing in is all there is to do here.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: SessionState) => void }) {
  return (
    <div className="page page--narrow">
      <SignInForm expired={false} onSignedIn={onSignedIn} />
    </div>
  );
}

/**
 * The sign-in form over the page, when a session ends while the app is open: a modal dialog, so the page behind it
 * stays mounted, with whatever was typed in it, while nothing there can be reached. It cannot be dismissed (every
 * request behind it would be refused again); the user name is filled in, so the keyboard starts in the password.
 */
export function SignInDialog({
  username,
  onSignedIn,
}: {
  username: string;
  onSignedIn: (session: SessionState) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // showModal puts it in the top layer and makes everything else inert; StrictMode runs this twice.
    if (!element.open) element.showModal();
    element.querySelector<HTMLInputElement>(username === '' ? 'input[name=username]' : 'input[name=password]')?.focus();
  }, [username]);
  return (
    <dialog
      ref={dialog}
      className="sign-in-dialog"
      aria-labelledby={headingId}
      onCancel={(event) => event.preventDefault()}
      onKeyDown={keepTabInside}
      // A browser may close it on a second Escape whatever the page says: it comes back, as nothing else can be done.
      onClose={(event) => {
        if (event.currentTarget.isConnected) event.currentTarget.showModal();
      }}
    >
      <SignInForm expired username={username} headingLevel={2} headingId={headingId} onSignedIn={onSignedIn} />
    </dialog>
  );
}

/** What Tab can reach in a dialog, in order. */
const TABBABLE = ['a[href]', 'button', 'input', 'select', 'textarea'].map((s) => `${s}:not([disabled])`).join(', ');

/**
 * Tab past the last control comes back to the first, and Shift+Tab before the first to the last: a modal dialog
 * alone would let the keyboard out to the browser's own controls, and from there to an empty page.
 */
function keepTabInside(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(TABBABLE)];
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  } else if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  }
}

/**
 * The sign-in form itself: user name and password, then a second factor when the account has one. `expired` says
 * why it is back; `username` fills the name in.
 */
function SignInForm({
  expired,
  username = '',
  headingLevel = 1,
  headingId: givenHeadingId,
  onSignedIn,
}: {
  expired: boolean;
  username?: string;
  headingLevel?: 1 | 2;
  headingId?: string;
  onSignedIn: (session: SessionState) => void;
}) {
  const { t } = useTranslation();
  const ids = { username: useId(), password: useId(), error: useId(), code: useId(), expired: useId(), heading: useId() };
  const headingId = givenHeadingId ?? ids.heading;
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
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
    <form className="panel sign-in" onSubmit={onSubmit} aria-labelledby={headingId} aria-describedby={error ? ids.error : undefined}>
      <Heading id={headingId}>{t('signIn.title')}</Heading>
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
          defaultValue={username}
          // Why the form is back, read out with the field the keyboard lands on.
          aria-describedby={expired ? ids.expired : undefined}
          // biome-ignore lint/a11y/noAutofocus: the page is this one form; focus goes where the first input is due
          // (the dialog is drawn before it is shown, and places the keyboard itself once it is)
          autoFocus={headingLevel === 1}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>{t('signIn.password')}</label>
        <input
          id={ids.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          // Over the page the name is filled in and the keyboard starts here: why the form is back, read out too.
          aria-describedby={expired ? ids.expired : undefined}
        />
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
  );
}
