import { useTranslation } from 'react-i18next';
import { DateTime, IdLink } from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import {
  explanationEvents,
  explanationRows,
  explanationSummary,
  type ExplanationCell,
} from './alert-explanation.js';
import { DurationText, SeverityBadge } from './case-badges.js';
import type { AlertView } from './case-types.js';

/** The alerts that raised the case, each with why it fired: summary, values against thresholds. */
export function CaseAlerts({ alerts }: { alerts: AlertView[] }) {
  const { t } = useTranslation();
  if (alerts.length === 0) return <p className="muted">{t('cases.alerts.empty')}</p>;
  return (
    <div className="case-alerts">
      {alerts.map((alert) => (
        <AlertCard key={alert.id} alert={alert} />
      ))}
    </div>
  );
}

function AlertCard({ alert }: { alert: AlertView }) {
  const { t } = useTranslation();
  const rows = explanationRows(alert.explanation);
  const events = explanationEvents(alert.explanation);
  return (
    <article className="card case-alert" data-alert-id={alert.id} data-rule-id={alert.ruleId}>
      <header className="case-alert-head">
        <SeverityBadge severity={alert.severity} />
        <code className="case-alert-rule">
          {alert.ruleId} v{alert.ruleVersion}
        </code>
        <span className="small muted">{t(`cases.source.${alert.source}`)}</span>
        <span className="small muted">
          {t('cases.alerts.score')} {Math.round(alert.score * 100) / 100}
        </span>
        {alert.occurrences > 1 ? (
          <span className="small muted">
            {t('cases.alerts.occurrences', { count: alert.occurrences })}
          </span>
        ) : null}
        <span className="small muted case-alert-time">
          <DateTime value={alert.firstSeenAt} />
          {alert.lastSeenAt === alert.firstSeenAt ? null : (
            <>
              {' → '}
              <DateTime value={alert.lastSeenAt} />
            </>
          )}
        </span>
      </header>
      <p className="case-alert-summary" data-testid="alert-summary">
        {explanationSummary(alert.explanation) || t('cases.alerts.noSummary')}
      </p>
      {alert.explanation.truncated === true ? (
        <p className="small muted">{t('cases.alerts.truncated')}</p>
      ) : null}
      {rows.length === 0 ? null : (
        <table className="table case-explanation" data-testid="alert-explanation">
          <thead>
            <tr>
              <th>{t('cases.alerts.measure')}</th>
              <th>{t('cases.alerts.observed')}</th>
              <th>{t('cases.alerts.threshold')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name} data-measure={row.name}>
                <td>
                  <code>{row.name}</code>
                </td>
                <td className="cell-wrap">
                  <Cell cell={row.value} />
                </td>
                <td className="cell-wrap">
                  <Cell cell={row.threshold} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events.instructionIds.length + events.otherIds.length === 0 ? null : (
        <div className="case-alert-events small">
          <span className="muted">{t('cases.alerts.involved')}</span>
          {events.instructionIds.map((id) => (
            <IdLink key={id} id={id} compact to={consolePaths.instruction(id)} />
          ))}
          {events.otherIds.map((id) => (
            <code key={id} className="id">
              {id}
            </code>
          ))}
        </div>
      )}
    </article>
  );
}

function Cell({ cell }: { cell: ExplanationCell | null }) {
  if (cell === null) return <span className="muted">—</span>;
  if (cell.kind === 'instant') return <DateTime value={cell.iso} />;
  if (cell.kind === 'duration') return <DurationText durationMs={cell.durationMs} />;
  return <>{cell.text}</>;
}
