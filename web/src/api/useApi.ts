// Loads one API resource for a page; `reload` after a mutation. A null url waits (e.g. no cycle yet).
// `refresh` reloads in the background (useAutoRefresh): no loading state, a failure keeps what is shown,
// and an unchanged answer keeps the same object, so nothing re-renders and no form is refilled.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './client';

export function useApi<T>(url: string | null): {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  refresh(): void;
} {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const quiet = useRef(false);
  const last = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!url) return;
    let live = true;
    const background = quiet.current;
    quiet.current = false;
    if (!background) setLoading(true);
    api
      .get<T>(url)
      .then((value) => {
        if (!live) return;
        const text = JSON.stringify(value);
        if (text !== last.current) {
          last.current = text;
          setData(value);
        }
        setError(undefined);
      })
      .catch((caught: unknown) => live && !background && setError(caught))
      .finally(() => live && !background && setLoading(false));
    return () => {
      live = false;
    };
  }, [url, tick]);
  const reload = useCallback(() => setTick((value) => value + 1), []);
  const refresh = useCallback(() => {
    quiet.current = true;
    setTick((value) => value + 1);
  }, []);
  return { data, error, loading, reload, refresh };
}
