import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Sessions: a random 256-bit token lives only in the browser's cookie; the database keeps its SHA-256, so a
 * stolen database (or backup) holds no usable session. Each session carries its own CSRF token. A session ends
 * after IDLE_MS without use, at ABSOLUTE_MS after sign-in, or when revoked (sign-out, password or role change,
 * account disabled).
 */
export const SESSION_COOKIE = 'chronicle_session';
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most this often, so reads do not turn into a write per request. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionUser {
  id: string;
  username: string;
  role: string;
}

export interface ActiveSession {
  /** The stored (hashed) id. */
  id: string;
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
}

export interface SessionTimeouts {
  idleMs?: number;
  absoluteMs?: number;
}

/** `hashToken('abc')` → SHA-256 hex; the only form in which a session token is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Opens a session for a user; returns the cookie token (shown once, never stored) and the CSRF token. */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  now: Date = new Date(),
  timeouts: SessionTimeouts = {},
): Promise<{ token: string; csrfToken: string; id: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const id = hashToken(token);
  const expiresAt = new Date(now.getTime() + (timeouts.absoluteMs ?? SESSION_ABSOLUTE_MS)).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { token, csrfToken, id, expiresAt };
}

/** The live session behind a cookie token, or null when it is unknown, revoked, idle too long, expired or its user disabled. */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  now: Date = new Date(),
  timeouts: SessionTimeouts = {},
): Promise<ActiveSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.revoked_at',
      'users.id as user_id',
      'users.username',
      'users.role',
      'users.disabled',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled === 1) return null;
  const t = now.getTime();
  if (Date.parse(row.expires_at) <= t) return null;
  if (Date.parse(row.last_seen_at) + (timeouts.idleMs ?? SESSION_IDLE_MS) <= t) return null;
  if (t - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  return {
    id: row.id,
    user: { id: row.user_id, username: row.username, role: row.role },
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
}

/** Ends one session (sign-out). */
export async function revokeSession(db: Kysely<Database>, sessionId: string, now: Date = new Date()): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every session of a user: after a password reset, role change or disabling, old cookies stop working. */
export async function revokeUserSessions(db: Kysely<Database>, userId: string, now: Date = new Date()): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(session: ActiveSession, header: unknown): boolean {
  if (typeof header !== 'string' || header.length === 0) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `Set-Cookie` value for a new session: HttpOnly, SameSite=Strict, Path=/, Secure over TLS. */
export function sessionCookie(token: string, options: { secure: boolean; maxAgeMs?: number }): string {
  const maxAge = Math.floor((options.maxAgeMs ?? SESSION_ABSOLUTE_MS) / 1000);
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${options.secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(options: { secure: boolean }): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${options.secure ? '; Secure' : ''}`;
}

/** The session token from a Cookie header: `readSessionCookie('a=1; chronicle_session=xyz')` → 'xyz'. */
export function readSessionCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
