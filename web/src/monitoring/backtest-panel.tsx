import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { EmptyRow, FactList, ProblemAlert } from '../components/index.js';
import { usePlatformId } from '../session/index.js';
import { BacktestChart } from './backtest-chart.js';
import { backtestDays, backtestPeriod, localDay } from './backtest-series.js';
import { runRuleBacktest } from './monitoring-endpoints.js';
import type { BacktestExample, BacktestReport, StoredVersion } from './monitoring-types.js';

const PERIOD_DAYS_DEFAULT = 30;
/** Rules listed under a result: those whose counts differ first. */
const BY_RULE_SHOWN_MAX = 15;
const EXAMPLES_SHOWN_MAX = 5;
const perThousand = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

interface BacktestPanelProps {
  ruleId: string;
  versions: StoredVersion[];
  version: number | null;
  onVersion: (version: number) => void;
}

/** Replays a past period through the active pack and the pack with a stored version in it. */
export function BacktestPanel({ ruleId, versions, version, onVersion }: BacktestPanelProps) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const [fromDay, setFromDay] = useState(() => localDay(Date.now(), -PERIOD_DAYS_DEFAULT));
  const [toDay, setToDay] = useState(() => localDay(Date.now()));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [report, setReport] = useState<BacktestReport | null>(null);

  if (versions.length === 0) return <p className="muted">{t('rules.backtest.noVersions')}</p>;
  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || version === null) return;
    setBusy(true);
    setProblem(null);
    try {
      setReport(await runRuleBacktest(platformId, ruleId, version, backtestPeriod(fromDay, toDay)));
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card backtest" data-testid="backtest">
      <form className="backtest-form" onSubmit={(event) => void run(event)}>
        <label className="field field-inline">
          <span>{t('rules.backtest.version')}</span>
          <select
            name="backtestVersion"
            value={version ?? ''}
            onChange={(event) => onVersion(Number(event.target.value))}
          >
            {versions.map((stored) => (
              <option key={stored.version} value={stored.version}>
                v{stored.version} · {t(`rules.status.${stored.status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>{t('rules.backtest.from')}</span>
          <input
            type="date"
            name="backtestFrom"
            value={fromDay}
            onChange={(event) => setFromDay(event.target.value)}
          />
        </label>
        <label className="field field-inline">
          <span>{t('rules.backtest.to')}</span>
          <input
            type="date"
            name="backtestTo"
            value={toDay}
            onChange={(event) => setToDay(event.target.value)}
          />
        </label>
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || version === null || fromDay === '' || toDay === ''}
          data-action="run-backtest"
        >
          {busy ? t('rules.backtest.running') : t('rules.backtest.run')}
        </button>
      </form>
      {problem === null ? null : <ProblemAlert problem={problem} />}
      {report === null ? null : <BacktestResult report={report} />}
    </div>
  );
}

function BacktestResult({ report }: { report: BacktestReport }) {
  const { t } = useTranslation();
  const side = (alerts: number, rate: number) =>
    t('rules.backtest.alertsRate', { count: alerts, rate: perThousand.format(rate) });
  const facts = [
    { label: t('rules.backtest.events'), value: report.events },
    { label: t('rules.backtest.customers'), value: report.customers },
    {
      label: t('rules.backtest.activePack'),
      value: side(report.active.alerts, report.active.perThousandCustomers),
    },
    {
      label: t('rules.backtest.draftPack'),
      value: side(report.draft.alerts, report.draft.perThousandCustomers),
    },
    { label: t('rules.backtest.overlap'), value: report.overlap },
    { label: t('rules.backtest.new'), value: <strong>{report.newAlerts}</strong> },
    { label: t('rules.backtest.lost'), value: <strong>{report.lostAlerts}</strong> },
  ];
  const byRule = [...report.byRule]
    .sort((a, b) => Math.abs(b.draft - b.active) - Math.abs(a.draft - a.active))
    .slice(0, BY_RULE_SHOWN_MAX);
  return (
    <div
      className="backtest-result"
      data-testid="backtest-result"
      data-new-alerts={report.newAlerts}
      data-lost-alerts={report.lostAlerts}
      data-overlap={report.overlap}
    >
      <FactList facts={facts} />
      <BacktestChart days={backtestDays(report)} />
      <div className="backtest-columns">
        <table className="table" data-testid="backtest-by-rule">
          <thead>
            <tr>
              <th>{t('monitoring.alerts.rule')}</th>
              <th className="cell-amount">{t('rules.backtest.activePack')}</th>
              <th className="cell-amount">{t('rules.backtest.draftPack')}</th>
            </tr>
          </thead>
          <tbody>
            {byRule.length === 0 ? (
              <EmptyRow columns={3} text={t('rules.backtest.noAlerts')} />
            ) : null}
            {byRule.map((rule) => (
              <tr key={rule.ruleId} data-rule-id={rule.ruleId}>
                <td className="id">{rule.ruleId}</td>
                <td className="cell-amount">{rule.active}</td>
                <td className="cell-amount cell-strong">{rule.draft}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <Examples title={t('rules.backtest.newExamples')} examples={report.newExamples} />
          <Examples title={t('rules.backtest.lostExamples')} examples={report.lostExamples} />
        </div>
      </div>
    </div>
  );
}

function Examples({ title, examples }: { title: string; examples: BacktestExample[] }) {
  const { t } = useTranslation();
  return (
    <div className="backtest-examples">
      <h3>{title}</h3>
      {examples.length === 0 ? (
        <p className="small muted">{t('rules.backtest.noExamples')}</p>
      ) : (
        <ul>
          {examples.slice(0, EXAMPLES_SHOWN_MAX).map((example) => (
            <li key={example.alertKey} className="small">
              {example.explanation.summary}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
