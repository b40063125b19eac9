import { lstat, open, readdir, readlink, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ChronicleError, describeError } from '../shared/errors.js';
import { decodeStrictUtf8, decodeText, resourceFoldersIn } from '../sources/index.js';

export type FileEntry =
  /**
   * `size` is null for a pipe or a character device named on the command line: read to its end (`readLimited`).
   * `fsPath`, the path's bytes, where a name in it is not UTF-8 (`path` then shows it decoded): open by it.
   */
  | { kind: 'file'; path: string; size: number | null; fsPath?: Buffer }
  /** `reason` without the path: `no such file or folder` (`describeFileError`), `2 MB is over the limit of 1 MB`. */
  | { kind: 'error'; path: string; code: 'NOT_FOUND' | 'TOO_LARGE' | 'VALIDATION'; reason: string }
  /**
   * Said, so that no report is skipped unnoticed: a subfolder left out because the walk is not recursive, or, in a
   * folder, something that is not a file (a pipe, a device, a socket), or whose name starts with a dot (`.git`,
   * `.DS_Store`, `._report.pdf`, `.~lock.report.docx#`: a system's or an editor's, not a report), or a saved web
   * page's folder of pictures, style sheets and scripts (`news_files` beside `news.html`: `resourceFoldersIn`).
   */
  | { kind: 'skipped'; path: string; what: 'folder' | 'special' | 'hidden' | 'page-resources' | 'mail-index' };

/**
 * Walks the paths given on the command line lazily (a folder of 100,000 files is never listed into memory at
 * once beyond one directory's names). Directories give their files; with `recursive`, their subfolders' too.
 * Symbolic links are followed, but each directory is read once: a link back up the tree (`loop -> ..`) would
 * otherwise be walked until the path grew too long for the system, each file found again on every turn.
 */
export async function* walkPaths(
  paths: string[],
  options: { recursive: boolean; maxBytes: number },
): AsyncGenerator<FileEntry> {
  const read = new Set<string>();
  for (const path of paths) yield* walk(path, path, { ...options, read }, true);
}

/**
 * A folder's names as bytes: a name that is not UTF-8 (a file named on an old Windows system, in Windows-1251)
 * came back from a string `readdir` with U+FFFD in it, and the file could then not be opened by that name ("no such
 * file or directory"). Such a name is shown decoded as a text of unknown encoding would be, and opened by its bytes.
 */
async function namesIn(dir: string, fsDir: string | Buffer): Promise<Array<{ path: string; fsPath: string | Buffer }>> {
  const names = (await readdir(fsDir, { encoding: 'buffer' })).sort(Buffer.compare);
  return names.map((name) => {
    const utf8 = decodeStrictUtf8(name);
    const fsPath =
      utf8 !== null && typeof fsDir === 'string'
        ? join(fsDir, utf8)
        : Buffer.concat([typeof fsDir === 'string' ? Buffer.from(fsDir) : fsDir, Buffer.from(sep), name]);
    return { path: join(dir, utf8 ?? decodeText(name).text), fsPath };
  });
}

async function* walk(
  path: string,
  fsPath: string | Buffer,
  options: { recursive: boolean; maxBytes: number; read: Set<string> },
  topLevel: boolean,
): AsyncGenerator<FileEntry> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    // bigint: inode numbers may pass 2^53 on some file systems.
    info = await stat(fsPath, { bigint: true });
  } catch (error) {
    yield { kind: 'error', path, code: 'NOT_FOUND', reason: await describeFileError(error, path, fsPath) };
    return;
  }
  if (info.isDirectory()) {
    if (!topLevel && !options.recursive) {
      yield { kind: 'skipped', path, what: 'folder' };
      return;
    }
    const identity = `${info.dev}:${info.ino}`;
    if (options.read.has(identity)) return;
    options.read.add(identity);
    const children = await namesIn(path, fsPath);
    const names = children.map((child) => basename(child.path));
    const resourceFolders = resourceFoldersIn(names);
    const mailIndexes = mailIndexesIn(names);
    for (const child of children) {
      const name = basename(child.path);
      if (name.startsWith('.')) yield { kind: 'skipped', path: child.path, what: 'hidden' };
      else if (mailIndexes.has(name)) yield { kind: 'skipped', path: child.path, what: 'mail-index' };
      else if (resourceFolders.has(name) && (await isDirectory(child.fsPath)))
        yield { kind: 'skipped', path: child.path, what: 'page-resources' };
      else yield* walk(child.path, child.fsPath, options, false);
    }
    return;
  }
  if (!info.isFile()) {
    // Named on the command line, a pipe (`chronicle ingest <(pdftotext a.pdf -)`) or a character device is read to
    // its end, up to the limit. Found in a folder it is left out: opening a pipe nobody writes to waits forever.
    if (!topLevel) yield { kind: 'skipped', path, what: 'special' };
    else if (info.isFIFO() || info.isCharacterDevice()) yield { kind: 'file', path, size: null, ...bytePath(fsPath) };
    else
      yield { kind: 'error', path, code: 'VALIDATION', reason: `not a file Chronicle can read (${specialKind(info)})` };
    return;
  }
  const size = Number(info.size);
  if (size > options.maxBytes) {
    yield {
      kind: 'error',
      path,
      code: 'TOO_LARGE',
      reason: overTheLimit(size, options.maxBytes),
    };
    return;
  }
  yield { kind: 'file', path, size, ...bytePath(fsPath) };
}

/**
 * Why a path could not be opened, in words: Node's message names its system call and the path again
 * (`ENOENT: no such file or directory, stat 'a.txt'`), and says nothing of a link whose target is gone.
 * `describeFileError(<ENOENT>, 'gone.txt', 'gone.txt')` → 'no such file or folder';
 * for `broken.txt -> /nonexistent/file` → 'a link to /nonexistent/file, which does not exist'.
 */
export async function describeFileError(error: unknown, path: string, fsPath: string | Buffer = path): Promise<string> {
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return (await brokenLink(path, fsPath)) ?? 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'not allowed to read it (permission denied)';
    case 'ELOOP':
      return 'a link that leads round a loop of links, never to a file';
    default:
      return describeError(error);
  }
}

/** A link whose target does not exist, said with its target (a relative one from the link's folder), else null. */
async function brokenLink(path: string, fsPath: string | Buffer): Promise<string | null> {
  try {
    if (!(await lstat(fsPath)).isSymbolicLink()) return null;
    const target = resolve(dirname(path), await readlink(fsPath, 'utf8'));
    // A link to a link to nothing: the target itself exists, as a link, but leads nowhere.
    const targetIsLink = await lstat(target).then(
      (info) => info.isSymbolicLink(),
      () => false,
    );
    return `a link to ${target}, which ${targetIsLink ? 'leads to nothing that exists' : 'does not exist'}`;
  } catch {
    return null;
  }
}

async function isDirectory(fsPath: string | Buffer): Promise<boolean> {
  try {
    return (await stat(fsPath)).isDirectory();
  } catch {
    return false;
  }
}

function bytePath(fsPath: string | Buffer): { fsPath?: Buffer } {
  return typeof fsPath === 'string' ? {} : { fsPath };
}

function specialKind(info: { isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'neither a file nor a folder';
}

/**
 * Reads a file but never more than `maxBytes` (it may have grown since it was listed); a pipe or a device as a
 * stream, with the same limit (`/dev/zero` would otherwise be read until the memory ran out).
 */
export async function readLimited(path: string | Buffer, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) return await readStreamLimited(handle.createReadStream({ autoClose: false }), maxBytes);
    if (info.size > maxBytes) throw new ChronicleError('TOO_LARGE', overTheLimit(info.size, maxBytes));
    const buffer = Buffer.alloc(info.size);
    let offset = 0;
    while (offset < info.size) {
      const { bytesRead } = await handle.read(buffer, offset, info.size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a stream to its end, or fails as soon as it passes `maxBytes` and stops reading it: standard input or a pipe
 * may never end (`cat /dev/zero | chronicle ingest -`), and must not fill the memory first.
 */
export async function readStreamLimited(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    // Leaving the loop destroys the stream, standard input's too: nothing more is read from it.
    if (total > maxBytes) throw new ChronicleError('TOO_LARGE', overTheLimit(null, maxBytes));
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

/** A megabyte as `--max-size` counts it: 1024 × 1024 bytes. */
export const MEGABYTE = 1024 * 1024;

/**
 * A size as a person reads it: bytes under a megabyte, else megabytes to two decimals.
 * `sizeInWords(907)` → '907 bytes'; `sizeInWords(12_897_485)` → '12.3 MB'.
 */
export function sizeInWords(bytes: number): string {
  if (bytes < MEGABYTE) return `${bytes.toLocaleString('en')} bytes`;
  return `${(bytes / MEGABYTE).toLocaleString('en', { maximumFractionDigits: 2 })} MB`;
}

/**
 * Why a file is refused for its size, both sizes with their unit: `--max-size` is given in MB, so a limit under a
 * megabyte is said in MB as well. `bytes` is null for a stream, read only until it passed the limit.
 * `overTheLimit(907, 105)` → '907 bytes is over the limit of 105 bytes (0.0001 MB)';
 * `overTheLimit(12_897_485, 1_048_576)` → '12.3 MB is over the limit of 1 MB';
 * `overTheLimit(null, 1_048_576)` → 'over the limit of 1 MB'.
 */
export function overTheLimit(bytes: number | null, maxBytes: number): string {
  const limit =
    maxBytes < MEGABYTE
      ? `${sizeInWords(maxBytes)} (${(maxBytes / MEGABYTE).toLocaleString('en', { maximumSignificantDigits: 3 })} MB)`
      : sizeInWords(maxBytes);
  if (bytes === null) return `over the limit of ${limit}`;
  // Rounded to megabytes, a file just over the limit looks like it ("100 MB is over the limit of 100 MB"): in bytes.
  if (sizeInWords(bytes) === sizeInWords(maxBytes))
    return `${bytes.toLocaleString('en')} bytes is over the limit of ${maxBytes.toLocaleString('en')} bytes (${limit})`;
  return `${sizeInWords(bytes)} is over the limit of ${limit}`;
}

/**
 * Mail programs' index files among one folder's names, each beside the mailbox it indexes: Thunderbird's `Inbox.msf`
 * beside `Inbox` (a Mork database of the letters' headers), and in a mailbox Apple Mail exported (`Inbox.mbox/`),
 * `table_of_contents` and `Info.plist` beside `mbox`. The mailbox is read; an index would be stored as junk text, or
 * fail as a binary file and fail the run.
 */
function mailIndexesIn(names: string[]): Set<string> {
  const present = new Set(names);
  const thunderbird = names.filter((name) => /\.msf$/i.test(name) && present.has(name.slice(0, -4)));
  const appleMail = present.has('mbox') ? names.filter((name) => APPLE_MAIL_INDEXES.has(name)) : [];
  return new Set([...thunderbird, ...appleMail]);
}

const APPLE_MAIL_INDEXES = new Set(['table_of_contents', 'Info.plist']);
