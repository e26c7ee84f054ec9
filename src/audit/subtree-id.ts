import { assert } from '../assert.js';
import { TREE_LEVELS_MAX } from './audit-limits.js';
import { isTreeCount } from './safe-integer-bits.js';

/**
 * Names a perfect (complete) subtree: the 2^level leaves [index * 2^level, (index+1) * 2^level).
 * Perfect subtrees never change once their last leaf exists, which is what makes them cacheable
 * and storable (one row per level and index in a database).
 */
export interface SubtreeId {
  readonly level: number;
  readonly index: number;
}

export function subtreeStart(id: SubtreeId): number {
  return id.index * 2 ** id.level;
}

export function subtreeEnd(id: SubtreeId): number {
  return (id.index + 1) * 2 ** id.level;
}

/**
 * Splits the leaf range [start, end) into aligned perfect subtrees, left to right, taking the
 * largest aligned subtree that fits at each step. For every range that occurs in an RFC 6962
 * tree (a perfect subtree, or a right edge [start, size) with `start` aligned) the sizes come
 * out strictly decreasing, so the range's hash is the right-to-left fold of the pieces.
 */
export function subtreeIdsForRange(start: number, end: number): SubtreeId[] {
  assert(isTreeCount(start), 'subtreeIdsForRange: bad start');
  assert(isTreeCount(end), 'subtreeIdsForRange: bad end');
  assert(start < end, 'subtreeIdsForRange: empty range');
  const ids: SubtreeId[] = [];
  let position = start;
  while (position < end) {
    let level = 0;
    let width = 1;
    while (level < TREE_LEVELS_MAX && position % (width * 2) === 0 && position + width * 2 <= end) {
      level += 1;
      width *= 2;
    }
    const previous = ids[ids.length - 1];
    assert(previous === undefined || previous.level > level, 'range pieces must shrink');
    ids.push({ level, index: position / width });
    position += width;
  }
  assert(ids.length <= TREE_LEVELS_MAX + 1, 'subtreeIdsForRange: too many pieces');
  return ids;
}
