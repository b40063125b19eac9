/**
 * What a drop onto the upload panel brings. A documentalist drags the folder a lawyer sent as often as its files; a
 * browser gives a folder as one entry whose bytes cannot be read, so its files are gathered here, at any depth, each
 * named by its path in the folder (`материалы/протокол.pdf`). Hidden files and folders (a name starting with a dot:
 * `.DS_Store`, `.git`) are left out, as the command line leaves them out of a folder.
 */

/** The File and Directory Entries API, as much of it as is read here (and as the tests give it). */
export interface DroppedEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
  file?: (success: (file: File) => void, failure?: (error: unknown) => void) => void;
  createReader?: () => { readEntries: (success: (entries: DroppedEntry[]) => void, failure?: (error: unknown) => void) => void };
}

/** More files than this from one drop are not gathered: the command line reads a folder of any size. */
export const MAX_DROPPED_FILES = 5_000;

/**
 * The files of a drop: `loose` as the browser gives them when nothing dropped is a folder, else every file of the
 * `entries` (taken from the drop event before it ends: the browser forgets them after) with folders opened.
 */
export async function droppedFiles(entries: Array<DroppedEntry | null>, loose: File[]): Promise<File[]> {
  if (!entries.some((entry) => entry?.isDirectory)) return loose;
  const files: File[] = [];
  for (const entry of entries) if (entry) await gather(entry, '', files);
  return files;
}

async function gather(entry: DroppedEntry, folder: string, files: File[]): Promise<void> {
  if (files.length >= MAX_DROPPED_FILES || entry.name.startsWith('.')) return;
  const path = `${folder}${entry.name}`;
  if (entry.isFile && entry.file) {
    const file = await new Promise<File>((resolve, reject) => entry.file!(resolve, reject));
    files.push(new File([file], path, { type: file.type, lastModified: file.lastModified }));
    return;
  }
  if (!entry.isDirectory || !entry.createReader) return;
  const reader = entry.createReader();
  // A reader gives a folder's entries a batch at a time (a hundred in Chromium), then an empty batch.
  const children: DroppedEntry[] = [];
  for (;;) {
    const batch = await new Promise<DroppedEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0 || children.length >= MAX_DROPPED_FILES) break;
    children.push(...batch);
  }
  // In name order, as the command line reads a folder.
  for (const child of children.sort((a, b) => a.name.localeCompare(b.name))) await gather(child, `${path}/`, files);
}
