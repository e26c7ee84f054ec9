import { assert } from '../../assert.js';

/**
 * Unwrapped keys, bounded, least recently used out first. An evicted or forgotten key is
 * overwritten with zeros (the copy in this process; OpenSSL keeps its own per cipher call
 * and the garbage collector may have moved earlier copies).
 *
 * Callers use a key synchronously right after `get` or `put`: eviction happens only inside
 * `put`, so a key cannot be zeroed while a caller holds it between two awaits.
 */
export class KeyCache {
  private readonly entries = new Map<string, Buffer>();

  constructor(private readonly sizeMax: number) {
    assert(Number.isSafeInteger(sizeMax) && sizeMax >= 1, 'key cache needs room for one key');
  }

  get size(): number {
    return this.entries.size;
  }

  get(name: string): Buffer | undefined {
    const key = this.entries.get(name);
    if (key === undefined) return undefined;
    this.entries.delete(name);
    this.entries.set(name, key);
    return key;
  }

  /** Keeps `key` under `name` and returns the cached key (an earlier one wins; `key` is zeroed). */
  put(name: string, key: Buffer): Buffer {
    const existing = this.get(name);
    if (existing !== undefined) {
      if (existing !== key) key.fill(0);
      return existing;
    }
    this.entries.set(name, key);
    while (this.entries.size > this.sizeMax) {
      const oldest = this.entries.keys().next().value as string;
      this.forget(oldest);
    }
    assert(this.entries.size <= this.sizeMax, 'key cache over its bound');
    return key;
  }

  forget(name: string): void {
    const key = this.entries.get(name);
    if (key === undefined) return;
    key.fill(0);
    this.entries.delete(name);
  }

  clear(): void {
    for (const name of [...this.entries.keys()]) this.forget(name);
    assert(this.entries.size === 0, 'key cache must be empty after clear');
  }
}
