import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RiskReason } from './reports-types.js';

const ROW_HEIGHT_PX = 28;
const FLOOR_COLOUR = '#b3261e';
const POINTS_COLOUR = '#3d7be0';

/** Each factor's points in a rating, as horizontal bars; factors that impose a floor in red. */
export function FactorChart({ reasons }: { reasons: readonly RiskReason[] }) {
  const { t } = useTranslation();
  const data = reasons.map((r) => ({
    factor: t(`riskRating.factor.${r.factor}`, { defaultValue: r.factor }),
    points: r.points,
    floor: r.floor !== undefined,
  }));
  return (
    <figure className="factor-chart" data-testid="factor-chart" data-factors={data.length}>
      <ResponsiveContainer width="100%" height={Math.max(120, data.length * ROW_HEIGHT_PX + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#e8ecf2" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: '#5f6b7d' }} />
          <YAxis
            type="category"
            dataKey="factor"
            width={150}
            tick={{ fontSize: 12, fill: '#1c2433' }}
          />
          <Tooltip />
          <Bar
            dataKey="points"
            name={t('riskRating.field.points')}
            isAnimationActive={false}
            label={{ position: 'right', fontSize: 11 }}
          >
            {data.map((d) => (
              <Cell key={d.factor} fill={d.floor ? FLOOR_COLOUR : POINTS_COLOUR} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted">{t('riskRating.chartCaption')}</figcaption>
    </figure>
  );
}
