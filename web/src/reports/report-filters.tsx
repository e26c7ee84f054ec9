import { useTranslation } from 'react-i18next';
import { setSearchParam, useSearchParam } from '../router/index.js';

/** A filter kept in the address: the value ?name= gives when it is one allowed, else '' (all). */
export function useChoiceParam<T extends string>(name: string, allowed: readonly T[]): T | '' {
  const value = useSearchParam(name);
  return (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

/** The "only overdue" filter kept in the address as ?overdue=true. */
export function useOverdueParam(): boolean {
  return useSearchParam('overdue') === 'true';
}

/** A select over one address filter: "all", then each allowed value by its label. */
export function ChoiceFilter<T extends string>({
  label,
  name,
  value,
  choices,
  choiceLabel,
}: {
  label: string;
  name: string;
  value: T | '';
  choices: readonly T[];
  choiceLabel: (choice: T) => string;
}) {
  const { t } = useTranslation();
  return (
    <label className="field field-inline">
      <span>{label}</span>
      <select name={name} value={value} onChange={(e) => setSearchParam(name, e.target.value)}>
        <option value="">{t('common.all')}</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choiceLabel(choice)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The checkbox that keeps only what is overdue. */
export function OverdueFilter({ label, checked }: { label: string; checked: boolean }) {
  return (
    <label className="field field-inline">
      <input
        type="checkbox"
        name="overdue"
        checked={checked}
        onChange={(e) => setSearchParam('overdue', e.target.checked ? 'true' : '')}
      />
      <span>{label}</span>
    </label>
  );
}
