/**
 * Archives split into parts, as case files too large for one e-mail or one upload come: WinRAR's volumes
 * (`дело.part1.rar`, `дело.part2.rar`…; before RAR 3, `дело.rar`, `дело.r00`, `дело.r01`…), 7-Zip's split files
 * (`дело.7z.001`, `дело.7z.002`…, of any file: the parts joined are the file) and WinZip's and Info-ZIP's split ZIP
 * (`дело.z01`, `дело.z02`…, the last `дело.zip`). Ingestion (ingest.ts) reads the parts given together — in one
 * command, one upload, one folder, one letter or one archive, or in the letters of one mailbox — as one archive. Each
 * part is still kept as its own source, byte for byte: the first holds what was read from the set. Nothing here reads
 * more of a file than its name and the headers that say it is a part: the web form groups files by `partSetKey`.
 */
import { RAR4_MAGIC, RAR5_MAGIC, readVints, startsWith, zipDirectoryEnd } from './magic.js';

/**
 * How a part is read with the others: `rar`, by unrar going from volume to volume; `zip-span`, by 7-Zip the same way;
 * `split`, joined end to end.
 */
export type VolumeKind = 'rar' | 'split' | 'zip-span';

export interface VolumeName {
  kind: VolumeKind;
  /** What names the set, its kind and folder included, in lower case: `rar:письма/дело` for `письма/Дело.part2.rar`. */
  set: string;
  /** 1 for the first part. */
  number: number;
  /** The archive the parts make: `дело.rar`, `дело.7z`. */
  archiveName: string;
}

/** `дело.part2.rar`, `дело.part02.rar`: WinRAR's volumes since RAR 3. */
const RAR_PART = /^(.+)\.part(\d{1,4})\.rar$/i;
/** `дело.r00` is the second volume of `дело.rar` in the numbering before RAR 3 (`.r99` then `.s00`). */
const RAR_OLD_NEXT = /^(.+)\.([r-z])(\d{2})$/i;
const RAR_OLD_FIRST = /^(.+)\.rar$/i;
/** `дело.z01`, `дело.z02`: a split ZIP's parts before its last, `дело.zip`. */
const ZIP_SPAN_PART = /^(.+)\.z(\d{2,3})$/i;
const ZIP_NAME = /^(.+)\.zip$/i;
/**
 * `дело.7z.001`: 7-Zip's (and Total Commander's, HJSplit's) parts, numbered from 001, of a file that keeps its own
 * extension: a camera's or a scanner's `DSC.001`, `DSC.002` are pictures of their own, not parts.
 */
const SPLIT_PART = /^(.+\.(?=[a-z0-9]{1,5}\.)[a-z0-9]*[a-z][a-z0-9]*)\.(\d{3})$/i;

/** The part of a split archive a file is, from its name and its first bytes; null for a file that is none. */
export function volumeOf(name: string, bytes: Uint8Array): VolumeName | null {
  const base = fileNameOf(name);
  const folder = name.slice(0, name.length - base.length);
  const rar = rarVolume(bytes);
  if (rar === 'volume' || rar === 'first-volume') {
    const part = RAR_PART.exec(base);
    if (part) return volume('rar', folder, part[1]!, Number(part[2]), `${part[1]}.rar`);
    const next = RAR_OLD_NEXT.exec(base);
    if (next && rar === 'volume') {
      const letter = next[2]!.toLowerCase().charCodeAt(0) - 'r'.charCodeAt(0);
      return volume('rar', folder, next[1]!, letter * 100 + Number(next[3]) + 2, `${next[1]}.rar`);
    }
    const first = RAR_OLD_FIRST.exec(base);
    if (first) return volume('rar', folder, first[1]!, 1, base);
    return null;
  }
  const span = ZIP_SPAN_PART.exec(base);
  if (span && Number(span[2]) >= 1) return volume('zip-span', folder, span[1]!, Number(span[2]), `${span[1]}.zip`);
  const last = ZIP_NAME.exec(base);
  const disk = last ? zipSpanDisk(bytes) : null;
  if (last && disk !== null) return volume('zip-span', folder, last[1]!, disk + 1, base);
  const split = SPLIT_PART.exec(base);
  if (split && Number(split[2]) >= 1) return volume('split', folder, split[1]!, Number(split[2]), split[1]!);
  return null;
}

/**
 * The number (from 0) of the part a ZIP's end-of-directory record says it is on, when that is not the first: the last
 * part of a split ZIP, whose earlier parts are `.z01`, `.z02`…; null for a ZIP that is whole, or no ZIP.
 */
export function zipSpanDisk(bytes: Uint8Array): number | null {
  const at = zipDirectoryEnd(bytes);
  if (at < 0) return null;
  const disk = bytes[at + 4]! | (bytes[at + 5]! << 8);
  return disk > 0 && disk !== 0xffff ? disk : null;
}

/**
 * A file's own name, without the folders or the containers it is in: `письма/дело.part1.rar` and
 * `письмо.eml!дело.part1.rar` → 'дело.part1.rar'.
 */
export function fileNameOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'), path.lastIndexOf('!')) + 1);
}

function volume(kind: VolumeKind, folder: string, stem: string, number: number, archiveName: string): VolumeName {
  return { kind, set: `${kind}:${folder}${stem}`.toLowerCase(), number, archiveName };
}

/**
 * Whether bytes are a RAR volume, from the archive's main header: `first-volume` where RAR 4 says so, `volume` for
 * any other (RAR 5 numbers its volumes in a field of that header, but leaves it out of the first). Null for a RAR
 * archive that is whole, or bytes that are no RAR archive.
 */
export function rarVolume(bytes: Uint8Array): 'volume' | 'first-volume' | null {
  if (startsWith(bytes, RAR5_MAGIC)) {
    // CRC32, then the header's size, type (1: the main archive header) and flags, each a variable-length integer,
    // the extra area's and data's sizes where the flags say they are there, and the archive's flags.
    const fields = readVints(bytes, RAR5_MAGIC.length + 4, 6).map((field) => field.value);
    if (fields[1] !== 1) return null;
    const flags = fields[2] ?? 0;
    const archiveFlags = fields[3 + (flags & 1) + ((flags >> 1) & 1)] ?? 0;
    if ((archiveFlags & 1) === 0) return null;
    return archiveFlags & 2 ? 'volume' : 'first-volume';
  }
  if (startsWith(bytes, RAR4_MAGIC)) {
    // The main header: its CRC16, type 0x73, then flags (MHD_VOLUME 0x0001, MHD_FIRSTVOLUME 0x0100).
    const at = RAR4_MAGIC.length;
    if (bytes[at + 2] !== 0x73) return null;
    const flags = (bytes[at + 3] ?? 0) | ((bytes[at + 4] ?? 0) << 8);
    if ((flags & 0x0001) === 0) return null;
    return flags & 0x0100 ? 'first-volume' : 'volume';
  }
  return null;
}

/**
 * What names the set a file may be a part of, by its name alone (its bytes say whether a RAR file is a volume):
 * the upload form sends the files of one set in one request, for the server to read them together.
 * `partSetKey('Дело.part2.rar')` → 'rar:дело'; `partSetKey('дело.r00')` → 'rar:дело'; `partSetKey('a.txt')` → null.
 */
export function partSetKey(name: string): string | null {
  const base = fileNameOf(name);
  // `.z01` before RAR's old numbering, which would take it for a volume after `.y99`.
  const span = ZIP_SPAN_PART.exec(base) ?? ZIP_NAME.exec(base);
  if (span) return `zip-span:${span[1]}`.toLowerCase();
  const rar = RAR_PART.exec(base) ?? RAR_OLD_NEXT.exec(base) ?? RAR_OLD_FIRST.exec(base);
  if (rar) return `rar:${rar[1]}`.toLowerCase();
  const split = SPLIT_PART.exec(base);
  return split && Number(split[2]) >= 1 ? `split:${split[1]}`.toLowerCase() : null;
}

/** How the parts after the first of a split archive are linked to the first. */
export const LATER_VOLUME_RELATION = 'archive-volume';
/** How the file 7-Zip split is linked to its first part, which holds it joined from all the parts. */
export const JOINED_RELATION = 'joined-volumes';

/** A file given for ingestion or found in a container: what a set is made of. */
export interface Named {
  name: string;
  bytes: Uint8Array;
}

export type Gathered<T extends Named> =
  /** A file that is no part of a set, or the first of a set given alone (7-Zip writes `.001` for one part too). */
  | { kind: 'single'; file: T }
  /** A whole set: its first part, the others in order. */
  | { kind: 'set'; file: T; later: T[]; volume: VolumeName }
  /**
   * A part whose set is not whole here, and why: the parts `missing` (it is kept to wait for them), or none when a
   * part is given twice (it fails with the reason).
   */
  | { kind: 'incomplete'; file: T; reason: string; missing: number[] };

/**
 * Files in their sets: the parts of each set together, in order, where the set is whole from its first part on;
 * each part of a set missing one of its parts is `incomplete`, saying which. Files that are no part keep their place;
 * each set takes the place of its first part. Only files `mayBePart` are looked at (not those failed already).
 */
export function gatherVolumes<T extends Named>(
  files: readonly T[],
  mayBePart: (file: T) => boolean = () => true,
): Gathered<T>[] {
  const sets = new Map<string, Array<{ file: T; volume: VolumeName }>>();
  const order: Array<{ kind: 'file'; file: T } | { kind: 'set'; key: string }> = [];
  for (const file of files) {
    const volume = mayBePart(file) ? volumeOf(file.name, file.bytes) : null;
    if (!volume) {
      order.push({ kind: 'file', file });
      continue;
    }
    const parts = sets.get(volume.set);
    if (parts) parts.push({ file, volume });
    else {
      sets.set(volume.set, [{ file, volume }]);
      order.push({ kind: 'set', key: volume.set });
    }
  }
  const gathered: Gathered<T>[] = [];
  for (const item of order) {
    if (item.kind === 'file') {
      gathered.push({ kind: 'single', file: item.file });
      continue;
    }
    const parts = sets.get(item.key)!.sort((a, b) => a.volume.number - b.volume.number);
    const problem = setProblem(parts.map((part) => part.volume));
    if (problem) {
      for (const part of parts) gathered.push({ kind: 'incomplete', file: part.file, ...problem });
    } else if (parts.length === 1) {
      gathered.push({ kind: 'single', file: parts[0]!.file });
    } else {
      const [first, ...later] = parts;
      gathered.push({ kind: 'set', file: first!.file, later: later.map((part) => part.file), volume: first!.volume });
    }
  }
  return gathered;
}

/** Why parts (in order) cannot be read as one archive: a part missing, or given twice; null when they can. */
function setProblem(volumes: VolumeName[]): { reason: string; missing: number[] } | null {
  const first = volumes[0]!;
  const numbers = volumes.map((volume) => volume.number);
  const twice = numbers.find((number, i) => numbers[i - 1] === number);
  if (twice !== undefined)
    return {
      reason: `part ${twice} of «${first.archiveName}» is given twice under different names: give each part once`,
      missing: [],
    };
  const missing = missingParts(numbers);
  return missing.length === 0 ? null : { reason: waitingReason(first.archiveName, null, missing), missing };
}

/** The numbers below the highest that are not among `numbers` (in order): `missingParts([2, 4])` → [1, 3]. */
export function missingParts(numbers: readonly number[]): number[] {
  const have = new Set(numbers);
  const missing: number[] = [];
  for (let number = 1; number < Math.max(0, ...numbers); number++) if (!have.has(number)) missing.push(number);
  return missing;
}

/**
 * What is said of a part given without the parts `missing` before it, or (none missing) without those after it.
 * `waitingReason('дело.rar', 2, [1])` → 'part 2 of «дело.rar», split into parts, given without its part 1: …'.
 */
export function waitingReason(archiveName: string, number: number | null, missing: readonly number[]): string {
  const shown = fewNumbers(missing);
  const without = missing.length === 0 ? 'the parts after it' : `its part${missing.length > 1 ? 's' : ''} ${shown}`;
  const part = number === null ? 'a part' : `part ${number}`;
  return `${part} of «${archiveName}», split into parts, given without ${without}: ${PARTS_WAIT}`;
}

/** Numbers as a list to read, the first five of a longer one: `fewNumbers([1, 2, 3, 4, 5, 6])` → '1, 2, 3, 4, 5…'. */
export function fewNumbers(numbers: readonly number[], format: (n: number) => string = String): string {
  const shown = numbers.slice(0, 5).map(format).join(', ');
  return numbers.length > 5 ? `${shown}…` : shown;
}

/** What becomes of a part given without the others; said wherever a set is not whole. */
export const PARTS_WAIT =
  'it is kept, and the archive is read as soon as all its parts are in the workspace (at once when given together)';

/** What names the parts of one archive however they came, whatever folder or letter: `rar:дело.rar`. */
export function partsKey(volume: VolumeName): string {
  return `${volume.kind}:${volume.archiveName}`.toLowerCase();
}

/**
 * The names unrar looks for each volume under. It works out the next volume's name from the one it has: in RAR 3's
 * numbering `v.part1.rar` → `v.part2.rar`…, in the older one `v.part1.rar` → `v.part1.r00`, `v.part1.r01`… The
 * archive says which; each part answers to both.
 */
export function unrarVolumeNames(index: number): string[] {
  if (index === 0) return ['volume.part1.rar'];
  const old = index - 1;
  const letter = String.fromCharCode('r'.charCodeAt(0) + Math.floor(old / 100));
  return [`volume.part${index + 1}.rar`, `volume.part1.${letter}${String(old % 100).padStart(2, '0')}`];
}
