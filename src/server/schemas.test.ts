import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test/helpers/workspaces.js';
import { type Agent, createHarness, type Harness } from '../../test/security/harness.js';
import { MAX_OFFSET } from './schemas.js';

const dialects = await testDialects();

/** Every route that takes a `from`/`to` range of `IsoDay`s (the audit log's own range is tested with it). */
const RANGED = [
  '/api/v1/stats',
  '/api/v1/events',
  '/api/v1/events/places',
  '/api/v1/persons',
  '/api/v1/sources',
  '/api/v1/search?q=test',
];

describe.each(dialects)('a from/to range on every route that takes one, on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
  });
  afterAll(async () => h?.close());

  const get = (route: string, range: string) =>
    h.app.inject({
      method: 'GET',
      url: `${route}${route.includes('?') ? '&' : '?'}${range}`,
      headers: { cookie: viewer.cookie },
    });

  it('is refused with VALIDATION when it ends before it starts, comparing a year or month as the whole of it', async () => {
    for (const route of RANGED)
      for (const range of ['from=2026&to=2024', 'from=2024-04&to=2024-03-31', 'from=2024-03-02&to=2024-03-01']) {
        const res = await get(route, range);
        expect(res.statusCode, `${route} ${range}`).toBe(400);
        expect(res.json().error.code, `${route} ${range}`).toBe('VALIDATION');
      }
  });

  it('is taken when both ends name one period, or the start falls inside the period `to` names', async () => {
    for (const route of RANGED)
      for (const range of [
        'from=2024-03&to=2024-03',
        'from=2024-03-15&to=2024-03',
        'from=2024&to=2024-01',
        'from=2024',
      ]) {
        const res = await get(route, range);
        expect(res.statusCode, `${route} ${range} ${res.body}`).toBe(200);
      }
  });
});

/** Every list that pages by `offset` (the jobs list has its own schema; search stops at 10,000 for its own reasons). */
const PAGED = [
  '/api/v1/sources',
  '/api/v1/persons',
  '/api/v1/events',
  '/api/v1/audit',
  '/api/v1/review',
  '/api/v1/cases',
  '/api/v1/merges',
  '/api/v1/merges/history',
  '/api/v1/persons/01ANYPERSON/history',
];

describe.each(dialects)('an offset on every list, on %s', (dialect) => {
  let h: Harness;
  let admin: Agent;
  beforeAll(async () => {
    h = await createHarness(dialect);
    admin = await h.signIn('admin');
  });
  afterAll(async () => h?.close());

  const get = (route: string, offset: string) =>
    h.app.inject({ method: 'GET', url: `${route}?offset=${offset}`, headers: { cookie: admin.cookie } });

  it('past a billion is refused naming the limit, as the database could not take it (2^63 and beyond)', async () => {
    for (const route of PAGED)
      for (const offset of ['99999999999999999999', '1e300', '9223372036854775807', String(MAX_OFFSET + 1)]) {
        const res = await get(route, offset);
        expect(res.statusCode, `${route} ${offset} ${res.body}`).toBe(400);
        expect(res.json().error, `${route} ${offset}`).toEqual({
          code: 'VALIDATION',
          message: 'querystring/offset must be <= 1000000000',
        });
      }
  });

  it('up to a billion answers a page, empty past the end', async () => {
    for (const route of PAGED.filter((route) => !route.endsWith('/history'))) {
      const res = await get(route, String(MAX_OFFSET));
      expect(res.statusCode, `${route} ${res.body}`).toBe(200);
      expect(res.json().items, route).toEqual([]);
    }
  });
});
