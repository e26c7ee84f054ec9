import { useTranslation } from 'react-i18next';
import { EmptyRow } from '../components/index.js';
import { Link } from '../router/index.js';
import type { RuleAlertTotal } from './alert-series.js';
import { SEVERITY_COLOURS } from './chart-colours.js';
import { monitoringPaths } from './monitoring-paths.js';
import { ALERT_SEVERITIES } from './monitoring-types.js';

/** KRI alerts name the indicator (kri.…), not a rule of the pack. */
const isPackRule = (ruleId: string) => !ruleId.startsWith('kri.');

/** The rules that raised the most alerts in the period, with the severities they raised. */
export function TopRulesTable({ rules }: { rules: RuleAlertTotal[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="top-rules">
      <thead>
        <tr>
          <th>{t('monitoring.alerts.rule')}</th>
          {ALERT_SEVERITIES.map((severity) => (
            <th key={severity} className="cell-amount">
              <span
                className="severity-swatch"
                style={{ background: SEVERITY_COLOURS[severity] }}
                aria-hidden="true"
              />
              {t(`monitoring.severity.${severity}`)}
            </th>
          ))}
          <th className="cell-amount">{t('monitoring.alerts.total')}</th>
        </tr>
      </thead>
      <tbody>
        {rules.length === 0 ? <EmptyRow columns={6} text={t('monitoring.alerts.none')} /> : null}
        {rules.map((rule) => (
          <tr key={rule.ruleId} data-rule-id={rule.ruleId} data-total={rule.total}>
            <td className="id">
              {isPackRule(rule.ruleId) ? (
                <Link to={monitoringPaths.rule(rule.ruleId)}>{rule.ruleId}</Link>
              ) : (
                rule.ruleId
              )}
            </td>
            {ALERT_SEVERITIES.map((severity) => (
              <td key={severity} className="cell-amount">
                {rule[severity] === 0 ? <span className="muted">0</span> : rule[severity]}
              </td>
            ))}
            <td className="cell-amount cell-strong">{rule.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
