/** A page's data: runs the operation when its variables change, and says whether it is loading or failed. */
import { useCallback, useEffect, useState } from 'react';
import type { TypedDocumentString } from '../graphql/graphql';
import { GraphError } from './client';
import { useSession } from './session';

export interface OperationState<R> {
  data: R | null;
  error: GraphError | null;
  loading: boolean;
  reload(): void;
}

export function useOperation<R, V>(document: TypedDocumentString<R, V>, variables: V, opts: { skip?: boolean } = {}): OperationState<R> {
  const { send } = useSession();
  const [state, setState] = useState<{ data: R | null; error: GraphError | null; loading: boolean }>({ data: null, error: null, loading: !opts.skip });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (opts.skip) return;
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    send(document, JSON.parse(key) as V, abort.signal).then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState({ data: null, error: error instanceof GraphError ? error : new GraphError('NETWORK', String(error)), loading: false });
      },
    );
    return () => abort.abort();
    // send changes with the session; key stands for the variables.
  }, [document, key, generation, opts.skip, send]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
