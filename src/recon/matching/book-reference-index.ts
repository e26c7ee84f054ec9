import { assert } from '../../assert.js';
import { MATCH_ITEMS_MAX, type BookItem } from './match-item.js';

/** Slots per book entry, at least: keeps the table at most half full, so probe runs stay short. */
const SLOTS_PER_ENTRY = 2;
const SLOTS_MIN = 16;
const EMPTY = -1;

/**
 * Book entries per reference, as flat integer arrays instead of a Map of arrays: one run indexes
 * up to MATCH_ITEMS_MAX entries, and a Map keyed by string would allocate and rehash per entry.
 * An open-addressing table (linear probing) holds the first entry of each distinct reference;
 * entries sharing a reference are chained in book order through `nextIndexes`.
 *
 * Walk the entries naming a reference with
 * `for (let i = index.first(ref); i !== -1; i = index.next(i))`: ascending book indexes.
 */
export class BookReferenceIndex {
  private readonly book: readonly BookItem[];
  /**
   * Two integers per slot, side by side so a probe touches one cache line: the book index of the
   * first entry of a reference (or EMPTY), and the reference's hash, which ends most probes of a
   * foreign slot without a string compare.
   */
  private readonly slots: Int32Array;
  /** Per book index, the next book index with the same reference, or EMPTY. */
  private readonly nextIndexes: Int32Array;
  private readonly slotMask: number;

  constructor(book: readonly BookItem[]) {
    assert(book.length <= MATCH_ITEMS_MAX, 'too many book entries to index');
    let slotCount = SLOTS_MIN;
    while (slotCount < book.length * SLOTS_PER_ENTRY) slotCount *= 2;
    this.book = book;
    this.slotMask = slotCount - 1;
    this.slots = new Int32Array(slotCount * 2).fill(EMPTY);
    this.nextIndexes = new Int32Array(book.length).fill(EMPTY);
    // Backwards, each entry goes in front of its chain: chains end up in ascending order.
    for (let bookIndex = book.length - 1; bookIndex >= 0; bookIndex--) {
      const reference = (book[bookIndex] as BookItem).reference;
      const hash = referenceHash(reference);
      const slot = this.findSlot(reference, hash);
      const first = this.slots[slot] as number;
      this.nextIndexes[bookIndex] = first;
      this.slots[slot] = bookIndex;
      this.slots[slot + 1] = hash;
    }
  }

  /** The lowest book index whose reference is `reference`, or -1. */
  first(reference: string): number {
    return this.slots[this.findSlot(reference, referenceHash(reference))] as number;
  }

  /** The next book index after `bookIndex` with the same reference, or -1. */
  next(bookIndex: number): number {
    return this.nextIndexes[bookIndex] as number;
  }

  /** Offset in `slots` of the slot holding `reference`, or of the empty slot where it would go. */
  private findSlot(reference: string, hash: number): number {
    let slot = hash & this.slotMask;
    // The table is at most half full, so an empty slot ends every probe run.
    for (;;) {
      const offset = slot * 2;
      const bookIndex = this.slots[offset] as number;
      if (bookIndex === EMPTY) return offset;
      if (
        this.slots[offset + 1] === hash &&
        (this.book[bookIndex] as BookItem).reference === reference
      ) {
        return offset;
      }
      slot = (slot + 1) & this.slotMask;
    }
  }
}

/** FNV-1a over the UTF-16 code units, then a murmur3 finalizer so low bits spread for the mask. */
export function referenceHash(reference: string): number {
  let hash = 0x811c9dc5;
  for (let position = 0; position < reference.length; position++) {
    hash = Math.imul(hash ^ reference.charCodeAt(position), 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) | 0;
}
