import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchSources } from '../../src/search/index.js';
import { ingestFiles } from '../../src/sources/index.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

const dialects = await testDialects();

describe.each(dialects)('search across scripts on %s', (dialect) => {
  let t: TestWorkspace;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    const files = [
      { name: 'ru.txt', text: 'В Казани задержали активиста Рината Гайнуллина. Гайнуллин провёл ночь в отделе.' },
      { name: 'en.txt', text: 'Police in Kazan detained the activist Rinat Gainullin on Monday.' },
      { name: 'en2.txt', text: 'The court in Kazan heard the case of Rinat Gaynullin.' },
      { name: 'other.txt', text: 'Police in Kazan detained the activist Rinat Gainutdinov.' },
      { name: 'oblique.txt', text: 'Суд арестовал Тимура Ахметзянова; адвокат Ахметзянову не допустили.' },
      { name: 'nominative.txt', text: 'Тимур Ахметзянов вышел на свободу.' },
      { name: 'volkov.txt', text: 'В Перми арестовали Сергея Волкова; Волкову предъявили обвинение.' },
    ];
    for await (const r of ingestFiles(
      { workspace: t.workspace, userId: null, cipher: null },
      files.map((f) => ({ name: f.name, bytes: new TextEncoder().encode(f.text) })),
    )) {
      ids[r.file] = r.sourceId!;
    }
  });
  afterAll(async () => t.dispose());

  const found = async (query: string, crossScript?: boolean) =>
    (await searchSources(t.workspace.db, t.workspace.dialect, query, { crossScript })).results
      .map((r) => r.sourceId)
      .sort();

  it('finds a Cyrillic name written in Latin letters, under more than one scheme', async () => {
    expect(await found('Гайнуллин')).toEqual([ids['ru.txt'], ids['en.txt'], ids['en2.txt']].sort());
  });

  it('finds a Latin name written in Cyrillic', async () => {
    expect(await found('Gainullin')).toContain(ids['ru.txt']);
  });

  it('does not match a different surname', async () => {
    expect(await found('Гайнуллин')).not.toContain(ids['other.txt']);
  });

  it('can be switched off', async () => {
    expect(await found('Гайнуллин', false)).toEqual([ids['ru.txt']]);
  });

  it('leaves lower-case words alone: only names are transliterated', async () => {
    expect(await found('задержали')).toEqual([ids['ru.txt']]);
  });

  it('finds an -ов surname in every case from any of its forms', async () => {
    const both = [ids['oblique.txt'], ids['nominative.txt']].sort();
    expect(await found('Ахметзянов', false)).toEqual(both);
    expect(await found('Ахметзянова', false)).toEqual(both);
    expect(await found('Ахметзяновым', false)).toEqual(both);
  });

  it('finds the Russian cases of a Latin place or -ов surname, whose bare spelling stems apart from them', async () => {
    expect(await found('Kazan')).toEqual([ids['ru.txt'], ids['en.txt'], ids['en2.txt'], ids['other.txt']].sort());
    expect(await found('Volkov')).toEqual([ids['volkov.txt']]);
    expect(await found('Perm')).toEqual([ids['volkov.txt']]);
    expect(await found('Akhmetzyanov')).toEqual([ids['oblique.txt'], ids['nominative.txt']].sort());
  });

  it('highlights the spelling found in the other script', async () => {
    const { results } = await searchSources(t.workspace.db, t.workspace.dialect, 'Гайнуллин');
    const english = results.find((r) => r.sourceId === ids['en.txt'])!;
    const [first] = english.highlights;
    expect(english.snippet.slice(first!.start, first!.end)).toBe('Gainullin');
  });
});
