import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { mailWithAttachments, makeTnef, utf8 } from '../../../test/fixtures/documents.js';
import { parseDocumentInProcess } from '../parse.js';
import { isTnef, tnefAttachments } from './tnef.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('winmail.dat (TNEF)', () => {
  it('gives its attachments by their long names, or their titles in the letter’s code page', () => {
    const winmail = makeTnef([
      { title: 'HODATA~1.TXT', longName: 'Ходатайство об изменении меры пресечения.txt', data: 'Прошу изменить меру.' },
      { title: iconv.encode('Протокол.txt', 'windows-1251'), data: 'Протокол обыска.' },
    ]);
    expect(isTnef(winmail)).toBe(true);
    expect(tnefAttachments(winmail, 100).map((a) => [a.name, text(a.bytes)])).toEqual([
      ['Ходатайство об изменении меры пресечения.txt', 'Прошу изменить меру.'],
      ['Протокол.txt', 'Протокол обыска.'],
    ]);
  });

  it('fails with a reason when cut short, and past the attachments an archive may hold', () => {
    const winmail = makeTnef([{ title: 'a.txt', data: 'Протокол обыска.' }]);
    expect(() => tnefAttachments(winmail.subarray(0, winmail.length - 5), 100)).toThrow(
      'winmail.dat is cut short or damaged',
    );
    const many = makeTnef(Array.from({ length: 5 }, (_, i) => ({ title: `${i}.txt`, data: `${i}` })));
    expect(() => tnefAttachments(many, 3)).toThrow('winmail.dat holds more than 3 attachments');
  });

  it('opens a letter’s winmail.dat: the files in it are the letter’s attachments; a damaged one is kept', async () => {
    const winmail = makeTnef([
      { title: 'HODATA~1.TXT', longName: 'Ходатайство.txt', data: 'Адвокат просит изменить меру пресечения.' },
    ]);
    const letter = mailWithAttachments({
      subject: 'Ходатайство',
      body: 'Направляю ходатайство.',
      attachments: [{ name: 'winmail.dat', type: 'application/ms-tnef', bytes: winmail }],
    });
    const doc = await parseDocumentInProcess(utf8(letter));
    expect(doc.children.map((child) => [child.name, child.relation, text(child.bytes)])).toEqual([
      ['Ходатайство.txt', 'attachment', 'Адвокат просит изменить меру пресечения.'],
    ]);
    const damaged = mailWithAttachments({
      subject: 'Ходатайство',
      body: 'Направляю ходатайство.',
      attachments: [{ name: 'winmail.dat', type: 'application/ms-tnef', bytes: winmail.subarray(0, 40) }],
    });
    const kept = await parseDocumentInProcess(utf8(damaged));
    expect(kept.children).toEqual([]);
    expect(kept.metadata.notRead).toEqual([
      { name: 'winmail.dat', bytes: 40, reason: 'winmail.dat is cut short or damaged' },
    ]);
  });
});
