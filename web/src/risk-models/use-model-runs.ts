import { useState } from 'react';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { useResource, type Resource } from '../hooks/use-resource.js';
import { setSearchParam, useSearchParam } from '../router/index.js';

/** Starting model runs from a page: one at a time, and a started run is the one shown. */
export interface RunLauncher {
  /** What is running (a scenario's id, or the page's one kind of run); null while idle. */
  busy: string | null;
  /** The server's refusal of the last start, until the next. */
  problem: ApiProblem | null;
  /** Counts the runs started here; the lists that show them load again when it moves. */
  generation: number;
  launch: (what: string, start: () => Promise<{ id: string }>) => Promise<void>;
}

export function useRunLauncher(): RunLauncher {
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [generation, setGeneration] = useState(0);
  const launch = async (what: string, start: () => Promise<{ id: string }>) => {
    if (busy !== null) return;
    setBusy(what);
    setProblem(null);
    try {
      const started = await start();
      setSearchParam('run', started.id);
      setGeneration((value) => value + 1);
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(null);
    }
  };
  return { busy, problem, generation, launch };
}

/** The past runs, newest first, and the run shown: the one ?run= names, else the latest. */
export function useRunList<S extends { id: string }>(
  platformId: string,
  generation: number,
  list: (platformId: string, signal: AbortSignal) => Promise<{ items: S[] }>,
): { runs: Resource<{ items: S[] }>; runId: string | undefined } {
  const selected = useSearchParam('run');
  const runs = useResource((signal) => list(platformId, signal), `${platformId}|${generation}`);
  const latest = runs.state.status === 'ready' ? runs.state.data.items[0]?.id : undefined;
  return { runs, runId: selected !== '' ? selected : latest };
}
