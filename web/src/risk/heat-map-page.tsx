import { useTranslation } from 'react-i18next';
import { ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { withQuery } from '../api/index.js';
import { navigate } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { bandOf } from './risk-badges.js';
import { getHeatMap } from './risk-endpoints.js';
import { RiskHeader } from './risk-header.js';
import { riskPaths } from './risk-paths.js';

const SCALE = [1, 2, 3, 4, 5];

/**
 * Inherent and residual risk side by side on the 5×5 grid (likelihood up, impact across):
 * the count of risks per cell; a click opens the register filtered to that cell.
 */
export function HeatMapPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const map = useResource((signal) => getHeatMap(platformId, signal), platformId);
  return (
    <>
      <RiskHeader subtitle={t('riskRegister.heatMap.subtitle')} />
      <ResourceView resource={map}>
        {(data) => (
          <>
            <div className="rr-heat-maps">
              <HeatGrid grid="inherent" counts={data.inherent} />
              <div className="rr-heat-arrow" aria-hidden="true">
                →
              </div>
              <HeatGrid grid="residual" counts={data.residual} />
            </div>
            <p className="muted small rr-heat-legend">{t('riskRegister.heatMap.axes')}</p>
          </>
        )}
      </ResourceView>
    </>
  );
}

function HeatGrid({ grid, counts }: { grid: 'inherent' | 'residual'; counts: number[][] }) {
  const { t } = useTranslation();
  const total = counts.flat().reduce((a, b) => a + b, 0);
  return (
    <Section title={t(`riskRegister.heatMap.${grid}`)} count={total} testId={`heat-${grid}`}>
      <table className="rr-heat" aria-label={t(`riskRegister.heatMap.${grid}`)}>
        <tbody>
          {[...SCALE].reverse().map((likelihood) => (
            <tr key={likelihood}>
              <th scope="row" className="rr-heat-axis">
                {likelihood}
              </th>
              {SCALE.map((impact) => {
                const count = counts[likelihood - 1]?.[impact - 1] ?? 0;
                const label = t('riskRegister.heatMap.cell', { likelihood, impact, count });
                return (
                  <td
                    key={impact}
                    className={`rr-heat-cell rr-band-${bandOf(likelihood * impact)}`}
                  >
                    <button
                      type="button"
                      className="rr-heat-button"
                      aria-label={label}
                      title={label}
                      data-cell={`${grid}-${likelihood}-${impact}`}
                      disabled={count === 0}
                      onClick={() =>
                        navigate(
                          withQuery(riskPaths.register, {
                            grid,
                            likelihood: String(likelihood),
                            impact: String(impact),
                          }),
                        )
                      }
                    >
                      {count === 0 ? '' : count}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <th />
            {SCALE.map((impact) => (
              <th key={impact} className="rr-heat-axis">
                {impact}
              </th>
            ))}
          </tr>
        </tbody>
      </table>
    </Section>
  );
}
