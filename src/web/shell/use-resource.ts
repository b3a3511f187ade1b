import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './api';

export type Resource<T> = { data: T | undefined; error: ApiError | Error | null; loading: boolean; reload: () => Promise<void>; setData: (data: T) => void };

/** GETs `path` (null: nothing to load yet) and keeps the answer; `reload` after a change. */
export function useResource<T>(path: string | null): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [loading, setLoading] = useState(path !== null);

  const load = useCallback(async (signal?: AbortSignal) => {
    if (path === null) return;
    setLoading(true);
    try {
      const answer = await api<T>('GET', path, { signal });
      setData(answer);
      setError(null);
    } catch (err) {
      if (signal?.aborted) return;
      setError(err as Error);
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return { data, error, loading, reload: () => load(), setData };
}
