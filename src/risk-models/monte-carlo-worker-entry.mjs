// Starts a Monte Carlo worker thread: loads the TypeScript worker through tsx's API, because
// loader flags given to a worker thread do not reach its entry module on Node 20.
import { tsImport } from 'tsx/esm/api';

await tsImport('./monte-carlo-worker.ts', import.meta.url);
