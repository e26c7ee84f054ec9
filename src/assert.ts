/**
 * Invariant checks. A failed assertion is a programmer error: it throws an AssertionError that
 * nothing catches on purpose, so the process stops instead of writing wrong books.
 */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new AssertionError(message);
}
