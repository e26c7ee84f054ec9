import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { compactNumber, minorToMajorNumber } from './minor-money.js';
import type { MonteCarloFigures } from './risk-models-types.js';

const CHART_HEIGHT_PX = 240;

/** The running mean with a band of two standard errors: how far the estimate has settled. */
export function ConvergenceChart({
  figures,
  currency,
}: {
  figures: MonteCarloFigures;
  currency: string;
}) {
  const { t } = useTranslation();
  const data = figures.convergence.map((point) => {
    const mean = minorToMajorNumber(point.meanMinor, currency);
    const band = 2 * minorToMajorNumber(point.standardErrorMinor, currency);
    return { trials: point.trials, mean, upper: mean + band, lower: Math.max(0, mean - band) };
  });
  return (
    <figure className="chart-figure" data-testid="convergence-chart" data-points={data.length}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT_PX}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e8ecf2" vertical={false} />
          <XAxis
            dataKey="trials"
            tickFormatter={(value: number) => compactNumber(value)}
            tick={{ fontSize: 11, fill: '#5f6b7d' }}
          />
          <YAxis
            tickFormatter={(value: number) => compactNumber(value)}
            tick={{ fontSize: 11, fill: '#5f6b7d' }}
            width={56}
            domain={['auto', 'auto']}
          />
          <Tooltip formatter={(value) => compactNumber(Number(value))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            dataKey="mean"
            name={t('riskModels.monteCarlo.runningMean')}
            stroke="#1f5fbf"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="upper"
            name={t('riskModels.monteCarlo.band')}
            stroke="#8a94a6"
            strokeDasharray="4 3"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="lower"
            name={t('riskModels.monteCarlo.band')}
            legendType="none"
            stroke="#8a94a6"
            strokeDasharray="4 3"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
