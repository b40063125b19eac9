/**
 * ZIP archives: every entry becomes a child document; the archive is kept as a source without text, so what it
 * holds and Chronicle cannot read is kept in it (`notRead` in its metadata says what and why). ZIPs inside the archive
 * are opened here (up to maxArchiveDepth) with one shared budget, so nesting cannot multiply the limits; their
 * entries are named by path ("reports.zip/2024/march.pdf").
 */

import { ChronicleError, type ErrorCode } from '../../shared/errors.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { tooSmallForDocument } from '../image-kind.js';
import { resourceFolderPaths } from '../page-resources.js';
import type { ChildDocument, KeptNotRead, ParseLimits, ParserResult } from '../parse-types.js';
import { volumeOf } from '../volumes.js';
import {
  checkDeclaredSizes,
  type ExpansionBudget,
  expansionBudget,
  isZip,
  listZipEntries,
  readZipEntry,
} from '../zip-reader.js';

/**
 * Operating-system clutter, not documents: macOS resource forks (under `__MACOSX/` in a ZIP, as `._name` beside each
 * file in a tar made on a Mac), Finder's and Explorer's metadata.
 */
const JUNK = /(^|\/)(__MACOSX\/|\._[^/]+$|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/i;

/** An archive's entry that is a system's clutter, not a document: left out of any archive, ZIP or RAR. */
export function isArchiveJunk(name: string): boolean {
  return JUNK.test(name.replace(/\\/g, '/'));
}

export function parseZip(bytes: Uint8Array, limits: ParseLimits): ParserResult {
  const budget = expansionBudget(bytes, limits);
  const children: ChildDocument[] = [];
  const warnings: string[] = [];
  const notRead: KeptNotRead[] = [];
  expand(bytes, '', 1, limits, budget, { children, warnings, notRead });
  // Nothing in it is a report: an empty archive (or one of folders and system files) is refused, not stored.
  if (children.length === 0 && notRead.length === 0)
    throw new ChronicleError(
      'VALIDATION',
      'the archive holds no files (only folders and system files: __MACOSX, .DS_Store, Thumbs.db)',
    );
  return {
    text: '',
    isContainer: true,
    encoding: null,
    children,
    metadata: { entryCount: children.length, expandedBytes: budget.expandedBytes, notRead },
    warnings,
  };
}

interface Expansion {
  children: ChildDocument[];
  warnings: string[];
  notRead: KeptNotRead[];
}

function expand(
  bytes: Uint8Array,
  prefix: string,
  depth: number,
  limits: ParseLimits,
  budget: ExpansionBudget,
  out: Expansion,
): void {
  const { children } = out;
  const entries = listZipEntries(bytes, budget.remainingEntries).filter(
    (e) => !e.isDirectory && !isArchiveJunk(e.name),
  );
  if (entries.length > budget.remainingEntries) {
    throw new ChronicleError('DECOMPRESSION_LIMIT', `archive has more than ${limits.maxArchiveEntries} entries`);
  }
  budget.remainingEntries -= entries.length;
  checkDeclaredSizes(entries, budget);
  for (const entry of withoutPageResources(entries, prefix, out)) {
    const name = prefix + safeChildName(entry.name, `entry-${children.length + 1}`);
    let data: Uint8Array;
    try {
      data = readZipEntry(bytes, entry, budget);
    } catch (error) {
      // A bomb stops everything; one encrypted or damaged entry fails alone, on its own line in ingestion's output.
      if (error instanceof ChronicleError && error.code !== 'DECOMPRESSION_LIMIT') {
        children.push(failedEntry(name, error));
        continue;
      }
      throw error;
    }
    // A ZIP's first part of several (`дело.zip.001`) is read by ingestion with the other parts (volumes.ts).
    if (isZip(data) && detectMediaType(data, entry.name) === MEDIA_TYPES.zip && !volumeOf(entry.name, data)) {
      if (depth + 1 > limits.maxArchiveDepth) {
        throw new ChronicleError(
          'DECOMPRESSION_LIMIT',
          `archives are nested more than ${limits.maxArchiveDepth} deep (${name})`,
        );
      }
      try {
        expand(data, `${name}/`, depth + 1, limits, budget, out);
      } catch (error) {
        // A damaged archive inside fails alone, on its own line, as a damaged entry does; a bomb stops everything.
        if (!(error instanceof ChronicleError) || error.code === 'DECOMPRESSION_LIMIT') throw error;
        children.push(failedEntry(name, error));
      }
      continue;
    }
    addEntry(out, name, data);
  }
}

/** A file unpacked from an archive: a child, or kept in the archive when it is a picture too small to show a page. */
function addEntry(out: Expansion, name: string, content: Uint8Array): void {
  const tooSmall = tooSmallForDocument(content);
  if (tooSmall) {
    out.warnings.push(`${name} is kept in the archive, not read: ${tooSmall}`);
    out.notRead.push({ name, reason: tooSmall });
  } else out.children.push({ name, bytes: content, relation: 'archive-entry' });
}

function failedEntry(name: string, error: ChronicleError): ChildDocument {
  return archiveEntryFailure(name, error.code, error.message);
}

/** An entry that could not be read: no bytes, and the reason, which ingestion reports on the entry's own line. */
export function archiveEntryFailure(name: string, code: ErrorCode, message: string): ChildDocument {
  return { name, bytes: new Uint8Array(0), relation: 'archive-entry', failure: { code, message } };
}

/** An archive's entries less those a saved page loads (`news_files/` beside `news.html`), each folder said once. */
export function withoutPageResources<Entry extends { name: string }>(
  entries: Entry[],
  prefix: string,
  out: Pick<Expansion, 'warnings' | 'notRead'>,
): Entry[] {
  const path = (entry: Entry) => entry.name.replace(/\\/g, '/');
  const folders = resourceFolderPaths(entries.map(path));
  if (folders.length === 0) return entries;
  const inFolder = (entry: Entry, folder: string) => path(entry).startsWith(folder);
  for (const folder of folders) {
    const count = entries.filter((entry) => inFolder(entry, folder)).length;
    const reason = `what a saved page loads (${count} file${count === 1 ? '' : 's'})`;
    out.warnings.push(`${prefix}${folder} is kept in the archive, not read: ${reason}`);
    out.notRead.push({ name: `${prefix}${folder}`, reason });
  }
  return entries.filter((entry) => !folders.some((folder) => inFolder(entry, folder)));
}

/**
 * An entry or attachment name as a label that is safe to show and to use as a relative path: no control
 * characters, no absolute paths, no "..". `safeChildName('../../etc/passwd', 'x')` → 'etc/passwd'.
 */
export function safeChildName(name: string, fallback: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part && part !== '.' && part !== '..')
    .join('/')
    .slice(0, 500);
  return cleaned || fallback;
}

/** Why an encrypted file in an archive is not read. */
export const ENCRYPTED_ENTRY = 'the file is encrypted: ask for the password or a copy without one';

/**
 * What a RAR, 7z or tar reader gathers as it unpacks, in the archive's order: the children, what the archive keeps
 * unread and why, and the bytes unpacked. `result()` is the archive as a source without text.
 */
export class UnpackedArchive {
  readonly children: ChildDocument[] = [];
  readonly notRead: KeptNotRead[] = [];
  readonly warnings: string[] = [];
  private expandedBytes = 0;

  /** A file unpacked: a child, or kept in the archive when it is a picture too small to show a page. */
  add(name: string, content: Uint8Array): void {
    this.expandedBytes += content.length;
    addEntry(this, name, content);
  }

  /** A file that could not be unpacked: it fails on its own line, kept in the archive. */
  fail(name: string, code: ErrorCode, message: string): void {
    this.children.push(archiveEntryFailure(name, code, message));
  }

  result(): ParserResult {
    if (this.children.length === 0 && this.notRead.length === 0)
      throw new ChronicleError('VALIDATION', 'the archive holds no files (only folders and system files)');
    return {
      text: '',
      isContainer: true,
      encoding: null,
      children: this.children,
      metadata: { entryCount: this.children.length, expandedBytes: this.expandedBytes, notRead: this.notRead },
      warnings: this.warnings,
    };
  }
}
