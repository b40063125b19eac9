import type { Kysely } from 'kysely';
import { type Audience, getUser, WORKSPACE_OWNER } from '../auth/index.js';
import type { Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';

/**
 * Whom a CLI export or statistic is for: `--as USERNAME` → that account under the policy (as if signed in);
 * `--public` → only what the public list may publish; neither → the workspace owner (an admin: everything).
 * An unknown or disabled account is a one-line error with exit code 1 (DESIGN §7); both options, a usage error.
 */
export async function resolveAudience(
  db: Kysely<Database>,
  options: { as?: string; public?: boolean },
): Promise<Audience> {
  if (options.as !== undefined && options.public)
    throw new ChronicleError('USAGE', '--as and --public exclude each other');
  if (options.public) return { public: true };
  if (options.as === undefined) return WORKSPACE_OWNER;
  const user = await getUser(db, options.as).catch((error: unknown) => {
    if (error instanceof ChronicleError) throw new ChronicleError('NOT_FOUND', `no user ${options.as}`);
    throw error;
  });
  if (user.disabled) throw new ChronicleError('NOT_FOUND', `user ${user.username} is disabled`);
  return { id: user.id, role: user.role };
}
