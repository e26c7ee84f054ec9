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
import type { AlertDay } from './alert-series.js';
import { AXIS_TEXT, GRID_LINE, SEVERITY_COLOURS } from './chart-colours.js';
import { ALERT_SEVERITIES } from './monitoring-types.js';

const CHART_HEIGHT_PX = 280;

/** Alerts raised per day, stacked by severity (low at the bottom, critical on top). */
export function AlertsByDayChart({ days }: { days: AlertDay[] }) {
  const { t } = useTranslation();
  const total = days.reduce((sum, day) => sum + day.total, 0);
  const summary = days
    .filter((day) => day.total > 0)
    .map((day) => `${day.day}: ${day.total}`)
    .join(', ');
  return (
    <figure
      className="chart-figure"
      data-testid="alerts-by-day-chart"
      data-total={total}
      aria-label={`${t('monitoring.alerts.chartTitle')}: ${summary === '' ? '0' : summary}`}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT_PX}>
        <BarChart data={days} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={GRID_LINE} vertical={false} />
          <XAxis
            dataKey="day"
            tickFormatter={(day: string) => day.slice(5)}
            tick={{ fontSize: 11, fill: AXIS_TEXT }}
            minTickGap={8}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: AXIS_TEXT }} width={40} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {ALERT_SEVERITIES.map((severity) => (
            <Bar
              key={severity}
              dataKey={severity}
              name={t(`monitoring.severity.${severity}`)}
              stackId="severity"
              fill={SEVERITY_COLOURS[severity]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
