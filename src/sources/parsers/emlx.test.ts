import { describe, expect, it } from 'vitest';
import { mailWithAttachments, utf8 } from '../../../test/fixtures/documents.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';

/** An `.emlx` as Apple Mail writes one: the letter's length in bytes, the letter, then its property list of flags. */
function emlx(letter: string): Uint8Array {
  const bytes = utf8(letter);
  const flags =
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" ' +
    '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>flags</key>\n' +
    '\t<integer>8590195713</integer>\n</dict>\n</plist>\n';
  return Buffer.concat([utf8(`${bytes.length}       \n`), bytes, utf8(flags)]);
}

describe('Apple Mail letters (.emlx)', () => {
  it('are read as the letter they hold, with its attachments, Apple’s flags left in the original', async () => {
    const letter = mailWithAttachments({
      subject: 'Ходатайство по делу',
      body: 'Адвокат просит изменить меру пресечения Ольге Вымышленной.',
      attachments: [{ name: 'ходатайство.txt', type: 'text/plain', text: 'Прошу изменить меру пресечения.' }],
    });
    const file = emlx(letter);
    expect(detectMediaType(file, '12345.emlx')).toBe(MEDIA_TYPES.emlx);
    const doc = await parseDocumentInProcess(file);
    expect(doc).toMatchObject({ mediaType: MEDIA_TYPES.emlx, title: 'Ходатайство по делу', language: 'ru' });
    expect(doc.text).toContain('Адвокат просит изменить меру пресечения Ольге Вымышленной.');
    expect(doc.text).not.toContain('plist');
    expect(doc.children.map((child) => [child.name, child.relation])).toEqual([['ходатайство.txt', 'attachment']]);
  });

  it('are not taken from text that starts with a number, nor from a length past the end', () => {
    expect(detectMediaType(utf8('2024\nГод, когда задержали троих.\nFrom: a\nSubject: b\n'))).toBe(MEDIA_TYPES.text);
    const letter = 'From: a@example.org\nTo: b@example.org\nSubject: Обыск\n\nТекст.\n';
    expect(detectMediaType(utf8(`9999\n${letter}`))).not.toBe(MEDIA_TYPES.emlx);
    expect(detectMediaType(utf8(`${utf8(letter).length}\n${letter}`))).toBe(MEDIA_TYPES.emlx);
  });
});
