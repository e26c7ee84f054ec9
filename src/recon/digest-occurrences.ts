import { assert } from '../assert.js';

/**
 * Counts how often each SHA-256 hex digest has been seen, for the occurrence number of entry
 * fingerprints. An open-addressing table over typed arrays: the first 32 bits of the digest
 * pick the slot and are compared before the full digest, so a statement of many entries
 * costs no map growth or per-entry objects. Equal digests share a slot's count; different
 * digests never do, whatever their first bits.
 */

const HEX_DIGEST_CHARS = 64;
const PREFIX_HEX_CHARS = 8;
const SLOTS_MIN = 16;

export class DigestOccurrences {
  private prefixes: Int32Array;
  private counts: Uint32Array;
  private digests: (string | undefined)[];
  private size = 0;

  constructor(expectedDigests: number) {
    assert(Number.isInteger(expectedDigests) && expectedDigests >= 0, 'digest count is a count');
    let slots = SLOTS_MIN;
    while (slots < expectedDigests * 2) slots *= 2;
    this.prefixes = new Int32Array(slots);
    this.counts = new Uint32Array(slots);
    this.digests = new Array<string | undefined>(slots).fill(undefined);
  }

  /** How many times `digest` was counted before this call; counts it once more. */
  next(digest: string): number {
    assert(digest.length === HEX_DIGEST_CHARS, 'a SHA-256 hex digest');
    const prefix = hexPrefix(digest);
    const mask = this.digests.length - 1;
    for (let slot = prefix & mask; ; slot = (slot + 1) & mask) {
      const stored = this.digests[slot];
      if (stored === undefined) {
        this.insert(slot, prefix, digest, 1);
        return 0;
      }
      if (this.prefixes[slot] === prefix && stored === digest) {
        const seen = this.counts[slot] as number;
        this.counts[slot] = seen + 1;
        return seen;
      }
    }
  }

  private insert(slot: number, prefix: number, digest: string, count: number): void {
    this.digests[slot] = digest;
    this.prefixes[slot] = prefix;
    this.counts[slot] = count;
    this.size += 1;
    // At most half full, so probes stay short and an empty slot always exists.
    if (this.size * 2 > this.digests.length) this.grow();
  }

  private grow(): void {
    const { digests, prefixes, counts } = this;
    const slots = digests.length * 2;
    this.prefixes = new Int32Array(slots);
    this.counts = new Uint32Array(slots);
    this.digests = new Array<string | undefined>(slots).fill(undefined);
    this.size = 0;
    const mask = slots - 1;
    for (let old = 0; old < digests.length; old++) {
      const digest = digests[old];
      if (digest === undefined) continue;
      let slot = (prefixes[old] as number) & mask;
      while (this.digests[slot] !== undefined) slot = (slot + 1) & mask;
      this.insert(slot, prefixes[old] as number, digest, counts[old] as number);
    }
  }
}

/** The first 32 bits of a hex digest as an int32; any character outside 0-9a-f counts as 0. */
function hexPrefix(digest: string): number {
  let value = 0;
  for (let index = 0; index < PREFIX_HEX_CHARS; index++) {
    const code = digest.charCodeAt(index);
    const nibble = code <= 0x39 ? code - 0x30 : code - 0x57;
    value = (value << 4) | (nibble & 0xf);
  }
  return value | 0;
}
