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
import type { BacktestDay } from './backtest-series.js';
import { ACTIVE_COLOUR, AXIS_TEXT, DRAFT_COLOUR, GRID_LINE } from './chart-colours.js';

const CHART_HEIGHT_PX = 260;

/** Alerts per day under the active pack and under the draft, side by side. */
export function BacktestChart({ days }: { days: BacktestDay[] }) {
  const { t } = useTranslation();
  return (
    <figure className="chart-figure" data-testid="backtest-chart" data-days={days.length}>
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
          <Bar
            dataKey="active"
            name={t('rules.backtest.activePack')}
            fill={ACTIVE_COLOUR}
            isAnimationActive={false}
          />
          <Bar
            dataKey="draft"
            name={t('rules.backtest.draftPack')}
            fill={DRAFT_COLOUR}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
