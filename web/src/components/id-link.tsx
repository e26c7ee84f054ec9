import { Link } from '../router/index.js';

/** A record id in monospace, linked to the record's page when there is one. */
export function IdLink({ id, to }: { id: string | null; to?: string }) {
  if (id === null) return <span className="muted">—</span>;
  if (to === undefined) return <code className="id">{id}</code>;
  return (
    <Link to={to} className="id">
      {id}
    </Link>
  );
}
