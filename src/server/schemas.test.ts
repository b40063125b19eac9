import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test/helpers/workspaces.js';
import { type Agent, createHarness, type Harness } from '../../test/security/harness.js';

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
