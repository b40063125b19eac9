import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Proposal, ProposalList } from '../api/types.js';
import en from '../i18n/en.json';
import ru from '../i18n/ru.json';
import { createTestI18n } from '../i18n/test-i18n.js';
import { ReviewPage } from './review.js';

// The review page rendered as the browser first paints it, with the queue already fetched: what a reviewer is
// shown and offered for proposed and for reviewed rows. Interaction runs in the Chromium E2E test.

let i18n: I18n;
beforeAll(async () => {
  i18n = await createTestI18n();
});

function proposal(id: string, status: string, label: string): Proposal {
  return {
    id,
    kind: 'person',
    status,
    label,
    confidence: 0.9,
    createdAt: '2026-11-01T10:00:00Z',
    evidence: [{ id: `ev-${id}`, sourceId: 'src-1', start: 0, end: label.length, quote: `${label} was detained` }],
  };
}

function render(canDecide: boolean, items: Proposal[], language = 'en'): string {
  const client = new QueryClient();
  const list: ProposalList = { total: items.length, items };
  client.setQueryData(['review', null, 'proposed', null, 0], list);
  void i18n.changeLanguage(language);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={['/review']}>
          <ReviewPage canDecide={canDecide} />
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

function rowOf(html: string, id: string): string {
  const start = html.indexOf(`data-proposal-id="${id}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</tr>', start));
}

const queue = [proposal('p1', 'proposed', 'Ринат Гайнуллин'), proposal('a1', 'accepted', 'Rinat Gainullin')];

describe('review page', () => {
  it('offers accept, reject, correct and selection only on rows still proposed', () => {
    const html = render(true, queue);
    const open = rowOf(html, 'p1');
    expect(open).toContain('>Accept<');
    expect(open).toContain('>Reject<');
    expect(open).toContain('type="checkbox"');
    const done = rowOf(html, 'a1');
    expect(done).not.toContain('>Accept<');
    expect(done).not.toContain('type="checkbox"');
  });

  it('says of every row whether it is proposed or reviewed', () => {
    const html = render(true, queue);
    expect(rowOf(html, 'p1')).toContain('badge--review-proposed');
    expect(rowOf(html, 'a1')).toContain('badge--review-accepted');
  });

  it('shows the evidence quote, escaped', () => {
    const html = render(true, [proposal('x1', 'proposed', '<img src=x onerror=alert(1)>')]);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('gives a reader who may not decide no decision controls', () => {
    const html = render(false, queue);
    expect(rowOf(html, 'p1')).not.toContain('>Accept<');
    expect(html).not.toContain('type="checkbox"');
    expect(html).toContain(en.review.readOnly);
  });

  it('keeps bulk buttons disabled with nothing selected, and speaks Russian', () => {
    const html = render(true, queue, 'ru');
    expect(html).toContain(ru.review.title);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>[^<]*/);
  });
});
