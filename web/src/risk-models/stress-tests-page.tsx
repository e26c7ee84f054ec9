import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { DateTime, ProblemAlert, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { setSearchParam, useSearchParam } from '../router/index.js';
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
import type { LiquidityResult, StressRunSummary, StressScenarioView } from './risk-models-types.js';
import './risk-models.css';

/**
 * Liquidity stress tests: the scenarios (built in and saved), a run's cash path per currency
 * with its survival horizon and largest shortfall, and past runs.
 */
export function StressTestsPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const mayRun = useCan()('risk.write');
  const selected = useSearchParam('run');
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [generation, setGeneration] = useState(0);
  const scenarios = useResource(
    (signal) => listStressScenarios(platformId, signal),
    `${platformId}|${generation}`,
  );
  const runs = useResource(
    (signal) => listStressRuns(platformId, signal),
    `${platformId}|${generation}`,
  );
  const latest = runs.state.status === 'ready' ? runs.state.data.items[0]?.id : undefined;
  const runId = selected !== '' ? selected : latest;

  const run = async (scenarioId: string) => {
    if (busy !== null) return;
    setBusy(scenarioId);
    setProblem(null);
    try {
      const done = await runStressScenario(platformId, scenarioId);
      setSearchParam('run', done.id);
      setGeneration((value) => value + 1);
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <RiskModelsHeader subtitle={t('riskModels.stress.subtitle')} />
      {problem === null ? null : <ProblemAlert problem={problem} />}
      {runId === undefined ? null : (
        <StressRunDetail key={runId} platformId={platformId} runId={runId} />
      )}
      <Section title={t('riskModels.stress.scenarios')} testId="stress-scenarios">
        <ResourceView resource={scenarios}>
          {(data) => (
            <ScenarioTable
              scenarios={data.items}
              mayRun={mayRun}
              busy={busy}
              onRun={(id) => void run(id)}
            />
          )}
        </ResourceView>
      </Section>
      <Section title={t('riskModels.stress.runs')} testId="stress-runs">
        <ResourceView resource={runs}>
          {(data) => <StressRunsTable runs={data.items} selected={runId} />}
        </ResourceView>
      </Section>
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
  const run = useResource(
    (signal) => getStressRun(platformId, runId, signal),
    `${platformId}|${runId}`,
  );
  return (
    <ResourceView resource={run}>
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
    </ResourceView>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** Built-in scenarios are named in the console's language; saved ones as their author wrote. */
function builtInKey(id: string): string | null {
  return id.startsWith('builtin:') ? id.slice('builtin:'.length) : null;
}

function scenarioName(t: Translate, scenario: { id: string; name: string }): string {
  const key = builtInKey(scenario.id);
  return key === null
    ? scenario.name
    : t(`riskModels.builtIn.${key}.name`, { defaultValue: scenario.name });
}

function scenarioDescription(t: Translate, scenario: { id: string; description: string }): string {
  const key = builtInKey(scenario.id);
  return key === null
    ? scenario.description
    : t(`riskModels.builtIn.${key}.description`, { defaultValue: scenario.description });
}

function ScenarioTable({
  scenarios,
  mayRun,
  busy,
  onRun,
}: {
  scenarios: StressScenarioView[];
  mayRun: boolean;
  busy: string | null;
  onRun: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('riskModels.stress.name')}</th>
          <th>{t('riskModels.stress.description')}</th>
          <th className="numeric">{t('riskModels.stress.horizon')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {scenarios.map((scenario) => (
          <tr key={scenario.id} data-scenario={scenario.id}>
            <td>
              {scenarioName(t, scenario)}
              {scenario.builtIn ? (
                <span className="muted"> · {t('riskModels.stress.builtIn')}</span>
              ) : null}
            </td>
            <td className="cell-wrap">{scenarioDescription(t, scenario)}</td>
            <td className="numeric">{scenario.horizonDays}</td>
            <td>
              {mayRun ? (
                <button
                  type="button"
                  className="button"
                  disabled={busy !== null}
                  onClick={() => onRun(scenario.id)}
                  data-action="run-scenario"
                >
                  {busy === scenario.id
                    ? t('riskModels.stress.running')
                    : t('riskModels.stress.run')}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StressRunsTable({
  runs,
  selected,
}: {
  runs: StressRunSummary[];
  selected: string | undefined;
}) {
  const { t } = useTranslation();
  if (runs.length === 0) return <p className="muted">{t('riskModels.stress.noRuns')}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('riskModels.monteCarlo.when')}</th>
          <th>{t('riskModels.stress.name')}</th>
          <th>{t('riskModels.stress.asOf')}</th>
          <th>{t('riskModels.stress.survival')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className={run.id === selected ? 'row-selected' : undefined}>
            <td>
              <DateTime value={run.createdAt} />
            </td>
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
            <td>
              <button
                type="button"
                className="button"
                onClick={() => setSearchParam('run', run.id)}
              >
                {t('riskModels.monteCarlo.show')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
