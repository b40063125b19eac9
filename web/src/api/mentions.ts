import { ApiError, api, query } from './client.js';
import type { Mention } from './types.js';

/**
 * The record API (review, mentions) is being built alongside this UI, so its shape is read defensively: any list of
 * objects with numeric `start`/`end` and a `kind` (or `type`) is taken as mentions of the source's text.
 * `null` means the server has no such route yet, which the source view says in words rather than as an error.
 */
export async function fetchMentions(sourceId: string, signal?: AbortSignal): Promise<Mention[] | null> {
  const attempts = [`/api/v1/sources/${encodeURIComponent(sourceId)}/mentions`, `/api/v1/review${query({ sourceId })}`];
  for (const path of attempts) {
    try {
      const body = await api<unknown>(path, { signal });
      return mentionsFrom(body, sourceId);
    } catch (error) {
      // Not there (404), or there but not for this role (403), or not taking this filter (400): try the next shape.
      if (error instanceof ApiError && (error.status === 404 || error.status === 403 || error.status === 400 || error.status === 405)) continue;
      throw error;
    }
  }
  return null;
}

function mentionsFrom(body: unknown, sourceId: string): Mention[] {
  const list = Array.isArray(body) ? body : findList(body);
  const out: Mention[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    // A review item may wrap the mention ({ mention: {…} }) or carry several ({ mentions: [...] }).
    if (Array.isArray(record.mentions)) out.push(...mentionsFrom(record.mentions, sourceId));
    const inner = record.mention && typeof record.mention === 'object' ? (record.mention as Record<string, unknown>) : record;
    if (typeof inner.sourceId === 'string' && inner.sourceId !== sourceId) continue;
    const start = inner.start;
    const end = inner.end;
    const kind = typeof inner.kind === 'string' ? inner.kind : typeof inner.type === 'string' ? inner.type : null;
    if (typeof start !== 'number' || typeof end !== 'number' || !kind) continue;
    out.push({ start, end, kind, text: typeof inner.text === 'string' ? inner.text : undefined, status: typeof inner.status === 'string' ? inner.status : undefined });
  }
  return out;
}

function findList(body: unknown): unknown[] {
  if (!body || typeof body !== 'object') return [];
  const record = body as Record<string, unknown>;
  for (const name of ['mentions', 'items', 'results', 'proposals']) {
    const value = record[name];
    if (Array.isArray(value)) return value;
  }
  return [];
}
