/**
 * 7z archives: kept as a source without text, as a ZIP or RAR is, each file in them a child. Read by 7z-wasm (7-Zip
 * compiled to WebAssembly) in the parse worker, in its in-memory file system: the archive is listed first, the sizes
 * it declares are checked against the expansion budget, and only then is it unpacked (7-Zip writes each file to the
 * size the archive records for it). The format is forced to 7z, so nothing else (a gzip bomb) is opened under its
 * name, and an empty password is given, so an encrypted archive fails instead of asking for one. A ZIP split by
 * WinZip or Info-ZIP (`дело.z01`, `дело.z02`…, `дело.zip`) is read here too, its parts side by side in the file
 * system, as 7-Zip reads them: the ZIP reader of our own reads a ZIP that is whole.
 */
import type { SevenZipModule, SevenZipModuleFactory } from '7z-wasm';
import { ChronicleError, describeError } from '../../shared/errors.js';
import type { ParseLimits, ParserResult } from '../parse-types.js';
import { checkDeclaredSizes, expansionBudget } from '../zip-reader.js';
import { ENCRYPTED_ENTRY, isArchiveJunk, safeChildName, UnpackedArchive, withoutPageResources } from './zip.js';

interface Listed {
  name: string;
  size: number;
  folder: boolean;
  encrypted: boolean;
}

const ARCHIVE = '/archive.7z';
/** A split ZIP's last part; the others beside it as `/archive.z01`, `/archive.z02`… */
const SPLIT_ZIP = '/archive.zip';
const OUT = '/unpacked';

/** A fresh 7-Zip, its file system empty, its input and output as `options` say (Emscripten's module options). */
export async function loadSevenZip(options: Parameters<SevenZipModuleFactory>[0]): Promise<SevenZipModule> {
  // A UMD module: Node gives its factory as the default export, which its types (an ES module's) do not know.
  const { default: SevenZip } = (await import('7z-wasm')) as unknown as { default: SevenZipModuleFactory };
  return SevenZip(options);
}

/** `zipParts`: the parts after the first of a split ZIP, the last (`.zip`) last; without them, a 7z archive. */
export async function parseSevenZip(
  bytes: Uint8Array,
  limits: ParseLimits,
  zipParts: readonly Uint8Array[] = [],
): Promise<ParserResult> {
  const spanned = zipParts.length > 0;
  const format = spanned ? 'zip' : '7z';
  const label = spanned ? 'split ZIP archive' : '7z archive';
  const path = spanned ? SPLIT_ZIP : ARCHIVE;
  const printed: string[] = [];
  const sevenZip = await loadSevenZip({
    print: (line: string) => printed.push(line),
    printErr: (line: string) => printed.push(line),
    // Nothing to type: a password prompt reads the end of input and fails.
    stdin: () => null as unknown as number,
  });
  const run = (args: string[]): { code: number; output: string[] } => {
    printed.length = 0;
    let code: number;
    try {
      code = sevenZip.callMain(args) as unknown as number;
    } catch (error) {
      // 7-Zip's own C++ exceptions arrive as a bare number (where WebAssembly keeps them): damage it gave up on.
      const why = typeof error === 'number' ? 'it is damaged' : describeError(error);
      throw new ChronicleError('PARSE_FAILED', `the ${label} could not be read: ${why}`);
    }
    return { code: typeof code === 'number' ? code : 0, output: [...printed] };
  };
  const parts = [bytes, ...zipParts];
  if (spanned)
    for (const [index, part] of parts.entries())
      sevenZip.FS.writeFile(
        index === parts.length - 1 ? SPLIT_ZIP : `/archive.z${String(index + 1).padStart(2, '0')}`,
        part,
      );
  else sevenZip.FS.writeFile(ARCHIVE, bytes);

  const listing = run(['l', '-slt', `-t${format}`, '-p', '-sccUTF-8', path]);
  if (listing.code !== 0) throw sevenZipError(listing.output, `the ${label} could not be read`, path);
  const listed = readListing(listing.output);
  if (listed.length > limits.maxArchiveEntries)
    throw new ChronicleError('DECOMPRESSION_LIMIT', `archive has more than ${limits.maxArchiveEntries} entries`);
  if (listed.length === 0)
    throw new ChronicleError('PARSE_FAILED', `the ${label} lists no files: it is empty or cut short`);
  const files = listed.filter((entry) => !entry.folder && !isArchiveJunk(entry.name));
  // A solid block records its packed size once, for all its files: each is measured against the whole archive.
  const budget = expansionBudget(parts, limits);
  checkDeclaredSizes(
    files.map((entry) => ({ uncompressedSize: entry.size, compressedSize: budget.inputBytes })),
    budget,
  );

  const archive = new UnpackedArchive();
  const readable = withoutPageResources(files, '', archive);
  const unpacking = run(['x', `-t${format}`, '-p', '-y', '-sccUTF-8', `-o${OUT}`, path]);
  // 7-Zip goes on past a file it cannot unpack (a wrong password, damage), names it and exits with 2.
  const failures = failedPaths(unpacking.output);
  for (const [index, entry] of readable.entries()) {
    const name = safeChildName(entry.name, `entry-${index + 1}`);
    const content =
      entry.encrypted || failures.has(entry.name) ? null : readUnpacked(sevenZip.FS, `${OUT}/${entry.name}`);
    if (entry.encrypted) archive.fail(name, 'UNSUPPORTED_TYPE', ENCRYPTED_ENTRY);
    else if (content === null)
      archive.fail(
        name,
        'PARSE_FAILED',
        failures.get(entry.name) ?? 'the file could not be unpacked: the archive is damaged',
      );
    else archive.add(name, content);
  }
  return archive.result();
}

/**
 * The entries of `7z l -slt`: after the line of dashes, blocks of `Key = value` lines apart by blank lines.
 * `Path = d/протокол.txt`, `Size = 31`, `Folder = -`, `Encrypted = +`.
 */
function readListing(output: string[]): Listed[] {
  const start = output.findIndex((line) => /^-{5,}$/.test(line.trim()));
  if (start < 0) return [];
  const entries: Listed[] = [];
  let fields = new Map<string, string>();
  const close = () => {
    const name = fields.get('Path');
    if (name !== undefined)
      entries.push({
        name,
        size: Number(fields.get('Size') ?? 0) || 0,
        folder: fields.get('Folder') === '+' || (fields.get('Attributes') ?? '').startsWith('D'),
        encrypted: fields.get('Encrypted') === '+',
      });
    fields = new Map();
  };
  for (const line of output.slice(start + 1)) {
    if (line.trim() === '') {
      close();
      continue;
    }
    const at = line.indexOf(' = ');
    if (at > 0) fields.set(line.slice(0, at), line.slice(at + 3));
  }
  close();
  return entries;
}

/** The files 7-Zip says it could not unpack, with its reason: `ERROR: Data Error in encrypted file. … : b.txt`. */
function failedPaths(output: string[]): Map<string, string> {
  const failed = new Map<string, string>();
  for (const line of output) {
    const match = /^ERROR: (.+?) : (.+)$/.exec(line.trim());
    if (match) failed.set(match[2]!, `the file could not be unpacked: ${match[1]!.toLowerCase()}`);
  }
  return failed;
}

function readUnpacked(fs: { readFile(path: string): Uint8Array }, path: string): Uint8Array | null {
  try {
    return fs.readFile(path);
  } catch {
    return null;
  }
}

/** 7-Zip's own words on why it failed, as one line: "Cannot open encrypted archive. Wrong password?" */
function sevenZipError(output: string[], context: string, path = ARCHIVE): ChronicleError {
  const said = output
    .map((line) =>
      line
        .trim()
        .replace(/^ERROR: /, '')
        .replace(`${path} : `, ''),
    )
    .filter((line) => line && line !== 'ERROR:' && line !== path)
    .filter((line) => /error|cannot|wrong|unexpected|not archive|headers/i.test(line));
  if (said.some((line) => /encrypted archive|wrong password/i.test(line)))
    return new ChronicleError(
      'UNSUPPORTED_TYPE',
      'the 7z archive is encrypted, its file names too: ask for the password or a copy without one',
    );
  const reason = said.find((line) => !/^errors?: \d+$/i.test(line)) ?? 'it is damaged or not a 7z archive';
  return new ChronicleError('PARSE_FAILED', `${context}: ${reason.toLowerCase()}`);
}
