import { useCallback, useEffect, useState } from 'react';
import { asApiProblem, type ApiProblem } from '../api/index.js';

export type ResourceState<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; problem: ApiProblem };

export interface Resource<T> {
  state: ResourceState<T>;
  reload: () => void;
}

/**
 * Loads one API resource and reloads it whenever `key` changes (a string of everything the
 * loader depends on). A newer load aborts the older one, so a slow answer never overwrites a
 * fresh one.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
): Resource<T> {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => (previous.status === 'loading' ? previous : { status: 'loading' }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({ status: 'failed', problem: asApiProblem(error) });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure each render; `key` names what it actually depends on.
  }, [key, generation]);

  return { state, reload };
}
