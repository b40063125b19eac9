import { ApiError, api, query } from './client.js';
import type { Mention } from './types.js';

/**
 * What extraction found in one source, from the record API: the review API (`GET /api/v1/review?sourceId=…
 * &status=all`, proposals of kind person / organization / case / event, proposed or reviewed, each with its
 * evidence spans), or a plain mention list. Both shapes are read defensively; rejected proposals are left out.
 * `null` means the server has no such route yet, which the source view says in words rather than as an error.
 */
export async function fetchMentions(sourceId: string, signal?: AbortSignal): Promise<Mention[] | null> {
  const id = encodeURIComponent(sourceId);
  // The review API lists proposed and reviewed proposals of a source with status=all; the queue itself shows only
  // proposed ones, which would drop accepted highlights. A mentions route, should a server have one, comes next.
  const attempts = [
    `/api/v1/review${query({ sourceId, status: 'all', limit: 500 })}`,
    `/api/v1/sources/${id}/mentions`,
    `/api/v1/review${query({ sourceId })}`,
  ];
  for (const path of attempts) {
    try {
      const body = await api<unknown>(path, { signal });
      return mentionsFrom(body, sourceId);
    } catch (error) {
      // Not there (404; also a role that may not see it), or not taking this filter or page size (400): next shape.
      if (error instanceof ApiError && (error.status === 404 || error.status === 403 || error.status === 400 || error.status === 405)) continue;
      throw error;
    }
  }
  return null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** `{ items: [{ kind: 'person', status: 'proposed', evidence: [{ sourceId, start: 3, end: 9 }] }] }` → one mention. */
export function mentionsFrom(body: unknown, sourceId: string): Mention[] {
  const list = Array.isArray(body) ? body : findList(body);
  const out: Mention[] = [];
  for (const item of list) {
    if (!isObject(item)) continue;
    const inner = isObject(item.mention) ? item.mention : item;
    const kind = typeof inner.kind === 'string' ? inner.kind : typeof inner.type === 'string' ? inner.type : null;
    const status = typeof inner.status === 'string' ? inner.status : undefined;
    if (!kind || status === 'rejected') continue;
    // A proposal points at its words through evidence spans; a mention is a span itself.
    const spans = Array.isArray(inner.evidence) ? inner.evidence : Array.isArray(inner.mentions) ? inner.mentions : [inner];
    for (const span of spans) {
      if (!isObject(span)) continue;
      if (typeof span.sourceId === 'string' && span.sourceId !== sourceId) continue;
      if (typeof span.start !== 'number' || typeof span.end !== 'number') continue;
      const text = typeof span.quote === 'string' ? span.quote : typeof span.text === 'string' ? span.text : undefined;
      const proposalId = Array.isArray(inner.evidence) && typeof inner.id === 'string' ? { proposalId: inner.id } : {};
      out.push({ start: span.start, end: span.end, kind, text, status, ...proposalId });
    }
  }
  return out;
}

function findList(body: unknown): unknown[] {
  if (!isObject(body)) return [];
  for (const name of ['mentions', 'items', 'proposals', 'results']) {
    const value = body[name];
    if (Array.isArray(value)) return value;
  }
  return [];
}
