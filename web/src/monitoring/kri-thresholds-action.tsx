import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReasonAction } from '../components/index.js';
import { formatThreshold, thresholdFromInput, thresholdInput } from './kri-format.js';
import { requestKriThresholds } from './monitoring-endpoints.js';
import type { Kri } from './monitoring-types.js';

/**
 * "Change thresholds" on a KRI card: amber and red in the KRI's unit (percent or count), or back
 * to the defaults, with a reason; a second person approves the change.
 */
export function KriThresholdsAction(props: {
  kri: Kri;
  platformId: string;
  onRequested: () => void;
}) {
  const { kri } = props;
  const { t } = useTranslation();
  const [amber, setAmber] = useState(thresholdInput(kri.unit, kri.amberAt));
  const [red, setRed] = useState(thresholdInput(kri.unit, kri.redAt));
  const [useDefaults, setUseDefaults] = useState(false);
  const amberAt = thresholdFromInput(kri.unit, amber);
  const redAt = thresholdFromInput(kri.unit, red);
  const ready = useDefaults || (amberAt !== null && redAt !== null);
  const unitLabel = t(kri.unit === 'ratio' ? 'kri.thresholdUnitPercent' : 'kri.thresholdUnitCount');
  const field = (name: 'amberAt' | 'redAt', value: string, set: (text: string) => void) => {
    const invalid = thresholdFromInput(kri.unit, value) === null;
    return (
      <label className="field">
        <span>
          {t(name === 'amberAt' ? 'kri.amber' : 'kri.red')} ({unitLabel},{' '}
          {kri.worse === 'higher' ? '≥' : '≤'})
        </span>
        <input
          name={name}
          inputMode="decimal"
          value={value}
          aria-invalid={invalid}
          onChange={(event) => set(event.target.value)}
        />
        {invalid ? (
          <small className="field-error">
            {t(kri.unit === 'ratio' ? 'kri.thresholdBadPercent' : 'kri.thresholdBadCount')}
          </small>
        ) : null}
      </label>
    );
  };
  return (
    <ReasonAction
      label={t('kri.thresholdsChange')}
      action="change-kri-thresholds"
      title={t('kri.thresholdsTitle', {
        title: t(`kri.titles.${kri.id}`, { defaultValue: kri.title }),
      })}
      description={t('kri.thresholdsDescription')}
      confirmLabel={t('kri.thresholdsRequest')}
      tone="primary"
      ready={ready}
      onSubmit={(reason) =>
        requestKriThresholds(
          props.platformId,
          kri.id,
          useDefaults || amberAt === null || redAt === null ? null : { amberAt, redAt },
          reason,
        )
      }
      onDone={props.onRequested}
    >
      <label className="field field-inline">
        <input
          type="checkbox"
          name="useDefaults"
          checked={useDefaults}
          disabled={!kri.custom}
          onChange={(event) => setUseDefaults(event.target.checked)}
        />
        <span>
          {t('kri.thresholdsUseDefaults', {
            amber: formatThreshold(kri, kri.defaults.amberAt),
            red: formatThreshold(kri, kri.defaults.redAt),
          })}
        </span>
      </label>
      {useDefaults ? null : (
        <div className="kri-threshold-fields">
          {field('amberAt', amber, setAmber)}
          {field('redAt', red, setRed)}
        </div>
      )}
    </ReasonAction>
  );
}
