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
import { unrarVolumeNames } from '../volumes.js';
import { checkDeclaredSizes, expansionBudget } from '../zip-reader.js';
import { ENCRYPTED_ENTRY, isArchiveJunk, safeChildName, UnpackedArchive, withoutPageResources } from './zip.js';

/**
 * Reads a RAR archive; `laterVolumes`, the volumes after the first of one split into parts (volumes.ts gathers
 * them), in order.
 */
export async function parseRar(
  bytes: Uint8Array,
  limits: ParseLimits,
  laterVolumes: readonly Uint8Array[] = [],
): Promise<ParserResult> {
  // unrar reads the archive from its own copy: the worker's buffer may be a view on a larger one.
  const data = bytes.slice().buffer as ArrayBuffer;
  let headers: FileHeader[];
  let extractor: Awaited<ReturnType<typeof createExtractorFromData>>;
  let missingVolume: () => number | null = () => null;
  try {
    extractor = await createExtractorFromData({ data });
    if (laterVolumes.length > 0) missingVolume = offerVolumes(extractor, laterVolumes);
    const list = extractor.getFileList();
    if (list.arcHeader.flags.volume && laterVolumes.length === 0)
      throw new ChronicleError(
        'UNSUPPORTED_TYPE',
        'a part of a RAR archive split into volumes, under a name that does not say which part it is: add its parts ' +
          'under the names WinRAR gave them (.part1.rar, .part2.rar…, or .rar, .r00, .r01…)',
      );
    headers = [];
    for (const header of list.fileHeaders) {
      headers.push(header);
      if (headers.length > limits.maxArchiveEntries)
        throw new ChronicleError('DECOMPRESSION_LIMIT', `archive has more than ${limits.maxArchiveEntries} entries`);
    }
  } catch (error) {
    throw asChronicleError(error, 'the RAR archive could not be read', missingVolume());
  }

  const files = headers.filter((header) => !header.flags.directory && !isArchiveJunk(header.name));
  const budget = expansionBudget([bytes, ...laterVolumes], limits);
  checkDeclaredSizes(
    files.map((header) => ({
      uncompressedSize: header.unpSize,
      // unrar gives a file split across volumes the packed size of its piece in the first: its ratio is the set's.
      compressedSize: laterVolumes.length > 0 ? Math.max(header.packSize, budget.inputBytes) : header.packSize,
    })),
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
    damage = asChronicleError(error, 'the archive is damaged', missingVolume()).message;
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

/**
 * unrar's failure as ours: a missing password, damage, a volume it asked for and was not given, or a file that is no
 * RAR archive at all.
 */
function asChronicleError(error: unknown, context: string, missingVolume: number | null = null): ChronicleError {
  if (error instanceof ChronicleError) return error;
  if (missingVolume !== null)
    return new ChronicleError(
      'PARSE_FAILED',
      `${context}: its part ${missingVolume} is not here (the parts given end before the archive does): add it`,
    );
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

/** What node-unrar-js keeps of the files unrar may open, by name (its ExtractorData; not in its typings). */
interface UnrarFiles {
  _filePath: string;
  currentFd: number;
  dataFiles: Record<string, { file: unknown; fd: number }>;
  dataFileMap: Record<number, string>;
  open(name: string): number;
}

/**
 * Lets unrar open the later volumes of a set, which node-unrar-js does not offer: unrar asks for each next volume by
 * the name it works out from the first's (volumes.ts, `unrarVolumeNames`), and node-unrar-js answers from the files
 * it holds in memory by name, so the first volume is renamed and the others are added beside it. Returns what tells
 * which volume unrar asked for and did not find (a set missing its last parts), once it has.
 */
function offerVolumes(extractor: unknown, laterVolumes: readonly Uint8Array[]): () => number | null {
  const files = extractor as UnrarFiles;
  const first = files.dataFiles[files._filePath];
  if (!first || typeof files.open !== 'function')
    throw new ChronicleError('PARSE_FAILED', 'this build of unrar cannot be given the volumes of a split archive');
  const File = (first.file as { constructor: new (data: Uint8Array) => unknown }).constructor;
  const [firstName] = unrarVolumeNames(0);
  delete files.dataFiles[files._filePath];
  files._filePath = firstName!;
  files.dataFiles[firstName!] = first;
  files.dataFileMap[first.fd] = firstName!;
  laterVolumes.forEach((volume, i) => {
    for (const name of unrarVolumeNames(i + 1)) {
      const fd = files.currentFd++;
      files.dataFiles[name] = { file: new File(volume), fd };
      files.dataFileMap[fd] = name;
    }
  });
  let missing: number | null = null;
  const open = files.open.bind(files);
  files.open = (name: string) => {
    const fd = open(name);
    // The name of a volume past those given says which part unrar wanted: the one after the last.
    if (fd === 0 && name !== firstName && missing === null) missing = laterVolumes.length + 2;
    return fd;
  };
  return () => missing;
}
