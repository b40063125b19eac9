import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileEntry, overTheLimit, readLimited, readStreamLimited, sizeInWords, walkPaths } from './files.js';

async function entries(paths: string[], recursive: boolean): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  for await (const entry of walkPaths(paths, { recursive, maxBytes: 1000 })) out.push(entry);
  return out;
}

describe('walkPaths', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chronicle-walk-'));
    mkdirSync(join(dir, 'reports', 'march', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'reports', 'a.txt'), 'Задержан участник пикета.');
    writeFileSync(join(dir, 'reports', 'march', 'deep', 'b.txt'), 'Суд продлил арест.');
    writeFileSync(join(dir, 'reports', 'huge.txt'), 'x'.repeat(2000));
    writeFileSync(join(dir, 'reports', '.hidden.txt'), 'не читать');
    // A link back up the tree, and a second way into a folder already walked.
    symlinkSync('..', join(dir, 'reports', 'march', 'deep', 'loop'));
    symlinkSync(join(dir, 'reports', 'march'), join(dir, 'reports', 'z-march-again'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads each folder once, following links, so a link back up the tree ends', async () => {
    const found = await entries([join(dir, 'reports')], true);
    expect(found).toEqual([
      { kind: 'skipped', path: join(dir, 'reports', '.hidden.txt'), what: 'hidden' },
      { kind: 'file', path: join(dir, 'reports', 'a.txt'), size: Buffer.byteLength('Задержан участник пикета.') },
      {
        kind: 'error',
        path: join(dir, 'reports', 'huge.txt'),
        code: 'TOO_LARGE',
        reason: '2,000 bytes is over the limit of 1,000 bytes (0.000954 MB)',
      },
      {
        kind: 'file',
        path: join(dir, 'reports', 'march', 'deep', 'b.txt'),
        size: Buffer.byteLength('Суд продлил арест.'),
      },
    ]);
  });

  it('names the subfolders it leaves out when not recursive, and reads a folder named twice once', async () => {
    const found = await entries([join(dir, 'reports', 'march'), join(dir, 'reports', 'march')], false);
    expect(found).toEqual([{ kind: 'skipped', path: join(dir, 'reports', 'march', 'deep'), what: 'folder' }]);
    expect(await entries([join(dir, 'nowhere.txt')], true)).toMatchObject([{ kind: 'error', code: 'NOT_FOUND' }]);
  });

  it('reads a file whose name is not UTF-8, showing the name decoded', async () => {
    // A name written on an old Windows system: «Отчёт.txt» in Windows-1251.
    const folder = join(dir, 'legacy-names');
    mkdirSync(folder);
    const name = Buffer.from([0xce, 0xf2, 0xf7, 0xb8, 0xf2, 0x2e, 0x74, 0x78, 0x74]);
    const text = 'Суд в Омске арестовал Льва Выдумкина.';
    writeFileSync(Buffer.concat([Buffer.from(`${folder}/`), name]), text);
    const found = await entries([folder], false);
    expect(found).toEqual([
      {
        kind: 'file',
        path: join(folder, 'Отчёт.txt'),
        size: Buffer.byteLength(text),
        fsPath: Buffer.concat([Buffer.from(`${folder}/`), name]),
      },
    ]);
    const file = found[0] as Extract<FileEntry, { kind: 'file' }>;
    expect((await readLimited(file.fsPath!, 1000)).toString('utf8')).toBe(text);
  });

  it('leaves out the folder of pictures and scripts a browser saves beside a page, unless named itself', async () => {
    const folder = join(dir, 'saved');
    mkdirSync(join(folder, 'Обыск у активиста_files'), { recursive: true });
    mkdirSync(join(folder, 'orphan_files'));
    writeFileSync(join(folder, 'Обыск у активиста.html'), '<p>Обыск</p>');
    writeFileSync(join(folder, 'Обыск у активиста_files', 'style.css'), 'p { color: red }');
    writeFileSync(join(folder, 'orphan_files', 'note.txt'), 'Задержан участник пикета.');
    const resources = join(folder, 'Обыск у активиста_files');
    expect(await entries([folder], true)).toEqual([
      // No page beside it: a folder like any other.
      {
        kind: 'file',
        path: join(folder, 'orphan_files', 'note.txt'),
        size: Buffer.byteLength('Задержан участник пикета.'),
      },
      { kind: 'file', path: join(folder, 'Обыск у активиста.html'), size: Buffer.byteLength('<p>Обыск</p>') },
      { kind: 'skipped', path: resources, what: 'page-resources' },
    ]);
    // Not recursive, it is still said for what it is, not as a subfolder left out.
    expect((await entries([folder], false)).filter((e) => e.kind === 'skipped')).toEqual([
      { kind: 'skipped', path: join(folder, 'orphan_files'), what: 'folder' },
      { kind: 'skipped', path: resources, what: 'page-resources' },
    ]);
    // A chat exported by Telegram Desktop as HTML: its pages are read, its look is not; its photos are the chat's.
    const chat = join(dir, 'ChatExport_2024-03-07');
    for (const sub of ['css', 'js', 'images', 'photos']) mkdirSync(join(chat, sub), { recursive: true });
    writeFileSync(join(chat, 'messages.html'), '<div class="page_wrap"></div>');
    writeFileSync(join(chat, 'css', 'style.css'), 'body {}');
    writeFileSync(join(chat, 'js', 'script.js'), 'function CheckLocation() {}');
    writeFileSync(join(chat, 'photos', 'note.txt'), 'снимок');
    expect(await entries([chat], true)).toEqual([
      { kind: 'skipped', path: join(chat, 'css'), what: 'page-resources' },
      { kind: 'skipped', path: join(chat, 'images'), what: 'page-resources' },
      { kind: 'skipped', path: join(chat, 'js'), what: 'page-resources' },
      { kind: 'file', path: join(chat, 'messages.html'), size: Buffer.byteLength('<div class="page_wrap"></div>') },
      { kind: 'file', path: join(chat, 'photos', 'note.txt'), size: Buffer.byteLength('снимок') },
    ]);
    expect(await entries([resources], true)).toEqual([
      { kind: 'file', path: join(resources, 'style.css'), size: Buffer.byteLength('p { color: red }') },
    ]);
  });

  it('says in words that a path does not exist, and where a link whose target is gone leads', async () => {
    const folder = join(dir, 'with-broken-links');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), 'Задержан участник пикета.');
    symlinkSync('/nonexistent/file', join(folder, 'broken.txt'));
    symlinkSync('moved/report.txt', join(folder, 'moved.txt'));
    symlinkSync('broken.txt', join(folder, 'to-broken.txt'));
    symlinkSync('self.txt', join(folder, 'self.txt'));
    expect(await entries([folder, join(dir, 'nowhere.txt'), join(folder, 'a.txt', 'under-a-file.txt')], false)).toEqual(
      [
        { kind: 'file', path: join(folder, 'a.txt'), size: Buffer.byteLength('Задержан участник пикета.') },
        {
          kind: 'error',
          path: join(folder, 'broken.txt'),
          code: 'NOT_FOUND',
          reason: 'a link to /nonexistent/file, which does not exist',
        },
        {
          kind: 'error',
          path: join(folder, 'moved.txt'),
          code: 'NOT_FOUND',
          reason: `a link to ${join(folder, 'moved', 'report.txt')}, which does not exist`,
        },
        {
          kind: 'error',
          path: join(folder, 'self.txt'),
          code: 'NOT_FOUND',
          reason: 'a link that leads round a loop of links, never to a file',
        },
        {
          kind: 'error',
          path: join(folder, 'to-broken.txt'),
          code: 'NOT_FOUND',
          reason: `a link to ${join(folder, 'broken.txt')}, which leads to nothing that exists`,
        },
        { kind: 'error', path: join(dir, 'nowhere.txt'), code: 'NOT_FOUND', reason: 'no such file or folder' },
        {
          kind: 'error',
          path: join(folder, 'a.txt', 'under-a-file.txt'),
          code: 'NOT_FOUND',
          reason: 'no such file or folder',
        },
      ],
    );
  });

  it('leaves out a pipe found in a folder, saying so, and takes one named on the command line', async () => {
    const folder = join(dir, 'with-pipe');
    mkdirSync(folder);
    const pipe = join(folder, 'pipe');
    execFileSync('mkfifo', [pipe]);
    writeFileSync(join(folder, 'c.txt'), 'Обыск у журналиста.');
    // Opening a pipe nobody writes to would wait forever: the walk must not open it.
    expect(await entries([folder], false)).toEqual([
      { kind: 'file', path: join(folder, 'c.txt'), size: Buffer.byteLength('Обыск у журналиста.') },
      { kind: 'skipped', path: pipe, what: 'special' },
    ]);
    expect(await entries([pipe], false)).toEqual([{ kind: 'file', path: pipe, size: null }]);
    const [bytes] = await Promise.all([readLimited(pipe, 1000), writeFile(pipe, 'Суд продлил арест.')]);
    expect(bytes.toString('utf8')).toBe('Суд продлил арест.');
  });
});

describe('reading to a limit', () => {
  it('stops reading a device that never ends once it passes the limit', async () => {
    await expect(readLimited('/dev/zero', 100_000)).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: 'over the limit of 100,000 bytes (0.0954 MB)',
    });
    expect(await readLimited('/dev/null', 100)).toHaveLength(0);
  });

  it('reads a stream to its end within the limit, and no further than one chunk past it', async () => {
    expect((await readStreamLimited(Readable.from([Buffer.from('Задержан '), 'участник']), 100)).toString()).toBe(
      'Задержан участник',
    );
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(1024));
      },
    });
    await expect(readStreamLimited(endless, 10 * 1024)).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(endless.destroyed).toBe(true);
    expect(pulled).toBeLessThan(40);
  });
});

describe('sizes in words', () => {
  it('says both sizes with their unit, the limit in MB as --max-size takes it', () => {
    expect(sizeInWords(907)).toBe('907 bytes');
    expect(sizeInWords(12_897_485)).toBe('12.3 MB');
    expect(overTheLimit(907, Math.round(0.0001 * 1024 * 1024))).toBe(
      '907 bytes is over the limit of 105 bytes (0.0001 MB)',
    );
    expect(overTheLimit(12_897_485, 1024 * 1024)).toBe('12.3 MB is over the limit of 1 MB');
    expect(overTheLimit(3 * 1024 * 1024, 1.5 * 1024 * 1024)).toBe('3 MB is over the limit of 1.5 MB');
    expect(overTheLimit(null, 1024 * 1024)).toBe('over the limit of 1 MB');
  });

  it('gives the bytes when a file just over the limit would round to it', () => {
    expect(overTheLimit(100 * 1024 * 1024 + 100, 100 * 1024 * 1024)).toBe(
      '104,857,700 bytes is over the limit of 104,857,600 bytes (100 MB)',
    );
  });
});
