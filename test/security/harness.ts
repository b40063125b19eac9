import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Runtime } from '../../src/app/runtime.js';
import { AddressLimiter, createUser, type Role } from '../../src/auth/index.js';
import type { Confidentiality } from '../../src/db/schema.js';
import { indexSource } from '../../src/search/index.js';
import { buildServer, type ServerOptions } from '../../src/server/app.js';
import { newId } from '../../src/shared/ids.js';
import { blobCipherFromSecret, type IngestContext } from '../../src/sources/index.js';
import { runMain } from '../helpers/cli.js';
import { insertPlainSources } from '../helpers/sources.js';
import { createTestWorkspace, type TestWorkspace } from '../helpers/workspaces.js';

/** A server over a fresh workspace, with one account per role, for the security suites. */
export interface Harness {
  t: TestWorkspace;
  runtime: Runtime;
  app: FastifyInstance;
  users: Record<Role, { id: string; username: string; password: string }>;
  signIn(role: Role): Promise<Agent>;
  /**
   * A request as `agent` (signed out when null): its session cookie, and its CSRF token on anything but a read.
   * `await h.call('POST', '/api/v1/review/decisions', reviewer, { accept: [id] })`.
   */
  call(method: HttpMethod, url: string, agent: Agent | null, payload?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Agent {
  cookie: string;
  csrf: string;
  userId: string;
}

export const PASSWORD = 'correct horse battery staple';

export function testRuntime(t: TestWorkspace, secret = 'test secret'): Runtime {
  const cipher = blobCipherFromSecret(secret);
  const ingestContext = (userId: string | null): IngestContext => ({ workspace: t.workspace, userId, cipher });
  return {
    workspace: t.workspace,
    cipher,
    ocr: async () => null,
    ingestContext,
    jobHandlers: async () => ({}),
    close: async () => {},
  };
}

export async function createHarness(
  dialect: 'sqlite' | 'postgres',
  serverOptions: Omit<ServerOptions, 'runtime'> = {},
): Promise<Harness> {
  const t = await createTestWorkspace(dialect);
  const runtime = testRuntime(t);
  const app = await buildServer({ ...serverOptions, runtime });
  const users = {} as Harness['users'];
  for (const role of ['admin', 'editor', 'reviewer', 'viewer'] as const) {
    const { user } = await createUser(t.workspace.db, null, { username: `${role}-user`, role, password: PASSWORD });
    users[role] = { id: user.id, username: user.username, password: PASSWORD };
  }
  return {
    t,
    runtime,
    app,
    users,
    async signIn(role) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: users[role].username, password: PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      return { cookie, csrf: (res.json() as { csrfToken: string }).csrfToken, userId: users[role].id };
    },
    call(method, url, agent, payload) {
      const headers = agent
        ? { cookie: agent.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': agent.csrf }) }
        : {};
      return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    },
    async close() {
      await app.close();
      await t.dispose();
    },
  };
}

/** Writes a source row directly (blob, source, text, search index): the security suites need exact confidentiality. */
export async function insertSource(
  t: TestWorkspace,
  input: { text: string; title?: string; confidentiality: Confidentiality; groups?: string[] },
): Promise<string> {
  const { db, dialect } = t.workspace;
  const id = newId();
  await insertPlainSources(db, [
    {
      id,
      text: input.text,
      title: input.title ?? null,
      language: 'en',
      confidentiality: input.confidentiality,
      original: Buffer.from(`${input.text}\n${id}`),
    },
  ]);
  for (const group of input.groups ?? [])
    await db.insertInto('record_groups').values({ record_table: 'sources', record_id: id, group_id: group }).execute();
  await indexSource(db, dialect, { sourceId: id, title: input.title ?? null, text: input.text, language: 'en' });
  return id;
}

export async function createGroup(t: TestWorkspace, name: string, members: string[]): Promise<string> {
  const id = newId();
  await t.workspace.db.insertInto('groups').values({ id, name }).execute();
  for (const userId of members)
    await t.workspace.db.insertInto('user_groups').values({ user_id: userId, group_id: id }).execute();
  return id;
}

/** Runs the CLI in-process with an environment, capturing what it prints. */
export const runCli = runMain;

export { AddressLimiter };
