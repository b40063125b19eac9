import { describe, expect, it } from 'vitest';
import { deriveStatus, type StatusEvent, statusFromEvent } from './status.js';

const ev = (id: string, type: string, date: string | null, text?: string): StatusEvent => ({
  id,
  type,
  date,
  createdAt: `2024-01-01T00:00:0${id}Z`,
  text,
});

describe('deriveStatus', () => {
  it('claims nothing, not "at liberty", when no event says anything', () => {
    expect(deriveStatus([])).toEqual({ status: null, eventId: null });
    expect(deriveStatus([ev('1', 'hearing', '2024-03-01')])).toEqual({ status: null, eventId: null });
  });

  it('takes the latest status-bearing event by date, whatever order they were recorded in', () => {
    const events = [
      ev('1', 'release', '2024-03-02'),
      ev('2', 'detention', '2024-03-01'),
      ev('3', 'hearing', '2024-04-01'),
    ];
    expect(deriveStatus(events)).toEqual({ status: 'released', eventId: '1' });
  });

  it('reads a month-precision date as before the days inside it', () => {
    expect(deriveStatus([ev('1', 'sentence', '2024-03-20'), ev('2', 'custody', '2024-03')]).status).toBe('sentenced');
  });

  it('maps custody to house arrest when the evidence says so, in Russian or English', () => {
    expect(statusFromEvent({ type: 'custody', text: 'суд отправил его под домашний арест' })).toBe('house_arrest');
    expect(statusFromEvent({ type: 'custody', text: 'placed under house arrest' })).toBe('house_arrest');
    expect(statusFromEvent({ type: 'custody', text: 'заключил под стражу' })).toBe('in_custody');
    expect(statusFromEvent({ type: 'arrest', text: null })).toBe('in_custody');
    expect(statusFromEvent({ type: 'detention' })).toBe('detained');
  });
});
