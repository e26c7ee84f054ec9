import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { EmptyRow, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { DurationText } from './case-badges.js';
import { getCaseMetrics } from './case-endpoints.js';
import type { CaseMetrics, DurationStats } from './case-types.js';

const CHART_WIDTH = 680;
const CHART_AXIS_WIDTH = 260;
const CHART_ROW_HEIGHT = 36;
/** Rules the chart shows at most (highest false-positive rate first); the table has them all. */
export const CHART_RULES_MAX = 8;

function Percent({ rate }: { rate: number | null }) {
  if (rate === null) return <span className="muted">—</span>;
  return <>{`${Math.round(rate * 1000) / 10}%`}</>;
}

function Median({ stats }: { stats: DurationStats }) {
  if (stats.p50Ms === null) return <span className="muted">—</span>;
  return (
    <span title={`n = ${stats.count}`}>
      <DurationText durationMs={stats.p50Ms} />
      {stats.p90Ms === null ? null : (
        <span className="muted small">
          {' '}
          (p90 <DurationText durationMs={stats.p90Ms} />)
        </span>
      )}
    </span>
  );
}

/** Per queue: time to triage and to close, SLA breach rate; per rule: false positives. */
export function CaseMetricsPanel({ platformId }: { platformId: string }) {
  const { t } = useTranslation();
  const metrics = useResource((signal) => getCaseMetrics(platformId, signal), platformId);
  return (
    <Section title={t('cases.metrics.title')} testId="case-metrics">
      <ResourceView resource={metrics}>
        {(data) => (
          <div className="case-metrics">
            <QueueMetrics data={data} />
            <RuleMetrics data={data} />
            <FalsePositiveChart data={data} />
          </div>
        )}
      </ResourceView>
    </Section>
  );
}

function QueueMetrics({ data }: { data: CaseMetrics }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="queue-metrics">
      <thead>
        <tr>
          <th>{t('cases.field.queue')}</th>
          <th className="cell-amount">{t('cases.metrics.open')}</th>
          <th className="cell-amount">{t('cases.metrics.closed')}</th>
          <th>{t('cases.metrics.timeToTriage')}</th>
          <th>{t('cases.metrics.timeToClose')}</th>
          <th className="cell-amount">{t('cases.metrics.slaBreachRate')}</th>
        </tr>
      </thead>
      <tbody>
        {data.queues.length === 0 ? <EmptyRow columns={6} text={t('cases.metrics.none')} /> : null}
        {data.queues.map((queue) => (
          <tr key={queue.queue} data-queue={queue.queue}>
            <td>{t(`cases.queueName.${queue.queue}`)}</td>
            <td className="cell-amount">{queue.open}</td>
            <td className="cell-amount">{queue.closed}</td>
            <td>
              <Median stats={queue.timeToTriage} />
            </td>
            <td>
              <Median stats={queue.timeToClose} />
            </td>
            <td className="cell-amount">
              <Percent rate={queue.slaBreachRate} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RuleMetrics({ data }: { data: CaseMetrics }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="rule-metrics">
      <thead>
        <tr>
          <th>{t('cases.metrics.rule')}</th>
          <th className="cell-amount">{t('cases.metrics.closedCases')}</th>
          <th className="cell-amount">{t('cases.metrics.falsePositives')}</th>
          <th className="cell-amount">{t('cases.metrics.falsePositiveRate')}</th>
        </tr>
      </thead>
      <tbody>
        {data.rules.length === 0 ? <EmptyRow columns={4} text={t('cases.metrics.none')} /> : null}
        {data.rules.map((rule) => (
          <tr key={rule.ruleId} data-rule-id={rule.ruleId}>
            <td>
              <code>{rule.ruleId}</code>
            </td>
            <td className="cell-amount">{rule.closedCases}</td>
            <td className="cell-amount">{rule.falsePositives}</td>
            <td className="cell-amount">
              <Percent rate={rule.falsePositiveRate} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FalsePositiveChart({ data }: { data: CaseMetrics }) {
  const { t } = useTranslation();
  const rows = data.rules
    .filter((rule) => rule.falsePositiveRate !== null)
    .sort((a, b) => (b.falsePositiveRate ?? 0) - (a.falsePositiveRate ?? 0))
    .slice(0, CHART_RULES_MAX)
    .map((rule) => ({
      ruleId: rule.ruleId,
      percent: Math.round((rule.falsePositiveRate ?? 0) * 1000) / 10,
    }));
  if (rows.length === 0) return null;
  return (
    <figure className="case-chart" data-testid="false-positive-chart">
      <figcaption className="small muted">{t('cases.metrics.chartTitle')}</figcaption>
      <BarChart
        width={CHART_WIDTH}
        height={rows.length * CHART_ROW_HEIGHT + 40}
        data={rows}
        layout="vertical"
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} unit="%" fontSize={11} />
        <YAxis type="category" dataKey="ruleId" width={CHART_AXIS_WIDTH} fontSize={11} />
        <Tooltip formatter={(value) => `${String(value)}%`} />
        <Bar
          dataKey="percent"
          name={t('cases.metrics.falsePositiveRate')}
          fill="#3d7be0"
          barSize={18}
          isAnimationActive={false}
        />
      </BarChart>
    </figure>
  );
}
