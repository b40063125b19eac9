/**
 * A page saved by Safari (`.webarchive`, what File › Save As writes by default on a Mac): a binary property list
 * whose `WebMainResource` holds the page's own bytes, its address, type and text encoding, with the page's pictures
 * and style sheets in `WebSubresources` and its frames in `WebSubframeArchives`. The page is read as an HTML page
 * is, as a saved MHTML page's is; the resources stay in the original, kept byte for byte. A web archive of a PDF or
 * a picture (Safari saves what it shows) holds that file as its one part.
 */
import { ChronicleError } from '../../shared/errors.js';
import { webUrl } from '../../shared/web-url.js';
import { decodeWithCharset } from '../decode-text.js';
import type { ParserResult } from '../parse-types.js';
import { BinaryPlist, WEB_MAIN_RESOURCE } from './binary-plist.js';
import { decodeHtml, htmlToDocument } from './html.js';
import { safeChildName } from './zip.js';

export function parseWebArchive(bytes: Uint8Array): ParserResult {
  const root = new BinaryPlist(bytes).root();
  const main = root.get(WEB_MAIN_RESOURCE);
  const page = main?.get('WebResourceData')?.data();
  if (!main || !page)
    throw new ChronicleError('PARSE_FAILED', 'the web archive holds no page (its WebMainResource has no data)');
  const address = webUrl(main.get('WebResourceURL')?.string() ?? '');
  const mediaType = (main.get('WebResourceMIMEType')?.string() ?? 'text/html').toLowerCase();
  const resources = root.get('WebSubresources')?.length ?? 0;
  const frames = root.get('WebSubframeArchives')?.length ?? 0;
  const saved = {
    ...(address ? { savedFrom: address } : {}),
    ...(resources > 0 ? { resources } : {}),
    ...(frames > 0 ? { framesNotRead: frames } : {}),
  };

  if (!/^(text\/html|application\/xhtml\+xml|text\/plain)$/.test(mediaType)) {
    // Safari saved a file it showed: the file is the archive's part, read as what it is.
    const name = safeChildName(decodeURIComponentSafely(address?.split(/[?#]/)[0]?.split('/').pop() ?? ''), 'page');
    return {
      text: '',
      isContainer: true,
      encoding: null,
      url: address,
      children: [{ name, bytes: page, relation: 'part' }],
      metadata: { ...saved, savedType: mediaType },
    };
  }
  // Safari records the encoding it read the page in; a page's own <meta> is the fallback, as for any HTML file.
  const encodingName = main.get('WebResourceTextEncodingName')?.string() ?? null;
  const markup = encodingName ? decodeWithCharset(page, encodingName).text : decodeHtml(page).text;
  const read =
    mediaType === 'text/plain'
      ? { text: markup, metadata: {} as Record<string, unknown> }
      : htmlToDocument(markup, { mainContent: true });
  return {
    ...read,
    url: ('url' in read ? read.url : null) ?? address,
    encoding: null,
    metadata: { ...read.metadata, ...saved },
  };
}

function decodeURIComponentSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
