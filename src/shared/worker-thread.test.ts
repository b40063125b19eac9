import { describe, expect, it } from 'vitest';
import { workerSetting } from './worker-thread.js';

describe('workerSetting', () => {
  it('takes a whole number in range from the environment and the fallback for anything else', () => {
    expect(workerSetting('3', 1, 64, 2)).toBe(3);
    expect(workerSetting(' 3 ', 1, 64, 2)).toBe(3);
    for (const value of [undefined, '', '  ', '0', '65', '2.5', 'four']) expect(workerSetting(value, 1, 64, 2)).toBe(2);
  });
});
