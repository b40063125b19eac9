import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/db/connection.js';
import { CLI, runCli } from '../helpers/cli.js';
import { createPostgresDatabase, postgresReachable } from '../helpers/workspaces.js';

const DOCUMENTS = 1000;
const reachable = await postgresReachable();

function startWorker(url: string): ChildProcess {
  const child = spawn(process.execPath, [CLI, 'worker', '--once', '--lease', '2'], {
    env: { ...process.env, DATABASE_URL: url, CHRONICLE_KEY: 'workers-test' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.resume();
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });

describe.runIf(reachable)('workers on PostgreSQL', () => {
  let root: string;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'chronicle-workers-'));
    mkdirSync(join(root, 'batch'));
    for (let i = 0; i < DOCUMENTS; i++) {
      writeFileSync(
        join(root, 'batch', `doc-${i}.txt`),
        `Document ${i}: a search was carried out at the home of witness ${i} in Testopol.`,
      );
    }
    database = await createPostgresDatabase();
  });
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    await database?.drop();
  });

  it('ingests every queued document exactly once with 3 workers, one of them killed half-way', async () => {
    const queued = await runCli(['ingest', '--queue', '--json', join(root, 'batch')], {
      env: { DATABASE_URL: database.url, CHRONICLE_KEY: 'workers-test' },
    });
    expect(queued.code).toBe(0);
    expect(queued.stdout.trim().split('\n')).toHaveLength(DOCUMENTS);

    const workers = [startWorker(database.url), startWorker(database.url), startWorker(database.url)];
    const workspace = await openWorkspace({ databaseUrl: database.url });
    try {
      // Kill one worker once about half the work is done.
      for (const started = Date.now(); Date.now() - started < 300_000; ) {
        const done = await workspace.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'done')
          .executeTakeFirstOrThrow();
        if (Number(done.n) >= DOCUMENTS / 2) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      workers[0]!.kill('SIGKILL');
      expect(await exited(workers[1]!)).toBe(0);
      expect(await exited(workers[2]!)).toBe(0);
      // A job the killed worker held may still be leased when the others go idle; once its 2 s lease has run
      // out, one more worker takes it over.
      await new Promise((r) => setTimeout(r, 2500));
      expect(await exited(startWorker(database.url))).toBe(0);

      const sources = await workspace.db
        .selectFrom('sources')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('sha256').distinct().as('distinct')])
        .executeTakeFirstOrThrow();
      expect(Number(sources.n)).toBe(DOCUMENTS);
      expect(Number(sources.distinct)).toBe(DOCUMENTS);
      // Every ingest job done once, and every stored source's extraction job done once too.
      const jobs = await workspace.db
        .selectFrom('jobs')
        .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['kind', 'status'])
        .orderBy('kind')
        .execute();
      expect(jobs.map((j) => [j.kind, j.status, Number(j.n)])).toEqual([
        ['extract', 'done', DOCUMENTS],
        ['ingest', 'done', DOCUMENTS],
      ]);
      const audits = await workspace.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'source.ingest')
        .executeTakeFirstOrThrow();
      expect(Number(audits.n)).toBe(DOCUMENTS);
    } finally {
      for (const w of workers) w.kill('SIGKILL');
      await workspace.close();
    }
  }, 600_000);
});
