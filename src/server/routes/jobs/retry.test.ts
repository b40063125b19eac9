import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createHarness, type Harness } from '../../../../test/security/harness.js';
import { claimJob, enqueueJob, failJob, getJob } from '../../../jobs/index.js';

/** `POST /api/v1/jobs/retry`: the failed jobs named, or all of them when none is named. */
describe('retrying failed jobs', () => {
  let h: Harness;
  let editor: Agent;
  beforeAll(async () => {
    h = await createHarness('sqlite');
    editor = await h.signIn('editor');
  });
  afterAll(async () => h?.close());

  /** A job of `kind` that ran once and failed for good. */
  async function failedJob(kind: string): Promise<string> {
    const db = h.t.workspace.db;
    const { id } = await enqueueJob(db, kind, {}, { maxAttempts: 1 });
    await claimJob(db, 'worker', { kinds: [kind] });
    await failJob(db, id, 'worker', `${kind}.pdf: file could not be read`);
    return id;
  }

  it('refuses a misspelt field rather than retrying every failed job, and retries only the jobs named', async () => {
    const named = await failedJob('named');
    const other = await failedJob('other');
    for (const [body, field] of [
      [{ id: [named] }, 'id'],
      [{ all: false }, 'all'],
      [{ ids: [named], idz: [other] }, 'idz'],
    ] as const) {
      const res = await h.call('POST', '/api/v1/jobs/retry', editor, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toEqual({ code: 'VALIDATION', message: `body has an unknown field "${field}"` });
    }
    const statusOf = async (id: string) => (await getJob(h.t.workspace.db, id)).status;
    expect([await statusOf(named), await statusOf(other)]).toEqual(['failed', 'failed']);
    const res = await h.call('POST', '/api/v1/jobs/retry', editor, { ids: [named] });
    expect(res.json()).toEqual({ retried: 1 });
    expect([await statusOf(named), await statusOf(other)]).toEqual(['queued', 'failed']);
  });
});
