import { compactId } from '../format/index.js';
import { Link } from '../router/index.js';

/**
 * A record id in monospace, linked to the record's page when there is one. `compact` shortens
 * it for busy tables; the full id stays in the tooltip and in copy-and-paste of the title.
 */
export function IdLink({ id, to, compact }: { id: string | null; to?: string; compact?: boolean }) {
  if (id === null) return <span className="muted">—</span>;
  const text = compact ? compactId(id) : id;
  if (to === undefined) {
    return (
      <code className="id" title={id}>
        {text}
      </code>
    );
  }
  return (
    <Link to={to} className="id" title={id}>
      {text}
    </Link>
  );
}
