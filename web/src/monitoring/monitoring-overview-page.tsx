import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { Notice, ProblemAlert, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { usePlatformId } from '../session/index.js';
import { alertsByDay, topRules } from './alert-series.js';
import { AlertsByDayChart } from './alerts-by-day-chart.js';
import { CustodyCards } from './custody-cards.js';
import { KriCards } from './kri-cards.js';
import { MonitorStatsLine } from './monitor-stats-line.js';
import { getMonitoringOverview, listKris, readKrisNow } from './monitoring-endpoints.js';
import { MonitoringHeader } from './monitoring-header.js';
import type { AlertCount } from './monitoring-types.js';
import { TopRulesTable } from './top-rules-table.js';
import './monitoring.css';

/** Periods the dashboard offers, in days (the server allows up to 90). */
const PERIOD_DAYS = [7, 14, 30, 90] as const;
const PERIOD_DAYS_DEFAULT = 14;

/**
 * The monitoring dashboard: funds in custody per currency, the KRIs as traffic lights with
 * their trend, alerts per day and per rule, and what the real-time monitor has processed.
 */
export function MonitoringOverviewPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const mayWrite = useCan()('rules.write');
  const [days, setDays] = useState<number>(PERIOD_DAYS_DEFAULT);
  const [generation, setGeneration] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [readCount, setReadCount] = useState<number | null>(null);
  const [thresholdsAsked, setThresholdsAsked] = useState(false);
  const overview = useResource(
    (signal) => getMonitoringOverview(platformId, days, signal),
    `${platformId}|${days}|${generation}`,
  );
  const kris = useResource((signal) => listKris(platformId, signal), `${platformId}|${generation}`);

  const readNow = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setReadCount(null);
    try {
      const result = await readKrisNow(platformId);
      setReadCount(result.items.length);
      setGeneration((value) => value + 1);
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const actions = (
    <>
      <label className="field field-inline">
        <span>{t('monitoring.period')}</span>
        <select name="days" value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {PERIOD_DAYS.map((value) => (
            <option key={value} value={value}>
              {t('monitoring.lastDays', { count: value })}
            </option>
          ))}
        </select>
      </label>
      {mayWrite ? (
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void readNow()}
          data-action="read-kris"
        >
          {busy ? t('kri.reading') : t('kri.readNow')}
        </button>
      ) : null}
    </>
  );

  return (
    <>
      <MonitoringHeader subtitle={t('monitoring.subtitle')} actions={actions} />
      {problem === null ? null : <ProblemAlert problem={problem} />}
      {readCount === null ? null : <Notice>{t('kri.readDone', { count: readCount })}</Notice>}
      <ResourceView resource={overview}>
        {(data) => (
          <>
            <MonitorStatsLine stats={data.monitor} />
            <Section title={t('monitoring.funds.title')} testId="custody-funds">
              <CustodyCards balances={data.balances} />
            </Section>
          </>
        )}
      </ResourceView>
      <Section title={t('kri.title')} testId="kris">
        {thresholdsAsked ? <Notice>{t('kri.thresholdsAsked')}</Notice> : null}
        <ResourceView resource={kris}>
          {(data) => (
            <KriCards
              kris={data.items}
              editing={
                mayWrite
                  ? {
                      platformId,
                      onThresholdsRequested: () => {
                        setThresholdsAsked(true);
                        setGeneration((value) => value + 1);
                      },
                    }
                  : null
              }
            />
          )}
        </ResourceView>
      </Section>
      <ResourceView resource={overview}>
        {(data) => <AlertSections alerts={data.alerts} days={days} />}
      </ResourceView>
    </>
  );
}

/** Alerts per day by severity, and the busiest rules of the period. */
function AlertSections({ alerts, days }: { alerts: AlertCount[]; days: number }) {
  const { t } = useTranslation();
  const byDay = alertsByDay(alerts, days, Date.now());
  const rules = topRules(alerts);
  return (
    <div className="monitoring-alerts">
      <Section title={t('monitoring.alerts.chartTitle')} testId="alerts-by-day">
        <div className="card">
          <AlertsByDayChart days={byDay} />
        </div>
      </Section>
      <Section title={t('monitoring.alerts.topRules')} testId="alerts-by-rule">
        <TopRulesTable rules={rules} />
      </Section>
    </div>
  );
}
