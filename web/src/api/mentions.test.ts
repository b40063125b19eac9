import { describe, expect, it } from 'vitest';
import { mentionsFrom } from './mentions.js';

describe('mentionsFrom', () => {
  const review = {
    total: 3,
    items: [
      {
        id: 'p-person',
        kind: 'person',
        status: 'proposed',
        evidence: [
          { id: 'e1', sourceId: 's1', start: 50, end: 67, quote: 'Рината Гайнуллина' },
          { id: 'e2', sourceId: 's2', start: 3, end: 9, quote: 'Ринат' },
        ],
      },
      { id: 'p-event', kind: 'event', status: 'accepted', evidence: [{ id: 'e3', sourceId: 's1', start: 0, end: 80 }] },
      { id: 'p-gone', kind: 'organization', status: 'rejected', evidence: [{ id: 'e4', sourceId: 's1', start: 40, end: 43 }] },
    ],
  };

  it("keeps this source's spans of proposals not rejected, each with the proposal it is evidence of", () => {
    expect(mentionsFrom(review, 's1')).toEqual([
      { start: 50, end: 67, kind: 'person', text: 'Рината Гайнуллина', status: 'proposed', proposalId: 'p-person' },
      { start: 0, end: 80, kind: 'event', text: undefined, status: 'accepted', proposalId: 'p-event' },
    ]);
  });

  it('reads a plain list of mentions, which name no proposal', () => {
    expect(mentionsFrom({ mentions: [{ id: 'm1', kind: 'place', start: 2, end: 5, text: 'Уфе' }] }, 's1')).toEqual([
      { start: 2, end: 5, kind: 'place', text: 'Уфе', status: undefined },
    ]);
  });
});
