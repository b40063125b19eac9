import { describe, expect, it } from 'vitest';
import { type KnownReceipt, type Receipt, sameReceipt } from './captures.js';

const known: KnownReceipt = {
  parent_id: null,
  file_name: 'reports/2024/ufa.txt',
  title: 'Задержание в Уфе',
  publisher: 'Выдуманный монитор',
  author: null,
  url: 'https://example.org/ufa',
  published_at: '2024-03-15',
};

const receipt = (over: Partial<Receipt> = {}): Receipt => ({
  sourceId: 'S',
  parentId: null,
  relation: null,
  fileName: 'ufa.txt',
  given: {},
  ...over,
});

describe('sameReceipt', () => {
  it('takes the same file from another folder, with nothing given or the same given, for the same receipt', () => {
    expect(sameReceipt(receipt(), known)).toBe(true);
    expect(sameReceipt(receipt({ fileName: '/mnt/backup/reports/2024/ufa.txt' }), known)).toBe(true);
    expect(sameReceipt(receipt({ given: { url: 'https://example.org/ufa', title: null } }), known)).toBe(true);
  });

  it('tells a receipt apart by its container, its own file name, or any field given differently', () => {
    expect(sameReceipt(receipt({ parentId: 'LETTER', relation: 'attachment' }), known)).toBe(false);
    expect(sameReceipt(receipt({ fileName: 'ufa (1).txt' }), known)).toBe(false);
    expect(sameReceipt(receipt({ given: { url: 'https://example.net/mirror/ufa' } }), known)).toBe(false);
    expect(sameReceipt(receipt({ given: { published_at: '2024-03-16' } }), known)).toBe(false);
    expect(sameReceipt(receipt({ given: { author: 'Иван Выдуманный' } }), known)).toBe(false);
  });

  it('takes an entry of an archive by its own name within the same archive', () => {
    const entry = { ...known, parent_id: 'ZIP', file_name: 'week.zip!2024/ufa.txt' };
    expect(sameReceipt(receipt({ parentId: 'ZIP', fileName: 'other-name.zip!2024/ufa.txt' }), entry)).toBe(true);
    expect(sameReceipt(receipt({ parentId: 'ZIP2', fileName: 'week.zip!2024/ufa.txt' }), entry)).toBe(false);
  });
});
