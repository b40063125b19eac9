import { describe, expect, it } from 'vitest';
import { judgeTextLayer } from './text-layer.js';

describe('a PDF text layer judged', () => {
  it('reads back Windows-1251 codes under a Latin font, Ё and № too', () => {
    expect(judgeTextLayer('Ñóä àðåñòîâàë Ïåòðà Âûìûøëåííîãî ¹ 3/1-45; ¨æèê — «¸ëêà»')).toEqual({
      kind: 'repaired',
      text: 'Суд арестовал Петра Вымышленного № 3/1-45; Ёжик — «ёлка»',
    });
  });

  it('leaves Latin text with accents, and a line too short to judge, as they are', () => {
    const french = "Le tribunal a prononcé l'arrêt à Besançon après une procédure très contestée.";
    expect(judgeTextLayer(french)).toEqual({ kind: 'readable', text: french });
    expect(judgeTextLayer('Ñóä')).toEqual({ kind: 'readable', text: 'Ñóä' });
    const icelandic = 'Þórður Guðmundsson var handtekinn í Reykjavík á föstudaginn fyrir mótmæli.';
    expect(judgeTextLayer(icelandic)).toEqual({ kind: 'readable', text: icelandic });
  });

  it('finds a text layer of glyph numbers unreadable, and a text with a few of them readable', () => {
    expect(judgeTextLayer('\u0001\u0002\u0003\u0004\u0005 \u0006\u0007\u0008\u000e\u000f \u0010\u0011')).toEqual({
      kind: 'unreadable',
    });
    expect(judgeTextLayer('\ue001\ue002\ue003\ue004 \ue005\ue006\ue007\ue008\ue009\ue00a\ue00b').kind).toBe(
      'unreadable',
    );
    const mostlyText = 'Суд арестовал Петра Вымышленного \u0001 на два месяца.';
    expect(judgeTextLayer(mostlyText)).toEqual({ kind: 'readable', text: mostlyText });
  });
});
