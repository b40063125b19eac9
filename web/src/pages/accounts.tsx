import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getAccount } from '../api/account.js';
import { api } from '../api/client.js';
import { invalidateRecord } from '../api/record-queries.js';
import { resetPassword, unlockAccount, type UserAccount } from '../api/users.js';
import { ActionButton } from '../components/action-button.js';
import { AskedQuestion, useAskOnceMore } from '../components/ask-once-more.js';
import { ActionError, EmptyState, ErrorState, Loading } from '../components/states.js';
import { useFormat } from '../format.js';

interface AccessGroup {
  id: string;
  name: string;
  /** Usernames; the page is for admins, who are given them. */
  members: string[] | null;
  records: number;
}

type Account = UserAccount;

const ROLES = ['viewer', 'reviewer', 'editor', 'admin'] as const;

/**
 * Accounts and access groups for administrators (`chronicle user` and `chronicle group` in the browser): make an
 * account, change its role, disable it, lift a lock-out, reset its password; make a group, put accounts in it and take
 * them out. Who is in a group decides who reads the restricted records given to it (editors give records to groups on
 * the records' pages).
 */
export function AccountsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const titleId = useId();
  const groups = useQuery({
    queryKey: ['groups'],
    queryFn: ({ signal }) => api<{ items: AccessGroup[] }>('/api/v1/groups', { signal }).then((r) => r.items),
  });
  const accounts = useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => api<{ items: Account[] }>('/api/v1/users', { signal }).then((r) => r.items),
  });
  const changed = async () => {
    await queryClient.invalidateQueries({ queryKey: ['groups'] });
    // Who reads what has changed: every list, count and page of the record may show more or less.
    await invalidateRecord(queryClient);
  };
  const make = useMutation({
    mutationFn: (name: string) => api<AccessGroup>('/api/v1/groups', { method: 'POST', body: { name } }),
    onSuccess: changed,
  });
  return (
    <div className="page">
      <div className="page__head">
        <h1>{t('groups.title')}</h1>
        <p className="lead">{t('groups.intro')}</p>
      </div>
      <Accounts accounts={accounts.data ?? null} />
      <h2>{t('groups.groupsTitle')}</h2>
      <section className="panel" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('groups.new')}</h2>
        <GroupNameForm
          label={t('groups.name')}
          submit={t('groups.make')}
          busy={make.isPending}
          primary
          onName={(name, form) => make.mutate(name, { onSuccess: () => form.reset() })}
        />
        <ActionError error={make.error} />
      </section>
      {groups.isPending ? <Loading /> : null}
      {groups.isError ? <ErrorState error={groups.error} onRetry={() => void groups.refetch()} /> : null}
      {groups.data && groups.data.length === 0 ? <EmptyState title={t('groups.none')} /> : null}
      {(groups.data ?? []).map((group) => (
        <GroupPanel key={group.id} group={group} accounts={accounts.data ?? []} onChanged={changed} />
      ))}
    </div>
  );
}

/**
 * A group's name typed and sent, trimmed, to make a group or to rename one (`name`, the name it starts from). `onName`
 * is given the form too: making a group clears it once the group is made.
 */
function GroupNameForm({
  label,
  submit,
  name,
  busy,
  primary = false,
  onName,
}: {
  label: string;
  submit: string;
  name?: string;
  busy: boolean;
  primary?: boolean;
  onName: (name: string, form: HTMLFormElement) => void;
}) {
  const id = useId();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const typed = String(new FormData(form).get('name') ?? '').trim();
    if (typed !== '') onName(typed, form);
  };
  return (
    <form className="filters" onSubmit={onSubmit}>
      <div className="field field--grow">
        <label htmlFor={id}>{label}</label>
        <input id={id} name="name" type="text" required maxLength={100} defaultValue={name} />
      </div>
      <div className="filters__actions">
        <ActionButton type="submit" className={primary ? 'button' : 'button button--secondary'} busy={busy}>
          {submit}
        </ActionButton>
      </div>
    </form>
  );
}

/** One group: how many records it reads, its members (each to take out), and an account to put in. */
function GroupPanel({
  group,
  accounts,
  onChanged,
}: {
  group: AccessGroup;
  accounts: Account[];
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const pickId = useId();
  const members = group.members ?? [];
  const membership = useMutation({
    mutationFn: ({ username, member }: { username: string; member: boolean }) =>
      api<AccessGroup>(`/api/v1/groups/${encodeURIComponent(group.id)}/members/${encodeURIComponent(username)}`, {
        method: member ? 'PUT' : 'DELETE',
      }),
    onSuccess: onChanged,
  });
  const rename = useMutation({
    mutationFn: (name: string) =>
      api<AccessGroup>(`/api/v1/groups/${encodeURIComponent(group.id)}`, { method: 'PATCH', body: { name } }),
    onSuccess: onChanged,
  });
  const remove = useMutation({
    mutationFn: () => api<AccessGroup>(`/api/v1/groups/${encodeURIComponent(group.id)}`, { method: 'DELETE' }),
    onSuccess: onChanged,
  });
  const outside = accounts.filter((a) => !members.includes(a.username) && !a.disabled);
  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const username = String(new FormData(event.currentTarget).get('username') ?? '');
    if (username !== '') membership.mutate({ username, member: true });
  };
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="group">
      <div className="section-head">
        <h2 id={headingId}>{group.name}</h2>
        <span className="muted">{t('groups.records', { count: group.records, formatted: format.number(group.records) })}</span>
      </div>
      {members.length === 0 ? (
        <p className="muted">{t('groups.noMembers')}</p>
      ) : (
        <ul className="related">
          {members.map((username) => (
            <li key={username}>
              {username}{' '}
              <ActionButton
                className="button button--secondary button--small"
                busy={membership.isPending}
                onClick={() => membership.mutate({ username, member: false })}
                aria-label={t('groups.takeOutOf', { name: username, group: group.name })}
              >
                {t('groups.takeOut')}
              </ActionButton>
            </li>
          ))}
        </ul>
      )}
      {outside.length > 0 ? (
        <form className="filters" onSubmit={onAdd}>
          <div className="field">
            <label htmlFor={pickId}>{t('groups.account')}</label>
            <select id={pickId} name="username">
              {outside.map((a) => (
                <option key={a.username} value={a.username}>
                  {a.username} ({t(`groups.roles.${a.role}`, { defaultValue: a.role })})
                </option>
              ))}
            </select>
          </div>
          <div className="filters__actions">
            <ActionButton type="submit" className="button button--secondary" busy={membership.isPending}>
              {t('groups.putIn')}
            </ActionButton>
          </div>
        </form>
      ) : null}
      <ActionError error={membership.error} />
      <GroupNameForm
        label={t('groups.newName')}
        submit={t('groups.rename')}
        name={group.name}
        busy={rename.isPending}
        onName={(name) => {
          if (name !== group.name) rename.mutate(name);
        }}
      />
      <ActionError error={rename.error} />
      {group.records === 0 ? (
        <p>
          <ActionButton
            className="button button--secondary button--small"
            busy={remove.isPending}
            onClick={() => remove.mutate()}
            aria-label={t('groups.deleteOf', { group: group.name })}
          >
            {t('groups.delete')}
          </ActionButton>
        </p>
      ) : null}
      <ActionError error={remove.error} />
    </section>
  );
}

/**
 * The accounts: each with its role (to change), whether it may sign in (to disable or enable), a lock-out after failed
 * sign-ins (to lift) and its password (to reset, once asked again); a new one.
 */
function Accounts({ accounts }: { accounts: Account[] | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const ids = { title: useId(), username: useId(), role: useId() };
  const [made, setMade] = useState<{ username: string; password: string | null } | null>(null);
  const changed = () => queryClient.invalidateQueries({ queryKey: ['users'] });
  // An admin's own account is not changed here: one slip of a select would end their own sessions or rights.
  const me = useQuery({ queryKey: ['account'], queryFn: ({ signal }) => getAccount(signal) });
  const create = useMutation({
    mutationFn: (body: { username: string; role: string }) =>
      api<{ user: Account; password: string | null }>('/api/v1/users', { method: 'POST', body }),
    onSuccess: async (result) => {
      setMade({ username: result.user.username, password: result.password });
      await changed();
    },
  });
  const change = useMutation({
    mutationFn: ({ username, ...body }: { username: string; role?: string; disabled?: boolean }) =>
      api<Account>(`/api/v1/users/${encodeURIComponent(username)}`, { method: 'PATCH', body }),
    onSuccess: changed,
  });
  const unlock = useMutation({ mutationFn: unlockAccount, onSuccess: changed });
  const [reset, setReset] = useState<{ username: string; password: string | null } | null>(null);
  const onCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setMade(null);
    create.mutate(
      { username: String(data.get('username') ?? '').trim(), role: String(data.get('role') ?? 'viewer') },
      { onSuccess: () => form.reset() },
    );
  };
  return (
    <section className="panel" aria-labelledby={ids.title} data-testid="accounts">
      <h2 id={ids.title}>{t('groups.accounts')}</h2>
      {accounts ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('groups.account')}</th>
                <th scope="col">{t('groups.role')}</th>
                <th scope="col">{t('groups.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('groups.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr key={account.username}>
                  <td>{account.username}</td>
                  <td>
                    {account.username === me.data?.username || !me.data ? (
                      t(`groups.roles.${account.role}`, { defaultValue: account.role })
                    ) : (
                      <select
                        aria-label={t('groups.roleOf', { name: account.username })}
                        value={account.role}
                        onChange={(e) => change.mutate({ username: account.username, role: e.target.value })}
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`groups.roles.${role}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                  <td>
                    {[
                      account.disabled ? t('groups.disabled') : t('groups.active'),
                      account.totp ? t('groups.twoFactor') : null,
                      isLocked(account)
                        ? t('groups.lockedUntil', { when: format.dateTime(account.lockedUntil) })
                        : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td>
                    {account.username === me.data?.username || !me.data ? (
                      <span className="muted">{me.data ? t('groups.you') : null}</span>
                    ) : (
                      <div>
                        <ActionButton
                          className="button button--secondary button--small"
                          busy={change.isPending}
                          onClick={() => change.mutate({ username: account.username, disabled: !account.disabled })}
                          aria-label={t(account.disabled ? 'groups.enableOf' : 'groups.disableOf', {
                            name: account.username,
                          })}
                        >
                          {t(account.disabled ? 'groups.enable' : 'groups.disable')}
                        </ActionButton>{' '}
                        {isLocked(account) ? (
                          <>
                            <ActionButton
                              className="button button--secondary button--small"
                              busy={unlock.isPending}
                              onClick={() => unlock.mutate(account.username)}
                              aria-label={t('groups.unlockOf', { name: account.username })}
                            >
                              {t('groups.unlock')}
                            </ActionButton>{' '}
                          </>
                        ) : null}
                        <ResetPassword
                          username={account.username}
                          onReset={async (password) => {
                            setReset({ username: account.username, password });
                            await changed();
                          }}
                        />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Loading />
      )}
      <ActionError error={change.error} />
      <ActionError error={unlock.error} />
      {reset?.password ? (
        <div className="notice" role="status" data-testid="reset-password">
          <p>
            {t('groups.resetDone', { name: reset.username })} <code>{reset.password}</code>
          </p>
          <p>{t('groups.copyHint')}</p>
        </div>
      ) : null}
      <h3>{t('groups.newAccount')}</h3>
      <form className="filters" onSubmit={onCreate}>
        <div className="field field--grow">
          <label htmlFor={ids.username}>{t('groups.username')}</label>
          <input id={ids.username} name="username" type="text" required maxLength={64} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{t('groups.role')}</label>
          <select id={ids.role} name="role" defaultValue="viewer">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`groups.roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__actions">
          <ActionButton type="submit" className="button" busy={create.isPending}>
            {t('groups.makeAccount')}
          </ActionButton>
        </div>
      </form>
      <ActionError error={create.error} />
      {made?.password ? (
        <p className="notice" role="status" data-testid="new-password">
          {t('groups.password', { name: made.username })} <code>{made.password}</code>
        </p>
      ) : null}
    </section>
  );
}

/** Locked out by failed sign-ins, and the lock not yet passed: `lockedUntil` is a string then. */
function isLocked(account: Account): account is Account & { lockedUntil: string } {
  return account.lockedUntil !== null && Date.parse(account.lockedUntil) > Date.now();
}

/**
 * Resetting a password signs its owner out everywhere and replaces what they know, so the button asks once more,
 * saying so. The keyboard follows: to the question when it is asked, back to the button when it is cancelled (Escape
 * too). The new password goes to `onReset`, which shows it once.
 */
function ResetPassword({
  username,
  onReset,
}: {
  username: string;
  onReset: (password: string | null) => Promise<void>;
}) {
  const { t } = useTranslation();
  const asked = useAskOnceMore();
  const reset = useMutation({
    mutationFn: () => resetPassword(username),
    onSuccess: async (result) => {
      asked.ask(false);
      await onReset(result.password);
    },
  });
  if (!asked.asking)
    return (
      <button
        ref={asked.opener}
        type="button"
        className="button button--secondary button--small"
        onClick={() => asked.ask(true)}
        aria-label={t('groups.resetPasswordOf', { name: username })}
      >
        {t('groups.resetPassword')}
      </button>
    );
  return (
    <AskedQuestion
      asked={asked}
      label={t('groups.resetPasswordOf', { name: username })}
      question={t('groups.resetConfirm', { name: username })}
      cancel={t('groups.cancel')}
      footer={<ActionError error={reset.error} />}
    >
      <ActionButton className="button button--danger button--small" busy={reset.isPending} onClick={() => reset.mutate()}>
        {t('groups.resetYes')}
      </ActionButton>
    </AskedQuestion>
  );
}
