import { useCallback, useState } from 'react';
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

/**
 * A filter form's fields as controlled values kept in step with the address: what the reader types, set back to the
 * address's values whenever those change (a filter cleared, a facet chosen, the back button). Nothing is remounted,
 * so the keyboard focus stays on the field or button it was on (re-keying the form to reset it dropped the focus to
 * <body>). `const [draft, setField] = useFormDraft({ q: 'Уфа', from: '' })` →
 * `<input value={draft.q} onChange={(e) => setField('q', e.target.value)} />`.
 */
export function useFormDraft<K extends string>(fromUrl: Record<K, string>): [Record<K, string>, (name: K, value: string) => void] {
  const key = JSON.stringify(fromUrl);
  const [draft, setDraft] = useState({ key, values: fromUrl });
  // The address changed: its values replace the draft, during this render (React's "adjusting state on a prop change").
  if (draft.key !== key) setDraft({ key, values: fromUrl });
  const setField = useCallback((name: K, value: string) => setDraft((d) => ({ ...d, values: { ...d.values, [name]: value } })), []);
  return [draft.key === key ? draft.values : fromUrl, setField];
}
