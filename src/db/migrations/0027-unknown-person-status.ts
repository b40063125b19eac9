import { type Kysely, sql } from 'kysely';

/**
 * A person no event and no manual status says anything of has no status (src/record/status.ts's `deriveStatus`),
 * where it was stored as 'at_liberty' and shown as "at liberty" on the person page. No event type derives
 * 'at_liberty', so a stored one without an override only ever meant "nothing known". Running it twice changes
 * nothing more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const changed =
    await sql`UPDATE persons SET status = NULL WHERE status = 'at_liberty' AND status_override IS NULL`.execute(db);
  if (Number(changed.numAffectedRows ?? 0) === 0) return;
  // Figures kept for the current record generation (src/record/generation-cache.ts), such as the people table's
  // status facet, counted them as at liberty: moving the generation on makes every server count again.
  await sql`UPDATE record_generation SET generation = generation + 1 WHERE id = 1`.execute(db);
}
