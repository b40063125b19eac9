import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { createTestWorkspace, type TestWorkspace } from '../helpers/workspaces.js';
import { testRuntime } from '../security/harness.js';

/** The web app's files: hashed assets cached for good (a screen opened again costs no request), the shell revalidated. */
describe('caching of the web app’s files', () => {
  let t: TestWorkspace;
  let app: FastifyInstance;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'chronicle-webroot-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Chronicle</title>');
    writeFileSync(join(webRoot, 'assets', 'index-1-KrfeLF.js'), 'export {};');
    writeFileSync(join(webRoot, 'assets', 'index-CPVc3Z16.css'), 'body{}');
    writeFileSync(join(webRoot, 'assets', 'notes.js'), 'export {};');
    t = await createTestWorkspace('sqlite');
    app = await buildServer({ runtime: testRuntime(t), webRoot });
  });

  afterAll(async () => {
    await app?.close();
    await t?.dispose();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('lets the browser keep content-hashed assets for a year', async () => {
    for (const url of ['/assets/index-1-KrfeLF.js', '/assets/index-CPVc3Z16.css']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('revalidates the shell, the client-side routes that fall back to it, and files without a hash', async () => {
    for (const url of ['/', '/persons/01ABC', '/assets/notes.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('still sends the CSP with the cached files', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-1-KrfeLF.js' });
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  });
});
