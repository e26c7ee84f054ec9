import { useState } from 'react';

export interface CursorPager {
  /** The cursor of the page on screen; null for the first page. */
  cursor: string | null;
  pageNumber: number;
  hasPrevious: boolean;
  next: (nextCursor: string) => void;
  previous: () => void;
}

interface Trail {
  resetKey: string;
  cursors: (string | null)[];
}

/**
 * Keyset paging: the API only knows "the page after this cursor", so the pager remembers the
 * cursors it came through to offer a way back. A new `resetKey` (another filter) starts over.
 */
export function useCursorPager(resetKey: string): CursorPager {
  const [trail, setTrail] = useState<Trail>({ resetKey, cursors: [null] });
  const cursors = trail.resetKey === resetKey ? trail.cursors : [null];
  return {
    cursor: cursors[cursors.length - 1] ?? null,
    pageNumber: cursors.length,
    hasPrevious: cursors.length > 1,
    next: (nextCursor) => setTrail({ resetKey, cursors: [...cursors, nextCursor] }),
    previous: () =>
      setTrail({ resetKey, cursors: cursors.slice(0, Math.max(1, cursors.length - 1)) }),
  };
}
