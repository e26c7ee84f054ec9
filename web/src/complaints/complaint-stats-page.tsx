import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { EmptyRow, PageHeader, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { AXIS_TEXT, GRID_LINE } from '../monitoring/chart-colours.js';
import { usePlatformId } from '../session/index.js';
import { complaintStatistics } from './complaint-endpoints.js';
import { COMPLAINT_CATEGORIES, type StatisticsRow } from './complaint-types.js';
import './complaints.css';

const CATEGORY_COLOURS: Record<string, string> = {
  unauthorized_transaction: '#b3261e',
  service: '#3b6fb6',
  fees: '#c77c02',
  privacy: '#6d4bb3',
  restriction_objection: '#0f766e',
  other: '#7b8494',
};
const MONTHS = 12;

/** Months as rows, categories as columns: what the stacked chart draws. */
export function byMonth(rows: readonly StatisticsRow[]): Record<string, number | string>[] {
  const months = new Map<string, Record<string, number | string>>();
  for (const row of rows) {
    const entry = months.get(row.month) ?? { month: row.month };
    entry[row.category] = Number(entry[row.category] ?? 0) + row.received;
    months.set(row.month, entry);
  }
  return [...months.values()].sort((a, b) => String(a.month).localeCompare(String(b.month)));
}

/** Complaints by category and month, with the overdue share and median time to answer. */
export function ComplaintStatsPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const stats = useResource(
    (signal) => complaintStatistics(platformId, MONTHS, signal),
    platformId,
  );
  return (
    <>
      <PageHeader
        title={t('complaints.stats.title')}
        subtitle={t('complaints.stats.subtitle', { months: MONTHS })}
      />
      <ResourceView resource={stats}>
        {(data) => {
          const total = data.rows.reduce((sum, row) => sum + row.received, 0);
          const overdue = data.rows.reduce((sum, row) => sum + row.overdue, 0);
          return (
            <>
              <p data-testid="complaint-stats-summary">
                {t('complaints.stats.summary', {
                  total,
                  share: total === 0 ? '0.0' : ((overdue / total) * 100).toFixed(1),
                })}
              </p>
              <figure
                className="chart-figure"
                data-testid="complaint-chart"
                data-total={total}
                aria-label={t('complaints.stats.chart')}
              >
                <ResponsiveContainer width="100%" height={280}>
                  <BarChart
                    data={byMonth(data.rows)}
                    margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
                  >
                    <CartesianGrid stroke={GRID_LINE} vertical={false} />
                    <XAxis dataKey="month" tick={{ fontSize: 11, fill: AXIS_TEXT }} />
                    <YAxis
                      allowDecimals={false}
                      tick={{ fontSize: 11, fill: AXIS_TEXT }}
                      width={40}
                    />
                    <Tooltip />
                    <Legend wrapperStyle={{ fontSize: 12 }} />
                    {COMPLAINT_CATEGORIES.map((category) => (
                      <Bar
                        key={category}
                        dataKey={category}
                        name={t(`complaints.category.${category}`)}
                        stackId="category"
                        fill={CATEGORY_COLOURS[category]}
                        isAnimationActive={false}
                      />
                    ))}
                  </BarChart>
                </ResponsiveContainer>
              </figure>
              <Section title={t('complaints.stats.table')}>
                <table className="table" data-testid="complaint-stats">
                  <thead>
                    <tr>
                      <th>{t('complaints.stats.month')}</th>
                      <th>{t('complaints.field.category')}</th>
                      <th>{t('complaints.stats.received')}</th>
                      <th>{t('complaints.stats.closed')}</th>
                      <th>{t('complaints.stats.overdue')}</th>
                      <th>{t('complaints.stats.medianHours')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.rows.length === 0 ? (
                      <EmptyRow columns={6} text={t('complaints.stats.empty')} />
                    ) : null}
                    {data.rows.map((row) => (
                      <tr key={`${row.month}|${row.category}`}>
                        <td>{row.month}</td>
                        <td>{t(`complaints.category.${row.category}`)}</td>
                        <td className="cell-amount">{row.received}</td>
                        <td className="cell-amount">{row.closed}</td>
                        <td className="cell-amount">
                          {row.overdue} ({(row.overdueShare * 100).toFixed(0)} %)
                        </td>
                        <td className="cell-amount">
                          {row.medianHoursToResolve === null
                            ? '—'
                            : row.medianHoursToResolve.toFixed(1)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Section>
            </>
          );
        }}
      </ResourceView>
    </>
  );
}
