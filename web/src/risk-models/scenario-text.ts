import type { useTranslation } from 'react-i18next';

export type Translate = ReturnType<typeof useTranslation>['t'];

/** Built-in scenarios are named in the console's language; saved ones as their author wrote. */
function builtInKey(id: string): string | null {
  return id.startsWith('builtin:') ? id.slice('builtin:'.length) : null;
}

export function scenarioName(t: Translate, scenario: { id: string; name: string }): string {
  const key = builtInKey(scenario.id);
  return key === null
    ? scenario.name
    : t(`riskModels.builtIn.${key}.name`, { defaultValue: scenario.name });
}

export function scenarioDescription(
  t: Translate,
  scenario: { id: string; description: string },
): string {
  const key = builtInKey(scenario.id);
  return key === null
    ? scenario.description
    : t(`riskModels.builtIn.${key}.description`, { defaultValue: scenario.description });
}
