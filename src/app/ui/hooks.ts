/** Loading data for a screen: the answer, the error in words, a loading flag, and a way to load again. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, networkError } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  setData: (d: T) => void;
}

export const asApiError = (e: unknown): ApiError => (e instanceof ApiError ? e : networkError());

export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    fn().then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(asApiError(e));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}

/** An action started by a button: running flag, error, and the last result. */
export function useAction<A extends unknown[], T>(fn: (...args: A) => Promise<T>) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<T | undefined>(undefined);
  const latest = useRef(fn);
  latest.current = fn;
  const run = useCallback(async (...args: A): Promise<T | undefined> => {
    setRunning(true);
    setError(null);
    try {
      const r = await latest.current(...args);
      setResult(r);
      return r;
    } catch (e) {
      setError(asApiError(e));
      return undefined;
    } finally {
      setRunning(false);
    }
  }, []);
  return { run, running, error, result, setResult, setError };
}
