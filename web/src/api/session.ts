import { ApiError, api, setCsrfToken } from './client.js';

/** What the UI knows about the session: whether sign-in exists on this server, and who is signed in. */
export interface SessionState {
  /** False while the server has no sign-in route yet (every request is admitted). */
  authEnabled: boolean;
  user: { username: string; role?: string } | null;
}

/** Pulls the CSRF token out of a session answer, whatever name the server gives it. */
function csrfFrom(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const record = body as Record<string, unknown>;
  for (const name of ['csrfToken', 'csrf', 'token']) {
    const value = record[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  if (record.session && typeof record.session === 'object') return csrfFrom(record.session);
  return null;
}

function userFrom(body: unknown, fallback: string | null): SessionState['user'] {
  const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const user = (record.user && typeof record.user === 'object' ? record.user : record) as Record<string, unknown>;
  const username = typeof user.username === 'string' ? user.username : fallback;
  if (!username) return null;
  return { username, role: typeof user.role === 'string' ? user.role : undefined };
}

/**
 * Asks the server who is signed in. 200 → signed in (and the CSRF token, if the server hands it out again);
 * 401 → sign-in exists and is needed; 404 → this server has no sessions yet.
 */
export async function probeSession(): Promise<SessionState | 'signed-out'> {
  try {
    const body = await api<unknown>('/api/v1/session', { quietUnauthorized: true });
    const token = csrfFrom(body);
    if (token) setCsrfToken(token);
    return { authEnabled: true, user: userFrom(body, null) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return 'signed-out';
    // 404 (no sign-in route yet) or 405 (sign-in is POST only): carry on; a 401 later still shows the sign-in page.
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) return { authEnabled: false, user: null };
    throw error;
  }
}

/**
 * `signIn('anna', '…')` → the signed-in user; the CSRF token is kept in memory for later requests. An account with
 * two-factor sign-in answers 401 TOTP_REQUIRED until `secondFactor` carries a `totp` or `recoveryCode`.
 */
export async function signIn(username: string, password: string, secondFactor: { totp?: string; recoveryCode?: string } = {}): Promise<SessionState> {
  const body = await api<unknown>('/api/v1/session', { method: 'POST', body: { username, password, ...secondFactor }, quietUnauthorized: true });
  setCsrfToken(csrfFrom(body));
  return { authEnabled: true, user: userFrom(body, username) };
}

export async function signOut(): Promise<void> {
  try {
    await api<unknown>('/api/v1/session', { method: 'DELETE', quietUnauthorized: true });
  } finally {
    setCsrfToken(null);
  }
}
