import { describe, expect, it } from 'vitest';
import { metadataProblems, uploadBatches } from './upload-panel.js';

const EMPTY = { title: '', url: '', publisher: '', publishedAt: '' };

describe('metadataProblems', () => {
  it('finds nothing wrong in empty fields or a year, a month or a day that exists', () => {
    expect(metadataProblems(EMPTY)).toEqual({});
    for (const publishedAt of ['2025', '2025-03', '2025-03-14', ' 2024-02-29 '])
      expect(metadataProblems({ ...EMPTY, publishedAt }), publishedAt).toEqual({});
    expect(metadataProblems({ ...EMPTY, url: 'https://example.org/report' })).toEqual({});
  });

  it('catches what the server would refuse every file for', () => {
    expect(metadataProblems({ ...EMPTY, publishedAt: '14.03.2025' })).toEqual({ publishedAt: 'badPublishedAt' });
    expect(metadataProblems({ ...EMPTY, publishedAt: '2025-02-30' })).toEqual({ publishedAt: 'badPublishedAt' });
    expect(metadataProblems({ ...EMPTY, url: 'example org' })).toEqual({ url: 'badUrl' });
    expect(metadataProblems({ ...EMPTY, url: 'javascript:alert(1)' })).toEqual({ url: 'badUrl' });
    const now = new Date('2026-12-05T13:00:00Z');
    for (const publishedAt of ['2205-03-14', '2027', '2026-12-07'])
      expect(metadataProblems({ ...EMPTY, publishedAt }, now), publishedAt).toEqual({ publishedAt: 'futurePublishedAt' });
    for (const publishedAt of ['2026', '2026-12', '2026-12-06'])
      expect(metadataProblems({ ...EMPTY, publishedAt }, now), publishedAt).toEqual({});
  });
});

describe('uploadBatches', () => {
  it('sends the parts of a split archive in one request, in order, and every other file alone', () => {
    const file = (name: string) => new File(['x'], name);
    const batches = uploadBatches([
      file('дело.part10.rar'),
      file('отчёт.pdf'),
      file('дело.part2.rar'),
      file('Дело.part1.rar'),
      file('письма.7z.002'),
      file('DSC.001'),
      file('письма.7z.001'),
      file('другое.rar'),
      file('скан.zip'),
      file('скан.z01'),
    ]);
    expect(batches.map((batch) => batch.map((f) => f.name))).toEqual([
      ['Дело.part1.rar', 'дело.part2.rar', 'дело.part10.rar'],
      ['отчёт.pdf'],
      ['письма.7z.001', 'письма.7z.002'],
      ['DSC.001'],
      ['другое.rar'],
      ['скан.z01', 'скан.zip'],
    ]);
  });
});
