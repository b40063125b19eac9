import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../test/fixtures/documents.js';
import { toIsoDate } from '../iso-date.js';
import { parseDocumentInProcess } from '../parse.js';

const ARTICLE = `<!DOCTYPE html>
<html lang="ru"><head>
<meta charset="utf-8">
<title>В Саратове задержали активиста — Вестник Поволжья</title>
<meta property="og:title" content="В Саратове задержали активиста">
<meta property="og:site_name" content="Вестник Поволжья">
<meta name="author" content="Мария Придуманная">
<meta property="article:published_time" content="2024-03-05T10:00:00+03:00">
<link rel="canonical" href="https://vestnik.example/news/123">
<style>.x{color:red}</style>
<script>var tracking = "should not appear";</script>
</head><body>
<nav><a href="/">Главная</a> <a href="/news">Новости</a></nav>
<article>
<h1>В Саратове задержали активиста</h1>
<p>Вчера в Саратове полиция задержала активиста Петра Выдуманного у здания администрации. По словам его адвоката,
задержанного доставили в отдел полиции «Кировский», где на него составили протокол по статье 20.2 КоАП.</p>
<p>Суд назначил Выдуманному штраф в размере 20 тысяч рублей. Адвокат заявил, что обжалует решение суда в областном
суде. Ранее активист уже привлекался к ответственности за участие в одиночных пикетах против войны.</p>
<p style="display:none">Скрытый текст, которого читатель не видит.</p>
<ul><li>Первый пункт</li><li>Второй пункт</li></ul>
</article>
<footer>© Вестник Поволжья</footer>
</body></html>`;

describe('HTML', () => {
  it('extracts the main text a reader sees, with paragraphs', async () => {
    const doc = await parseDocumentInProcess(utf8(ARTICLE));
    expect(doc.mediaType).toBe('text/html');
    expect(doc.text).toContain('Вчера в Саратове полиция задержала активиста Петра Выдуманного');
    expect(doc.text).toContain('в размере 20 тысяч рублей');
    expect(doc.text).toMatch(/статье 20\.2 КоАП\.\n\nСуд назначил/);
    expect(doc.text).not.toContain('tracking');
    expect(doc.text).not.toContain('color:red');
    expect(doc.text).not.toContain('Скрытый текст');
    expect(doc.text).not.toContain('Главная');
    expect(doc.language).toBe('ru');
  });

  it('reads title, author, date, publisher and canonical URL from meta tags', async () => {
    const doc = await parseDocumentInProcess(utf8(ARTICLE));
    expect(doc).toMatchObject({
      title: 'В Саратове задержали активиста',
      author: 'Мария Придуманная',
      publisher: 'Вестник Поволжья',
      publishedAt: '2024-03-05T07:00:00.000Z',
      url: 'https://vestnik.example/news/123',
      encoding: 'utf-8',
    });
    expect(doc.metadata.htmlLang).toBe('ru');
  });

  it('prefers JSON-LD for article facts', async () => {
    const html = `<html><head><title>Page</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
{"@type":"NewsArticle","headline":"Court sentences Oleg Inventov","datePublished":"2023-11-20",
"author":[{"@type":"Person","name":"Jane Fictional"}],"publisher":{"@type":"Organization","name":"Daily Example"},
"url":"https://daily.example/a/9"}]}</script>
<script type="application/ld+json">{ broken json</script>
</head><body><p>A court in Kazan sentenced Oleg Inventov to three years in a penal colony on Monday.</p></body></html>`;
    const doc = await parseDocumentInProcess(utf8(html));
    expect(doc).toMatchObject({
      title: 'Court sentences Oleg Inventov',
      author: 'Jane Fictional',
      publisher: 'Daily Example',
      publishedAt: '2023-11-20',
      url: 'https://daily.example/a/9',
      language: 'en',
    });
    expect(doc.text).toContain('sentenced Oleg Inventov to three years');
  });

  it('decodes a Windows-1251 page by its meta charset', async () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>Суд</title></head><body><p>Арест Анны Вымышленной продлён.</p></body></html>';
    const doc = await parseDocumentInProcess(iconv.encode(html, 'windows-1251'));
    expect(doc).toMatchObject({ encoding: 'windows-1251', title: 'Суд' });
    expect(doc.text).toContain('Арест Анны Вымышленной продлён.');
    // The same page re-saved as UTF-8 under its old meta tag: its bytes say UTF-8, and they are read so.
    const resaved = await parseDocumentInProcess(utf8(html));
    expect(resaved).toMatchObject({ encoding: 'utf-8', title: 'Суд' });
    expect(resaved.text).toContain('Арест Анны Вымышленной продлён.');
  });

  it('falls back to the whole page when nesting is too deep for Readability', async () => {
    const html = `<html><body>${'<div>'.repeat(10_000)}глубоко${'</div>'.repeat(10_000)}</body></html>`;
    const doc = await parseDocumentInProcess(utf8(html));
    expect(doc.text).toBe('глубоко');
    expect(doc.warnings.join(' ')).toMatch(/nested/);
  });

  it('reads a page that leaves out <html> and <body>, as HTML allows, and a fragment saved as a file', async () => {
    const page =
      '<!doctype html>\n<meta charset="utf-8">\n<title>Обыск в Туле</title>\n<meta name="author" content="Мария Придуманная">\n<p>В Туле прошёл обыск у краеведа Ильи Выдуманного.</p>\n<p>Изъяли ноутбук.</p>\n';
    expect(await parseDocumentInProcess(utf8(page))).toMatchObject({
      mediaType: 'text/html',
      title: 'Обыск в Туле',
      author: 'Мария Придуманная',
      text: 'В Туле прошёл обыск у краеведа Ильи Выдуманного.\n\nИзъяли ноутбук.',
      language: 'ru',
    });
    const headOnly = '<html><head><title>Суд</title></head><p>Арест продлён до 5 мая.</p></html>';
    expect(await parseDocumentInProcess(utf8(headOnly))).toMatchObject({
      title: 'Суд',
      text: 'Арест продлён до 5 мая.',
    });
    const fragment = '<p>Задержан участник пикета.</p><div>Его доставили в отдел полиции.</div>';
    expect((await parseDocumentInProcess(utf8(fragment))).text).toBe(
      'Задержан участник пикета.\n\nЕго доставили в отдел полиции.',
    );
  });

  it('ignores javascript: canonical URLs', async () => {
    const html = '<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><p>x</p></body></html>';
    expect((await parseDocumentInProcess(utf8(html))).url).toBeNull();
  });
});

describe('toIsoDate', () => {
  it('keeps dates, converts date-times, drops nonsense', () => {
    expect(toIsoDate('2024-03-05')).toBe('2024-03-05');
    expect(toIsoDate('Tue, 05 Mar 2024 10:00:00 +0300')).toBe('2024-03-05T07:00:00.000Z');
    expect(toIsoDate('вчера')).toBeNull();
    expect(toIsoDate('0001-01-01T00:00:00Z')).toBeNull();
  });

  it('drops a day no calendar has, which Date rolls over into the next month', () => {
    expect(toIsoDate('2024-02-30')).toBeNull();
    expect(toIsoDate('2023-02-29T10:00:00+03:00')).toBeNull();
    expect(toIsoDate('Fri, 30 Feb 2024 10:00:00 +0300')).toBeNull();
    expect(toIsoDate('31 Apr 2024 10:00:00 GMT')).toBeNull();
    expect(toIsoDate('2024-02-29T10:00:00+03:00')).toBe('2024-02-29T07:00:00.000Z');
    expect(toIsoDate('Thu, 29 Feb 2024 10:00:00 +0300')).toBe('2024-02-29T07:00:00.000Z');
  });
});
