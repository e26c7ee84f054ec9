import { Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { formatDateTime } from '../format/index.js';
import { LIGHT_COLOURS } from './chart-colours.js';
import { formatKriValue } from './kri-format.js';
import type { Kri } from './monitoring-types.js';

const SPARKLINE_HEIGHT_PX = 64;

/** A KRI's recent readings as a small line, with its amber and red thresholds dashed. */
export function KriSparkline({ kri }: { kri: Kri }) {
  const points = kri.history.map((point) => ({ ...point, at: formatDateTime(point.readAt) }));
  const values = [...points.map((p) => p.value), kri.amberAt, kri.redAt];
  const top = Math.max(...values);
  const bottom = Math.min(0, ...values);
  const lineColour = LIGHT_COLOURS[kri.latest?.status ?? 'green'];
  return (
    <div className="kri-sparkline" data-testid="kri-sparkline" data-points={points.length}>
      <ResponsiveContainer width="100%" height={SPARKLINE_HEIGHT_PX}>
        <LineChart data={points} margin={{ top: 6, right: 6, bottom: 6, left: 6 }}>
          <YAxis hide domain={[bottom, top === bottom ? top + 1 : top]} />
          <ReferenceLine y={kri.amberAt} stroke={LIGHT_COLOURS.amber} strokeDasharray="3 3" />
          <ReferenceLine y={kri.redAt} stroke={LIGHT_COLOURS.red} strokeDasharray="3 3" />
          <Tooltip
            formatter={(value) => formatKriValue(kri.unit, Number(value))}
            labelFormatter={(_label, payload) => String(payload[0]?.payload?.at ?? '')}
          />
          <Line
            type="monotone"
            dataKey="value"
            stroke={lineColour}
            strokeWidth={2}
            dot={points.length <= 1 ? { r: 3 } : false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
