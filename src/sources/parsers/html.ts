/**
 * HTML → the text a reader would see, plus the metadata a news page declares about itself. The main text comes from
 * Mozilla Readability over linkedom (DEPENDENCIES.md: same result as jsdom, 13× faster); when Readability finds no
 * article or the page is too deeply nested for its recursion, the whole body is walked instead. Our own walker is
 * iterative, so 10,000 nested <div>s cost time, not the stack.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parse as parseDocument, serialize as serializeDocument } from 'parse5';
import { webUrl } from '../../shared/web-url.js';
import { decodeText, decodeWithCharset } from '../decode-text.js';
import { toIsoDate } from '../iso-date.js';
import { normalizeProducedText, type ParserResult } from '../parse-types.js';

/** Readability recurses per nesting level; past this depth it overflows the stack after seconds of work. */
const MAX_READABILITY_DEPTH = 400;
/**
 * Readability walks the tree many times and spreads child lists into calls (a body of 200,000 comments overflows
 * the stack); news pages have a few thousand nodes, so past this many the simple walk is the safer reading.
 */
const MAX_READABILITY_NODES = 60_000;
const MAX_JSON_LD_CHARS = 1024 * 1024;

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'select',
  'option',
  'datalist',
  'head',
  'title',
  'meta',
  'link',
  'button',
]);
const PARAGRAPH = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'dl',
  'table',
  'form',
  'fieldset',
  'address',
  'details',
  'summary',
  'hr',
  'body',
]);
const LINE = new Set(['br', 'li', 'tr', 'dt', 'dd', 'caption']);
const CELL = new Set(['td', 'th']);

// linkedom's DOM is typed loosely here: we use only the standard Node/Element members below.
export interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  parentNode: DomNode | null;
  getAttribute?(name: string): string | null;
}
interface DomDocument {
  documentElement: DomNode | null;
  body: DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode & { textContent: string | null }>;
  querySelector(selector: string): (DomNode & { textContent: string | null }) | null;
}

export interface HtmlTextOptions {
  /** true: Readability's main article; false: everything visible in the body (e-mail bodies, where greetings count). */
  mainContent: boolean;
}

export function parseHtml(bytes: Uint8Array): ParserResult {
  const { text: html, encoding } = decodeHtml(bytes);
  const result = htmlToDocument(html, { mainContent: true });
  return { ...result, encoding };
}

/** `htmlToDocument('<title>T</title><p>Один</p><p>Два</p>', {mainContent: true}).text` → 'Один\n\nДва'. */
export function htmlToDocument(markup: string, options: HtmlTextOptions): ParserResult {
  const warnings: string[] = [];
  const html = inDocumentShape(markup);
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  const meta = readMeta(document);
  const { depth, nodes } = measure(document.documentElement);

  let text = '';
  let readabilityTitle: string | null = null;
  let byline: string | null = null;
  let siteName: string | null = null;
  let publishedTime: string | null = null;
  if (options.mainContent && depth <= MAX_READABILITY_DEPTH && nodes <= MAX_READABILITY_NODES) {
    try {
      // Readability mutates the document; metadata was read above, and the body fallback reparses.
      const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
      if (article?.content) {
        const { document: articleDoc } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
        text = walkText((articleDoc as unknown as DomDocument).body, false);
        readabilityTitle = clean(article.title);
        byline = clean(article.byline);
        siteName = clean(article.siteName);
        publishedTime = clean(article.publishedTime);
      }
    } catch (error) {
      warnings.push(`main-text extraction failed (${(error as Error).message}); the whole page was used`);
    }
  } else if (options.mainContent) {
    warnings.push(
      `page too deeply nested or too large for main-text extraction (depth ${depth}, ${nodes} nodes); whole page used`,
    );
  }
  if (!text.trim()) {
    const { document: fresh } = parseHTML(html) as unknown as { document: DomDocument };
    text = walkText(fresh.body ?? fresh.documentElement, options.mainContent);
  }

  const title = meta.title ?? readabilityTitle ?? meta.documentTitle;
  const author = meta.author ?? stripBy(byline);
  return {
    text: normalizeProducedText(text),
    title: title ? title.slice(0, 1000) : null,
    author: author ? author.slice(0, 500) : null,
    publisher: meta.publisher ?? siteName,
    publishedAt: toIsoDate(meta.publishedAt ?? publishedTime),
    url: meta.url,
    metadata: {
      ...(meta.lang ? { htmlLang: meta.lang } : {}),
      ...(meta.description ? { description: meta.description } : {}),
    },
    warnings,
  };
}

/**
 * The markup with its <html>, <head> and <body>. HTML lets a page leave them out, and a fragment saved as a file or
 * sent as an e-mail's HTML part often does; linkedom builds the tree as the markup is written, so such a page became
 * an empty body beside its text, and was stored with no text at all. parse5 builds the tree as a browser does and
 * writes it out whole. A page that has its <body> tag is left as it is (parsing twice would cost every page).
 */
function inDocumentShape(markup: string): string {
  if (/<body[\s>/]/i.test(markup)) return markup;
  try {
    return serializeDocument(parseDocument(markup));
  } catch {
    // parse5 accepts any input; should it fail, the markup as it came still gives its metadata.
    return markup;
  }
}

/** Charset: BOM, then <meta charset> or http-equiv in the first 2 KB (HTML Standard §13.2.3.2 prescan), then guess. */
export function decodeHtml(bytes: Uint8Array): { text: string; encoding: string } {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const declared =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.-]+)/i.exec(head)?.[1];
  return declared ? decodeWithCharset(bytes, declared) : decodeText(bytes);
}

function measure(root: DomNode | null): { depth: number; nodes: number } {
  let depth = 0;
  let maxDepth = 0;
  let nodes = 0;
  let node = root;
  while (node) {
    nodes++;
    if (node.firstChild) {
      node = node.firstChild;
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      depth--;
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  return { depth: maxDepth, nodes };
}

function isHidden(node: DomNode): boolean {
  const get = node.getAttribute?.bind(node);
  if (!get) return false;
  if (get('hidden') !== null || get('aria-hidden') === 'true') return true;
  const style = get('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** The text a reader sees in one element, shaped as every produced text is (`normalizeProducedText`). */
export function visibleText(element: DomNode): string {
  return normalizeProducedText(walkText(element, false));
}

/** Visible text with block elements as paragraphs and <br>/<li> as lines; iterative (no recursion). */
function walkText(root: DomNode | null, skipNavigation: boolean): string {
  if (!root) return '';
  const out: string[] = [];
  const closers: Array<{ node: DomNode; text: string }> = [];
  let preDepth = 0;
  let node: DomNode | null = root;
  while (node) {
    let descend = false;
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      out.push(preDepth > 0 ? value : value.replace(/[\s]+/g, ' '));
    } else if (node.nodeType === 1) {
      const tag = node.nodeName.toLowerCase();
      const skip = SKIPPED.has(tag) || (skipNavigation && tag === 'nav') || isHidden(node);
      if (!skip) {
        if (tag === 'img') {
          const alt = node.getAttribute?.('alt');
          if (alt) out.push(` ${alt} `);
        }
        const sep = PARAGRAPH.has(tag) ? '\n\n' : LINE.has(tag) ? '\n' : CELL.has(tag) ? ' \t ' : '';
        out.push(sep);
        if (node.firstChild) {
          descend = true;
          if (tag === 'pre') preDepth++;
          closers.push({ node, text: sep });
        }
      }
    }
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    // climb until a sibling exists, emitting the closing separators of the elements we leave
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      const top = closers.at(-1);
      if (top && top.node === node) {
        closers.pop();
        out.push(top.text);
        if (node?.nodeName.toLowerCase() === 'pre') preDepth--;
      }
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  return out.join('').replace(/ \t /g, '\t').replace(/\t+/g, ' ');
}

interface PageMeta {
  title: string | null;
  documentTitle: string | null;
  author: string | null;
  publisher: string | null;
  publishedAt: string | null;
  url: string | null;
  lang: string | null;
  description: string | null;
}

function readMeta(document: DomDocument): PageMeta {
  const metas = new Map<string, string>();
  const list = document.querySelectorAll('meta');
  for (let i = 0; i < list.length && i < 2000; i++) {
    const m = list[i]!;
    const key = (m.getAttribute?.('property') ?? m.getAttribute?.('name') ?? m.getAttribute?.('itemprop') ?? '')
      .trim()
      .toLowerCase();
    const content = m.getAttribute?.('content');
    if (key && content && !metas.has(key)) metas.set(key, content.trim());
  }
  const pick = (...keys: string[]): string | null => {
    for (const k of keys) {
      const v = clean(metas.get(k));
      if (v) return v;
    }
    return null;
  };
  const ld = readJsonLd(document);
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute?.('href') ?? null;
  const timeEl =
    document.querySelector('time[itemprop="datePublished"]') ??
    document.querySelector('time[pubdate]') ??
    document.querySelector('article time[datetime]');
  const authorMeta = pick('author', 'article:author', 'byl', 'dc.creator', 'parsely-author', 'sailthru.author');
  return {
    title: ld.headline ?? pick('og:title', 'twitter:title', 'dc.title', 'citation_title'),
    documentTitle:
      clean(document.querySelector('title')?.textContent) ?? clean(document.querySelector('h1')?.textContent),
    author: ld.author ?? (authorMeta && !/^https?:/i.test(authorMeta) ? stripBy(authorMeta) : null),
    publisher: ld.publisher ?? pick('og:site_name', 'application-name', 'dc.publisher', 'citation_publisher'),
    publishedAt:
      ld.datePublished ??
      pick(
        'article:published_time',
        'datepublished',
        'date',
        'pubdate',
        'publishdate',
        'publish-date',
        'dc.date',
        'dc.date.issued',
        'dcterms.date',
        'dcterms.created',
        'citation_publication_date',
        'citation_date',
        'sailthru.date',
        'parsely-pub-date',
        'og:published_time',
      ) ??
      clean(timeEl?.getAttribute?.('datetime')),
    url: absoluteUrl(canonical) ?? absoluteUrl(pick('og:url')) ?? absoluteUrl(ld.url),
    lang: clean(document.documentElement?.getAttribute?.('lang')),
    description: pick('description', 'og:description'),
  };
}

interface JsonLdFacts {
  headline: string | null;
  author: string | null;
  publisher: string | null;
  datePublished: string | null;
  url: string | null;
}

const ARTICLE_TYPES = /Article|BlogPosting|Report|NewsArticle|WebPage|CreativeWork|Posting/i;

function readJsonLd(document: DomDocument): JsonLdFacts {
  const facts: JsonLdFacts = { headline: null, author: null, publisher: null, datePublished: null, url: null };
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  const candidates: Record<string, unknown>[] = [];
  for (let i = 0; i < scripts.length && i < 50; i++) {
    const raw = scripts[i]!.textContent ?? '';
    if (raw.length > MAX_JSON_LD_CHARS) continue;
    try {
      collectObjects(JSON.parse(raw), candidates);
    } catch {
      // Broken JSON-LD is common; the meta tags still apply.
    }
  }
  const typed = candidates.filter((o) => ARTICLE_TYPES.test(String(o['@type'] ?? '')));
  for (const o of [...typed, ...candidates]) {
    facts.headline ??= text(o.headline);
    facts.datePublished ??= text(o.datePublished) ?? text(o.dateCreated);
    facts.author ??= personName(o.author);
    facts.publisher ??= personName(o.publisher);
    facts.url ??= text(o.url) ?? (typeof o.mainEntityOfPage === 'string' ? o.mainEntityOfPage : null);
  }
  return facts;
}

function collectObjects(value: unknown, into: Record<string, unknown>[], depth = 0): void {
  if (depth > 5 || into.length > 200) return;
  if (Array.isArray(value)) {
    for (const v of value) collectObjects(v, into, depth + 1);
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    into.push(o);
    if (Array.isArray(o['@graph'])) collectObjects(o['@graph'], into, depth + 1);
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? clean(value) : null;
}

function personName(value: unknown): string | null {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) {
    const names = value.map(personName).filter((n): n is string => Boolean(n));
    return names.length ? names.join(', ') : null;
  }
  if (value && typeof value === 'object') return text((value as Record<string, unknown>).name);
  return null;
}

function clean(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const v = value.replace(/\s+/g, ' ').trim();
  return v ? v : null;
}

function stripBy(value: string | null): string | null {
  if (!value) return null;
  return clean(value.replace(/^(by|автор:?|текст:?)\s+/i, ''));
}

function absoluteUrl(value: string | null): string | null {
  return value ? webUrl(value) : null;
}
