import type { Kysely } from 'kysely';
import { ensureInitialAdmin } from '../auth/index.js';
import type { Database } from '../db/schema.js';

/**
 * First start of `chronicle serve` on an empty users table: creates `admin` and prints its password once, to
 * stderr (never stdout, which may be logged or piped), unless CHRONICLE_ADMIN_PASSWORD supplied it.
 */
export async function createFirstAdmin(db: Kysely<Database>): Promise<void> {
  const admin = await ensureInitialAdmin(db);
  if (!admin) return;
  if (admin.generated) {
    process.stderr.write(
      `Created the first account: admin / ${admin.password}\nThis password is shown once: sign in and change it (chronicle user reset-password admin).\n`,
    );
  } else {
    process.stderr.write('Created the first account: admin, with the password from CHRONICLE_ADMIN_PASSWORD.\n');
  }
}
