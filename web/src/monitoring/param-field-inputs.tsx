import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefinitionIssue } from './monitoring-types.js';
import {
  DURATION_UNITS,
  durationParts,
  issuesAt,
  numberFromText,
  type DurationUnit,
  type EditableField,
} from './rule-fields.js';

/** The issues the server named for one field, under it. */
export function FieldIssues({ issues }: { issues: DefinitionIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="field-issues" role="alert">
      {issues.map((issue) => (
        <li key={`${issue.path}|${issue.message}`} data-issue-path={issue.path}>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

/** "conditions › 1" for params.conditions.1.atLeast: where a field sits, under its label. */
function placeOf(field: EditableField): string {
  const inner = field.path[0] === 'params' ? field.path.slice(1) : field.path;
  return inner.slice(0, -1).map(String).join(' › ');
}

interface ParamFieldProps {
  field: EditableField;
  value: unknown;
  issues: DefinitionIssue[];
  onValue: (value: unknown) => void;
}

/** One simple parameter as a labelled input; each kind reads and writes its own units. */
export function ParamField({ field, value, issues, onValue }: ParamFieldProps) {
  const { t } = useTranslation();
  const place = placeOf(field);
  return (
    <div
      className={issues.length > 0 ? 'param-field param-field-invalid' : 'param-field'}
      data-field={field.key}
      data-kind={field.kind}
    >
      <div className="param-label">
        <span>{t(`rules.param.${field.name}`, { defaultValue: field.name })}</span>
        {place === '' ? null : <span className="small muted"> · {place}</span>}
      </div>
      {field.kind === 'amounts' ? (
        <AmountsInput field={field} value={value} issues={issues} onValue={onValue} />
      ) : field.kind === 'duration' ? (
        <DurationInput field={field} value={value} onValue={onValue} />
      ) : (
        <NumberInput field={field} value={value} onValue={onValue} />
      )}
      <FieldIssues issues={issues} />
    </div>
  );
}

type InputProps = Omit<ParamFieldProps, 'issues'>;

function NumberInput({ field, value, onValue }: InputProps) {
  const [text, setText] = useState(String(value ?? ''));
  return (
    <input
      type="text"
      inputMode="decimal"
      name={field.key}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onValue(numberFromText(event.target.value));
      }}
    />
  );
}

function DurationInput({ field, value, onValue }: InputProps) {
  const { t } = useTranslation();
  const initial =
    typeof value === 'number' ? durationParts(value) : { amount: value, unit: 'hours' as const };
  const [text, setText] = useState(String(initial.amount ?? ''));
  const [unit, setUnit] = useState<DurationUnit>(initial.unit);
  const send = (nextText: string, nextUnit: DurationUnit) => {
    const amount = numberFromText(nextText);
    onValue(typeof amount === 'number' ? Math.round(amount * DURATION_UNITS[nextUnit]) : amount);
  };
  return (
    <span className="param-duration">
      <input
        type="text"
        inputMode="decimal"
        name={field.key}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          send(event.target.value, unit);
        }}
      />
      <select
        name={`${field.key}.unit`}
        value={unit}
        aria-label={t('rules.unit')}
        onChange={(event) => {
          const next = event.target.value as DurationUnit;
          setUnit(next);
          send(text, next);
        }}
      >
        {(Object.keys(DURATION_UNITS) as DurationUnit[]).map((option) => (
          <option key={option} value={option}>
            {t(`rules.units.${option}`)}
          </option>
        ))}
      </select>
    </span>
  );
}

function AmountsInput({ field, value, issues, onValue }: ParamFieldProps) {
  const amounts =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return (
    <span className="param-amounts">
      {Object.entries(amounts).map(([currency, amount]) => (
        <label key={currency} className="param-amount">
          <span className="money-currency">{currency}</span>
          <input
            type="text"
            inputMode="decimal"
            className={
              issuesAt(issues, `${field.key}.${currency}`).length > 0 ? 'input-invalid' : ''
            }
            name={`${field.key}.${currency}`}
            value={typeof amount === 'string' ? amount : String(amount ?? '')}
            onChange={(event) => onValue({ ...amounts, [currency]: event.target.value })}
          />
        </label>
      ))}
    </span>
  );
}
