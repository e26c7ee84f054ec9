import { assert } from '../assert.js';

export interface GroupCommitterOptions<TItem, TResult> {
  /** Items per transaction at most. */
  batchSizeMax: number;
  /** Items waiting at most; past that, submissions are refused instead of queueing forever. */
  queueLengthMax: number;
  /**
   * Batches committing at once. One suits a single connection (PGlite); two on a server let
   * the next batch read and prepare while the previous one holds its locks and commits.
   */
  batchesInFlightMax?: number;
  /** Commits one batch; returns one result per item, in order. */
  commit: (items: TItem[]) => Promise<TResult[]>;
}

export class QueueFull extends Error {
  override name = 'QueueFull';
}

interface Waiting<TItem, TResult> {
  item: TItem;
  resolve: (result: TResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: callers submit one item each; items that arrive while a batch is being
 * committed wait and go together into the next transaction. With one batch in flight at a
 * time, latency under light load is one transaction, and throughput under heavy load is one
 * transaction per `batchSizeMax` items instead of one per item.
 */
export class GroupCommitter<TItem, TResult> {
  readonly #options: GroupCommitterOptions<TItem, TResult>;
  #queue: Waiting<TItem, TResult>[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  readonly #batchesInFlightMax: number;
  #scheduled = false;
  #closed = false;

  constructor(options: GroupCommitterOptions<TItem, TResult>) {
    assert(options.batchSizeMax >= 1, 'batchSizeMax must be at least 1');
    assert(options.queueLengthMax >= options.batchSizeMax, 'queue must hold one batch');
    this.#batchesInFlightMax = options.batchesInFlightMax ?? 1;
    assert(
      this.#batchesInFlightMax >= 1 && this.#batchesInFlightMax <= 8,
      'batches in flight 1..8',
    );
    this.#options = options;
  }

  get queueLength(): number {
    return this.#queue.length;
  }

  submit(item: TItem): Promise<TResult> {
    if (this.#closed) return Promise.reject(new Error('group committer is closed'));
    if (this.#queue.length >= this.#options.queueLengthMax) {
      return Promise.reject(new QueueFull('too many instructions waiting; retry shortly'));
    }
    return new Promise<TResult>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Stops taking items and waits until everything queued has been committed. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#inFlight.size > 0 || this.#queue.length > 0) {
      if (this.#inFlight.size === 0) this.#flush();
      await Promise.all(this.#inFlight);
    }
  }

  #schedule(): void {
    if (this.#inFlight.size >= this.#batchesInFlightMax || this.#scheduled) return;
    this.#scheduled = true;
    // One turn of the event loop lets requests that arrived together join the same batch.
    setImmediate(() => {
      this.#scheduled = false;
      this.#flush();
    });
  }

  #flush(): void {
    while (this.#queue.length > 0 && this.#inFlight.size < this.#batchesInFlightMax) {
      const batch = this.#queue.splice(0, this.#options.batchSizeMax);
      const running: Promise<void> = this.#run(batch).finally(() => {
        this.#inFlight.delete(running);
        this.#flush();
      });
      this.#inFlight.add(running);
    }
  }

  async #run(batch: Waiting<TItem, TResult>[]): Promise<void> {
    try {
      const results = await this.#options.commit(batch.map((waiting) => waiting.item));
      assert(results.length === batch.length, 'commit must return one result per item');
      batch.forEach((waiting, index) => waiting.resolve(results[index] as TResult));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
