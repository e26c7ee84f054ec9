import { useTranslation } from 'react-i18next';
import { minorText } from './minor-money.js';
import type { MonteCarloRun } from './risk-models-types.js';

interface Figure {
  key: string;
  label: string;
  value: string;
  note?: string;
}

/** The run's headline figures as cards: expected loss, VaR and ES, the reserve's exceedance. */
export function MonteCarloFigureCards({ run }: { run: MonteCarloRun }) {
  const { t } = useTranslation();
  const { figures, currency } = run;
  const money = (minor: string) => `${minorText(minor, currency)} ${currency}`;
  const cards: Figure[] = [
    {
      key: 'expected',
      label: t('riskModels.monteCarlo.expectedLoss'),
      value: money(figures.expectedLossMinor),
      note: t('riskModels.monteCarlo.standardError', { value: money(figures.standardErrorMinor) }),
    },
    ...figures.tail.flatMap((tail) => {
      const level = (tail.level * 100).toFixed(1);
      return [
        {
          key: `var-${level}`,
          label: t('riskModels.monteCarlo.var', { level }),
          value: money(tail.valueAtRiskMinor),
        },
        {
          key: `es-${level}`,
          label: t('riskModels.monteCarlo.es', { level }),
          value: money(tail.expectedShortfallMinor),
        },
      ];
    }),
  ];
  if (figures.reserveExceedance !== null) {
    const r = figures.reserveExceedance;
    cards.push({
      key: 'reserve',
      label: t('riskModels.monteCarlo.reserveExceedance', { reserve: money(r.reserveMinor) }),
      value: `${(r.probability * 100).toFixed(3)}%`,
      note: `± ${(r.standardError * 100).toFixed(3)}%`,
    });
  }
  if (figures.closedForm !== null) {
    cards.push({
      key: 'closed',
      label: t('riskModels.monteCarlo.closedFormMean'),
      value: money(figures.closedForm.meanMinor),
      note: t('riskModels.monteCarlo.closedFormNote'),
    });
  }
  return (
    <div className="risk-figures" data-testid="monte-carlo-figures">
      {cards.map((card) => (
        <div key={card.key} className="card risk-figure" data-figure={card.key}>
          <div className="risk-figure-label">{card.label}</div>
          <div className="risk-figure-value">{card.value}</div>
          {card.note === undefined ? null : <div className="risk-figure-note">{card.note}</div>}
        </div>
      ))}
    </div>
  );
}

/** Each risk's simulated mean annual loss beside its closed form. */
export function RiskContributionTable({ run }: { run: MonteCarloRun }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="risk-contributions">
      <thead>
        <tr>
          <th>{t('riskModels.models.risk')}</th>
          <th className="numeric">{t('riskModels.monteCarlo.meanLoss')}</th>
          <th className="numeric">{t('riskModels.monteCarlo.closedFormMean')}</th>
        </tr>
      </thead>
      <tbody>
        {run.figures.risks.map((risk) => (
          <tr key={risk.riskId}>
            <td>
              {risk.riskCode ?? risk.riskId} {risk.riskTitle ?? ''}
            </td>
            <td className="numeric">{minorText(risk.meanLossMinor, run.currency)}</td>
            <td className="numeric">
              {risk.closedFormMeanMinor === null
                ? '—'
                : minorText(risk.closedFormMeanMinor, run.currency)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
