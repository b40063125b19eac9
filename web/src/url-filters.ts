import { useSearchParams } from 'react-router';

/**
 * The page's filters, kept in the address so a view can be bookmarked and shared: the current parameters and a
 * setter that changes some of them (null or '' removes one) and keeps the rest, and the router's own setter.
 * `set({ region: 'Башкортостан', offset: null })` on `?q=x&offset=50` → `?q=x&region=Башкортостан`.
 */
export function useUrlFilters(options: { replace?: boolean } = {}) {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(name);
      else next.set(name, value);
    }
    setParams(next, options.replace ? { replace: true } : undefined);
  };
  return [params, set, setParams] as const;
}
