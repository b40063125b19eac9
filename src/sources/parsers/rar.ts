/**
 * RAR archives (RAR 4 and 5), as lawyers and groups in Russia most often send case files: kept as a source without
 * text, as a ZIP is, each file in it a child. Read by node-unrar-js, the official unrar compiled to WebAssembly, in
 * memory and in the parse worker. The sizes the archive declares are checked against the expansion budget before
 * anything is unpacked, and only files within it are unpacked (unrar stops each at its declared size). A damaged or
 * encrypted file fails alone, with the reason; what the archive keeps unread is listed in its metadata.
 */
import { createExtractorFromData, type FileHeader, UnrarError } from 'node-unrar-js';
import { ChronicleError, describeError } from '../../shared/errors.js';
import type { ParseLimits, ParserResult } from '../parse-types.js';
import { checkDeclaredSizes, expansionBudget } from '../zip-reader.js';
import { ENCRYPTED_ENTRY, isArchiveJunk, safeChildName, UnpackedArchive, withoutPageResources } from './zip.js';

export async function parseRar(bytes: Uint8Array, limits: ParseLimits): Promise<ParserResult> {
  // unrar reads the archive from its own copy: the worker's buffer may be a view on a larger one.
  const data = bytes.slice().buffer as ArrayBuffer;
  let headers: FileHeader[];
  let extractor: Awaited<ReturnType<typeof createExtractorFromData>>;
  try {
    extractor = await createExtractorFromData({ data });
    const list = extractor.getFileList();
    if (list.arcHeader.flags.volume)
      throw new ChronicleError(
        'UNSUPPORTED_TYPE',
        'a part of a RAR archive split into volumes (.part1.rar, .r00…): join the parts with WinRAR or unrar and add the whole archive',
      );
    headers = [];
    for (const header of list.fileHeaders) {
      headers.push(header);
      if (headers.length > limits.maxArchiveEntries)
        throw new ChronicleError('DECOMPRESSION_LIMIT', `archive has more than ${limits.maxArchiveEntries} entries`);
    }
  } catch (error) {
    throw asChronicleError(error, 'the RAR archive could not be read');
  }

  const files = headers.filter((header) => !header.flags.directory && !isArchiveJunk(header.name));
  const budget = expansionBudget(bytes, limits);
  checkDeclaredSizes(
    files.map((header) => ({ uncompressedSize: header.unpSize, compressedSize: header.packSize })),
    budget,
  );
  const archive = new UnpackedArchive();
  const readable = withoutPageResources(files, '', archive);
  const named = readable.map((header, i) => ({ header, name: safeChildName(header.name, `entry-${i + 1}`) }));
  const wanted = new Set(named.filter(({ header }) => !header.flags.encrypted).map(({ header }) => header.name));
  const unpacked = new Map<string, Uint8Array>();
  let damage: string | null = null;
  try {
    for (const file of extractor.extract({ files: (header) => wanted.has(header.name) }).files)
      if (file.extraction) unpacked.set(file.fileHeader.name, file.extraction);
  } catch (error) {
    // Past a damaged block nothing more can be unpacked (in a solid archive, nothing after it either): the files
    // read so far are kept, the others fail with the reason.
    damage = asChronicleError(error, 'the archive is damaged').message;
  }
  for (const { header, name } of named) {
    const content = unpacked.get(header.name);
    if (header.flags.encrypted) archive.fail(name, 'UNSUPPORTED_TYPE', ENCRYPTED_ENTRY);
    else if (!content) archive.fail(name, 'PARSE_FAILED', damage ?? 'the file could not be unpacked');
    else archive.add(name, content);
  }
  if (headers.length === 0)
    throw new ChronicleError(
      'PARSE_FAILED',
      'the RAR archive lists no files: it is empty or cut short before its first',
    );
  return archive.result();
}

/** unrar's failure as ours: a missing password, damage, or a file that is no RAR archive at all. */
function asChronicleError(error: unknown, context: string): ChronicleError {
  if (error instanceof ChronicleError) return error;
  if (error instanceof UnrarError) {
    if (error.reason === 'ERAR_MISSING_PASSWORD' || error.reason === 'ERAR_BAD_PASSWORD')
      return new ChronicleError(
        'UNSUPPORTED_TYPE',
        'the RAR archive is encrypted, its file names too: ask for the password or a copy without one',
      );
    // unrar reads past the end of an archive cut short, and says "file read error".
    const reason = error.reason === 'ERAR_EREAD' ? 'it is cut short or damaged' : error.message.toLowerCase();
    return new ChronicleError('PARSE_FAILED', `${context}: ${reason}`);
  }
  return new ChronicleError('PARSE_FAILED', `${context} (${describeError(error)})`);
}
