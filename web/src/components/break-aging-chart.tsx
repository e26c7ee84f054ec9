import { useTranslation } from 'react-i18next';

/** Age buckets of open breaks, in days since the item's date; the last one has no upper end. */
export const AGE_BUCKETS = [
  { key: '0-1', labelKey: 'recon.aging.days0to1', max: 1 },
  { key: '2-5', labelKey: 'recon.aging.days2to5', max: 5 },
  { key: '6-10', labelKey: 'recon.aging.days6to10', max: 10 },
  { key: '11+', labelKey: 'recon.aging.over10', max: Number.POSITIVE_INFINITY },
] as const;

export type AgeBucketKey = (typeof AGE_BUCKETS)[number]['key'];

export function ageBucket(ageDays: number): AgeBucketKey {
  const days = Math.max(0, Math.floor(ageDays));
  for (const bucket of AGE_BUCKETS) if (days <= bucket.max) return bucket.key;
  return '11+';
}

export function countByAgeBucket(ages: readonly number[]): Record<AgeBucketKey, number> {
  const counts: Record<AgeBucketKey, number> = { '0-1': 0, '2-5': 0, '6-10': 0, '11+': 0 };
  for (const age of ages) counts[ageBucket(age)] += 1;
  return counts;
}

// Drawing units (the SVG scales to its box; text stays legible down to ~360px wide).
const WIDTH = 520;
const HEIGHT = 220;
const PLOT = { left: 44, right: 16, top: 20, bottom: 40 } as const;
const BAR_GAP_SHARE = 0.35;
// Older breaks are more urgent: calm blue, amber, orange, red.
const BAR_COLOURS: Record<AgeBucketKey, string> = {
  '0-1': '#3d7be0',
  '2-5': '#d39b1b',
  '6-10': '#dd6b20',
  '11+': '#b3261e',
};

/** Whole-number ticks from 0 to at least `max`, at most five of them. */
function ticks(max: number): number[] {
  const top = Math.max(1, max);
  const step = Math.max(1, Math.ceil(top / 4));
  const values: number[] = [];
  for (let value = 0; value <= top + step - 1; value += step) values.push(value);
  return values;
}

/**
 * Open breaks by age bucket (0–1, 2–5, 6–10, more than 10 days) as a hand-drawn SVG bar chart.
 * The counts are also in the accessible label and on top of each bar.
 */
export function BreakAgingChart({ ages }: { ages: readonly number[] }) {
  const { t } = useTranslation();
  const counts = countByAgeBucket(ages);
  const axis = ticks(Math.max(...Object.values(counts)));
  const axisMax = axis[axis.length - 1] ?? 1;
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const slot = plotWidth / AGE_BUCKETS.length;
  const barWidth = slot * (1 - BAR_GAP_SHARE);
  const y = (value: number) => PLOT.top + plotHeight - (value / axisMax) * plotHeight;
  const summary = AGE_BUCKETS.map((bucket) => `${t(bucket.labelKey)}: ${counts[bucket.key]}`).join(
    ', ',
  );
  return (
    <figure style={{ margin: 0 }} data-testid="break-aging-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${t('recon.aging.title')}: ${summary}`}
        style={{ width: '100%', maxWidth: WIDTH, height: 'auto', display: 'block' }}
      >
        {axis.map((value) => (
          <g key={value}>
            <line
              x1={PLOT.left}
              x2={WIDTH - PLOT.right}
              y1={y(value)}
              y2={y(value)}
              stroke={value === 0 ? '#c5ccd8' : '#e8ecf2'}
            />
            <text
              x={PLOT.left - 8}
              y={y(value)}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="11"
              fill="#5f6b7d"
            >
              {value}
            </text>
          </g>
        ))}
        {AGE_BUCKETS.map((bucket, index) => {
          const count = counts[bucket.key];
          const x = PLOT.left + index * slot + (slot - barWidth) / 2;
          const top = y(count);
          return (
            <g key={bucket.key} data-bucket={bucket.key} data-count={count}>
              <rect
                x={x}
                y={top}
                width={barWidth}
                height={Math.max(0, PLOT.top + plotHeight - top)}
                rx="3"
                fill={BAR_COLOURS[bucket.key]}
              >
                <title>{`${t(bucket.labelKey)}: ${count}`}</title>
              </rect>
              <text
                x={x + barWidth / 2}
                y={top - 6}
                textAnchor="middle"
                fontSize="12"
                fontWeight="600"
                fill="#1c2433"
              >
                {count}
              </text>
              <text
                x={x + barWidth / 2}
                y={HEIGHT - PLOT.bottom + 18}
                textAnchor="middle"
                fontSize="12"
                fill="#1c2433"
              >
                {t(bucket.labelKey)}
              </text>
            </g>
          );
        })}
        <text
          x={PLOT.left + plotWidth / 2}
          y={HEIGHT - 4}
          textAnchor="middle"
          fontSize="11"
          fill="#5f6b7d"
        >
          {t('recon.aging.axis')}
        </text>
      </svg>
    </figure>
  );
}
