/**
 * One full tree build or rebuild (opening a total) at a time in this process: each hashes
 * every leaf of a tree on the worker threads, and a second would only compete for the same
 * cores. A second caller is turned away at once, not queued.
 */
export interface PolWorkGate {
  readonly busy: boolean;
  /** Runs `work` if no other build or opening runs, releasing afterwards; undefined when busy. */
  tryRun<T>(work: () => Promise<T>): Promise<T> | undefined;
}

export function createPolWorkGate(): PolWorkGate {
  let held = false;
  return {
    get busy() {
      return held;
    },
    tryRun<T>(work: () => Promise<T>): Promise<T> | undefined {
      if (held) return undefined;
      held = true;
      let running: Promise<T>;
      try {
        running = work();
      } catch (error) {
        held = false;
        throw error;
      }
      return running.finally(() => {
        held = false;
      });
    },
  };
}

/** The process-wide gate of tree builds and openings started through the API. */
export const polWorkGate: PolWorkGate = createPolWorkGate();
