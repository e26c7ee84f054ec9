import { useTranslation } from 'react-i18next';
import { DateTime, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { getControlHistory } from './compliance-endpoints.js';
import type { ControlRun } from './compliance-types.js';
import { OutcomeBadge } from './outcome-badge.js';
import { PassRateChart } from './pass-rate-chart.js';

const HISTORY_DAYS = 30;

/** One control's pass rate over the last month and its recent runs with their evidence. */
export function ControlHistoryPanel({
  platformId,
  code,
  generation,
}: {
  platformId: string;
  code: string;
  generation: number;
}) {
  const { t } = useTranslation();
  const history = useResource(
    (signal) => getControlHistory(platformId, code, HISTORY_DAYS, signal),
    `${platformId}|${code}|${generation}`,
  );
  return (
    <Section title={t('compliance.history.title', { code })} testId="control-history">
      <ResourceView resource={history}>
        {(data) => (
          <>
            <div className="card">
              <PassRateChart daily={data.daily} />
            </div>
            <RunsTable runs={data.runs} />
          </>
        )}
      </ResourceView>
    </Section>
  );
}

function RunsTable({ runs }: { runs: ControlRun[] }) {
  const { t } = useTranslation();
  if (runs.length === 0) return <p className="muted">{t('compliance.history.none')}</p>;
  return (
    <table className="table" data-testid="control-runs">
      <thead>
        <tr>
          <th>{t('compliance.history.ranAt')}</th>
          <th>{t('compliance.history.outcome')}</th>
          <th>{t('compliance.history.trigger')}</th>
          <th>{t('compliance.history.evidence')}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} data-run={run.id}>
            <td>
              <DateTime value={run.ranAt} />
            </td>
            <td>
              <OutcomeBadge outcome={run.outcome} />
            </td>
            <td>{t(`compliance.trigger.${run.trigger}`, { defaultValue: run.trigger })}</td>
            <td>
              <ul className="compliance-evidence">
                {Object.entries(run.evidence.tests ?? {}).map(([kind, test]) => (
                  <li key={kind}>
                    <code>{kind}</code> <OutcomeBadge outcome={test.outcome} />{' '}
                    {test.error !== undefined
                      ? test.error
                      : t('compliance.history.counts', {
                          checked: test.checked ?? 0,
                          violations: test.violations ?? 0,
                        })}
                    {(test.sampleIds ?? []).length > 0 ? (
                      <span className="muted">
                        {' '}
                        · {(test.sampleIds ?? []).slice(0, 5).join(', ')}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
