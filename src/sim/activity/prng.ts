import { assert } from '../../assert.js';

/**
 * A small seeded generator (xoshiro128**, seeded through splitmix32) so a simulation is the
 * same stream of events for the same seed on every machine. Math.random is never used.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    assert(Number.isInteger(seed), 'seed must be an integer');
    let state = seed >>> 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1;
  }

  /** A generator of its own for one purpose, so one part's draws never shift another's. */
  fork(salt: number): Prng {
    return new Prng((this.uint32() ^ Math.imul(salt + 1, 0x27d4eb2d)) >>> 0);
  }

  uint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotateLeft(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [low, high], both included. */
  int(low: number, high: number): number {
    assert(Number.isInteger(low) && Number.isInteger(high), 'int bounds must be integers');
    assert(low <= high, 'int: low must not exceed high');
    return low + Math.floor(this.float() * (high - low + 1));
  }

  between(low: number, high: number): number {
    return low + this.float() * (high - low);
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    assert(items.length > 0, 'pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Standard normal by Box–Muller. */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}
