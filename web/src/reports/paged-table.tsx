import type { ReactNode } from 'react';
import { EmptyRow, Pager, ResourceView } from '../components/index.js';
import { useCursorPager, type CursorPager } from '../hooks/use-cursor-pager.js';
import { useResource, type Resource } from '../hooks/use-resource.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One page of a filtered list and the pager through it; `key` names the filter, and a new
 * filter starts again from the first page.
 */
export function usePagedList<T>(
  key: string,
  load: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
): { pager: CursorPager; list: Resource<Page<T>> } {
  const pager = useCursorPager(key);
  const list = useResource((signal) => load(pager.cursor, signal), `${key}|${pager.cursor ?? ''}`);
  return { pager, list };
}

/** A list page's table: its headings, a row per item (or the empty line), and the pager. */
export function PagedTable<T>({
  list,
  pager,
  testId,
  label,
  headings,
  emptyText,
  row,
}: {
  list: Resource<Page<T>>;
  pager: CursorPager;
  testId: string;
  label: string;
  headings: string[];
  emptyText: string;
  row: (item: T) => ReactNode;
}) {
  return (
    <ResourceView resource={list}>
      {(page) => (
        <>
          <table className="table" data-testid={testId} aria-label={label}>
            <thead>
              <tr>
                {headings.map((heading, index) => (
                  <th key={index}>{heading}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.items.length === 0 ? (
                <EmptyRow columns={headings.length} text={emptyText} />
              ) : null}
              {page.items.map(row)}
            </tbody>
          </table>
          <Pager pager={pager} nextCursor={page.nextCursor} />
        </>
      )}
    </ResourceView>
  );
}
