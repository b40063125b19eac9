import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestContext, type IngestFile, type IngestResult, ingestFiles } from '../../src/sources/index.js';
import { makeRar, makeRarVolumes, makeZip } from '../fixtures/documents.js';
import { createTestWorkspace, type TestWorkspace } from '../helpers/workspaces.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * Split archives as a hostile sender could make them: parts that do not belong together, parts in the wrong place,
 * a set of hundreds of parts, a set joined into a bomb, more parts than may be held, a thousand parts alone. Each
 * fails alone, or is kept to wait for parts that may yet come, on its own line, with a reason; nothing crashes or
 * hangs, and the files beside them are ingested.
 */
describe('hostile split archives', () => {
  let t: TestWorkspace;
  let context: IngestContext;
  beforeAll(async () => {
    t = await createTestWorkspace('sqlite');
    context = { workspace: t.workspace, userId: null, cipher: null, limits: { maxBytes: 1024 * 1024 } };
  });
  afterAll(async () => t?.dispose());

  async function ingest(files: IngestFile[], given: IngestContext = context): Promise<IngestResult[]> {
    const results: IngestResult[] = [];
    for await (const result of ingestFiles(given, files)) results.push(result);
    for (const result of results) if (result.error) expect(result.error).not.toContain('\n');
    return results;
  }

  it('fails a set whose parts are not one archive: noise for a part, a part of another set, the wrong order', async () => {
    const mine = makeRarVolumes([{ name: 'a.txt', data: 'Протокол допроса. '.repeat(80) }], 600);
    const theirs = makeRarVolumes([{ name: 'b.txt', data: 'Чужой протокол. '.repeat(80) }], 600);
    const noise = new Uint8Array(mine[1]!.length).map((_, i) => (i * 7919) & 255);
    const sets: IngestFile[][] = [
      [mine[0]!, noise, ...mine.slice(2)].map((bytes, i) => ({ name: `шум.part${i + 1}.rar`, bytes })),
      [mine[0]!, theirs[1]!, ...mine.slice(2)].map((bytes, i) => ({ name: `чужой.part${i + 1}.rar`, bytes })),
      [mine[0]!, ...mine.slice(1).reverse()].map((bytes, i) => ({ name: `порядок.part${i + 1}.rar`, bytes })),
    ];
    for (const set of sets) {
      const results = await ingest([...set, { name: 'рядом.txt', bytes: utf8(`Рядом с ${set[0]!.name}.`) }]);
      expect(results.find((result) => result.file === 'рядом.txt')).toMatchObject({ status: 'ingested' });
      // Every part has its line; noise is no volume, so its set is missing a part.
      for (const part of set) expect(results.map((result) => result.file)).toContain(part.name);
      // A set unrar cannot follow fails whole; one it can follow as far as a damaged file keeps what it read.
      for (const result of results)
        if (result.status === 'failed')
          expect(result.error).toMatch(/RAR archive|damaged|is not here|binary content is not a supported document/);
    }
  });

  it('reads a set of three hundred parts, and fails one whose joined file is a bomb, before unpacking it', async () => {
    const whole = makeZip({ 'сводка.txt': 'Сводка о задержаниях. '.repeat(400) }, 0);
    const size = Math.ceil(whole.length / 300);
    const many = Array.from({ length: 300 }, (_, i) => ({
      name: `сводка.zip.${String(i + 1).padStart(3, '0')}`,
      bytes: whole.slice(i * size, (i + 1) * size),
    })).filter((part) => part.bytes.length > 0);
    const read = await ingest(many);
    expect(read.filter((result) => result.status === 'failed')).toEqual([]);
    expect(read.map((result) => result.file)).toContain('сводка.zip.001!сводка.zip!сводка.txt');

    const bomb = makeZip({ 'zeros.txt': new Uint8Array(50 * 1024 * 1024) });
    const half = Math.ceil(bomb.length / 2);
    const results = await ingest([
      { name: 'бомба.zip.001', bytes: bomb.slice(0, half) },
      { name: 'бомба.zip.002', bytes: bomb.slice(half) },
    ]);
    expect(results.find((result) => result.file.endsWith('!бомба.zip'))).toMatchObject({
      status: 'failed',
      code: 'DECOMPRESSION_LIMIT',
    });
  });

  it('fails the parts past what may be held at once, and a set larger than one file may be, naming the limit', async () => {
    const big = (seed: number) => new Uint8Array(700 * 1024).map((_, i) => (i * seed) & 255);
    const results = await ingest([
      { name: 'том.7z.001', bytes: big(3) },
      { name: 'том.7z.002', bytes: big(5) },
      { name: 'том.7z.003', bytes: big(7) },
      { name: 'после.txt', bytes: utf8('Файл после частей.') },
    ]);
    expect(results.map((result) => [result.file, result.status, result.code ?? null])).toEqual([
      ['том.7z.003', 'failed', 'TOO_LARGE'],
      ['после.txt', 'ingested', null],
      ['том.7z.001', 'failed', 'TOO_LARGE'],
      ['том.7z.002', 'failed', 'TOO_LARGE'],
    ]);
    expect(results[0]!.error).toBe(
      'том.7z.003: the parts of split archives given at once come to more than 2 MB: add each split archive on its own',
    );
    expect(results[2]!.error).toBe(
      'том.7z.001: the 2 parts of «том.7z» come to 1.4 MB; the limit for one file is 1 MB',
    );
  });

  it('keeps a thousand lone parts waiting, each said once, and queues no read for a set that is not whole', async () => {
    const entries = Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [`дело-${i}.zip.002`, `середина дела ${i}`]),
    );
    const far = { name: 'далеко.7z.999', bytes: utf8('часть девятьсот девяносто девятая') };
    const results = await ingest([{ name: 'россыпь.zip', bytes: makeZip(entries) }, far]);
    expect(results.filter((result) => result.status !== 'ingested')).toEqual([]);
    expect(results).toHaveLength(1002);
    expect(results.at(-1)!.warnings).toEqual([
      expect.stringMatching(/^part 999 of «далеко\.7z», split into parts, given without its parts 1, 2, 3, 4, 5…: /),
    ]);
    const rows = await t.workspace.db
      .selectFrom('waiting_parts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBeGreaterThanOrEqual(1001);
    const jobs = await t.workspace.db.selectFrom('jobs').select('id').where('kind', '=', 'read-parts').execute();
    expect(jobs).toEqual([]);
  });

  it('does not take a whole RAR archive named as a volume for a part of a set, and keeps a lone volume to wait', async () => {
    const whole = makeRar([{ name: 'c.txt', data: 'Целый архив под именем тома.' }]);
    const [, second] = makeRarVolumes([{ name: 'd.txt', data: 'Том. '.repeat(300) }], 500);
    const results = await ingest([
      { name: 'целый.part2.rar', bytes: whole },
      { name: 'одинокий.part1.rar', bytes: second! },
    ]);
    expect(results.map((result) => [result.file, result.status])).toEqual([
      ['целый.part2.rar', 'ingested'],
      ['целый.part2.rar!c.txt', 'ingested'],
      ['одинокий.part1.rar', 'ingested'],
    ]);
    expect(results[2]!.warnings).toEqual([
      expect.stringMatching(
        /^part 1 of «одинокий\.rar», split into parts, given without the parts after it: it is kept/,
      ),
    ]);
  });
});
