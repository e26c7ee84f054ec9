import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SELF_SERVICE_LIMITS } from './self-service-limits.js';
import { CORRECTABLE_FIELDS, type CorrectableField } from './self-service-types.js';

/** The personal fields to correct: only those filled in are sent. */
export function CorrectionForm({
  busy,
  onSubmit,
}: {
  busy: boolean;
  onSubmit: (fields: Partial<Record<CorrectableField, string>>) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Partial<Record<CorrectableField, string>>>({});
  const filled = Object.fromEntries(
    Object.entries(values)
      .map(([key, value]) => [key, (value ?? '').trim()])
      .filter(([, value]) => value !== ''),
  ) as Partial<Record<CorrectableField, string>>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(filled);
  };
  return (
    <form className="portal-card portal-self-form" onSubmit={submit}>
      <p className="muted">{t('portalSelfService.privacy.correctionHint')}</p>
      {CORRECTABLE_FIELDS.map((field) => (
        <label key={field} className="field">
          <span>{t(`portalSelfService.privacy.fields.${field}`)}</span>
          <input
            name={field}
            value={values[field] ?? ''}
            maxLength={SELF_SERVICE_LIMITS.personalFieldLengthMax}
            onChange={(event) => setValues({ ...values, [field]: event.target.value })}
          />
        </label>
      ))}
      <button
        type="submit"
        className="button button-primary"
        disabled={busy || Object.keys(filled).length === 0}
      >
        {t('portalSelfService.privacy.sendCorrection')}
      </button>
    </form>
  );
}
