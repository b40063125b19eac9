import { type Kysely, sql } from 'kysely';
import { dialectTypes } from './dialect-types.js';

/**
 * Issue 6: the audit log becomes append-only inside the database, and its head is anchored.
 *
 * - UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit_log are refused by triggers, so no code path — nor an
 *   operator at the SQL prompt without first dropping a trigger — can rewrite history.
 * - audit_anchor holds the seq and hash of the newest entry, advanced by a trigger on every insert and refusing
 *   any change that does not move it forward by exactly one. The chain alone cannot reveal a cut tail (removing
 *   the newest entries leaves a valid shorter chain); the anchor can.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = dialectTypes(db);
  await db.schema
    .createTable('audit_anchor')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO audit_anchor (id, seq, hash) SELECT 1, seq, hash FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)`.execute(
    db,
  );
  await db.schema.createIndex('sessions_user').ifNotExists().on('sessions').column('user_id').execute();
  await db.schema
    .createIndex('record_groups_group')
    .ifNotExists()
    .on('record_groups')
    .columns(['group_id', 'record_table'])
    .execute();

  if (t.postgres) {
    await sql`CREATE OR REPLACE FUNCTION chronicle_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION chronicle_audit_append_only()`.execute(
      db,
    );
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION chronicle_audit_append_only()`.execute(
      db,
    );
    await sql`CREATE OR REPLACE FUNCTION chronicle_audit_advance_anchor() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE audit_anchor SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
        IF NOT FOUND THEN INSERT INTO audit_anchor (id, seq, hash) VALUES (1, NEW.seq, NEW.hash); END IF;
        RETURN NEW;
      END $$`.execute(db);
    await sql`CREATE TRIGGER audit_log_anchor AFTER INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION chronicle_audit_advance_anchor()`.execute(
      db,
    );
    await sql`CREATE OR REPLACE FUNCTION chronicle_audit_anchor_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NEW.seq <> OLD.seq + 1 THEN RAISE EXCEPTION 'audit_anchor only moves forward'; END IF;
        RETURN NEW;
      END $$`.execute(db);
    await sql`CREATE TRIGGER audit_anchor_forward BEFORE UPDATE OR DELETE ON audit_anchor FOR EACH ROW EXECUTE FUNCTION chronicle_audit_anchor_forward()`.execute(
      db,
    );
    return;
  }
  await sql`CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER IF NOT EXISTS audit_log_anchor AFTER INSERT ON audit_log BEGIN
      UPDATE audit_anchor SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
      INSERT INTO audit_anchor (id, seq, hash) SELECT 1, NEW.seq, NEW.hash WHERE NOT EXISTS (SELECT 1 FROM audit_anchor WHERE id = 1);
    END`.execute(db);
  await sql`CREATE TRIGGER IF NOT EXISTS audit_anchor_forward BEFORE UPDATE ON audit_anchor WHEN NEW.seq <> OLD.seq + 1 BEGIN SELECT RAISE(ABORT, 'audit_anchor only moves forward'); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER IF NOT EXISTS audit_anchor_no_delete BEFORE DELETE ON audit_anchor BEGIN SELECT RAISE(ABORT, 'audit_anchor only moves forward'); END`.execute(
    db,
  );
}
