import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Whether a cached answer can change when the record does. Almost every list can: a decision in the review queue
 * adds an event (events, cases, statistics, search, a person's page), moves a source from "to review" to
 * "reviewed" (the source list) and writes an audit entry; an upload adds a source, proposals and jobs. Only the
 * signed-in account and a source's text (stored once when the file is read; only a transcription replaces it, and
 * its form fetches the text again) stand apart.
 * `changesWithRecord(['sources', 'list', {}, 0])` → true; `changesWithRecord(['sources', 'text', '01H…'])` → false.
 */
export function changesWithRecord(key: QueryKey): boolean {
  const [root, part] = key;
  if (root === 'account') return false;
  if (root === 'sources' && part === 'text') return false;
  return true;
}

/**
 * After anything that changes the record — a review decision, a correction, accepting a whole source, a merge, a
 * split, a delete or restore, a status set by hand, a relationship, an upload — every list and page that could
 * show the change is fetched again (those on screen at once, the others when next shown), so no page shows the
 * record as it was until its cache goes stale. One place instead of a list of keys beside each mutation: a list
 * forgotten there is a page that lies.
 */
export function invalidateRecord(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => changesWithRecord(query.queryKey) });
}
