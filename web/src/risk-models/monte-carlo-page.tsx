import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { DateTime, ProblemAlert, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { setSearchParam, useSearchParam } from '../router/index.js';
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
import type { MonteCarloRunSummary, RiskModelView } from './risk-models-types.js';
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
  const selected = useSearchParam('run');
  const [currency, setCurrency] = useState('CNY');
  const [trials, setTrials] = useState<number>(100_000);
  const [seed, setSeed] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [generation, setGeneration] = useState(0);
  const runs = useResource(
    (signal) => listMonteCarloRuns(platformId, signal),
    `${platformId}|${generation}`,
  );
  const models = useResource(
    (signal) => listRiskModels(platformId, currency, signal),
    `${platformId}|${currency}|${generation}`,
  );
  const latest = runs.state.status === 'ready' ? runs.state.data.items[0]?.id : undefined;
  const runId = selected !== '' ? selected : latest;

  const run = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const started = await startMonteCarloRun(platformId, {
        currency,
        trials,
        ...(seed.trim() === '' ? {} : { seed: Number(seed) }),
      });
      setSearchParam('run', started.id);
      setGeneration((value) => value + 1);
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };

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
      {problem === null ? null : <ProblemAlert problem={problem} />}
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
      <Section title={t('riskModels.monteCarlo.runs')} testId="monte-carlo-runs">
        <ResourceView resource={runs}>
          {(data) => <RunsTable runs={data.items} selected={runId} />}
        </ResourceView>
      </Section>
    </>
  );
}

function RunDetail({ platformId, runId }: { platformId: string; runId: string }) {
  const { t } = useTranslation();
  const run = useResource(
    (signal) => getMonteCarloRun(platformId, runId, signal),
    `${platformId}|${runId}`,
  );
  return (
    <ResourceView resource={run}>
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
    </ResourceView>
  );
}

function describeFrequency(model: RiskModelView['model']['frequency']): string {
  const mean = model.meanPerYear.toFixed(2);
  return model.kind === 'poisson'
    ? `Poisson λ=${mean}`
    : `NegBin m=${mean}, r=${(model.size ?? 0).toFixed(2)}`;
}

function describeSeverity(model: RiskModelView['model']['severity'], currency: string): string {
  if (model.kind === 'lognormal')
    return `lognormal μ=${(model.mu ?? 0).toFixed(2)}, σ=${(model.sigma ?? 0).toFixed(2)}`;
  return `Pareto x≥${minorText(String(Math.round(model.scaleMinor ?? 0)), currency)}, α=${(model.alpha ?? 0).toFixed(2)}`;
}

function ModelsTable({ models }: { models: RiskModelView[] }) {
  const { t } = useTranslation();
  if (models.length === 0) return <p className="muted">{t('riskModels.models.none')}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('riskModels.models.risk')}</th>
          <th>{t('riskModels.models.frequency')}</th>
          <th>{t('riskModels.models.severity')}</th>
          <th>{t('riskModels.models.source')}</th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.riskId}>
            <td>
              {m.riskCode ?? m.riskId} {m.riskTitle ?? ''}
            </td>
            <td>{describeFrequency(m.model.frequency)}</td>
            <td>{describeSeverity(m.model.severity, m.currency)}</td>
            <td>
              {t(`riskModels.models.sources.${m.frequencySource}`)} /{' '}
              {t(`riskModels.models.sources.${m.severitySource}`)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RunsTable({
  runs,
  selected,
}: {
  runs: MonteCarloRunSummary[];
  selected: string | undefined;
}) {
  const { t } = useTranslation();
  if (runs.length === 0) return <p className="muted">{t('riskModels.monteCarlo.noRuns')}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('riskModels.monteCarlo.when')}</th>
          <th className="numeric">{t('riskModels.monteCarlo.trials')}</th>
          <th className="numeric">{t('riskModels.monteCarlo.seed')}</th>
          <th className="numeric">{t('riskModels.monteCarlo.expectedLoss')}</th>
          <th className="numeric">{t('riskModels.monteCarlo.var', { level: '99.9' })}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className={run.id === selected ? 'row-selected' : undefined}>
            <td>
              <DateTime value={run.createdAt} />
            </td>
            <td className="numeric">{run.trials.toLocaleString()}</td>
            <td className="numeric">{run.seed}</td>
            <td className="numeric">
              {minorText(run.expectedLossMinor, run.currency)} {run.currency}
            </td>
            <td className="numeric">{minorText(run.var999Minor, run.currency)}</td>
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
