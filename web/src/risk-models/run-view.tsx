import type { ReactNode } from 'react';
import { ResourceView } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';

/** One model run, loaded by its id, laid out by the page that shows it. */
export function RunView<R>({
  platformId,
  runId,
  get,
  children,
}: {
  platformId: string;
  runId: string;
  get: (platformId: string, runId: string, signal: AbortSignal) => Promise<R>;
  children: (run: R) => ReactNode;
}) {
  const run = useResource((signal) => get(platformId, runId, signal), `${platformId}|${runId}`);
  return <ResourceView resource={run}>{children}</ResourceView>;
}
