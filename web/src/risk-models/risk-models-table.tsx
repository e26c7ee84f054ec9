import { useTranslation } from 'react-i18next';
import { minorText } from './minor-money.js';
import type { RiskModelView } from './risk-models-types.js';

function describeFrequency(model: RiskModelView['model']['frequency']): string {
  const mean = model.meanPerYear.toFixed(2);
  return model.kind === 'poisson'
    ? `Poisson λ=${mean}`
    : `NegBin m=${mean}, r=${(model.size ?? 0).toFixed(2)}`;
}

function describeSeverity(model: RiskModelView['model']['severity'], currency: string): string {
  if (model.kind === 'lognormal')
    return `lognormal μ=${(model.mu ?? 0).toFixed(2)}, σ=${(model.sigma ?? 0).toFixed(2)}`;
  return `Pareto x≥${minorText(String(Math.round(model.scaleMinor ?? 0)), currency)}, α=${(model.alpha ?? 0).toFixed(2)}`;
}

/** The fitted model of each risk: its frequency, its severity and where each came from. */
export function ModelsTable({ models }: { models: RiskModelView[] }) {
  const { t } = useTranslation();
  if (models.length === 0) return <p className="muted">{t('riskModels.models.none')}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('riskModels.models.risk')}</th>
          <th>{t('riskModels.models.frequency')}</th>
          <th>{t('riskModels.models.severity')}</th>
          <th>{t('riskModels.models.source')}</th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.riskId}>
            <td>
              {m.riskCode ?? m.riskId} {m.riskTitle ?? ''}
            </td>
            <td>{describeFrequency(m.model.frequency)}</td>
            <td>{describeSeverity(m.model.severity, m.currency)}</td>
            <td>
              {t(`riskModels.models.sources.${m.frequencySource}`)} /{' '}
              {t(`riskModels.models.sources.${m.severitySource}`)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
