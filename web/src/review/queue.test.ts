import { describe, expect, it } from 'vitest';
import { allSelected, bulkDecision, correctionBody, type KeyContext, keyAction, toggled, toggledAll } from './queue.js';

const items = [
  { id: 'p1', status: 'proposed' },
  { id: 'a1', status: 'accepted' },
  { id: 'p2', status: 'proposed' },
  { id: 'r1', status: 'rejected' },
];

function press(key: string, over: Partial<KeyContext> = {}) {
  return keyAction({ key, modified: false, typing: false, items, current: 0, onRow: true, canDecide: true, busy: false, ...over });
}

describe('review queue keys', () => {
  it('j and k move between rows and stop at either end', () => {
    expect(press('j')).toEqual({ kind: 'focus', index: 1 });
    expect(press('j', { current: 3 })).toEqual({ kind: 'focus', index: 3 });
    expect(press('k', { current: 2 })).toEqual({ kind: 'focus', index: 1 });
    expect(press('k', { current: 0 })).toEqual({ kind: 'focus', index: 0 });
  });

  it('the first j or k only brings the focus to the highlighted row', () => {
    expect(press('j', { current: 2, onRow: false })).toEqual({ kind: 'focus', index: 2 });
    expect(press('k', { current: 2, onRow: false })).toEqual({ kind: 'focus', index: 2 });
  });

  it('a accepts and r rejects the highlighted proposal', () => {
    expect(press('a')).toEqual({ kind: 'decide', decision: { accept: ['p1'] } });
    expect(press('r', { current: 2 })).toEqual({ kind: 'decide', decision: { reject: ['p2'] } });
  });

  it('e opens the correction form of the highlighted proposal, only where a, r would decide it', () => {
    expect(press('e', { current: 2 })).toEqual({ kind: 'edit', index: 2 });
    expect(press('e', { current: 1 })).toBeNull();
    expect(press('e', { canDecide: false })).toBeNull();
    expect(press('e', { busy: true })).toBeNull();
    expect(press('e', { typing: true })).toBeNull();
  });

  it('never decides a row already reviewed, for a user who may not decide, or while a decision is on its way', () => {
    expect(press('a', { current: 1 })).toBeNull();
    expect(press('r', { current: 3 })).toBeNull();
    expect(press('a', { canDecide: false })).toBeNull();
    expect(press('a', { busy: true })).toBeNull();
  });

  it('leaves keys typed into fields, modified keys and other keys to the browser', () => {
    expect(press('a', { typing: true })).toBeNull();
    expect(press('j', { typing: true })).toBeNull();
    expect(press('a', { modified: true })).toBeNull();
    expect(press('x')).toBeNull();
    expect(press('j', { items: [] })).toBeNull();
  });

  it('keeps a stale cursor inside the list after rows left it', () => {
    expect(press('a', { current: 9, items: items.slice(0, 1) })).toEqual({ kind: 'decide', decision: { accept: ['p1'] } });
  });
});

describe('review queue selection and bulk decisions', () => {
  it('toggles one row and selects or clears all decidable rows', () => {
    expect([...toggled(new Set(), 'p1')]).toEqual(['p1']);
    expect([...toggled(new Set(['p1']), 'p1')]).toEqual([]);
    expect([...toggledAll(items, new Set())].sort()).toEqual(['p1', 'p2']);
    expect(allSelected(items, new Set(['p1', 'p2']))).toBe(true);
    expect(allSelected(items, new Set(['p1']))).toBe(false);
    expect([...toggledAll(items, new Set(['p1', 'p2']))]).toEqual([]);
    expect(allSelected([{ id: 'a1', status: 'accepted' }], new Set())).toBe(false);
  });

  it('sends only selected rows that are still proposed on the page', () => {
    expect(bulkDecision('accept', items, new Set(['p1', 'p2']))).toEqual({ accept: ['p1', 'p2'] });
    expect(bulkDecision('reject', items, new Set(['p2', 'a1', 'gone']))).toEqual({ reject: ['p2'] });
    expect(bulkDecision('accept', items, new Set(['a1']))).toBeNull();
    expect(bulkDecision('accept', items, new Set())).toBeNull();
  });
});

describe('corrections', () => {
  it('sends an event date and sentence, a decimal comma read as a point, empty fields as null', () => {
    expect(correctionBody('event', true, { date: ' 2024-03-12 ', years: '6,5' })).toEqual({
      ok: true,
      body: { date: '2024-03-12', sentenceYears: 6.5 },
    });
    expect(correctionBody('event', true, { date: '', years: '' })).toEqual({ ok: true, body: { date: null, sentenceYears: null } });
    expect(correctionBody('event', true, { date: '2024', years: '3' })).toEqual({ ok: true, body: { date: '2024', sentenceYears: 3 } });
  });

  it('refuses a sentence that is not a number and a date that is not a year, month or day', () => {
    expect(correctionBody('event', true, { date: '', years: 'шесть' })).toEqual({ ok: false, error: 'notANumber' });
    expect(correctionBody('event', true, { date: '', years: '-2' })).toEqual({ ok: false, error: 'notANumber' });
    expect(correctionBody('event', true, { date: '12.03.2024', years: '' })).toEqual({ ok: false, error: 'badDate' });
    // A day the calendar does not have is refused here, as the API refuses it, not sent.
    expect(correctionBody('event', true, { date: '2025-02-30', years: '' })).toEqual({ ok: false, error: 'badDate' });
  });

  it('sends a person’s display name and another record’s name, never an empty one', () => {
    expect(correctionBody('person', false, { name: ' Ринат Гайнуллин ' })).toEqual({ ok: true, body: { displayName: 'Ринат Гайнуллин' } });
    expect(correctionBody('case', false, { name: 'Дело «Сети»' })).toEqual({ ok: true, body: { name: 'Дело «Сети»' } });
    expect(correctionBody('organization', false, { name: '   ' })).toEqual({ ok: false, error: 'emptyName' });
  });

  it('sends the event type, and the chosen person as the subject, and refuses an unknown type', () => {
    const types = ['detention', 'arrest'];
    expect(correctionBody('event', true, { date: '', years: '', type: 'arrest', subject: 'person-1' }, [], types)).toEqual({
      ok: true,
      body: { date: null, sentenceYears: null, type: 'arrest', subjects: [{ type: 'persons', id: 'person-1' }] },
    });
    expect(correctionBody('event', true, { date: '', years: '', type: 'parade' }, [], types)).toEqual({ ok: false, error: 'badType' });
    // No person chosen: the proposed subjects stay as they are (no `subjects` sent).
    expect(correctionBody('event', true, { date: '', years: '', subject: '' }, [], types)).toEqual({
      ok: true,
      body: { date: null, sentenceYears: null },
    });
  });

  it('sends the existing person a proposed person is the same as, for persons only', () => {
    expect(correctionBody('person', false, { name: 'Ринат', samePersonAs: 'person-9' })).toEqual({
      ok: true,
      body: { displayName: 'Ринат', samePersonAs: 'person-9' },
    });
    expect(correctionBody('person', false, { name: 'Ринат', samePersonAs: '' })).toEqual({ ok: true, body: { displayName: 'Ринат' } });
    expect(correctionBody('case', false, { name: 'Дело', samePersonAs: 'person-9' })).toEqual({ ok: true, body: { name: 'Дело' } });
  });

  it('sends moved quote boundaries with any kind of proposal', () => {
    const spans = [{ id: 'ev-1', start: 4, end: 19 }];
    expect(correctionBody('organization', false, { name: 'ФСБ' }, spans)).toEqual({ ok: true, body: { name: 'ФСБ', evidence: spans } });
    expect(correctionBody('event', true, { date: '2024', years: '' }, spans)).toEqual({
      ok: true,
      body: { date: '2024', sentenceYears: null, evidence: spans },
    });
  });

  it('turns a person into an organization and back, naming it as the new kind is named, and never links it then', () => {
    expect(correctionBody('person', false, { name: 'Мемориал', recordType: 'organization', samePersonAs: 'person-9' })).toEqual({
      ok: true,
      body: { name: 'Мемориал', recordType: 'organization' },
    });
    expect(correctionBody('organization', false, { name: 'Ирина Котова', recordType: 'person' })).toEqual({
      ok: true,
      body: { displayName: 'Ирина Котова', recordType: 'person' },
    });
    // The same kind as proposed is no change of kind.
    expect(correctionBody('person', false, { name: 'Ринат', recordType: 'person' })).toEqual({ ok: true, body: { displayName: 'Ринат' } });
    expect(correctionBody('case', false, { name: 'Дело', recordType: 'place' })).toEqual({ ok: true, body: { name: 'Дело' } });
  });
});
