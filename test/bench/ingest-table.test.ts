import { describe, expect, it } from 'vitest';
import { formatIngestTable, type IngestBenchRow } from '../../bench/ingest.js';

describe('ingestion benchmark table', () => {
  it('gives each database its ratio to the bare inserts, the round trip and the bytes written measured beside them', () => {
    const row: IngestBenchRow = {
      dialect: 'postgres',
      documents: 10_000,
      bareInsertsPerSecond: 5_000,
      ingestPerSecond: 2_500,
      ratio: 2,
      peakRssMb: 281.4,
      roundTripMicros: [160.44, 109.96],
      writtenBytesPerDocument: [1740, 31_100],
    };
    const lines = formatIngestTable([row]).split('\n');
    expect(lines[0]).toContain('SELECT 1 µs, before / after');
    expect(lines[0]).toContain('KB written a document, baseline / ingest');
    expect(lines[2]).toBe('| postgres | 10000 | 5000 | 2500 | 2.00× | 281 | 160.4 / 110.0 | 1.7 / 30.4 |');
    expect(formatIngestTable([{ ...row, writtenBytesPerDocument: null }]).split('\n')[2]).toMatch(/ \| n\/a \|$/);
  });
});
