import { useTranslation } from 'react-i18next';

/** A coloured status label; unknown statuses still show, under their own name. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status.replace(/[^a-z_]/gi, '')}`} data-status={status}>
      {t(`status.${status}`, { defaultValue: status })}
    </span>
  );
}
