import { api } from './client.js';

/** The signed-in user's own account (`/api/v1/account`): the only account these calls can touch. */
export interface AccountInfo {
  username: string;
  role: string;
  totp: boolean;
  pending: boolean;
  recoveryCodesLeft: number;
}

export const getAccount = (signal?: AbortSignal) => api<AccountInfo>('/api/v1/account', { signal });

/** Step 1: a new secret and its otpauth:// URI; sign-in does not ask for a code until it is confirmed. */
export const startEnrolment = () => api<{ secret: string; uri: string }>('/api/v1/account/totp', { method: 'POST', body: {} });

/** Step 2: a code from the app turns two-factor sign-in on; the recovery codes come back this once. */
export const confirmEnrolment = (code: string) =>
  api<{ recoveryCodes: string[] }>('/api/v1/account/totp/confirm', { method: 'POST', body: { code } });

export const disableTotp = (password: string, code: string) =>
  api<null>('/api/v1/account/totp/disable', { method: 'POST', body: { password, code } });

export const regenerateRecoveryCodes = (code: string) =>
  api<{ recoveryCodes: string[] }>('/api/v1/account/totp/recovery-codes', { method: 'POST', body: { code } });

/** A new password for the signed-in account, the current one proving its owner; its other sessions end. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  api<null>('/api/v1/account/password', { method: 'POST', body: { currentPassword, newPassword } });
