import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestI18n } from '../i18n/test-i18n.js';
import type { AuditList } from '../api/audit.js';
import { AuditPage } from './audit.js';

// The audit page as first painted for filters in the address, before anything is fetched.

let i18n: I18n;
beforeAll(async () => {
  i18n = await createTestI18n();
});

/** The page's markup, and the filters its query would send; `entries`, the log as already fetched unfiltered. */
function render(
  search: string,
  language = 'en',
  entries?: AuditList,
  actions?: string[],
): { html: string; sent: unknown } {
  void i18n.changeLanguage(language);
  const client = new QueryClient();
  if (actions) client.setQueryData(['audit', 'actions'], { actions });
  const unfiltered = { actor: '', action: '', targetType: '', targetId: '', from: '', to: '' };
  if (entries) client.setQueryData(['audit', unfiltered, 0], entries);
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[`/audit${search}`]}>
          <AuditPage />
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  const key = client
    .getQueryCache()
    .getAll()
    .find((q) => q.queryKey[1] !== 'actions')?.queryKey;
  return { html, sent: key?.[1] };
}

describe('audit page', () => {
  it('says a date it cannot read, or not a whole day, and leaves it out, where the page failed', () => {
    const { html, sent } = render('?from=2025-02-30&to=2025-03&actor=anna');
    expect(html).toContain('“2025-02-30”, “2025-03” are not whole days');
    expect(sent).toMatchObject({ from: '', to: '', actor: 'anna' });
    expect(render('?from=14.03.2025', 'ru').html).toContain('«14.03.2025» — не день');
  });

  it('says a date range that runs backwards and leaves it out', () => {
    const { html, sent } = render('?from=2025-06-01&to=2025-01-01');
    expect(html).toContain('From (2025-06-01) is after To (2025-01-01), so the dates are left out');
    expect(sent).toMatchObject({ from: '', to: '' });
  });

  it('says a name or code the log cannot hold and leaves it out, where the route refused it and the page failed', () => {
    const { html, sent } = render('?actor=Anna%20K&action=Person%20edited&targetType=persons&targetId=01J9');
    expect(html).toContain('User name «Anna K» cannot be in the log, so it is left out');
    expect(html).toContain('Action «Person edited» cannot be in the log');
    expect(sent).toMatchObject({ actor: '', action: '', targetType: 'persons', targetId: '01J9' });
    expect(render('?targetId=01J9%2F2', 'ru').html).toContain('Идентификатор записи «01J9/2» не может встретиться в журнале');
  });

  it('offers the actions the log holds in words to pick from, the code beside, and one from the address too', () => {
    const { html } = render('?action=x.unknown', 'en', undefined, ['user.add', 'person.status-override']);
    expect(html).toMatch(/<select[^>]*name="action"/);
    expect(html).toContain('<option value="">Any action</option>');
    expect(html).toContain('<option value="user.add">Account created (user.add)</option>');
    expect(html).toMatch(/<option value="person.status-override">[^<(]+ \(person.status-override\)<\/option>/);
    expect(html).toContain('<option value="x.unknown" selected="">x.unknown</option>');
    // Until the actions have come, the code may be typed.
    expect(render('').html).toMatch(/<input[^>]*name="action"/);
  });

  it('sends whole days in order as they are', () => {
    const { html, sent } = render('?from=2025-01-01&to=2025-06-01');
    expect(html).not.toContain('left out');
    expect(sent).toMatchObject({ from: '2025-01-01', to: '2025-06-01' });
  });

  const entry = (seq: number, action: string, before: unknown, after: unknown) => ({
    seq,
    at: '2026-03-14T10:00:00Z',
    userId: null,
    username: 'anna',
    action,
    target: 'events/01JEVENT',
    before,
    after,
    hash: 'h',
  });
  const log: AuditList = {
    total: 3,
    items: [
      entry(3, 'record.groups', { groups: [] }, { groups: ['Адвокаты'] }),
      entry(2, 'event.update', { dateEnd: null, status: 'proposed' }, { dateEnd: '2024-03-15', status: 'accepted' }),
      entry(1, 'person.status-override', { status_override: null }, { status_override: 'in_custody' }),
    ],
  };

  it('says actions, fields and coded values in words, with the code beside them in small type', () => {
    const { html } = render('', 'en', log);
    expect(html).toContain('Access groups of a record changed<br/><code class="code-hint">record.groups</code>');
    expect(html).toContain('Event edited');
    expect(html).toContain('Until<br/><code class="code-hint">dateEnd</code>');
    expect(html).toContain('In custody');
    expect(html).toContain('>Accepted<');
    expect(html).not.toContain('in_custody<');
    const ru = render('', 'ru', log).html;
    expect(ru).toContain('Изменены группы доступа записи');
    expect(ru).toContain('Статус вручную');
    expect(ru).toContain('Под стражей');
  });

  it('shows an action or a field it has no words for as its code', () => {
    const { html } = render('', 'en', {
      total: 1,
      items: [entry(4, 'archive.shelved', { shelf_code: 'A' }, { shelf_code: 'B' })],
    });
    expect(html).toContain('<code>archive.shelved</code>');
    expect(html).toContain('<code>shelf_code</code>');
  });
});
