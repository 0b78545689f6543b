// Loads one API resource for a page; `reload` after a mutation. A null url waits (e.g. no cycle yet).
import { useCallback, useEffect, useState } from 'react';
import { api } from './client';

export function useApi<T>(url: string | null): {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
} {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!url) return;
    let live = true;
    setLoading(true);
    api
      .get<T>(url)
      .then((value) => {
        if (!live) return;
        setData(value);
        setError(undefined);
      })
      .catch((caught: unknown) => live && setError(caught))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [url, tick]);
  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { data, error, loading, reload };
}
