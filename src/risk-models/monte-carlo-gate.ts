/**
 * One Monte Carlo run at a time in this process. A run holds up to 2,000,000 trial losses
 * (16 MB) and keeps the worker threads busy for seconds; a second caller is turned away at
 * once rather than queued, so requests never pile up behind a long run.
 */
export interface RunGate {
  /** True while a run holds the gate. */
  readonly busy: boolean;
  /** Runs `work` if the gate is free and releases it afterwards; undefined when busy. */
  tryRun<T>(work: () => Promise<T>): Promise<T> | undefined;
}

export function createRunGate(): RunGate {
  let held = false;
  return {
    get busy() {
      return held;
    },
    tryRun<T>(work: () => Promise<T>): Promise<T> | undefined {
      if (held) return undefined;
      held = true;
      const release = (): void => {
        held = false;
      };
      let running: Promise<T>;
      try {
        running = work();
      } catch (error) {
        release();
        throw error;
      }
      return running.finally(release);
    },
  };
}

/** The process-wide gate of Monte Carlo runs started through the API. */
export const monteCarloGate: RunGate = createRunGate();
