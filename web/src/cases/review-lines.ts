/** A review holds at most this many causes, lessons or follow-up actions (server limit). */
export const REVIEW_ITEMS_MAX = 50;
export const REVIEW_ITEM_LENGTH_MAX = 2_000;

/** One item per non-empty line, trimmed; the form shows when there are too many or too long. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function linesFit(lines: readonly string[]): boolean {
  return (
    lines.length >= 1 &&
    lines.length <= REVIEW_ITEMS_MAX &&
    lines.every((line) => line.length <= REVIEW_ITEM_LENGTH_MAX)
  );
}
