import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { base64Lines, quotedPrintable } from '../../../test/fixtures/documents.js';
import { detectMediaType, looksLikeSavedPage, MEDIA_TYPES } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';

const BOUNDARY = '----MultipartBoundary--Xyz----';
const utf8 = (text: string) => new TextEncoder().encode(text);

function mime(head: string, parts: string[]): Uint8Array {
  const body = parts.map((part) => `--${BOUNDARY}\r\n${part}\r\n`).join('');
  return utf8(
    `${head}Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="${BOUNDARY}"\r\n\r\n${body}--${BOUNDARY}--\r\n`,
  );
}

const ARTICLE = [
  '<!DOCTYPE html><html lang="ru"><head><meta charset="windows-1251"><title>Суд арестовал активиста — Новости</title>',
  '<meta name="author" content="Анна Вымышленная">',
  '<meta property="article:published_time" content="2024-03-04T09:00:00+03:00">',
  '<link rel="canonical" href="https://news.example.org/2024/03/arrest"></head>',
  '<body><nav>Главная | Новости | Контакты</nav><article><h1>Суд арестовал активиста</h1>',
  '<p>Ленинский районный суд Саратова арестовал активиста Петра Вымышленного на два месяца.</p>',
  '<p>Его задержали 3 марта после обыска. Адвокат намерен обжаловать арест в областном суде.</p>',
  '<p>По словам защиты, обыск длился шесть часов, изъяли телефоны и ноутбук.</p></article>',
  '<footer>© Новости</footer></body></html>',
].join('');

/** As Chrome saves a page: the page's bytes in its own code page, which the part does not name; its <meta> does. */
const CHROME_PAGE = mime(
  'From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example.org/2024/03/arrest?utm=1\r\n' +
    'Subject: =?utf-8?Q?Saved_page?=\r\nDate: Tue, 5 Mar 2024 12:00:00 -0000\r\nMIME-Version: 1.0\r\n',
  [
    'Content-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\n' +
      `Content-Location: https://news.example.org/2024/03/arrest?utm=1\r\n\r\n${quotedPrintable(iconv.encode(ARTICLE, 'cp1251'))}`,
    'Content-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n' +
      'Content-Location: https://news.example.org/s.css\r\n\r\nbody { color: red; }\r\n',
    'Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://news.example.org/logo.png' +
      `\r\n\r\n${base64Lines(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]))}`,
    'Content-Type: text/html\r\nContent-ID: <frame-2@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\n' +
      'Content-Location: https://ads.example.org/frame\r\n\r\n<html><body><p>Реклама: купите слона</p></body></html>',
  ],
);

describe('saved web pages (MHTML)', () => {
  it('are told from e-mail by their headers', () => {
    expect(detectMediaType(CHROME_PAGE, 'page.mhtml')).toBe(MEDIA_TYPES.mhtml);
    expect(looksLikeSavedPage('From: <Saved by Windows Internet Explorer 8>\r\nSubject: x')).toBe(true);
    expect(looksLikeSavedPage('MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n type="text/html"')).toBe(true);
    // A letter with an HTML body and an inline picture is multipart/related too, but it was sent.
    const letter =
      'From: a@example.org\r\nTo: b@example.org\r\nMessage-ID: <1@example.org>\r\nContent-Type: multipart/related';
    expect(looksLikeSavedPage(letter)).toBe(false);
  });

  it('are read as the page: its text, title, author, date and address, not the saving’s', async () => {
    const doc = await parseDocumentInProcess(CHROME_PAGE, { fileName: 'page.mhtml' });
    expect(doc.mediaType).toBe('multipart/related');
    expect(doc.text).toBe(
      [
        'Суд арестовал активиста',
        'Ленинский районный суд Саратова арестовал активиста Петра Вымышленного на два месяца.',
        'Его задержали 3 марта после обыска. Адвокат намерен обжаловать арест в областном суде.',
        'По словам защиты, обыск длился шесть часов, изъяли телефоны и ноутбук.',
      ].join('\n\n'),
    );
    expect(doc.title).toBe('Суд арестовал активиста — Новости');
    expect(doc.author).toBe('Анна Вымышленная');
    // The page's own date, not the Date header (when it was saved).
    expect(doc.publishedAt).toBe('2024-03-04T06:00:00.000Z');
    expect(doc.url).toBe('https://news.example.org/2024/03/arrest');
    expect(doc.language).toBe('ru');
    // Its style sheet and picture are the page's, kept in the original: no sources of their own.
    expect(doc.children).toEqual([]);
    expect(doc.metadata).toMatchObject({
      savedFrom: 'https://news.example.org/2024/03/arrest?utm=1',
      savedAt: '2024-03-05T12:00:00.000Z',
      savedBy: 'Saved by Blink',
      resources: 2,
      framesNotRead: 1,
    });
  });

  it('take the title from the subject and the address from the part when the page gives neither', async () => {
    const page = mime(
      'From: <Saved by Windows Internet Explorer 8>\r\nSubject: =?windows-1251?B?' +
        `${iconv.encode('Обыск в Казани', 'cp1251').toString('base64')}?=\r\nDate: Sun, 3 Mar 2024 10:00:00 +0300\r\n` +
        'MIME-Version: 1.0\r\n',
      [
        'Content-Type: text/html; charset="windows-1251"\r\nContent-Transfer-Encoding: base64\r\n' +
          'Content-Location: https://example.org/news/1\r\n\r\n' +
          base64Lines(
            iconv.encode('<html><body><p>В Казани прошли обыски у трёх активистов.</p></body></html>', 'cp1251'),
          ),
      ],
    );
    const doc = await parseDocumentInProcess(page, { fileName: 'page.mht' });
    expect(doc.text).toBe('В Казани прошли обыски у трёх активистов.');
    expect(doc.title).toBe('Обыск в Казани');
    expect(doc.url).toBe('https://example.org/news/1');
    expect(doc.publishedAt).toBeNull();
    expect(doc.metadata).toMatchObject({ savedAt: '2024-03-03T07:00:00.000Z' });
  });

  it('store no address a reader could not open', async () => {
    const page = mime(
      'From: <Saved by Blink>\r\nSnapshot-Content-Location: javascript:alert(1)\r\nMIME-Version: 1.0\r\n',
      ['Content-Type: text/html; charset=utf-8\r\nContent-Location: javascript:alert(1)\r\n\r\n<p>Текст страницы.</p>'],
    );
    const doc = await parseDocumentInProcess(page);
    expect(doc.url).toBeNull();
    expect(doc.metadata).not.toHaveProperty('savedFrom');
  });

  it('are refused with a reason when there is no page in them', async () => {
    const empty = mime('From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n', [
      'Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=',
    ]);
    await expect(parseDocumentInProcess(empty)).rejects.toThrow('saved web page has no HTML part');
  });
});
