import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format/index.js';

/** A timestamp in the console's language; the exact ISO value is in the tooltip. */
export function DateTime({ value }: { value: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return (
    <time className="date-time" dateTime={value} title={value}>
      {formatDateTime(value, i18n.language)}
    </time>
  );
}
