import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobList } from '../api/types.js';
import { createTestI18n } from '../i18n/test-i18n.js';
import { JobsPage } from './jobs.js';

// The jobs page as first painted with the list fetched: a queue that has stopped moving is said at the top.

let i18n: I18n;
beforeAll(async () => {
  i18n = await createTestI18n();
});

const job: Job = {
  id: '01JOB',
  kind: 'ingest',
  payload: { name: 'uploads/report.pdf' },
  status: 'queued',
  attempts: 0,
  maxAttempts: 3,
  leaseUntil: null,
  workerId: null,
  error: null,
  result: null,
  createdAt: '2026-12-05T10:00:00Z',
  updatedAt: '2026-12-05T10:00:00Z',
};

function render(health: JobList['health'], language = 'en'): string {
  const client = new QueryClient();
  const list: JobList = { counts: { queued: 1, running: 2, done: 0, failed: 0 }, items: [job], health };
  client.setQueryData(['jobs', null, 0], list);
  void i18n.changeLanguage(language);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={['/jobs']}>
          <JobsPage />
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

describe('jobs page', () => {
  it('says nothing of a queue that moves', () => {
    const html = render({ oldestQueuedAt: job.updatedAt, expiredLeases: 0, stalled: false });
    expect(html).toContain('report.pdf');
    expect(html).not.toContain('notice--warn');
  });

  it('says the queue is stalled, and that running jobs lost their workers, in the reader’s language', () => {
    const html = render({ oldestQueuedAt: job.updatedAt, expiredLeases: 2, stalled: true });
    expect(html).toContain('no worker is on any job: the queue is stalled');
    expect(html).toContain('2 running jobs have not been heard from by their workers');
    const russian = render({ oldestQueuedAt: job.updatedAt, expiredLeases: 1, stalled: true }, 'ru');
    expect(russian).toContain('очередь стоит');
    expect(russian).toContain('От обработчика 1 выполняемого задания нет вестей');
  });
});
