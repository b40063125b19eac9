import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestI18n } from '../i18n/test-i18n.js';
import { SearchPage } from './search.js';

// The search page as first painted for a query in the address, before anything is fetched.

let i18n: I18n;
beforeAll(async () => {
  i18n = await createTestI18n();
});

function render(q: string, language = 'en', more = ''): string {
  void i18n.changeLanguage(language);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter initialEntries={[`/search?q=${encodeURIComponent(q)}${more}`]}>
          <SearchPage />
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

describe('search page', () => {
  it('says a query is too long, with both lengths, where it blamed its words', () => {
    const html = render('слово '.repeat(300));
    expect(html).toContain('This query is too long: at most 1,000 characters, and it has 1,799.');
    expect(html).not.toContain('could not be read');
    expect(render('слово '.repeat(300), 'ru')).toContain('Запрос слишком длинный');
  });

  it('says a date range that runs backwards and leaves it out, where the server refused the whole search', () => {
    const html = render('задержан', 'en', '&from=2025-06-01&to=2025-01-01');
    expect(html).toContain('From (2025-06-01) is after To (2025-01-01), so the dates are left out');
    expect(render('задержан', 'en', '&from=2025-01-01&to=2025-06-01')).not.toContain('is after To');
  });

  it('takes a query of the longest length', () => {
    expect(render('а'.repeat(1000))).not.toContain('too long');
  });
});
