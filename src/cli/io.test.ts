import { describe, expect, it } from 'vitest';
import { terminalSafe } from './io.js';

describe('terminalSafe', () => {
  it('shows what a terminal would act on, and keeps every letter', () => {
    expect(terminalSafe('Evil \x1b[31mred\x1b[0m')).toBe('Evil \ufffd[31mred\ufffd[0m');
    expect(terminalSafe('title \x1b]52;c;cHduZWQ=\x07')).toBe('title \ufffd]52;c;cHduZWQ=\ufffd');
    expect(terminalSafe('\x9b2J, \u202eexe.txt')).toBe('\ufffd2J, \ufffdexe.txt');
    expect(terminalSafe('a\nfailed     b.txt\r\n')).toBe('a failed     b.txt  ');
    expect(terminalSafe('Задержан «Иван» — 5\tлет')).toBe('Задержан «Иван» — 5\tлет');
  });
});
