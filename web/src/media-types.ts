/** Whether a source is a recording (audio or video) rather than a page: what its transcription is of. */
export function isRecording(mediaType: string): boolean {
  return mediaType.startsWith('audio/') || mediaType.startsWith('video/');
}

/**
 * The picture formats a browser does not show, which the server sends a JPEG made from (src/sources/browser-view.ts):
 * `shownConverted('image/tiff')` → 'TIFF'; `shownConverted('image/png')` → null.
 */
export function shownConverted(mediaType: string): string | null {
  return { 'image/heic': 'HEIC', 'image/heif': 'HEIF', 'image/tiff': 'TIFF', 'image/vnd.djvu': 'DjVu' }[mediaType] ?? null;
}

/** Archives, and files compressed alone (gzip, bzip2, xz, Zstandard), which hold their one file as a child. */
const ARCHIVE_MEDIA_TYPES = [
  'application/zip',
  'application/vnd.rar',
  'application/x-7z-compressed',
  'application/x-tar',
  'application/gzip',
  'application/x-bzip2',
  'application/x-xz',
  'application/zstd',
  'application/x-compress',
];

/** Whether a source is an archive: kept without text, its files are its children. */
export function isArchive(mediaType: string): boolean {
  return ARCHIVE_MEDIA_TYPES.includes(mediaType);
}

/** The server's media types (src/sources/detect.ts MEDIA_TYPES), by the key of their name in the UI's messages. */
export const MEDIA_TYPE_KEYS: Record<string, string> = {
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/html': 'html',
  'multipart/related': 'mhtml',
  'application/x-webarchive': 'webarchive',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/msword': 'doc',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.text-flat-xml': 'fodt',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.spreadsheet-flat-xml': 'fods',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/rtf': 'rtf',
  'message/rfc822': 'eml',
  'message/x-emlx': 'emlx',
  'application/mbox': 'mbox',
  'application/vnd.ms-outlook': 'msg',
  'application/x-telegram-export+json': 'telegram',
  'application/x-telegram-export+html': 'telegramHtml',
  'text/x-whatsapp-chat': 'whatsapp',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/tiff': 'tiff',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/avif': 'avif',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/vnd.djvu': 'djvu',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/mp4': 'm4a',
  'audio/flac': 'flac',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
  'video/3gpp': 'threeGpp',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'video/x-matroska': 'mkv',
  'video/x-msvideo': 'avi',
  'application/zip': 'zip',
  'application/vnd.rar': 'rar',
  'application/x-7z-compressed': 'sevenZip',
  'application/x-tar': 'tar',
  'application/gzip': 'gzip',
  'application/x-bzip2': 'bzip2',
  'application/x-xz': 'xz',
  'application/zstd': 'zstd',
  'application/x-compress': 'unixCompress',
  // Stored only for a part of a file split into parts (`дело.7z.002`): no format of its own.
  'application/octet-stream': 'splitPart',
};
