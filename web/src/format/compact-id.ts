/** Characters of the random tail kept when an id is shortened. */
const COMPACT_TAIL_LENGTH = 8;

/**
 * `acc_01m8e59kgy53a1zfb516vkv03s` -> `acc_…16vkv03s`. The ids are time-ordered, so their
 * heads look alike on one screen and their tails tell them apart.
 */
export function compactId(id: string): string {
  const underscore = id.indexOf('_');
  const head = underscore === -1 ? '' : id.slice(0, underscore + 1);
  const body = id.slice(head.length);
  if (body.length <= COMPACT_TAIL_LENGTH + 2) return id;
  return `${head}…${body.slice(-COMPACT_TAIL_LENGTH)}`;
}
