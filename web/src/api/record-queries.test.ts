import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { changesWithRecord, invalidateRecord } from './record-queries.js';

// The keys the pages cache under (see each page's useQuery): after a change to the record, each must be fetched
// again except the account and a source's text.
const RECORD_KEYS = [
  ['review', null, 'proposed', null, 0],
  ['sources', 'list', { state: '' }, 0],
  ['sources', 'detail', 'src-1'],
  ['sources', 'mentions', 'src-1'],
  ['events', 'list', { type: '' }, 0],
  ['events', 'places', {}],
  ['cases', 'list', '', 'name', 0, {}],
  ['cases', 'detail', 'case-1'],
  ['persons', 'detail', 'p-1'],
  ['persons', 'table', 'summary', {}],
  ['persons', 'relationships', 'p-1'],
  ['persons', 'history', 'p-1'],
  ['search', 'Вымыслов', '', '', '', 0],
  ['stats', '', ''],
  ['merges', 'proposals', 0],
  ['relationship-targets', 'person', 'Выдумк'],
  ['jobs', null, 0],
  ['audit', {}, 0],
];

describe('invalidateRecord', () => {
  it('marks every list and page that can show a change to the record as stale', async () => {
    const client = new QueryClient();
    for (const key of RECORD_KEYS) client.setQueryData(key, { cached: true });
    client.setQueryData(['account'], { username: 'e2e-viewer' });
    client.setQueryData(['sources', 'text', 'src-1'], { text: 'Иван Вымыслов задержан.' });
    await invalidateRecord(client);
    for (const key of RECORD_KEYS) expect(client.getQueryState(key)?.isInvalidated, JSON.stringify(key)).toBe(true);
    expect(client.getQueryState(['account'])?.isInvalidated).toBe(false);
    expect(client.getQueryState(['sources', 'text', 'src-1'])?.isInvalidated).toBe(false);
  });

  it('leaves the account and a source text alone: nothing in the record changes them', () => {
    expect(changesWithRecord(['account'])).toBe(false);
    expect(changesWithRecord(['sources', 'text', 'src-1'])).toBe(false);
    expect(changesWithRecord(['sources', 'list', {}, 0])).toBe(true);
  });
});
