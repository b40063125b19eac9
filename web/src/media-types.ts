/** Pictures the server serves to be shown (GET /api/v1/sources/:id/image): what every supported browser decodes. */
export const SHOWN_IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
]);

/** The server's media types (src/sources/detect.ts MEDIA_TYPES), by the key of their name in the UI's messages. */
export const MEDIA_TYPE_KEYS: Record<string, string> = {
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/html': 'html',
  'multipart/related': 'mhtml',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/msword': 'doc',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/rtf': 'rtf',
  'message/rfc822': 'eml',
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
};
