/**
 * A change a clerk asks for (run a settlement, save a rate, issue coupons): busy while the graph works, and the
 * graph's refusal kept for the page to show beside a field or above the button. Returns what the work returned, or
 * undefined if it was refused.
 */
import { useCallback, useState } from 'react';
import { GraphError } from './client';

export interface Action {
  busy: boolean;
  error: GraphError | null;
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<GraphError | null>(null);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (caught) {
      setError(caught instanceof GraphError ? caught : new GraphError('NETWORK', String(caught)));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
