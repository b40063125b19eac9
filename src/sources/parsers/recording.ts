/**
 * A recording — a relative's voice message after a search, a lawyer's account at the court's door, a video of a
 * detention — kept byte for byte and flagged needsOcr (its text has yet to be read), as a scan is, so that what is
 * said in it can be transcribed. What the file says of itself (length, codec, title, when it was recorded) goes
 * into the metadata, read by music-metadata.
 */
import { parseBuffer } from 'music-metadata';
import { toIsoDate } from '../iso-date.js';
import type { ParserResult } from '../parse-types.js';
import type { RecordingMediaType } from '../recording-kind.js';

export async function parseRecording(bytes: Uint8Array, mediaType: RecordingMediaType): Promise<ParserResult> {
  const warnings = [
    mediaType.startsWith('video/')
      ? 'a video: what is said and shown in it must be transcribed'
      : 'a recording: what is said in it must be transcribed',
  ];
  const metadata: Record<string, unknown> = {};
  let title: string | null = null;
  let recorded: string | null = null;
  try {
    const { format, common } = await parseBuffer(
      bytes,
      { mimeType: mediaType, size: bytes.length },
      { duration: true, skipCovers: true },
    );
    if (typeof format.duration === 'number' && Number.isFinite(format.duration))
      metadata.durationSeconds = Math.round(format.duration * 10) / 10;
    if (format.codec) metadata.codec = format.codec;
    if (format.container) metadata.container = format.container;
    title = common.title?.trim() || null;
    recorded = common.date ? toIsoDate(common.date) : null;
    if (common.artist) metadata.artist = common.artist;
  } catch {
    // Said below: a file music-metadata cannot read has no length either.
  }
  if (metadata.durationSeconds === undefined)
    warnings.push('the recording is damaged or truncated: its length could not be read');
  return {
    text: '',
    needsOcr: true,
    encoding: null,
    title,
    publishedAt: recorded,
    metadata: { ...metadata, ...(recorded ? { publishedAtSource: 'recording-date' } : {}) },
    warnings,
  };
}
