import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRarVolumes, makeZip } from '../fixtures/documents.js';
import { CLI, runMain } from '../helpers/cli.js';
import { detentionReport, republished, VEDENEEV } from '../helpers/republished.js';
import { ingestAll } from '../helpers/sources.js';

/** What the CLI refuses, and what it says about what it leaves out: in-process, no key (a plain workspace). */
describe('chronicle ingest, search and jobs: bad input is said, nothing is left behind unsaid', () => {
  let dir: string;
  let data: string;
  let reports: string;
  const cli = (...args: string[]) => runMain(['--data', data, ...args], { CHRONICLE_KEY: undefined });
  const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l && !l.includes('warning:'));
  /** Works the ingestion jobs `ingest --queue` left in the workspace at `dataDir`, as `chronicle worker` would. */
  const workIngestJobs = async (dataDir: string) => {
    const { runWorker } = await import('../../src/jobs/index.js');
    const { openRuntime } = await import('../../src/app/runtime.js');
    const runtime = await openRuntime({ dataDir, databaseUrl: '', key: null });
    await runWorker({
      db: runtime.workspace.db,
      handlers: { ingest: (await runtime.jobHandlers(null)).ingest! },
      exitWhenIdle: true,
    });
    await runtime.close();
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-cli-input-'));
    data = join(dir, 'data');
    reports = join(dir, 'reports');
    mkdirSync(join(reports, 'older', 'march'), { recursive: true });
    writeFileSync(join(reports, 'omsk.txt'), 'В Омске задержали активистку Веру Придумкину за одиночный пикет.');
    writeFileSync(join(reports, 'empty.txt'), '');
    writeFileSync(join(reports, 'blank.txt'), '  \n\t\n');
    // A word processor's lock file beside the report it has open.
    writeFileSync(join(reports, '.~lock.omsk.docx#'), 'user,host,2025-03-14');
    writeFileSync(join(reports, 'older', 'tver.txt'), 'В Твери прошёл обыск у журналиста Павла Небывалова.');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses empty and blank files with their reason, and names the subfolders it left out', async () => {
    const result = await cli('ingest', '--no-extract', reports);
    expect(result.code).toBe(1);
    const lines = errorLines(result.stderr);
    expect(lines).toContain(
      `failed     ${join(reports, 'blank.txt')}: the file holds only blank space: nothing to store`,
    );
    expect(lines).toContain(`failed     ${join(reports, 'empty.txt')}: the file is empty (0 bytes): nothing to store`);
    expect(result.stdout).toContain('omsk.txt');
    expect(result.stdout).not.toContain('tver.txt');
    expect(lines).toContain(`left out 1 subfolder (${join(reports, 'older')}): add --recursive to ingest them too`);
    expect(lines).toContain(
      `left out 1 hidden entry (${join(reports, '.~lock.omsk.docx#')}): a name starting with a dot is a system's or an editor's; name one on the command line to ingest it`,
    );
    const recursive = await cli('ingest', '--no-extract', '--recursive', join(reports, 'older'));
    expect(recursive.code).toBe(0);
    expect(recursive.stderr).not.toContain('left out');
  });

  it("says it left out a saved page's folder of style sheets and scripts, and ingests the page", async () => {
    const saved = join(dir, 'saved');
    mkdirSync(join(saved, 'omsk-news_files'), { recursive: true });
    writeFileSync(
      join(saved, 'omsk-news.html'),
      '<html><body><p>В Омске задержали активистку после пикета.</p></body></html>',
    );
    writeFileSync(join(saved, 'omsk-news_files', 'site.css'), 'body { margin: 0 }');
    writeFileSync(join(saved, 'omsk-news_files', 'app.js'), 'window.onload = () => {};');
    const result = await cli('ingest', '--no-extract', '--recursive', saved);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('omsk-news.html');
    expect(result.stdout).not.toMatch(/site\.css|app\.js/);
    expect(errorLines(result.stderr)).toContain(
      `left out 1 folder of a saved page's pictures, style sheets and scripts (${join(saved, 'omsk-news_files')}): the page beside each is ingested; name a folder on the command line to ingest it`,
    );
  });

  it("reads Thunderbird's and Apple Mail's mailboxes as their letters and leaves out their index files, saying so", async () => {
    const thunderbird = join(dir, 'Local Folders');
    mkdirSync(thunderbird, { recursive: true });
    const letter = (subject: string, body: string) =>
      `From - Mon Mar  4 10:00:00 2024\nFrom: anna@example.org\nSubject: ${subject}\n\n${body}\n`;
    writeFileSync(
      join(thunderbird, 'Inbox'),
      `${letter('Обыск', 'В Омске прошёл обыск у Веры Придумкиной.')}\n${letter('Арест', 'Суд арестовал Веру Придумкину.')}`,
    );
    writeFileSync(join(thunderbird, 'Inbox.msf'), '// <!-- <mdb:mork:z v="1.4"/> -->\n< <(a=c)> // (f=iso-8859-1)\n');
    // An index without its mailbox is not Thunderbird's leftover to pass over: it is read as any file.
    writeFileSync(join(thunderbird, 'notes.msf'), 'Заметки о деле.');
    const result = await cli('ingest', '--no-extract', '--json', thunderbird);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { file: string; status: string });
    expect(lines.map((line) => [line.file, line.status])).toEqual([
      [join(thunderbird, 'Inbox'), 'ingested'],
      [`${join(thunderbird, 'Inbox')}!letter-1.eml`, 'ingested'],
      [`${join(thunderbird, 'Inbox')}!letter-2.eml`, 'ingested'],
      [join(thunderbird, 'notes.msf'), 'ingested'],
    ]);
    expect(errorLines(result.stderr)).toContain(
      `left out 1 mail index file (${join(thunderbird, 'Inbox.msf')}): the mailbox beside each is ingested`,
    );

    // Apple Mail exports a mailbox as a folder: its letters in `mbox`, its index in a binary `table_of_contents`.
    const apple = join(reports, 'Суд.mbox');
    mkdirSync(apple, { recursive: true });
    writeFileSync(join(apple, 'mbox'), letter('Приговор', 'Суд вынес приговор Льву Сочинённому.'));
    writeFileSync(join(apple, 'table_of_contents'), Uint8Array.of(0, 0, 0, 2, 0xff, 0xfe, 0, 1, 0x80, 0x81, 0, 0));
    writeFileSync(join(apple, 'Info.plist'), '<?xml version="1.0"?><plist version="1.0"><dict/></plist>\n');
    const exported = await cli('ingest', '--no-extract', '--json', apple);
    expect(exported.code).toBe(0);
    expect(
      exported.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).file),
    ).toEqual([join(apple, 'mbox'), `${join(apple, 'mbox')}!letter-1.eml`]);
    expect(errorLines(exported.stderr)).toContain(
      `left out 2 mail index files (${join(apple, 'Info.plist')}, ${join(apple, 'table_of_contents')}): the mailbox beside each is ingested`,
    );
  });

  it('refuses a date that does not exist and a title for many files as usage errors, storing nothing', async () => {
    const file = join(reports, 'omsk.txt');
    for (const args of [
      ['--published-at', '2025-02-30', file],
      ['--published-at', '2024-03-15T99:99', file],
      ['--title', 'Один заголовок', file, join(reports, 'older', 'tver.txt')],
      ['--title', 'Один заголовок', reports],
      ['--url', 'javascript:alert(1)', file],
      ['--published-at', '2205-03-14', file],
    ]) {
      const result = await cli('ingest', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(errorLines(result.stderr), args.join(' ')).toHaveLength(1);
    }
    const ok = await cli(
      'ingest',
      '--published-at',
      '2024-03-15T10:30+03:00',
      '--json',
      join(reports, 'older', 'march'),
    );
    expect(ok.code).toBe(0);
  });

  it('search takes a year or a month, refuses impossible periods and unknown languages', async () => {
    expect((await cli('search', '--from', '2020', '--to', '2030-12', 'задержали')).code).toBe(0);
    for (const args of [
      ['--from', '2025-13'],
      ['--to', '2025-02-30'],
      ['--lang', 'xx'],
    ]) {
      const result = await cli('search', ...args, 'задержали');
      expect(result.code, args.join(' ')).toBe(2);
    }
    const upper = await cli('search', '--json', '--lang', 'RU', 'задержали');
    expect([upper.code, JSON.parse(upper.stdout).total > 0]).toEqual([0, true]);
    const prefix = await cli('search', 'з*');
    expect([prefix.code, errorLines(prefix.stderr)]).toEqual([
      2,
      ['chronicle: "з*": a prefix needs at least 2 letters before the *, or it would match most words'],
    ]);
    const reversed = await cli('search', '--from', '2026', '--to', '2024', 'задержали');
    expect(reversed.code).toBe(2);
    expect(errorLines(reversed.stderr)).toEqual(['chronicle: from (2026) is after to (2024)']);
  });

  it('search: a query with nothing to search is a usage error, and -word unquoted gets a hint', async () => {
    for (const query of [['*'], ['AND'], ['--', '-Омске']]) {
      const result = await cli('search', ...query);
      expect(result.code, query.join(' ')).toBe(2);
      expect(errorLines(result.stderr), query.join(' ')).toHaveLength(1);
    }
    const unquoted = await cli('search', 'задержали', '-Омске');
    expect(unquoted.code).toBe(2);
    expect(unquoted.stderr).toContain("error: unknown option '-Омске'");
    expect(unquoted.stderr).toContain("chronicle search 'detained -Perm'");
    const quoted = await cli('search', '--json', 'задержали -Омске');
    expect(quoted.code).toBe(0);
    expect(JSON.parse(quoted.stdout)).toMatchObject({ total: 0 });
  });

  it('jobs: a bad --limit is a usage error, and retrying a job that is not there is an error naming it', async () => {
    expect((await cli('jobs', '--limit', 'abc')).code).toBe(2);
    expect((await cli('review', 'list', '--limit', '-5')).code).toBe(2);
    const retry = await cli('jobs', 'retry', 'NOTAJOB');
    expect(retry.code).toBe(1);
    expect(errorLines(retry.stderr)).toEqual(['chronicle: no job NOTAJOB']);
  });

  it('serve names the option or variable of a bad port', async () => {
    const flag = await cli('serve', '--port', 'abc');
    expect(flag.code).toBe(2);
    expect(errorLines(flag.stderr)).toEqual(['chronicle: --port must be a port number 0–65535, not "abc"']);
    const variable = await runMain(['--data', data, 'serve'], { CHRONICLE_KEY: undefined, PORT: '99999' });
    expect(variable.code).toBe(2);
    expect(errorLines(variable.stderr)).toEqual(['chronicle: PORT must be a port number 0–65535, not "99999"']);
  });

  it('says how many reports it linked to a report worded alike, stored on another day', async () => {
    const workspace = join(dir, 'republished');
    const report = detentionReport({ ...VEDENEEV, person: 'активиста Тимура Перепостова', surname: 'Перепостова' });
    writeFileSync(join(dir, 'first.txt'), report);
    writeFileSync(join(dir, 'republished.txt'), republished(report));
    const first = await runMain(['--data', workspace, 'ingest', join(dir, 'first.txt')], { CHRONICLE_KEY: undefined });
    expect(first.stderr).toMatch(/extracted 1 source in/);
    const second = await runMain(['--data', workspace, 'ingest', '--json', join(dir, 'republished.txt')], {
      CHRONICLE_KEY: undefined,
    });
    expect(second.stderr).toMatch(
      /extracted 1 source, 1 linked as near-duplicate of reports worded alike \(republished\) in/,
    );
    // The --json line is the contract's, written at ingestion: the link by wording comes with extraction after it.
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'ingested', error: null });
    const found = await runMain(['--data', workspace, 'search', 'Перепостова'], { CHRONICLE_KEY: undefined });
    expect(found.stdout).toMatch(/^republished\.txt .*\n {2}mostly the same wording as first\.txt {2}· {2}\w+\n/m);
    const json = await runMain(['--data', workspace, 'search', '--json', 'Перепостова'], { CHRONICLE_KEY: undefined });
    expect(Object.keys(JSON.parse(json.stdout).results[0]).includes('copyOf')).toBe(false);
  });

  it('links the reports an older version stored among themselves on the first run after the upgrade, and says so', async () => {
    const { createUnmigratedWorkspace } = await import('../helpers/workspaces.js');
    const { migrateTo } = await import('../../src/db/migrate.js');
    const older = await createUnmigratedWorkspace('sqlite');
    try {
      await migrateTo(older.workspace.db as never, '0022-waiting-parts');
      const report = detentionReport({ ...VEDENEEV, person: 'активиста Тимура Старожилова', surname: 'Старожилова' });
      await ingestAll({ workspace: older.workspace, userId: null, cipher: null }, [
        { name: 'old.txt', bytes: new TextEncoder().encode(report) },
        { name: 'old-republished.txt', bytes: new TextEncoder().encode(republished(report)) },
      ]);
      await older.workspace.close();
      writeFileSync(join(dir, 'new-after-upgrade.txt'), 'Police detained a protester in Kazan after the upgrade.');
      const run = await runMain(['--data', older.dataDir!, 'ingest', join(dir, 'new-after-upgrade.txt')], {
        CHRONICLE_KEY: undefined,
      });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(
        /compared the wording of 2 sources stored before this version, extracted 1 source, 1 linked as near-duplicate of reports worded alike \(republished\) in/,
      );
    } finally {
      await older.dispose().catch(() => {});
    }
  });

  it('--queue keeps where a file stored before came from this time, and queues again a file whose job failed', async () => {
    const queued = join(dir, 'queued-receipts');
    const text = 'В Брянске задержали Савву Очередного у здания суда.';
    writeFileSync(join(dir, 'bryansk.txt'), text);
    writeFileSync(join(dir, 'bryansk-forwarded.txt'), text);
    const queue = (...args: string[]) =>
      runMain(['--data', queued, 'ingest', '--queue', '--json', ...args], { CHRONICLE_KEY: undefined });
    const status = async (...args: string[]) => JSON.parse((await queue(...args)).stdout).status as string;
    expect(await status(join(dir, 'bryansk.txt'))).toBe('queued');
    expect(await status(join(dir, 'bryansk.txt'))).toBe('duplicate');
    expect(await status('--publisher', 'Выдуманный вестник', join(dir, 'bryansk-forwarded.txt'))).toBe('queued');
    // Bytes no parser reads: the job fails; queued again, it is tried again rather than said to be there.
    writeFileSync(join(dir, 'noise.bin'), Buffer.from([0, 159, 146, 150, 0, 255, 1, 2, 0, 3]));
    expect(await status(join(dir, 'noise.bin'))).toBe('queued');
    await workIngestJobs(queued);
    const jobs = async () =>
      JSON.parse((await runMain(['--data', queued, 'jobs', '--json'], { CHRONICLE_KEY: undefined })).stdout) as {
        counts: Record<string, number>;
      };
    // Queued besides: the stored report's extraction.
    expect((await jobs()).counts).toMatchObject({ queued: 1, failed: 1 });
    expect(await status(join(dir, 'noise.bin'))).toBe('queued');
    expect((await jobs()).counts).toMatchObject({ queued: 2, failed: 0 });
    const exported = await runMain(['--data', queued, 'export', '--format', 'json', '--sources'], {
      CHRONICLE_KEY: undefined,
    });
    const sources = JSON.parse(exported.stdout).sources as Array<{
      fileName: string;
      captures: Array<{ fileName: string; publisher: string | null }>;
    }>;
    expect(sources).toHaveLength(1);
    expect(sources[0]!.captures).toEqual([
      expect.objectContaining({ fileName: join(dir, 'bryansk-forwarded.txt'), publisher: 'Выдуманный вестник' }),
    ]);
  });

  it('worker and jobs name what each job is about, and say which files of an archive were not read', async () => {
    const queued = join(dir, 'queued-archive');
    writeFileSync(
      join(dir, 'bundle.zip'),
      makeZip({
        'report.txt': 'В Курске задержали Фрола Архивного за пикет.',
        'junk.bin': new Uint8Array([0, 159, 146, 150, 0, 255, 1, 2, 0, 3]),
      }),
    );
    const run = (...args: string[]) => runMain(['--data', queued, ...args], { CHRONICLE_KEY: undefined });
    await run('ingest', '--queue', join(dir, 'bundle.zip'));
    const worked = await run('worker', '--once');
    const notRead = `1 of 3 files not read: ${join(dir, 'bundle.zip')}!junk.bin:`;
    expect(worked.stderr).toMatch(new RegExp(`^done +ingest \\S+ ${join(dir, 'bundle.zip')} +— ${notRead}`, 'm'));
    expect(worked.stderr).toMatch(/^done +extract \S+ source \S+$/m);
    expect((await run('jobs')).stdout).toContain(notRead);
    expect(worked.code).toBe(0);
    // A job that ends failed is said by the exit code; an empty file is refused before it is queued.
    writeFileSync(join(dir, 'static.bin'), Buffer.from([0, 159, 146, 150, 0, 255, 7, 7, 0, 3]));
    writeFileSync(join(dir, 'nothing.txt'), ' \n\t\n');
    const queued2 = await run('ingest', '--queue', join(dir, 'static.bin'), join(dir, 'nothing.txt'));
    expect(queued2.code).toBe(1);
    expect(`${queued2.stdout}${queued2.stderr}`).toContain(
      `${join(dir, 'nothing.txt')}: the file holds only blank space`,
    );
    expect((await run('worker', '--once')).code).toBe(1);
  });

  it('a second run extracts what a first run queued and did not finish', async () => {
    // --queue leaves ingestion jobs; the worker writes the sources and queues their extraction, as a killed
    // `ingest` leaves it: sources stored, extraction queued.
    const other = join(dir, 'other');
    writeFileSync(join(dir, 'ufa.txt'), 'В Уфе задержали активиста Тимура Вымышленного.');
    await runMain(['--data', other, 'ingest', '--no-extract', join(reports, 'omsk.txt')], { CHRONICLE_KEY: undefined });
    await runMain(['--data', other, 'ingest', '--queue', join(dir, 'ufa.txt')], { CHRONICLE_KEY: undefined });
    await workIngestJobs(other);
    const before = await runMain(['--data', other, 'jobs', '--json'], { CHRONICLE_KEY: undefined });
    expect(JSON.parse(before.stdout).counts.queued).toBe(1);
    const again = await runMain(['--data', other, 'ingest', join(dir, 'ufa.txt')], { CHRONICLE_KEY: undefined });
    expect(again.stdout).toMatch(/^duplicate/m);
    expect(again.stderr).toMatch(/extracted 1 source/);
    const after = await runMain(['--data', other, 'jobs', '--json'], { CHRONICLE_KEY: undefined });
    expect(JSON.parse(after.stdout).counts.queued).toBe(0);
  });

  it('queues the parts of a split archive as one job, which a worker reads as one archive', async () => {
    const queued = join(dir, 'queued-volumes');
    const folder = join(dir, 'volumes');
    mkdirSync(folder);
    const parts = makeRarVolumes(
      [{ name: 'постановление.txt', data: 'Суд арестовал Гордея Томного. '.repeat(30) }],
      700,
    );
    expect(parts).toHaveLength(3);
    for (const [i, part] of parts.entries()) writeFileSync(join(folder, `дело.part${i + 1}.rar`), part);
    writeFileSync(join(folder, 'письма.7z.002'), 'середина');
    const result = await runMain(['--data', queued, 'ingest', '--queue', '--json', folder], {
      CHRONICLE_KEY: undefined,
    });
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const jobs = new Set(lines.filter((line) => line.status === 'queued').map((line) => line.jobId));
    expect(lines.map((line) => [line.file.split('/').at(-1), line.status])).toEqual([
      ['дело.part1.rar', 'queued'],
      ['дело.part2.rar', 'queued'],
      ['дело.part3.rar', 'queued'],
      // A part alone is queued too, to be stored waiting for the rest.
      ['письма.7z.002', 'queued'],
    ]);
    expect(jobs.size).toBe(2);
    await workIngestJobs(queued);
    const found = await runMain(['--data', queued, 'search', '--json', 'Томного'], { CHRONICLE_KEY: undefined });
    expect(JSON.parse(found.stdout).total).toBe(1);
    const again = await runMain(['--data', queued, 'ingest', '--json', '--no-extract', folder], {
      CHRONICLE_KEY: undefined,
    });
    expect(
      again.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).status),
    ).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
  });

  it('keeps the parts of a split archive given on different days, and reads the archive when the last comes', async () => {
    const workspace = join(dir, 'parts-apart');
    const folder = join(dir, 'parts-apart-files');
    mkdirSync(folder);
    const parts = makeRarVolumes([{ name: 'приговор.txt', data: 'Суд приговорил Елисея Порознего. '.repeat(30) }], 700);
    expect(parts).toHaveLength(3);
    const paths = parts.map((part, i) => {
      const path = join(folder, `порознь.part${i + 1}.rar`);
      writeFileSync(path, part);
      return path;
    });
    const monday = await runMain(['--data', workspace, 'ingest', paths[1]!], { CHRONICLE_KEY: undefined });
    expect(monday.stdout).toMatch(/^ingested/m);
    expect(monday.stderr).toContain(
      'part 2 of «порознь.rar», split into parts, given without its part 1: it is kept, and the archive is read as soon as all its parts are in the workspace',
    );
    expect(monday.stderr).not.toMatch(/read «порознь\.rar»/);
    // The first and the last on another day, given together: still not one set alone, but all the parts are here.
    const tuesday = await runMain(['--data', workspace, 'ingest', paths[0]!, paths[2]!], { CHRONICLE_KEY: undefined });
    expect(tuesday.stderr).toContain(
      'read «порознь.rar» from its 3 parts, stored at different times: 1 source stored from it',
    );
    // The two parts stored, and what the archive held, read in the same run.
    expect(tuesday.stderr).toMatch(/extracted 3 sources/);
    const found = await runMain(['--data', workspace, 'search', '--json', 'Порознего'], { CHRONICLE_KEY: undefined });
    expect(JSON.parse(found.stdout).results.map((r: { title: string | null }) => r.title)).toHaveLength(1);
    expect(tuesday.code).toBe(0);
  });

  it('search says when a page stops short of the total, and how to see the rest', async () => {
    const paged = join(dir, 'paged');
    for (const city of ['Омске', 'Томске', 'Курске'])
      writeFileSync(join(dir, `paged-${city}.txt`), `В ${city} задержали Кира Постраничного после пикета.`);
    const files = ['Омске', 'Томске', 'Курске'].map((city) => join(dir, `paged-${city}.txt`));
    await runMain(['--data', paged, 'ingest', '--no-extract', ...files], { CHRONICLE_KEY: undefined });
    const search = (...args: string[]) =>
      runMain(['--data', paged, 'search', ...args, 'Постраничного'], { CHRONICLE_KEY: undefined });
    const first = await search('--limit', '2');
    expect(first.stdout).toMatch(/^3 found$/m);
    expect(first.stdout.trimEnd().split('\n').at(-1)).toBe('1–2 of 3: the next 2 with --offset 2');
    const last = await search('--limit', '2', '--offset', '2');
    expect(last.stdout).not.toContain('the next');
    expect(last.stdout.match(/Постраничного/g)).toHaveLength(1);
    const past = await search('--limit', '2', '--offset', '5');
    expect(past.stdout.trim().split('\n')).toEqual([
      '3 found',
      '--offset 5 is past the last of 3: the first 2 with --offset 0',
    ]);
  });

  it('jobs says when the queue has stalled and when a worker stopped answering', async () => {
    const stalled = join(dir, 'stalled');
    writeFileSync(join(dir, 'kursk.txt'), 'В Курске оштрафовали активистку Нину Небывалую.');
    writeFileSync(join(dir, 'orel.txt'), 'В Орле прошёл обыск у журналиста Льва Выдумкина.');
    await runMain(['--data', stalled, 'ingest', '--queue', join(dir, 'kursk.txt'), join(dir, 'orel.txt')], {
      CHRONICLE_KEY: undefined,
    });
    const fresh = await runMain(['--data', stalled, 'jobs'], { CHRONICLE_KEY: undefined });
    expect(fresh.stdout).not.toContain('stalled');
    // Queued ten minutes ago, and one taken by a worker whose lease ran out five minutes ago.
    const { openRuntime } = await import('../../src/app/runtime.js');
    const runtime = await openRuntime({ dataDir: stalled, databaseUrl: '', key: null });
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await runtime.workspace.db
      .updateTable('jobs')
      .set({ updated_at: ago(10) })
      .execute();
    const taken = await runtime.workspace.db.selectFrom('jobs').select('id').limit(1).executeTakeFirstOrThrow();
    await runtime.workspace.db
      .updateTable('jobs')
      .set({ status: 'running', worker_id: 'laptop-17', lease_until: ago(5), attempts: 1 })
      .where('id', '=', taken.id)
      .execute();
    await runtime.close();
    const result = await runMain(['--data', stalled, 'jobs'], { CHRONICLE_KEY: undefined });
    expect(result.stdout).toMatch(/running {2}attempts 1\/3 .* — laptop-17 for 10 min; its lease ran out 5 min ago$/m);
    expect(result.stdout).toContain(
      '1 running job past the lease: the worker stopped answering (killed or cut off); the next worker to look takes it again',
    );
    expect(result.stdout).toContain(
      'stalled: a job has waited 10 min and no worker is on any job — run chronicle worker --once, or chronicle serve, which works the queue',
    );
  });

  it('prints titles and file names from reports without the escape sequences and line breaks they carry', async () => {
    const hostile = join(dir, 'hostile');
    mkdirSync(hostile);
    writeFileSync(
      join(hostile, 'page.html'),
      '<html><head><title>Evil \x1b[2J\x1b]52;c;cHduZWQ=\x07 title</title></head><body><article><p>В Пскове ' +
        'задержали Вадима Выдумкина за пикет возле здания администрации области.</p></article></body></html>',
    );
    writeFileSync(join(hostile, 'name\x1b[31m\nfailed     forged.txt'), 'В Пскове оштрафовали Вадима Выдумкина.');
    const ingested = await cli('ingest', '--no-extract', hostile);
    const searched = await cli('search', 'Выдумкина');
    for (const output of [ingested.stdout, ingested.stderr, searched.stdout, searched.stderr]) {
      expect(output).not.toContain('\x1b');
      expect(output).not.toContain('\x07');
      expect(output).not.toMatch(/^failed {5}forged/m);
    }
    // The title is cleaned as the page is read, a file name as it is stored (each control character a U+FFFD); the
    // name given is made safe when printed.
    expect(searched.stdout).toContain('Evil [2J ]52;c;cHduZWQ= title');
    expect(searched.stdout).toContain('name\ufffd[31m\ufffdfailed     forged.txt');
    expect(ingested.stdout).toContain('name\ufffd[31m failed     forged.txt');
  });

  it('says in words why a path cannot be read: one missing, a link met in a folder whose target is gone', async () => {
    const folder = join(dir, 'with-broken-link');
    mkdirSync(folder);
    writeFileSync(join(folder, 'kazan.txt'), 'В Казани задержали волонтёра Илью Вымышленова.');
    symlinkSync('/nonexistent/file', join(folder, 'broken-link.txt'));
    const missing = join(dir, 'nonexistent.txt');
    const result = await cli('ingest', '--no-extract', '--recursive', folder, missing);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('kazan.txt');
    expect(errorLines(result.stderr).filter((line) => line.startsWith('failed'))).toEqual([
      `failed     ${join(folder, 'broken-link.txt')}: a link to /nonexistent/file, which does not exist`,
      `failed     ${missing}: no such file or folder`,
    ]);
  });

  it('leaves out a pipe found in a folder, naming it, and reads a device named on the command line up to the limit', async () => {
    const folder = join(dir, 'with-pipe');
    mkdirSync(folder);
    writeFileSync(join(folder, 'perm.txt'), 'В Перми задержали студента Глеба Небылицына.');
    execFileSync('mkfifo', [join(folder, 'pipe')]);
    const result = await cli('ingest', '--no-extract', folder);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('perm.txt');
    expect(errorLines(result.stderr)).toContain(
      `left out 1 entry that is not a file (${join(folder, 'pipe')}): a pipe, a device or a socket is read only when named on the command line`,
    );
    const tooLarge = await cli('ingest', '--no-extract', '--max-size', '0.01', '/dev/zero');
    expect(tooLarge.code).toBe(1);
    expect(errorLines(tooLarge.stderr)).toContain('failed     /dev/zero: over the limit of 10,486 bytes (0.01 MB)');
    const extracted = await cli('extract', '/dev/zero');
    expect(extracted.code).toBe(1);
    expect(errorLines(extracted.stderr)).toEqual(['chronicle: /dev/zero: over the limit of 100 MB']);
  });

  it('says a file over --max-size and the limit with their units, and takes only a positive number of MB', async () => {
    const page = join(dir, 'page.html');
    const html = `<html><body><p>${'В Омске задержали активистку. '.repeat(20)}</p></body></html>`;
    writeFileSync(page, html);
    const size = Buffer.byteLength(html);
    const over = await cli('ingest', '--no-extract', '--max-size', '0.0001', page);
    expect(over.code).toBe(1);
    expect(errorLines(over.stderr)).toContain(
      `failed     ${page}: ${size.toLocaleString('en')} bytes is over the limit of 105 bytes (0.0001 MB)`,
    );
    for (const value of ['0', '-1', 'abc', '', '0x10', 'Infinity']) {
      const refused = await cli('ingest', '--no-extract', '--max-size', value, page);
      expect(refused.code, value).toBe(2);
      expect(errorLines(refused.stderr), value).toEqual([
        `chronicle: --max-size must be a positive number of MB, like 100 or 0.5, not "${value}"`,
      ]);
    }
    const tiny = await cli('ingest', '--no-extract', '--max-size', '0.0000001', page);
    expect(tiny.code).toBe(2);
    expect(errorLines(tiny.stderr)).toEqual(['chronicle: --max-size 0.0000001 is less than one byte']);
    const huge = await cli('ingest', '--no-extract', '--max-size', '100000000', page);
    expect([huge.code, errorLines(huge.stderr)]).toEqual([
      2,
      ['chronicle: --max-size is at most 1024 MB, not 100000000: a larger file cannot be held in memory to be read'],
    ]);
  });

  it('stops reading standard input once it passes --max-size, rather than reading it to its end', async () => {
    const child = spawn(process.execPath, [CLI, '--data', data, 'ingest', '--max-size', '1', '-'], {
      env: { ...process.env, DATABASE_URL: '', CHRONICLE_KEY: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let refused = false;
    child.stdin.on('error', () => (refused = true));
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    let written = 0;
    // 256 MB, as from `cat /dev/zero`: the command must close its input after about a megabyte.
    while (!refused && written < 256 * 1024 * 1024) {
      written += chunk.length;
      if (!child.stdin.write(chunk))
        await Promise.race([
          once(child.stdin, 'drain').catch(() => {}),
          once(child.stdin, 'close').catch(() => {}),
          exited,
        ]);
    }
    child.stdin.destroy();
    expect(await exited).toBe(1);
    expect(stderr).toContain('stdin: over the limit of 1 MB');
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });
});
