import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createHarness, type Harness } from '../../test/security/harness.js';

/** A query parameter a route does not name is refused: a misspelt filter must not answer for everything. */
describe('query parameters', () => {
  let h: Harness;
  let viewer: Agent;
  const get = (url: string) => h.app.inject({ method: 'GET', url, headers: { cookie: viewer.cookie } });

  beforeAll(async () => {
    h = await createHarness('sqlite');
    viewer = await h.signIn('viewer');
  });
  afterAll(async () => h?.close());

  it('refuses a misspelt filter on a list, a count and a search, naming it', async () => {
    for (const url of [
      '/api/v1/events?regoin=Уфа',
      '/api/v1/stats?form=2024-03-01',
      '/api/v1/search?q=задержан&langauge=ru',
      '/api/v1/persons?limit=5&satus=detained',
    ]) {
      const answer = await get(url);
      expect(answer.statusCode, url).toBe(400);
      const name = url.match(/[?&](regoin|form|langauge|satus)=/)![1];
      expect(answer.json().error, url).toEqual({
        code: 'VALIDATION',
        message: `unknown query parameter "${name}": this route does not take it (see /api/v1/openapi.json)`,
      });
    }
  });

  it('refuses any query parameter on a route that takes none, and takes the ones a route names', async () => {
    expect((await get('/api/v1/session?user=admin')).statusCode).toBe(400);
    expect((await get('/api/v1/events?region=Уфа&limit=5')).statusCode).toBe(200);
    expect((await get('/api/v1/session')).statusCode).toBe(200);
    // The routes open to anyone and the web UI's pages are not the API's to refuse.
    expect((await h.app.inject({ method: 'GET', url: '/healthz?probe=1' })).statusCode).toBe(200);
  });
});
