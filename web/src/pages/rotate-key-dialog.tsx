import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rotateApiKey, type ApiKeyInfo, type ApiKeyRotated } from '../api/index.js';
import { FormDialog } from '../components/index.js';

const HOUR_MS = 60 * 60 * 1000;
/** How long the old keys keep working after the new one is approved; the server allows 30 days. */
export const OVERLAP_CHOICES_HOURS = [0, 1, 24, 72, 168] as const;
const OVERLAP_DEFAULT_HOURS = 24;
const LABEL_LENGTH_MAX = 100;

export interface RotatedKey extends ApiKeyRotated {
  principalName: string;
  overlapHours: number;
}

/** A new key for the principal that holds `key`; it works once a second person approves. */
export function RotateKeyDialog({
  apiKey,
  onClose,
  onRotated,
}: {
  apiKey: ApiKeyInfo;
  onClose: () => void;
  onRotated: (rotated: RotatedKey) => void;
}) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [overlapHours, setOverlapHours] = useState<number>(OVERLAP_DEFAULT_HOURS);
  return (
    <FormDialog
      title={t('apiKeys.rotateTitle', { name: apiKey.principalName })}
      description={t('apiKeys.rotateDescription')}
      confirmLabel={t('apiKeys.rotate')}
      tone="primary"
      ready={label.trim() !== ''}
      onClose={onClose}
      onSubmit={async (reason) => {
        const rotated = await rotateApiKey(apiKey.principalId, {
          label: label.trim(),
          overlapMs: overlapHours * HOUR_MS,
          reason,
        });
        return { ...rotated, principalName: apiKey.principalName, overlapHours };
      }}
      onDone={onRotated}
    >
      <label className="field">
        <span>{t('apiKeys.label')}</span>
        <input
          name="label"
          value={label}
          maxLength={LABEL_LENGTH_MAX}
          placeholder={t('apiKeys.labelPlaceholder')}
          onChange={(event) => setLabel(event.target.value)}
          required
          autoFocus
        />
      </label>
      <label className="field">
        <span>{t('apiKeys.overlap')}</span>
        <select
          name="overlapHours"
          value={overlapHours}
          onChange={(event) => setOverlapHours(Number(event.target.value))}
        >
          {OVERLAP_CHOICES_HOURS.map((hours) => (
            <option key={hours} value={hours}>
              {hours === 0 ? t('apiKeys.overlapNone') : t('apiKeys.overlapHours', { count: hours })}
            </option>
          ))}
        </select>
      </label>
    </FormDialog>
  );
}
