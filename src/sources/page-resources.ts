/**
 * What a saved page loads, beside it: style sheets and scripts are text, and would each become a source of
 * their own, as its icons would be images to transcribe. Both a folder walk (src/cli/files.ts) and an archive's
 * entries (parsers/zip.ts) leave them out.
 */

const SAVED_PAGE = /\.(html?|xhtml|shtml)$/i;
/** What Telegram Desktop writes beside the pages of a chat it exports as HTML, for the pages' own look. */
const TELEGRAM_EXPORT_ASSETS = ['css', 'js', 'images'];

/**
 * The folders among one folder's names that hold what a saved page loads, not reports. A browser that saves a page
 * "complete" writes `<name>.html` and, beside it, `<name>_files`; Telegram Desktop, exporting a chat as HTML, writes
 * `messages.html` beside `css`, `js` and `images` (the chat's own photos and files, in `photos` and `files`, are read).
 * `resourceFoldersIn(['news.html', 'news_files', 'notes.txt'])` → Set {'news_files'}. Whether each is a folder is the
 * caller's to check.
 */
export function resourceFoldersIn(names: string[]): Set<string> {
  const folders = new Set(
    names.filter((name) => SAVED_PAGE.test(name)).map((name) => name.replace(SAVED_PAGE, '_files')),
  );
  if (names.includes('messages.html') && names.includes('css') && names.includes('js'))
    for (const name of TELEGRAM_EXPORT_ASSETS) folders.add(name);
  return folders;
}

/**
 * The same for the paths of an archive's files, at any depth: the folder paths, each ending in '/', whose files a
 * saved page loads. `resourceFolderPaths(['a/news.html', 'a/news_files/s.css'])` → ['a/news_files/'].
 */
export function resourceFolderPaths(paths: string[]): string[] {
  const namesByFolder = new Map<string, Set<string>>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
      const folder = depth === 0 ? '' : `${parts.slice(0, depth).join('/')}/`;
      const names = namesByFolder.get(folder) ?? new Set<string>();
      names.add(parts[depth]!);
      namesByFolder.set(folder, names);
    }
  }
  const found: string[] = [];
  for (const [folder, names] of namesByFolder)
    for (const resources of resourceFoldersIn([...names]))
      if (namesByFolder.has(`${folder}${resources}/`)) found.push(`${folder}${resources}/`);
  return found;
}
