import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { stageUfaReport } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createGroup, createHarness, type Harness, PASSWORD } from '../../../../test/security/harness.js';
import { createUser } from '../../../auth/index.js';

const dialects = await testDialects();
const FORMATS = ['json', 'csv', 'ftm', 'geojson', 'ics'] as const;

/** The text of an export: the ZIP of CSV files unpacked and joined, anything else as it came. */
function textOf(format: string, body: Buffer): string {
  if (format !== 'csv') return body.toString('utf8');
  return Object.values(unzipSync(new Uint8Array(body)))
    .map((bytes) => Buffer.from(bytes).toString('utf8'))
    .join('\n');
}

describe.each(dialects)('GET /api/v1/export on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let editor: Agent;
  let member: Agent;
  let admin: Agent;
  let personId: string;
  const get = (url: string, agent: Agent) => h.app.inject({ method: 'GET', url, headers: { cookie: agent.cookie } });

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    editor = await h.signIn('editor');
    admin = await h.signIn('admin');
    const { db } = h.t.workspace;
    const { user } = await createUser(db, null, { username: 'member-editor', role: 'editor', password: PASSWORD });
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'member-editor', password: PASSWORD },
    });
    member = { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: '', userId: user.id };
    ({ personId } = await stageUfaReport(h.t.workspace, { accept: true }));
    // Иван Петров is restricted to the lawyers' group: the member sees him, the other editor must not.
    const group = await createGroup(h.t, 'lawyers', [user.id]);
    await db.updateTable('persons').set({ confidentiality: 'restricted' }).execute();
    await db
      .insertInto('record_groups')
      .values({ record_table: 'persons', record_id: personId, group_id: group })
      .execute();
  });
  afterAll(async () => h?.close());

  it('answers every format as an attachment of the right type, and refuses a bad or missing format', async () => {
    const types = {
      json: 'application/json',
      csv: 'application/zip',
      ftm: 'application/x-ndjson',
      geojson: 'application/geo+json',
      ics: 'text/calendar',
    };
    for (const format of FORMATS) {
      const res = await get(`/api/v1/export?format=${format}`, editor);
      expect(res.statusCode, format).toBe(200);
      expect(String(res.headers['content-type'])).toContain(types[format]);
      expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="chronicle-[\w.-]+"$/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    for (const bad of ['?format=xml', '?format=', '', '?format=json&format=csv']) {
      const res = await get(`/api/v1/export${bad}`, editor);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    // Bulk export is an editor's action: a viewer gets the guard's not-found.
    expect((await get('/api/v1/export?format=json', viewer)).statusCode).toBe(404);
  });

  it('leaves a restricted person out of every format for an editor outside the group, with their names', async () => {
    for (const format of FORMATS) {
      const res = await get(`/api/v1/export?format=${format}`, editor);
      const text = textOf(format, res.rawPayload);
      expect(text, format).not.toContain(personId);
      expect(text, format).not.toContain('Иван Петров');
    }
    const csv = unzipSync(new Uint8Array((await get('/api/v1/export?format=csv', editor)).rawPayload));
    const events = parse(Buffer.from(csv['events.csv']!).toString('utf8'), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(events.find((e) => e.type === 'detention')).toMatchObject({ persons: '', place: 'Уфа' });
  });

  it('gives the group member the person, and audits each restricted record the export let out', async () => {
    const { db } = h.t.workspace;
    for (const format of ['json', 'csv', 'ftm', 'geojson'] as const) {
      const before = await db
        .selectFrom('audit_log')
        .select('seq')
        .where('user_id', '=', member.userId)
        .where('action', '=', 'record.read')
        .execute();
      const res = await get(`/api/v1/export?format=${format}`, member);
      expect(textOf(format, res.rawPayload), format).toContain('Иван Петров');
      const entries = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('user_id', '=', member.userId)
        .where('action', '=', 'record.read')
        .orderBy('seq')
        .execute();
      expect(entries.length, format).toBeGreaterThan(before.length);
      expect(entries.at(-1)).toMatchObject({
        target: `persons/${personId}`,
        after: JSON.stringify({ part: `export:${format}` }),
      });
    }
    // The admin sees everything; an editor outside the group read nothing restricted, so nothing is logged for them.
    expect(textOf('json', (await get('/api/v1/export?format=json', admin)).rawPayload)).toContain('Иван Петров');
    const editorReads = await db
      .selectFrom('audit_log')
      .select('seq')
      .where('user_id', '=', editor.userId)
      .where('action', '=', 'record.read')
      .execute();
    expect(editorReads).toEqual([]);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json', viewer)).json();
    expect(doc.paths['/api/v1/export'].get.parameters).toContainEqual(
      expect.objectContaining({ name: 'format', in: 'query', required: true }),
    );
  });
});
