import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormat } from '../format.js';

/** Previous / next with "Page 2 of 7"; hidden when everything fits on one page. */
export function Pager({ offset, limit, total, onChange }: { offset: number; limit: number; total: number; onChange: (offset: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (total <= limit && offset === 0) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('pager.previous')}
      </button>
      <span className="pager__status" aria-live="polite">
        {t('pager.page', { page: format.number(page), pages: format.number(pages) })}
      </span>
      <button type="button" className="button button--secondary" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}

/**
 * The offset to show instead of one past the end of the list: the last page that has rows (the first page when the
 * list is empty); any other offset stands. `offsetInRange(25, 25, 3)` → 0; `offsetInRange(500, 25, 60)` → 50;
 * `offsetInRange(25, 25, 30)` → 25.
 */
export function offsetInRange(offset: number, limit: number, total: number): number {
  if (offset <= 0 || offset < total) return Math.max(0, offset);
  return total <= 0 ? 0 : Math.floor((total - 1) / limit) * limit;
}

/**
 * Steps back to the last page with rows when the address points past the end — after the last rows of the last
 * page were decided, merged or deleted, or from an old link (`?offset=500` on a list of 13). The address is
 * replaced, not pushed, so Back does not return to the empty page. `total` is undefined while the list is loading
 * (or showing the previous list's answer), when nothing can be known yet.
 */
export function useOffsetInRange(offset: number, limit: number, total: number | undefined): void {
  const [, setParams] = useSearchParams();
  const target = total === undefined ? offset : offsetInRange(offset, limit, total);
  useEffect(() => {
    if (target === offset) return;
    setParams(
      (before) => {
        const next = new URLSearchParams(before);
        if (target === 0) next.delete('offset');
        else next.set('offset', String(target));
        return next;
      },
      { replace: true },
    );
  }, [target, offset, setParams]);
}
