import { describe, expect, it } from 'vitest';
import { isLoopback } from './serve.js';

describe('isLoopback', () => {
  it('knows the addresses only this machine reaches', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]'])
      expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'chronicle.example.org', '127.0.0.1.example.org'])
      expect(isLoopback(host)).toBe(false);
  });
});
