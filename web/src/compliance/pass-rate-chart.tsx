import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DailyPassRate } from './compliance-types.js';

const CHART_HEIGHT_PX = 200;

/** Pass rate per day (line, per cent) over the runs of that day (bars). */
export function PassRateChart({ daily }: { daily: DailyPassRate[] }) {
  const { t } = useTranslation();
  const data = daily.map((d) => ({
    day: d.day.slice(5),
    rate: d.runs === 0 ? 0 : Math.round((100 * d.passed) / d.runs),
    runs: d.runs,
  }));
  if (data.length === 0) return <p className="muted">{t('compliance.history.none')}</p>;
  return (
    <figure className="chart-figure" data-testid="pass-rate-chart" data-points={data.length}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT_PX}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e8ecf2" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11, fill: '#5f6b7d' }} />
          <YAxis
            yAxisId="rate"
            domain={[0, 100]}
            unit="%"
            tick={{ fontSize: 11, fill: '#5f6b7d' }}
            width={44}
          />
          <YAxis
            yAxisId="runs"
            orientation="right"
            allowDecimals={false}
            tick={{ fontSize: 11, fill: '#5f6b7d' }}
            width={32}
          />
          <Tooltip />
          <Bar
            yAxisId="runs"
            dataKey="runs"
            name={t('compliance.history.runs')}
            fill="#d5dceb"
            isAnimationActive={false}
          />
          <Line
            yAxisId="rate"
            dataKey="rate"
            name={t('compliance.history.passRate')}
            stroke="#1f7a3f"
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="muted">{t('compliance.history.caption')}</figcaption>
    </figure>
  );
}
