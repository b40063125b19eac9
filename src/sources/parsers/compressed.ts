/**
 * Tar archives, and one file compressed by gzip, bzip2, xz or Zstandard: how Linux and macOS users, servers and
 * court-file scrapers pack what they send (`дело.tar.gz`, `letter.eml.gz`). Kept as a ZIP is: the file is a source
 * without text, and what it holds is its child — each file of a tar, or the one file compressed. A compressed tar is
 * read as one archive, so `case.tar.gz` gives its files, not a `case.tar` between them.
 *
 * None of these formats records its unpacked size in a way that can be trusted (gzip's is modulo 4 GB and a lie costs
 * nothing; bzip2 has none), so 7-Zip (7z-wasm, the same as for 7z) writes the unpacked bytes to its standard output,
 * one at a time, into a buffer that refuses the byte past the expansion budget: a bomb stops there. Tar is read by
 * modern-tar, checksums checked, so that a damaged header stops the reading rather than inventing files.
 */
import { unpackTar } from 'modern-tar';
import { ChronicleError } from '../../shared/errors.js';
import { sizeInWords } from '../../shared/sizes.js';
import { COMPRESSED_FORMATS, type CompressedMediaType, isTar } from '../compressed-kind.js';
import { decodeStrictUtf8 } from '../decode-text.js';
import type { ParseLimits, ParserResult } from '../parse-types.js';
import { expansionBudget, expansionLimit } from '../zip-reader.js';
import { loadSevenZip } from './sevenzip.js';
import { isArchiveJunk, safeChildName, UnpackedArchive, withoutPageResources } from './zip.js';

export async function parseTar(bytes: Uint8Array, limits: ParseLimits): Promise<ParserResult> {
  const archive = new UnpackedArchive();
  await readTar(bytes, limits, archive);
  return archive.result();
}

/**
 * `case.tar.gz` → its files; `letter.eml.gz` → the letter, named by the name gzip kept, or by the file's own name
 * less `.gz`. A stream cut short or damaged keeps what came before the damage: a tar's whole files, or nothing of a
 * single file (a document cut anywhere is not read as if it were whole), and the file fails on its own line.
 */
export async function parseCompressed(
  bytes: Uint8Array,
  mediaType: CompressedMediaType,
  limits: ParseLimits,
  fileName?: string,
): Promise<ParserResult> {
  const format = COMPRESSED_FORMATS[mediaType];
  const { content, damage } = await decompress(bytes, format.sevenZipType, format.label, limits);
  const archive = new UnpackedArchive();
  if (isTar(content)) {
    await readTar(content, limits, archive, damage);
  } else {
    if (content.length === 0 && damage !== null)
      throw new ChronicleError('PARSE_FAILED', `the ${format.label} file could not be unpacked: ${damage}`);
    const name = safeChildName(storedName(bytes, mediaType) ?? withoutCompressionSuffix(fileName) ?? '', 'unpacked');
    if (damage !== null)
      archive.fail(name, 'PARSE_FAILED', `the ${format.label} file is ${damage}: its content is incomplete`);
    else archive.add(name, content);
  }
  const result = archive.result();
  // LZW as compress writes it has no end mark, length or checksum: a file cut short unpacks to less, without a word.
  const unchecked =
    mediaType === 'application/x-compress'
      ? ['Unix compress records no length or checksum: that the file is whole cannot be checked']
      : [];
  return {
    ...result,
    warnings: [...(result.warnings ?? []), ...unchecked],
    metadata: { ...result.metadata, compression: format.label },
  };
}

/** Why a stream stopped early, in words for the file's line: `cut short` or `damaged`. */
type Damage = string | null;

async function decompress(
  bytes: Uint8Array,
  sevenZipType: string,
  label: string,
  limits: ParseLimits,
): Promise<{ content: Uint8Array; damage: Damage }> {
  const budget = expansionBudget(bytes, limits);
  const output = new BoundedBuffer(expansionLimit(budget));
  const said: string[] = [];
  const sevenZip = await loadSevenZip({
    // Emscripten hands standard output over a byte at a time; a throw here is an I/O error to 7-Zip, which stops.
    stdout: (byte: number | null) => {
      if (byte !== null && !output.push(byte)) throw new Error('past the expansion budget');
    },
    printErr: (line: string) => said.push(line),
    // Nothing to type: a password prompt reads the end of input and fails.
    stdin: () => null as unknown as number,
  });
  sevenZip.FS.writeFile(INPUT, bytes);
  let code: number;
  try {
    code = sevenZip.callMain(['x', `-t${sevenZipType}`, '-so', INPUT]) as unknown as number;
  } catch {
    // 7-Zip's own C++ exceptions arrive as a bare number: damage it gave up on.
    code = 2;
  }
  if (output.overflowed) {
    const byRatio = output.limit < budget.remainingBytes;
    throw new ChronicleError(
      'DECOMPRESSION_LIMIT',
      byRatio
        ? `the ${label} file expands more than ${limits.maxExpansionRatio}:1 (past ${sizeInWords(output.limit)} from ${sizeInWords(bytes.length)}); the limit is ${limits.maxExpansionRatio}:1`
        : `the ${label} file expands past ${sizeInWords(output.limit)}; the limit is ${sizeInWords(limits.maxExpandedBytes)}`,
    );
  }
  if (code === 0 || code === undefined) return { content: output.bytes(), damage: null };
  const cutShort = said.some((line) => /unexpected end|truncated/i.test(line));
  return { content: output.bytes(), damage: cutShort ? 'cut short' : 'damaged' };
}

const INPUT = '/compressed';

/** Bytes gathered one at a time, in a buffer that doubles as it fills and refuses a byte past `limit`. */
class BoundedBuffer {
  private buffer = new Uint8Array(64 * 1024);
  length = 0;
  overflowed = false;

  constructor(readonly limit: number) {}

  push(byte: number): boolean {
    if (this.length === this.buffer.length) {
      if (this.length >= this.limit) {
        this.overflowed = true;
        return false;
      }
      const grown = new Uint8Array(Math.min(this.buffer.length * 2, this.limit));
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = byte;
    return true;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * Each file of a tar becomes a child, by its path; folders, links and devices are not files and are passed over. A
 * tar whose end is missing keeps the files before the cut, and the one cut through fails on its own line.
 */
async function readTar(
  bytes: Uint8Array,
  limits: ParseLimits,
  archive: UnpackedArchive,
  streamDamage: Damage = null,
): Promise<void> {
  let headers = 0;
  const countHeaders = () => {
    headers += 1;
    if (headers > limits.maxArchiveEntries)
      throw new ChronicleError('DECOMPRESSION_LIMIT', `archive has more than ${limits.maxArchiveEntries} entries`);
    return true;
  };
  let entries: Awaited<ReturnType<typeof unpackTar>>;
  let tarDamage: Damage = null;
  try {
    entries = await unpackTar(bytes, { strict: true, filter: countHeaders });
  } catch (error) {
    if (error instanceof ChronicleError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    tarDamage = /truncated/i.test(message) ? 'cut short' : 'damaged';
    // What strict reading passed, read again without it: the files before the damage, the last perhaps cut through.
    // A header whose checksum is wrong never reached the count; one whose file is cut through did.
    const intact = headers;
    headers = 0;
    let seen = 0;
    entries = await unpackTar(bytes, { filter: () => countHeaders() && ++seen <= intact });
  }
  const damage = streamDamage ?? tarDamage;
  const files = entries.filter(({ header }) => header.type === 'file' && !isArchiveJunk(header.name));
  const readable = withoutPageResources(
    files.map((entry) => ({ ...entry, name: entry.header.name })),
    '',
    archive,
  );
  for (const [index, entry] of readable.entries()) {
    const name = safeChildName(entry.name, `entry-${index + 1}`);
    const data = entry.data ?? new Uint8Array(0);
    if (data.length < entry.header.size)
      archive.fail(name, 'PARSE_FAILED', `the archive is ${damage ?? 'cut short'} inside this file`);
    else archive.add(name, data);
  }
  if (damage !== null)
    archive.warnings.push(`the archive is ${damage}: what came after the damage is lost, the files before it are kept`);
  const nothing = archive.children.length === 0 && archive.notRead.length === 0;
  if (damage !== null && nothing)
    throw new ChronicleError('PARSE_FAILED', `the tar archive is ${damage} before its first file`);
  if (headers === 0) throw new ChronicleError('PARSE_FAILED', 'the tar archive lists no files');
}

/** The name gzip keeps of the file it compressed (RFC 1952 §2.3.1, FNAME), when it kept one. */
function storedName(bytes: Uint8Array, mediaType: CompressedMediaType): string | null {
  if (mediaType !== 'application/gzip' || bytes.length < 10) return null;
  const flags = bytes[3]!;
  let at = 10;
  if (flags & 0x04) at += 2 + (bytes[10]! | (bytes[11]! << 8));
  if (!(flags & 0x08)) return null;
  const end = bytes.indexOf(0, at);
  if (end < 0 || end === at) return null;
  const raw = bytes.subarray(at, Math.min(end, at + 1024));
  // The standard says Latin-1; gzip on Linux and macOS writes the name's own bytes, which are UTF-8.
  return decodeStrictUtf8(raw) ?? new TextDecoder('latin1').decode(raw);
}

/** `withoutCompressionSuffix('дело.tar.gz')` → 'дело.tar'; 'case.tgz' → 'case.tar'; 'x' → null. */
export function withoutCompressionSuffix(fileName: string | undefined): string | null {
  if (!fileName) return null;
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? '';
  const tarShort = /\.(tgz|tbz2?|txz|tzst|taz|tz)$/i;
  if (tarShort.test(base)) return base.replace(tarShort, '.tar');
  const suffix = /\.(gz|gzip|bz2|bzip2|xz|zst|zstd|Z)$/i;
  return suffix.test(base) && base.replace(suffix, '') !== '' ? base.replace(suffix, '') : null;
}
