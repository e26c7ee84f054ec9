import { useTranslation } from 'react-i18next';
import type { StressScenarioView } from './risk-models-types.js';
import { scenarioDescription, scenarioName } from './scenario-text.js';

/** The stress scenarios, built in and saved, each with a button that runs it. */
export function ScenarioTable({
  scenarios,
  mayRun,
  busy,
  onRun,
}: {
  scenarios: StressScenarioView[];
  mayRun: boolean;
  busy: string | null;
  onRun: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('riskModels.stress.name')}</th>
          <th>{t('riskModels.stress.description')}</th>
          <th className="numeric">{t('riskModels.stress.horizon')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {scenarios.map((scenario) => (
          <tr key={scenario.id} data-scenario={scenario.id}>
            <td>
              {scenarioName(t, scenario)}
              {scenario.builtIn ? (
                <span className="muted"> · {t('riskModels.stress.builtIn')}</span>
              ) : null}
            </td>
            <td className="cell-wrap">{scenarioDescription(t, scenario)}</td>
            <td className="numeric">{scenario.horizonDays}</td>
            <td>
              {mayRun ? (
                <button
                  type="button"
                  className="button"
                  disabled={busy !== null}
                  onClick={() => onRun(scenario.id)}
                  data-action="run-scenario"
                >
                  {busy === scenario.id
                    ? t('riskModels.stress.running')
                    : t('riskModels.stress.run')}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
