import { assert } from '../assert.js';

const TWO_POW_26 = 67_108_864;
const TWO_POW_53 = 9_007_199_254_740_992;
const MASK_64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA_64 = 0x9e3779b97f4a7c15n;

/**
 * xoshiro256**'s 32-bit sibling xoshiro128** (Blackman and Vigna): four 32-bit words of
 * state, Math.imul and shifts only, so it runs at full speed without BigInt. Period 2^128 − 1;
 * one generator per block of trials, so no stream comes near it.
 */
export class Xoshiro128 {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** The second value of a Marsaglia polar pair, kept until asked for (NaN: none). */
  spareNormal = Number.NaN;

  constructor(words: readonly [number, number, number, number]) {
    this.reseed(words);
  }

  reseed(words: readonly [number, number, number, number]): void {
    this.s0 = words[0] >>> 0;
    this.s1 = words[1] >>> 0;
    this.s2 = words[2] >>> 0;
    this.s3 = words[3] >>> 0;
    assert((this.s0 | this.s1 | this.s2 | this.s3) !== 0, 'xoshiro state must not be all zero');
    this.spareNormal = Number.NaN;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** A uniform double in the open interval (0, 1): 53 random bits, offset by half a step. */
  nextOpen01(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * TWO_POW_26 + low + 0.5) / TWO_POW_53;
  }
}

function splitMix64(state: bigint): { state: bigint; value: bigint } {
  const next = (state + GOLDEN_GAMMA_64) & MASK_64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return { state: next, value: z ^ (z >> 31n) };
}

export const SEED_MAX = Number.MAX_SAFE_INTEGER;

/**
 * The generator state for one block of trials: SplitMix64 over (seed, block index), as the
 * xoshiro authors recommend for seeding. A block's stream depends on the seed and its index
 * only, so which worker runs it changes nothing.
 */
export function blockSeedWords(seed: number, blockIndex: number): [number, number, number, number] {
  assert(Number.isSafeInteger(seed) && seed >= 0, 'seed is a non-negative safe integer');
  assert(Number.isSafeInteger(blockIndex) && blockIndex >= 0, 'block index >= 0');
  let state = (BigInt(seed) * GOLDEN_GAMMA_64 + BigInt(blockIndex)) & MASK_64;
  const words: number[] = [];
  for (let index = 0; index < 2; index += 1) {
    const step = splitMix64(state);
    state = step.state;
    words.push(Number(step.value & 0xffffffffn), Number(step.value >> 32n));
  }
  const [a = 0, b = 0, c = 0, d = 0] = words;
  // SplitMix64 never yields two zero outputs in a row, so the state is never all zero.
  return [a, b, c, d];
}
