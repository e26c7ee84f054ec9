import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { ProblemAlert, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { usePlatformId } from '../session/index.js';
import { LiquidityPathChart } from './liquidity-path-chart.js';
import { minorText } from './minor-money.js';
import {
  getStressRun,
  listStressRuns,
  listStressScenarios,
  runStressScenario,
} from './risk-models-endpoints.js';
import { RiskModelsHeader } from './risk-models-header.js';
import type { LiquidityResult } from './risk-models-types.js';
import { RunHistory } from './run-history.js';
import { RunView } from './run-view.js';
import { ScenarioTable } from './scenario-table.js';
import { scenarioDescription, scenarioName } from './scenario-text.js';
import { useRunLauncher, useRunList } from './use-model-runs.js';
import './risk-models.css';

/**
 * Liquidity stress tests: the scenarios (built in and saved), a run's cash path per currency
 * with its survival horizon and largest shortfall, and past runs.
 */
export function StressTestsPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const mayRun = useCan()('risk.write');
  const launcher = useRunLauncher();
  const scenarios = useResource(
    (signal) => listStressScenarios(platformId, signal),
    `${platformId}|${launcher.generation}`,
  );
  const { runs, runId } = useRunList(platformId, launcher.generation, listStressRuns);

  return (
    <>
      <RiskModelsHeader subtitle={t('riskModels.stress.subtitle')} />
      {launcher.problem === null ? null : <ProblemAlert problem={launcher.problem} />}
      {runId === undefined ? null : (
        <StressRunDetail key={runId} platformId={platformId} runId={runId} />
      )}
      <Section title={t('riskModels.stress.scenarios')} testId="stress-scenarios">
        <ResourceView resource={scenarios}>
          {(data) => (
            <ScenarioTable
              scenarios={data.items}
              mayRun={mayRun}
              busy={launcher.busy}
              onRun={(id) => void launcher.launch(id, () => runStressScenario(platformId, id))}
            />
          )}
        </ResourceView>
      </Section>
      <RunHistory
        title={t('riskModels.stress.runs')}
        testId="stress-runs"
        runs={runs}
        selected={runId}
        emptyText={t('riskModels.stress.noRuns')}
        columns={
          <>
            <th>{t('riskModels.stress.name')}</th>
            <th>{t('riskModels.stress.asOf')}</th>
            <th>{t('riskModels.stress.survival')}</th>
          </>
        }
        cells={(run) => (
          <>
            <td>{scenarioName(t, { id: run.scenarioRef, name: run.scenarioName })}</td>
            <td>{run.asOf}</td>
            <td>
              {run.currencies
                .map(
                  (c) =>
                    `${c.currency}: ${c.survivalDays === null ? '✓' : t('riskModels.stress.shortAfter', { days: c.survivalDays })}`,
                )
                .join(' · ')}
            </td>
          </>
        )}
      />
    </>
  );
}

function SurvivalText({ result }: { result: LiquidityResult }) {
  const { t } = useTranslation();
  return result.survivalDays === null ? (
    <span className="risk-survival-ok">
      {t('riskModels.stress.survives', { days: result.horizonDays })}
    </span>
  ) : (
    <span className="risk-survival-shortfall">
      {t('riskModels.stress.shortAfter', { days: result.survivalDays })}
    </span>
  );
}

function StressRunDetail({ platformId, runId }: { platformId: string; runId: string }) {
  const { t } = useTranslation();
  return (
    <RunView platformId={platformId} runId={runId} get={getStressRun}>
      {(data) => (
        <Section
          title={t('riskModels.stress.result', {
            name: scenarioName(t, { id: data.scenarioRef, name: data.scenario.name }),
            asOf: data.asOf,
          })}
          testId="stress-result"
        >
          <p className="muted">
            {scenarioDescription(t, {
              id: data.scenarioRef,
              description: data.scenario.description,
            })}
          </p>
          <div className="card">
            <LiquidityPathChart results={data.results} />
          </div>
          <table className="table" data-testid="stress-result-table">
            <thead>
              <tr>
                <th>{t('riskModels.stress.currency')}</th>
                <th className="numeric">{t('riskModels.stress.startCash')}</th>
                <th className="numeric">{t('riskModels.stress.liabilities')}</th>
                <th className="numeric">{t('riskModels.stress.withdrawals')}</th>
                <th>{t('riskModels.stress.survival')}</th>
                <th className="numeric">{t('riskModels.stress.maxShortfall')}</th>
                <th>{t('riskModels.stress.reserveExhausted')}</th>
              </tr>
            </thead>
            <tbody>
              {data.results.map((result) => (
                <tr key={result.currency} data-currency={result.currency}>
                  <td>{result.currency}</td>
                  <td className="numeric">{minorText(result.startCashMinor, result.currency)}</td>
                  <td className="numeric">{minorText(result.liabilitiesMinor, result.currency)}</td>
                  <td className="numeric">
                    {minorText(result.totalWithdrawalsMinor, result.currency)}
                  </td>
                  <td data-testid="survival">
                    <SurvivalText result={result} />
                  </td>
                  <td className="numeric">
                    {minorText(result.maxShortfallMinor, result.currency)}
                  </td>
                  <td>
                    {result.reserveExhaustedDay === null
                      ? t('riskModels.stress.never')
                      : t('riskModels.stress.dayLabel', { day: result.reserveExhaustedDay })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
    </RunView>
  );
}
