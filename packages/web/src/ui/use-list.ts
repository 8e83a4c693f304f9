/** Loads a keyset-paginated list page by page; `reload` starts over (e.g. after a filter change). */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/types.ts';

export interface ListState<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Replaces or adds one item locally (after a create or edit) without reloading. */
  upsert(item: T, key: (t: T) => string): void;
}

export function useList<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, deps: unknown[] = []): ListState<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback((from: string | null, append: boolean) => {
    const gen = ++generation.current;
    setLoading(true);
    setError(null);
    fetchRef.current(from).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems((prev) => (append ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (gen !== generation.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, []);

  const reload = useCallback(() => load(null, false), [load]);
  useEffect(reload, deps);

  const upsert = useCallback((item: T, key: (t: T) => string) => {
    setItems((prev) => {
      const i = prev.findIndex((p) => key(p) === key(item));
      if (i < 0) return [item, ...prev];
      const next = prev.slice();
      next[i] = item;
      return next;
    });
  }, []);

  return { items, loading, error, hasMore: cursor !== null, loadMore: () => load(cursor, true), reload, upsert };
}
