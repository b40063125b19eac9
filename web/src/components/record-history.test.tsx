import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordHistory as History } from '../api/types.js';
import { createTestI18n } from '../i18n/test-i18n.js';
import { RecordHistory } from './record-history.js';

// An event's edit history as drawn from versions already fetched.

let i18n: I18n;
beforeAll(async () => {
  i18n = await createTestI18n();
});

function render(history: History, language = 'en'): string {
  void i18n.changeLanguage(language);
  const client = new QueryClient();
  client.setQueryData(['events', 'history', 'e1'], history);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <RecordHistory table="events" id="e1" />
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

const version = (n: number, action: string, changes: History['items'][number]['changes']) => ({
  version: n,
  at: '2026-03-14T10:00:00Z',
  user: { id: 'u1', username: 'anna' },
  action,
  changes,
});

describe('record history', () => {
  it("says an event's actions, fields and coded values in words, the codes kept in titles", () => {
    const history: History = {
      total: 2,
      items: [
        version(2, 'review.reopen', [{ field: 'status', before: 'accepted', after: 'proposed' }]),
        version(1, 'event.update', [
          { field: 'date_end', before: null, after: '2024-03-15' },
          { field: 'type', before: 'detention', after: 'arrest' },
        ]),
      ],
    };
    const html = render(history);
    expect(html).toContain('<strong title="review.reopen">Review decision undone</strong>');
    expect(html).toContain('<strong title="event.update">Edited</strong>');
    expect(html).toContain('<span title="date_end">Until</span>');
    expect(html).toContain('<del>Detention</del>');
    expect(html).toContain('<ins>Arrest</ins>');
    expect(html).toContain('<del>Accepted</del>');
    const ru = render(history, 'ru');
    expect(ru).toContain('Решение проверки отменено');
    expect(ru).toContain('<span title="date_end">По</span>');
  });

  it('shows an action or a field it has no words for as its code', () => {
    const shelved = version(1, 'event.shelved', [{ field: 'shelf_code', before: 'A', after: 'B' }]);
    const html = render({ total: 1, items: [shelved] });
    expect(html).toContain('<code>event.shelved</code>');
    expect(html).toContain('<code>shelf_code</code>');
  });
});
