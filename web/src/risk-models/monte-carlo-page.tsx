import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { DateTime, ProblemAlert, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { usePlatformId } from '../session/index.js';
import { ConvergenceChart } from './convergence-chart.js';
import { LossHistogramChart } from './loss-histogram-chart.js';
import { minorText } from './minor-money.js';
import { MonteCarloFigureCards, RiskContributionTable } from './monte-carlo-figures.js';
import {
  getMonteCarloRun,
  listMonteCarloRuns,
  listRiskModels,
  startMonteCarloRun,
} from './risk-models-endpoints.js';
import { RiskModelsHeader } from './risk-models-header.js';
import { ModelsTable } from './risk-models-table.js';
import { RunHistory } from './run-history.js';
import { RunView } from './run-view.js';
import { useRunLauncher, useRunList } from './use-model-runs.js';
import './risk-models.css';

const TRIAL_CHOICES = [10_000, 100_000, 1_000_000] as const;

/**
 * The Monte Carlo page: run the aggregate-loss simulation, see its loss histogram with VaR and
 * ES marked, how the mean converged, each risk's share, the models behind it and past runs.
 */
export function MonteCarloPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const mayRun = useCan()('risk.write');
  const [currency, setCurrency] = useState('CNY');
  const [trials, setTrials] = useState<number>(100_000);
  const [seed, setSeed] = useState('');
  const launcher = useRunLauncher();
  const { runs, runId } = useRunList(platformId, launcher.generation, listMonteCarloRuns);
  const models = useResource(
    (signal) => listRiskModels(platformId, currency, signal),
    `${platformId}|${currency}|${launcher.generation}`,
  );
  const busy = launcher.busy !== null;

  const run = () =>
    launcher.launch('monte-carlo', () =>
      startMonteCarloRun(platformId, {
        currency,
        trials,
        ...(seed.trim() === '' ? {} : { seed: Number(seed) }),
      }),
    );

  const actions = mayRun ? (
    <>
      <label className="field field-inline">
        <span>{t('riskModels.monteCarlo.currency')}</span>
        <input
          name="currency"
          value={currency}
          size={4}
          maxLength={3}
          onChange={(e) => setCurrency(e.target.value.toUpperCase())}
        />
      </label>
      <label className="field field-inline">
        <span>{t('riskModels.monteCarlo.trials')}</span>
        <select name="trials" value={trials} onChange={(e) => setTrials(Number(e.target.value))}>
          {TRIAL_CHOICES.map((value) => (
            <option key={value} value={value}>
              {value.toLocaleString()}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>{t('riskModels.monteCarlo.seed')}</span>
        <input
          name="seed"
          value={seed}
          size={8}
          inputMode="numeric"
          placeholder={t('riskModels.monteCarlo.seedRandom')}
          onChange={(e) => setSeed(e.target.value.replace(/\D/g, ''))}
        />
      </label>
      <button
        type="button"
        className="button button-primary"
        disabled={busy}
        onClick={() => void run()}
        data-action="run-monte-carlo"
      >
        {busy ? t('riskModels.monteCarlo.running') : t('riskModels.monteCarlo.run')}
      </button>
    </>
  ) : undefined;

  return (
    <>
      <RiskModelsHeader subtitle={t('riskModels.monteCarlo.subtitle')} actions={actions} />
      {launcher.problem === null ? null : <ProblemAlert problem={launcher.problem} />}
      {runId === undefined ? (
        runs.state.status === 'ready' ? (
          <p className="muted">{t('riskModels.monteCarlo.noRuns')}</p>
        ) : null
      ) : (
        <RunDetail key={runId} platformId={platformId} runId={runId} />
      )}
      <Section title={t('riskModels.models.title')} testId="risk-models">
        <ResourceView resource={models}>
          {(data) => <ModelsTable models={data.items} />}
        </ResourceView>
      </Section>
      <RunHistory
        title={t('riskModels.monteCarlo.runs')}
        testId="monte-carlo-runs"
        runs={runs}
        selected={runId}
        emptyText={t('riskModels.monteCarlo.noRuns')}
        columns={
          <>
            <th className="numeric">{t('riskModels.monteCarlo.trials')}</th>
            <th className="numeric">{t('riskModels.monteCarlo.seed')}</th>
            <th className="numeric">{t('riskModels.monteCarlo.expectedLoss')}</th>
            <th className="numeric">{t('riskModels.monteCarlo.var', { level: '99.9' })}</th>
          </>
        }
        cells={(run) => (
          <>
            <td className="numeric">{run.trials.toLocaleString()}</td>
            <td className="numeric">{run.seed}</td>
            <td className="numeric">
              {minorText(run.expectedLossMinor, run.currency)} {run.currency}
            </td>
            <td className="numeric">{minorText(run.var999Minor, run.currency)}</td>
          </>
        )}
      />
    </>
  );
}

function RunDetail({ platformId, runId }: { platformId: string; runId: string }) {
  const { t } = useTranslation();
  return (
    <RunView platformId={platformId} runId={runId} get={getMonteCarloRun}>
      {(data) => (
        <>
          <p className="muted" data-testid="run-line">
            {t('riskModels.monteCarlo.runLine', {
              trials: data.trials.toLocaleString(),
              seed: data.seed,
              seconds: (data.elapsedMs / 1000).toFixed(2),
              currency: data.currency,
            })}{' '}
            <DateTime value={data.createdAt} />
          </p>
          <MonteCarloFigureCards run={data} />
          <div className="risk-charts">
            <Section title={t('riskModels.monteCarlo.histogram')} testId="histogram-section">
              <div className="card">
                <LossHistogramChart figures={data.figures} currency={data.currency} />
              </div>
            </Section>
            <Section title={t('riskModels.monteCarlo.convergence')} testId="convergence-section">
              <div className="card">
                <ConvergenceChart figures={data.figures} currency={data.currency} />
              </div>
            </Section>
          </div>
          <Section title={t('riskModels.monteCarlo.byRisk')}>
            <div className="card">
              <RiskContributionTable run={data} />
            </div>
          </Section>
          <p className="chart-caption">{t('riskModels.monteCarlo.rounding')}</p>
        </>
      )}
    </RunView>
  );
}
