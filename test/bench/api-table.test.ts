import { describe, expect, it } from 'vitest';
import { type EndpointRow, formatApiTable, percentile } from '../../bench/api.js';

describe('API benchmark figures', () => {
  it('takes the nearest-rank percentile of sorted latencies', () => {
    const ms = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(ms, 50)).toBe(50);
    expect(percentile(ms, 95)).toBe(95);
    expect(percentile(ms, 99)).toBe(99);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });

  it('states each endpoint p95 as a multiple of the static file of the same database', () => {
    const row = (dialect: 'sqlite' | 'postgres', endpoint: string, p95: number): EndpointRow => ({
      dialect,
      endpoint,
      requests: 10,
      errors: 0,
      perSecond: 5,
      p50: p95 / 2,
      p95,
      p99: p95,
    });
    const table = formatApiTable(
      [
        row('sqlite', 'static: index.html', 10),
        row('sqlite', 'person page', 35),
        row('postgres', 'static: index.html', 20),
        row('postgres', 'person page', 35),
      ],
      { persons: 10_000, events: 100_000, sources: 2_000 },
      50,
    );
    expect(table).toContain('| sqlite | person page | 10 | 0 | 5.00 | 17.5 ms | 35.0 ms | 35.0 ms | 3.5× |');
    expect(table).toContain('| postgres | person page | 10 | 0 | 5.00 | 17.5 ms | 35.0 ms | 35.0 ms | 1.8× |');
    expect(table).toContain('10,000 persons, 100,000 events, 2,000 sources; 50 connections');
  });
});
