/**
 * ZIP archives: every entry becomes a child document, and the archive itself is a container, not a source. ZIPs
 * inside the archive are opened here (up to maxArchiveDepth) with one shared budget, so nesting cannot multiply the
 * limits; their entries are named by path ("reports.zip/2024/march.pdf").
 */
import { ChronicleError } from '../../shared/errors.js';
import { detectMediaType, MEDIA_TYPES } from '../detect.js';
import { tooSmallForDocument } from '../image-kind.js';
import { resourceFolderPaths } from '../page-resources.js';
import type { ChildDocument, ParseLimits, ParserResult } from '../parse-types.js';
import {
  checkDeclaredSizes,
  type ExpansionBudget,
  expansionBudget,
  isZip,
  listZipEntries,
  readZipEntry,
  type ZipEntryInfo,
} from '../zip-reader.js';

/** Operating-system clutter, not documents (macOS resource forks, Finder and Explorer metadata). */
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/i;

export function parseZip(bytes: Uint8Array, limits: ParseLimits): ParserResult {
  const budget = expansionBudget(bytes, limits);
  const children: ChildDocument[] = [];
  const warnings: string[] = [];
  expand(bytes, '', 1, limits, budget, children, warnings);
  // The archive is not stored: one without entries would leave no line of the file in ingestion's output.
  if (children.length === 0)
    throw new ChronicleError(
      'VALIDATION',
      'the archive holds no files (folders, system files and images too small to show a page are left out)',
    );
  return {
    text: '',
    isContainer: true,
    encoding: null,
    children,
    metadata: { entryCount: children.length, expandedBytes: budget.expandedBytes },
    warnings,
  };
}

function expand(
  bytes: Uint8Array,
  prefix: string,
  depth: number,
  limits: ParseLimits,
  budget: ExpansionBudget,
  children: ChildDocument[],
  warnings: string[],
): void {
  const entries = listZipEntries(bytes, budget.remainingEntries).filter((e) => !e.isDirectory && !JUNK.test(e.name));
  if (entries.length > budget.remainingEntries) {
    throw new ChronicleError('DECOMPRESSION_LIMIT', `archive has more than ${limits.maxArchiveEntries} entries`);
  }
  budget.remainingEntries -= entries.length;
  checkDeclaredSizes(entries, budget);
  for (const entry of withoutPageResources(entries, prefix, warnings)) {
    const name = prefix + safeChildName(entry.name, `entry-${children.length + 1}`);
    let data: Uint8Array;
    try {
      data = readZipEntry(bytes, entry, budget);
    } catch (error) {
      // A bomb stops everything; one encrypted or damaged entry fails alone, reported under its name.
      if (error instanceof ChronicleError && error.code !== 'DECOMPRESSION_LIMIT') {
        warnings.push(`${name}: ${error.message}`);
        children.push({
          name,
          bytes: new Uint8Array(0),
          relation: 'archive-entry',
          failure: { code: error.code, message: error.message },
        });
        continue;
      }
      throw error;
    }
    if (isZip(data) && detectMediaType(data, entry.name) === MEDIA_TYPES.zip) {
      if (depth + 1 > limits.maxArchiveDepth) {
        throw new ChronicleError(
          'DECOMPRESSION_LIMIT',
          `archives are nested more than ${limits.maxArchiveDepth} deep (${name})`,
        );
      }
      expand(data, `${name}/`, depth + 1, limits, budget, children, warnings);
      continue;
    }
    const tooSmall = tooSmallForDocument(data);
    if (tooSmall) {
      warnings.push(`${name} is kept in the archive, not read: ${tooSmall}`);
      continue;
    }
    children.push({ name, bytes: data, relation: 'archive-entry' });
  }
}

/** An archive's entries less those a saved page loads (`news_files/` beside `news.html`), each folder said once. */
function withoutPageResources(entries: ZipEntryInfo[], prefix: string, warnings: string[]): ZipEntryInfo[] {
  const path = (entry: ZipEntryInfo) => entry.name.replace(/\\/g, '/');
  const folders = resourceFolderPaths(entries.map(path));
  if (folders.length === 0) return entries;
  const inFolder = (entry: ZipEntryInfo, folder: string) => path(entry).startsWith(folder);
  for (const folder of folders) {
    const count = entries.filter((entry) => inFolder(entry, folder)).length;
    warnings.push(
      `${prefix}${folder} is kept in the archive, not read: what a saved page loads (${count} file${count === 1 ? '' : 's'})`,
    );
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
