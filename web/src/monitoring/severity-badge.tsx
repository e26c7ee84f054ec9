import { useTranslation } from 'react-i18next';
import { SEVERITY_COLOURS } from './chart-colours.js';
import { ALERT_SEVERITIES, type AlertSeverity } from './monitoring-types.js';

/** A severity with its colour swatch; unknown severities still show under their own name. */
export function SeverityBadge({ severity }: { severity: string }) {
  const { t } = useTranslation();
  const known = (ALERT_SEVERITIES as readonly string[]).includes(severity);
  return (
    <span className="severity" data-severity={severity}>
      <span
        className="severity-swatch"
        style={{
          background: known ? SEVERITY_COLOURS[severity as AlertSeverity] : '#c5ccd8',
        }}
        aria-hidden="true"
      />
      {t(`monitoring.severity.${severity}`, { defaultValue: severity })}
    </span>
  );
}
