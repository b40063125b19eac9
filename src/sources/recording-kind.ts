/**
 * Recordings: a relative's voice message after a search, a lawyer's account recorded at the court's door, a video of
 * a detention. Which audio or video format a file is, by its first bytes, kept apart from their parser (music-metadata)
 * so that detection loads nothing.
 */
import { asciiAt } from './magic.js';

export const RECORDING_MEDIA_TYPES = {
  /** Ogg: WhatsApp's and Telegram's voice messages (Opus), Vorbis. */
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  /** AAC in MP4 (`.m4a`): iPhone's voice memos. */
  m4a: 'audio/mp4',
  flac: 'audio/flac',
  /** Older phones' voice recorders. */
  amr: 'audio/amr',
  mp4: 'video/mp4',
  /** Older phones' videos, and Android's voice recorder. */
  threeGpp: 'video/3gpp',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
} as const;

export type RecordingMediaType = (typeof RECORDING_MEDIA_TYPES)[keyof typeof RECORDING_MEDIA_TYPES];

const RECORDING_TYPE_SET = new Set<string>(Object.values(RECORDING_MEDIA_TYPES));

export function isRecordingMediaType(mediaType: string): mediaType is RecordingMediaType {
  return RECORDING_TYPE_SET.has(mediaType);
}

/** ISO-BMFF major brands (ISO/IEC 14496-12, and the registry at mp4ra.org) by what they hold. */
const ISO_BRANDS: Record<string, RecordingMediaType> = {
  'M4A ': RECORDING_MEDIA_TYPES.m4a,
  'M4B ': RECORDING_MEDIA_TYPES.m4a,
  'M4P ': RECORDING_MEDIA_TYPES.m4a,
  isom: RECORDING_MEDIA_TYPES.mp4,
  iso2: RECORDING_MEDIA_TYPES.mp4,
  iso4: RECORDING_MEDIA_TYPES.mp4,
  iso5: RECORDING_MEDIA_TYPES.mp4,
  iso6: RECORDING_MEDIA_TYPES.mp4,
  mp41: RECORDING_MEDIA_TYPES.mp4,
  mp42: RECORDING_MEDIA_TYPES.mp4,
  avc1: RECORDING_MEDIA_TYPES.mp4,
  dash: RECORDING_MEDIA_TYPES.mp4,
  'M4V ': RECORDING_MEDIA_TYPES.mp4,
  MSNV: RECORDING_MEDIA_TYPES.mp4,
  '3gp4': RECORDING_MEDIA_TYPES.threeGpp,
  '3gp5': RECORDING_MEDIA_TYPES.threeGpp,
  '3gp6': RECORDING_MEDIA_TYPES.threeGpp,
  '3gp7': RECORDING_MEDIA_TYPES.threeGpp,
  '3g2a': RECORDING_MEDIA_TYPES.threeGpp,
  'qt  ': RECORDING_MEDIA_TYPES.mov,
};

/**
 * The audio or video format of the bytes, or null. `recordingMediaType(voiceNote)` → 'audio/ogg'. Magics that could
 * begin a line of text ("ID3", "#!AMR") count only with the bytes a real file has after them.
 */
export function recordingMediaType(bytes: Uint8Array): RecordingMediaType | null {
  if (asciiAt(bytes, 0, 4) === 'OggS') return RECORDING_MEDIA_TYPES.ogg;
  if (asciiAt(bytes, 0, 4) === 'fLaC') return RECORDING_MEDIA_TYPES.flac;
  if (asciiAt(bytes, 0, 6) === '#!AMR\n' || asciiAt(bytes, 0, 9) === '#!AMR-WB\n') return RECORDING_MEDIA_TYPES.amr;
  // ID3v2: "ID3", a major version of 2–4, a minor version of 0.
  if (asciiAt(bytes, 0, 3) === 'ID3' && bytes.length > 4 && bytes[3]! >= 2 && bytes[3]! <= 4 && bytes[4] === 0)
    return RECORDING_MEDIA_TYPES.mp3;
  // An MPEG audio frame's sync word (11 bits set), layer III, without an ID3 tag before it.
  if (bytes.length > 2 && bytes[0] === 0xff && (bytes[1]! & 0xe6) === 0xe2) return RECORDING_MEDIA_TYPES.mp3;
  if (asciiAt(bytes, 0, 4) === 'RIFF' && asciiAt(bytes, 8, 12) === 'WAVE') return RECORDING_MEDIA_TYPES.wav;
  if (asciiAt(bytes, 0, 4) === 'RIFF' && asciiAt(bytes, 8, 12) === 'AVI ') return RECORDING_MEDIA_TYPES.avi;
  if (asciiAt(bytes, 4, 8) === 'ftyp') return ISO_BRANDS[asciiAt(bytes, 8, 12)] ?? null;
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return ebmlDocType(bytes);
  return null;
}

/** Matroska and WebM share EBML's magic; the DocType element (0x4282) in the header says which. */
function ebmlDocType(bytes: Uint8Array): RecordingMediaType {
  const head = asciiAt(bytes, 0, Math.min(bytes.length, 64));
  return head.includes('webm') ? RECORDING_MEDIA_TYPES.webm : RECORDING_MEDIA_TYPES.mkv;
}
