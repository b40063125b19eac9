import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectMediaType, MEDIA_TYPES, whyNotADocument } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';
import { recordingMediaType } from '../recording-kind.js';

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../test/fixtures/recordings/${name}`, import.meta.url)));
}

describe('recordings: voice messages, dictated accounts, videos', () => {
  it.each([
    ['voice.ogg', MEDIA_TYPES.ogg, 'Opus', 2],
    ['account.mp3', MEDIA_TYPES.mp3, 'MPEG 2.5 Layer 3', 1.7],
    ['memo.wav', MEDIA_TYPES.wav, 'PCM', 1],
    ['memo.m4a', MEDIA_TYPES.m4a, 'MPEG-4/AAC', 1.1],
    ['clip.mp4', MEDIA_TYPES.mp4, 'MPEG-4/AAC', 1],
  ])(
    '%s is told by its bytes and kept for a transcription, with its length',
    async (name, mediaType, codec, seconds) => {
      const bytes = fixture(name);
      expect(detectMediaType(bytes, 'notes.txt')).toBe(mediaType);
      const doc = await parseDocumentInProcess(bytes);
      expect(doc).toMatchObject({ mediaType, text: '', needsOcr: true, language: 'other' });
      expect(doc.metadata).toMatchObject({ durationSeconds: seconds, codec });
      expect(doc.warnings[0]).toMatch(/^a (recording|video): what is said .*must be transcribed$/);
    },
  );

  it('takes the title and the day of recording the file gives', async () => {
    const doc = await parseDocumentInProcess(fixture('account.mp3'));
    expect(doc).toMatchObject({ title: 'Рассказ адвоката', publishedAt: '2026-11-20' });
    expect(doc.metadata.publishedAtSource).toBe('recording-date');
    expect((await parseDocumentInProcess(fixture('voice.ogg'))).title).toBe('Голосовое сообщение');
  });

  it('tells WebM from Matroska, and keeps a truncated recording, saying so', async () => {
    expect(detectMediaType(fixture('clip.webm'))).toBe(MEDIA_TYPES.webm);
    const cut = fixture('clip.mp4').subarray(0, 40);
    const doc = await parseDocumentInProcess(cut);
    expect(doc.mediaType).toBe(MEDIA_TYPES.mp4);
    expect(doc.warnings).toContain('the recording is damaged or truncated: its length could not be read');
  });

  it('is not taken from text that starts like one', () => {
    const utf8 = (s: string) => new TextEncoder().encode(s);
    expect(detectMediaType(utf8('ID3 of the suspect was confirmed by the court.'))).toBe(MEDIA_TYPES.text);
    expect(detectMediaType(utf8('#!AMR is the header of old voice recordings.'))).toBe(MEDIA_TYPES.text);
    expect(recordingMediaType(utf8('OggS'))).toBe(MEDIA_TYPES.ogg);
  });

  it('inside a message or an archive, is a document of its own', () => {
    expect(whyNotADocument(fixture('voice.ogg'), 'PTT-20261205-WA0001.opus')).toBeNull();
  });
});
