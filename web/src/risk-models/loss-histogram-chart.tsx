import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { compactNumber, minorToMajorNumber } from './minor-money.js';
import type { MonteCarloFigures } from './risk-models-types.js';

const CHART_HEIGHT_PX = 280;
const BAR_COLOUR = '#1f5fbf';
const TAIL_COLOUR = '#b3261e';
const MARKER_COLOURS = ['#dd6b20', '#b3261e'];

interface HistogramBar {
  label: string;
  count: number;
  fromMinor: number;
  toMinor: number;
  overflow: boolean;
}

/** Bars of the simulated annual loss, with the VaR and ES levels marked on the bins they fall in. */
export function LossHistogramChart({
  figures,
  currency,
}: {
  figures: MonteCarloFigures;
  currency: string;
}) {
  const { t } = useTranslation();
  const major = (minor: string) => minorToMajorNumber(minor, currency);
  const bars: HistogramBar[] = figures.histogram.bins.map((bin) => ({
    label: compactNumber(major(bin.fromMinor)),
    count: bin.count,
    fromMinor: Number(bin.fromMinor),
    toMinor: Number(bin.toMinor),
    overflow: false,
  }));
  bars.push({
    label: `>${compactNumber(major(figures.histogram.overflowFromMinor))}`,
    count: figures.histogram.overflowCount,
    fromMinor: Number(figures.histogram.overflowFromMinor),
    toMinor: Number.POSITIVE_INFINITY,
    overflow: true,
  });
  const binOf = (minor: string) => {
    const value = Number(minor);
    return bars.find((bar) => value >= bar.fromMinor && value <= bar.toMinor)?.label;
  };
  const markers = figures.tail.flatMap((tail, index) => [
    {
      key: `var-${tail.level}`,
      at: binOf(tail.valueAtRiskMinor),
      label: t('riskModels.monteCarlo.varMarker', { level: (tail.level * 100).toFixed(1) }),
      colour: MARKER_COLOURS[index] ?? TAIL_COLOUR,
      dash: '4 2',
      position: 'top' as const,
    },
    {
      key: `es-${tail.level}`,
      at: binOf(tail.expectedShortfallMinor),
      label: t('riskModels.monteCarlo.esMarker', { level: (tail.level * 100).toFixed(1) }),
      colour: MARKER_COLOURS[index] ?? TAIL_COLOUR,
      dash: '1 3',
      position: 'insideTopLeft' as const,
    },
  ]);
  return (
    <figure className="chart-figure" data-testid="loss-histogram" data-bins={bars.length}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT_PX}>
        <BarChart data={bars} margin={{ top: 24, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e8ecf2" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#5f6b7d' }} minTickGap={6} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#5f6b7d' }} width={56} />
          <Tooltip
            formatter={(value) => [String(value), t('riskModels.monteCarlo.trialsInBin')]}
            labelFormatter={(label) =>
              `${t('riskModels.monteCarlo.lossFrom')} ${String(label)} ${currency}`
            }
          />
          <Bar dataKey="count" fill={BAR_COLOUR} isAnimationActive={false} />
          {markers
            .filter((marker) => marker.at !== undefined)
            .map((marker) => (
              <ReferenceLine
                key={marker.key}
                x={marker.at}
                stroke={marker.colour}
                strokeDasharray={marker.dash}
                label={{
                  value: marker.label,
                  position: marker.position,
                  fontSize: 11,
                  fill: marker.colour,
                }}
              />
            ))}
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="chart-caption">
        {t('riskModels.monteCarlo.histogramCaption', { currency })}
      </figcaption>
    </figure>
  );
}
