import { describe, expect, it } from 'vitest';
import { webUrl } from './web-url.js';

describe('webUrl', () => {
  it('takes http and https addresses, and nothing a link could run or read locally', () => {
    expect(webUrl(' https://example.org/2025/ufa ')).toBe('https://example.org/2025/ufa');
    expect(webUrl('http://пример.рф/новость')).toBe(
      'http://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C',
    );
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>',
      'file:///etc/passwd',
      'example.org',
      '',
    ])
      expect(webUrl(bad), bad).toBeNull();
  });
});
