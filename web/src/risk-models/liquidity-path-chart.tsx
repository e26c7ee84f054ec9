import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { compactNumber, minorToMajorNumber } from './minor-money.js';
import type { LiquidityResult } from './risk-models-types.js';

const CHART_HEIGHT_PX = 280;
const LINE_COLOURS = ['#1f5fbf', '#1d7a46', '#dd6b20', '#6b3fa0'];

/** Custody cash day by day under the scenario, one line per currency; below zero is a shortfall. */
export function LiquidityPathChart({ results }: { results: LiquidityResult[] }) {
  const { t } = useTranslation();
  const horizon = Math.max(0, ...results.map((r) => r.path.length));
  const data = Array.from({ length: horizon + 1 }, (_, day) => {
    const row: Record<string, number> = { day };
    for (const result of results) {
      const minor = day === 0 ? result.startCashMinor : result.path[day - 1]?.cashMinor;
      if (minor !== undefined) row[result.currency] = minorToMajorNumber(minor, result.currency);
    }
    return row;
  });
  return (
    <figure className="chart-figure" data-testid="liquidity-path" data-days={horizon}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT_PX}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e8ecf2" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11, fill: '#5f6b7d' }} />
          <YAxis
            tickFormatter={(value: number) => compactNumber(value)}
            tick={{ fontSize: 11, fill: '#5f6b7d' }}
            width={56}
          />
          <Tooltip
            formatter={(value) => compactNumber(Number(value))}
            labelFormatter={(day) => t('riskModels.stress.dayLabel', { day: String(day) })}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine y={0} stroke="#b3261e" />
          {results.map((result, index) => (
            <Line
              key={result.currency}
              dataKey={result.currency}
              name={t('riskModels.stress.cashLine', { currency: result.currency })}
              stroke={LINE_COLOURS[index % LINE_COLOURS.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
