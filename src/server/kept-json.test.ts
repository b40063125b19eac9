import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, KeptJson } from './kept-json.js';

describe('a kept JSON body', () => {
  it('goes plain on its first send when small, and gzipped from its second send on', () => {
    const body = new KeptJson(JSON.stringify({ person: { displayName: 'Иван Петров' }, timeline: [] }));
    expect(body.worthGzip()).toBe(false);
    expect(body.worthGzip()).toBe(true);
    expect(body.worthGzip()).toBe(true);
    expect(gunzipSync(body.gzip).toString('utf8')).toBe(body.json);
  });

  it('is gzipped from its first send when large: the bytes saved outweigh the time', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({ key: `2024-${i}`, type: 'detention', events: i }));
    const body = new KeptJson(JSON.stringify(rows));
    expect(body.json.length).toBeGreaterThan(16 * 1024);
    expect(body.worthGzip()).toBe(true);
  });
});

describe('acceptsGzip', () => {
  it('reads Accept-Encoding as browsers and tools write it', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip(['br', 'GZIP'])).toBe(true);
    expect(acceptsGzip('gzip;q=0, identity')).toBe(false);
    expect(acceptsGzip('gzip; q=0.000')).toBe(false);
    expect(acceptsGzip('gzip;q=0.5')).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('x-gzip')).toBe(false);
  });
});
