import { useTranslation } from 'react-i18next';
import { DateTime } from '../components/index.js';
import { formatKriValue, formatThreshold } from './kri-format.js';
import { KriSparkline } from './kri-sparkline.js';
import { KriThresholdsAction } from './kri-thresholds-action.js';
import type { Kri } from './monitoring-types.js';

/**
 * Whoever may change thresholds (rules.write) gets the action on each card; after a request
 * `onThresholdsRequested` runs (the page reloads the KRIs).
 */
export interface KriEditing {
  platformId: string;
  onThresholdsRequested: () => void;
}

/** Key risk indicators as traffic lights: value, thresholds, basis and recent trend. */
export function KriCards({ kris, editing }: { kris: Kri[]; editing: KriEditing | null }) {
  return (
    <div className="kri-grid" data-testid="kri-cards">
      {kris.map((kri) => (
        <KriCard key={kri.id} kri={kri} editing={editing} />
      ))}
    </div>
  );
}

function KriCard({ kri, editing }: { kri: Kri; editing: KriEditing | null }) {
  const { t } = useTranslation();
  const status = kri.latest?.status ?? 'unread';
  const basis = t(`kri.basis.${kri.id}`, { defaultValue: kri.basis });
  return (
    <article
      className={`card kri-card kri-card-${status}`}
      data-kri-id={kri.id}
      data-kri-status={status}
      title={basis}
    >
      <header className="kri-head">
        <span className={`kri-light kri-light-${status}`} aria-hidden="true" />
        <h3>{t(`kri.titles.${kri.id}`, { defaultValue: kri.title })}</h3>
      </header>
      <div className="kri-reading">
        <span className="kri-value" data-testid="kri-value">
          {kri.latest === null ? '—' : formatKriValue(kri.unit, kri.latest.value)}
        </span>
        <span className={`kri-status kri-status-${status}`}>{t(`kri.status.${status}`)}</span>
      </div>
      <p className="kri-thresholds small" data-custom={kri.custom}>
        <span className="kri-threshold-amber">
          {t('kri.amber')} {formatThreshold(kri, kri.amberAt)}
        </span>
        <span className="kri-threshold-red">
          {t('kri.red')} {formatThreshold(kri, kri.redAt)}
        </span>
        {kri.custom ? (
          <span
            className="kri-threshold-own muted"
            title={t('kri.thresholdsDefaults', {
              amber: formatThreshold(kri, kri.defaults.amberAt),
              red: formatThreshold(kri, kri.defaults.redAt),
            })}
          >
            {t('kri.thresholdsOwn')}
          </span>
        ) : null}
      </p>
      <KriThresholdChange kri={kri} editing={editing} />
      {kri.history.length === 0 ? (
        <p className="small muted kri-unread">{t('kri.notRead')}</p>
      ) : (
        <KriSparkline kri={kri} />
      )}
      <footer className="small muted kri-foot">
        {kri.latest === null ? null : (
          <span>
            {t('kri.readAt')} <DateTime value={kri.latest.readAt} />
          </span>
        )}
        <details className="kri-basis">
          <summary>{t('kri.basisLabel')}</summary>
          <p>{basis}</p>
        </details>
      </footer>
    </article>
  );
}

/** The change awaiting approval, or the action to ask for one. */
function KriThresholdChange({ kri, editing }: { kri: Kri; editing: KriEditing | null }) {
  const { t } = useTranslation();
  const pending = kri.pendingChange;
  if (pending !== null) {
    const text =
      pending.amberAt === null || pending.redAt === null
        ? t('kri.thresholdsPendingDefaults')
        : t('kri.thresholdsPending', {
            amber: formatThreshold(kri, pending.amberAt),
            red: formatThreshold(kri, pending.redAt),
          });
    return (
      <p className="small kri-threshold-pending" data-approval-id={pending.approvalId}>
        {text}
      </p>
    );
  }
  if (editing === null) return null;
  return (
    <div className="kri-threshold-action">
      <KriThresholdsAction
        kri={kri}
        platformId={editing.platformId}
        onRequested={editing.onThresholdsRequested}
      />
    </div>
  );
}
