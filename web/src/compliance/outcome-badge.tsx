import { useTranslation } from 'react-i18next';
import type { ControlOutcome } from './compliance-types.js';

/** Pass, fail, error — or never run — as a coloured label. */
export function OutcomeBadge({ outcome }: { outcome: ControlOutcome | null }) {
  const { t } = useTranslation();
  const kind = outcome ?? 'never';
  return (
    <span className={`compliance-badge compliance-badge-${kind}`} data-outcome={kind}>
      {t(`compliance.outcome.${kind}`)}
    </span>
  );
}
