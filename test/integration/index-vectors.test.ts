import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticReports } from '../../bench/corpus.js';
import { fieldTerms, indexSources, normalizeWord, searchSources } from '../../src/search/index.js';
import { tsvectorsOf, tsvectorText } from '../../src/search/tsvector.js';
import { insertPlainSources } from '../helpers/sources.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

/**
 * The index vectors go to PostgreSQL in the binary format of a tsvector (`tsvectorsOf`), which it takes with fewer
 * checks than a literal: lexemes in the order of their bytes, positions ascending and unique. Here PostgreSQL reads
 * each pair of vectors both ways, as the bytes and as their text form (`tsvectorText`), and the two must be the same
 * vector — for reports like the benchmark's and for the edges: a title, positions past PostgreSQL's last, a word
 * more often than a lexeme keeps positions, letters past U+FFFF, an empty text, a vocabulary too large for a vector.
 */
describe.runIf((await testDialects()).includes('postgres'))('index vectors in the binary format', () => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace('postgres');
  });
  afterAll(() => t?.dispose());

  const filler = (n: number) => Array.from({ length: n }, (_, i) => `слово${i}`).join(' ');
  const edges: Array<[string, string | null, string]> = [
    ['a title and a body', 'Суд продлил арест', 'Суд продлил арест активисту. Суд отказал защите.'],
    ['positions past 16383, kept once', null, `${filler(16_400)} арест арест арест суд`],
    ['a word more often than 256 positions', 'Арест', Array.from({ length: 400 }, () => 'арест').join(' ')],
    // 'ｂ' (U+FF42) sorts after '𠀀' (U+20000) by UTF-16 units and before it by UTF-8 bytes: PostgreSQL re-sorts.
    ['letters past U+FFFF', null, '𠀀𠀁 задержан 𠀂 Ｂｂ ꙮ 𝔄𝔅 arrest'],
    ['an empty text', null, ''],
    ['a vocabulary too large for a vector', null, filler(120_000)],
  ];

  it.each(edges)('reads the bytes as their text form says: %s', async (_name, title, text) => {
    const vectors = tsvectorsOf(fieldTerms(title), fieldTerms(text));
    for (const bytes of [vectors.vector, vectors.rank]) {
      const read = await sql<{
        same: boolean;
        text: string;
      }>`SELECT ${bytes}::tsvector = ${tsvectorText(bytes)}::tsvector AS same, ${bytes}::tsvector::text AS text`.execute(
        t.workspace.db,
      );
      expect(read.rows[0]!.same).toBe(true);
      const parsed = await sql<{ text: string }>`SELECT ${tsvectorText(bytes)}::tsvector::text AS text`.execute(
        t.workspace.db,
      );
      expect(read.rows[0]!.text).toBe(parsed.rows[0]!.text);
    }
  });

  it('keeps what the edges need: the title weighted, one position at the limit, at most 256, every lexeme', () => {
    const rank = (title: string | null, text: string) =>
      tsvectorText(tsvectorsOf(fieldTerms(title), fieldTerms(text)).rank);
    expect(rank('Суд продлил арест', 'Суд продлил арест.')).toBe("'арест':3A,7 'продл':2A,6 'суд':1A,5");
    expect(rank(null, `${filler(16_400)} арест арест`)).toContain("'арест':16383 ");
    const often = rank(null, Array.from({ length: 400 }, () => 'арест').join(' '))
      .split(':')[1]!
      .split(',');
    expect(often).toHaveLength(256);
    expect(tsvectorText(tsvectorsOf(fieldTerms(null), fieldTerms('')).vector)).toBe('');
    expect(rank(null, '𠀀𠀁 ꙮ')).toBe(`'ꙮ':3 '${normalizeWord('𠀀𠀁')}':2`);
  });

  it('indexes a book-length report, which a vector cannot hold whole, and finds it by its first words', async () => {
    // 40,000 words, every one new: its stems, pairs and words pass PostgreSQL's 1 MB for a vector about threefold.
    const text = `Приговор по делу Кузнецова. ${filler(40_000)}`;
    const report = { id: 'src-book', text, language: 'ru' };
    await t.workspace.db.transaction().execute(async (trx) => {
      await insertPlainSources(trx, [report]);
      await indexSources(trx, 'postgres', [{ sourceId: report.id, title: null, text, language: 'ru' }]);
    });
    const found = await searchSources(t.workspace.db, 'postgres', '"приговор по делу"');
    expect(found.results.map((hit) => hit.sourceId)).toEqual(['src-book']);
    expect((await searchSources(t.workspace.db, 'postgres', 'слово39999')).total).toBe(1);
  });

  it('reads 500 reports like the benchmark’s the same both ways', async () => {
    const reports = [...syntheticReports(500, 11)];
    for (let i = 0; i < reports.length; i += 50) {
      const batch = reports
        .slice(i, i + 50)
        .map((report) => tsvectorsOf(fieldTerms(report.name), fieldTerms(report.text)));
      const pairs = batch
        .flatMap((v) => [v.vector, v.rank])
        .map((bytes) => sql`(${bytes}::tsvector, ${tsvectorText(bytes)}::tsvector)`);
      const differ = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM (VALUES ${sql.join(pairs)}) AS v (bytes, text)
        WHERE bytes IS DISTINCT FROM text`.execute(t.workspace.db);
      expect(differ.rows).toEqual([{ n: 0 }]);
    }
  });
});
