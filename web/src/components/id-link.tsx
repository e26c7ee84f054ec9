import { Link } from '../router/index.js';

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
