import { api } from './client.js';

/** An account as administrators see it (`/api/v1/users`): never a password or a secret. */
export interface UserAccount {
  username: string;
  role: string;
  disabled: boolean;
  totp: boolean;
  lockedUntil: string | null;
}

const userPath = (username: string) => `/api/v1/users/${encodeURIComponent(username)}`;

/**
 * An administrator's reset: a generated password, answered this once, which also lifts a lock-out and ends the
 * account's sessions. `resetPassword('anna')` → `{ user: {…}, password: 'x7Kq…' }`.
 */
export const resetPassword = (username: string) =>
  api<{ user: UserAccount; password: string | null }>(`${userPath(username)}/password`, { method: 'POST', body: {} });

/** Lifts a lock-out after failed sign-ins; the password and the account's sessions stay as they are. */
export const unlockAccount = (username: string) => api<UserAccount>(`${userPath(username)}/unlock`, { method: 'POST' });
