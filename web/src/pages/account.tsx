import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  changePassword,
  confirmEnrolment,
  disableTotp,
  getAccount,
  regenerateRecoveryCodes,
  startEnrolment,
} from '../api/account.js';
import { ApiError } from '../api/client.js';
import { ActionButton } from '../components/action-button.js';
import { type ActionMessage, ActionNotice, ErrorState, errorText, Loading } from '../components/states.js';
import { useFocusLater } from '../focus-later.js';

/** Groups a base32 secret in fours for reading aloud or typing: 'JBSWY3DP…' → 'JBSW Y3DP …'. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** The policy of new accounts (src/auth/passwords.ts MIN_PASSWORD_LENGTH), checked before sending to say it sooner. */
const MIN_PASSWORD_LENGTH = 12;

/**
 * The signed-in user's own account: change the password (see `ChangePassword`); turn two-factor sign-in on (secret
 * as text and otpauth URI, then a code to confirm, then the recovery codes shown once), off (password and a code), or
 * get new recovery codes. The keyboard follows: into the code field when enrolment starts (the secret read out with
 * it), and to the notice each change leaves; a refused code keeps it on the button pressed.
 */
export function AccountPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ids = { code: useId(), disablePassword: useId(), disableCode: useId(), regenerateCode: useId(), secret: useId(), scan: useId() };
  const account = useQuery({ queryKey: ['account'], queryFn: ({ signal }) => getAccount(signal) });
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  const codeField = useRef<HTMLInputElement>(null);
  const focusLater = useFocusLater();
  const done = (text: string) => {
    setMessage({ text, error: false });
    focusLater(() => notice.current);
  };

  const failed = (error: unknown) =>
    setMessage({
      text:
        error instanceof ApiError && error.code === 'WRONG_CODE'
          ? t('account.wrongCode')
          : error instanceof ApiError && error.code === 'RATE_LIMITED'
            ? t('account.tooMany')
            : t('account.failed', { message: errorText(error, t) }),
      error: true,
    });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['account'] });

  const start = useMutation({
    mutationFn: startEnrolment,
    onMutate: () => {
      setMessage(null);
      setRecoveryCodes(null);
    },
    onSuccess: (body) => {
      setEnrolment(body);
      // The button is gone: the keyboard goes to the form it opened, on the field it asks for.
      focusLater(() => codeField.current);
    },
    onError: failed,
    onSettled: refresh,
  });
  const confirm = useMutation({
    mutationFn: confirmEnrolment,
    onMutate: () => setMessage(null),
    onSuccess: (body) => {
      setEnrolment(null);
      setRecoveryCodes(body.recoveryCodes);
      done(t('account.enabled'));
    },
    onError: failed,
    onSettled: refresh,
  });
  const disable = useMutation({
    mutationFn: (input: { password: string; code: string }) => disableTotp(input.password, input.code),
    onMutate: () => setMessage(null),
    onSuccess: () => {
      setRecoveryCodes(null);
      done(t('account.disabled'));
    },
    onError: failed,
    onSettled: refresh,
  });
  const regenerate = useMutation({
    mutationFn: regenerateRecoveryCodes,
    onMutate: () => setMessage(null),
    onSuccess: (body) => {
      setRecoveryCodes(body.recoveryCodes);
      done(t('account.regenerated'));
    },
    onError: failed,
    onSettled: refresh,
  });

  const field = (event: FormEvent<HTMLFormElement>, name: string) => String(new FormData(event.currentTarget).get(name) ?? '').trim();

  if (account.isPending) return <Loading />;
  if (account.isError) return <ErrorState error={account.error} onRetry={() => void account.refetch()} />;
  const info = account.data;

  return (
    <div className="page page--narrow">
      <div className="page__head">
        <h1>{t('account.title')}</h1>
        <p className="lead">{t('account.signedInAs', { name: info.username, role: t(`account.roles.${info.role}`, { defaultValue: info.role }) })}</p>
      </div>
      <ActionNotice ref={notice} message={message} />
      {recoveryCodes ? (
        <section className="panel" aria-labelledby="recovery-codes-title">
          <h2 id="recovery-codes-title">{t('account.recovery.title')}</h2>
          <p>{t('account.recovery.intro')}</p>
          <ul className="recovery-codes" aria-label={t('account.recovery.title')}>
            {recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ChangePassword />
      <section className="panel" aria-labelledby="totp-title">
        <h2 id="totp-title">{t('account.totp.title')}</h2>
        <p>{info.totp ? t('account.totp.on', { count: info.recoveryCodesLeft }) : t('account.totp.off')}</p>
        {!info.totp && !enrolment ? (
          <ActionButton className="button" busy={start.isPending} onClick={() => start.mutate()}>
            {info.pending ? t('account.totp.restart') : t('account.totp.start')}
          </ActionButton>
        ) : null}
        {enrolment ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              confirm.mutate(field(event, 'code'));
            }}
          >
            <p id={ids.scan}>{t('account.totp.scan')}</p>
            <p id={ids.secret}>
              {t('account.totp.secretLabel')} <span className="secret" data-secret={enrolment.secret}>{grouped(enrolment.secret)}</span>
            </p>
            <p>
              {t('account.totp.uriLabel')} <code className="secret-uri">{enrolment.uri}</code>
            </p>
            <div className="field">
              <label htmlFor={ids.code}>{t('account.totp.code')}</label>
              <input
                ref={codeField}
                id={ids.code}
                name="code"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9 ]{6,8}"
                required
                aria-describedby={`${ids.scan} ${ids.secret}`}
              />
            </div>
            <ActionButton type="submit" className="button" busy={confirm.isPending}>
              {t('account.totp.confirm')}
            </ActionButton>
          </form>
        ) : null}
      </section>
      {info.totp ? (
        <>
          <section className="panel" aria-labelledby="regenerate-title">
            <h2 id="regenerate-title">{t('account.regenerate.title')}</h2>
            <p>{t('account.regenerate.intro')}</p>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                regenerate.mutate(field(event, 'code'));
                event.currentTarget.reset();
              }}
            >
              <div className="field">
                <label htmlFor={ids.regenerateCode}>{t('account.totp.code')}</label>
                <input id={ids.regenerateCode} name="code" type="text" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,8}" required />
              </div>
              <ActionButton type="submit" className="button" busy={regenerate.isPending}>
                {t('account.regenerate.button')}
              </ActionButton>
            </form>
          </section>
          <section className="panel" aria-labelledby="disable-title">
            <h2 id="disable-title">{t('account.disable.title')}</h2>
            <p>{t('account.disable.intro')}</p>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                disable.mutate({ password: String(new FormData(event.currentTarget).get('password') ?? ''), code: field(event, 'code') });
                event.currentTarget.reset();
              }}
            >
              <div className="field">
                <label htmlFor={ids.disablePassword}>{t('account.disable.password')}</label>
                <input id={ids.disablePassword} name="password" type="password" autoComplete="current-password" required />
              </div>
              <div className="field">
                <label htmlFor={ids.disableCode}>{t('account.totp.code')}</label>
                <input id={ids.disableCode} name="code" type="text" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,8}" required />
              </div>
              <ActionButton type="submit" className="button button--secondary" busy={disable.isPending}>
                {t('account.disable.button')}
              </ActionButton>
            </form>
          </section>
        </>
      ) : null}
    </div>
  );
}

/**
 * A new password for one's own account: the current one, the new one twice (checked alike and long enough before
 * sending). What happens is said beside the form, not at the top of the page: a refusal (wrong current password, a
 * lock-out after too many, the policy) with the fields kept to mend, success with the fields cleared. The server ends
 * the account's other sessions; this one goes on.
 */
function ChangePassword() {
  const { t } = useTranslation();
  const ids = { title: useId(), intro: useId(), current: useId(), next: useId(), repeat: useId() };
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  const focusLater = useFocusLater();
  // A refusal is read out where the keyboard is (the fields are kept to mend); success takes it to the notice.
  const say = (text: string, error: boolean) => {
    setMessage({ text, error });
    if (!error) focusLater(() => notice.current);
  };
  const change = useMutation({
    mutationFn: (input: { current: string; next: string; form: HTMLFormElement }) =>
      changePassword(input.current, input.next),
    onMutate: () => setMessage(null),
    onSuccess: (_, input) => {
      input.form.reset();
      say(t('account.password.done'), false);
    },
    onError: (error) =>
      say(
        error instanceof ApiError && error.code === 'WRONG_CODE'
          ? t('account.password.wrongCurrent')
          : error instanceof ApiError && error.code === 'RATE_LIMITED'
            ? t('account.password.tooMany')
            : t('account.failed', { message: errorText(error, t) }),
        true,
      ),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const current = String(data.get('current') ?? '');
    const next = String(data.get('next') ?? '');
    if (next !== String(data.get('repeat') ?? '')) return say(t('account.password.mismatch'), true);
    if (next.length < MIN_PASSWORD_LENGTH)
      return say(t('account.password.tooShort', { min: MIN_PASSWORD_LENGTH }), true);
    change.mutate({ current, next, form });
  };
  return (
    <section className="panel" aria-labelledby={ids.title} data-testid="change-password">
      <h2 id={ids.title}>{t('account.password.title')}</h2>
      <p id={ids.intro}>{t('account.password.intro', { min: MIN_PASSWORD_LENGTH })}</p>
      <form onSubmit={onSubmit} aria-describedby={ids.intro}>
        <div className="field">
          <label htmlFor={ids.current}>{t('account.password.current')}</label>
          <input
            id={ids.current}
            name="current"
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.next}>{t('account.password.new')}</label>
          <input id={ids.next} name="next" type="password" autoComplete="new-password" required maxLength={1024} />
        </div>
        <div className="field">
          <label htmlFor={ids.repeat}>{t('account.password.repeat')}</label>
          <input id={ids.repeat} name="repeat" type="password" autoComplete="new-password" required maxLength={1024} />
        </div>
        <ActionButton type="submit" className="button" busy={change.isPending}>
          {t('account.password.button')}
        </ActionButton>
      </form>
      <ActionNotice ref={notice} message={message} />
    </section>
  );
}
