import { formatDateTime } from '../format/index.js';

/** A timestamp in local time; the exact ISO value is in the tooltip. */
export function DateTime({ value }: { value: string | null | undefined }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return (
    <time className="date-time" dateTime={value} title={value}>
      {formatDateTime(value)}
    </time>
  );
}
