import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './copy-button.js';

/**
 * A secret the server hands out once (an initial password, a new API key): shown in full with
 * a copy button and a plain warning that it cannot be shown again, until dismissed.
 */
export function OneTimeSecret({
  title,
  secret,
  testId,
  children,
  onDismiss,
}: {
  title: string;
  secret: string;
  testId: string;
  /** What happens next, under the secret. */
  children?: ReactNode;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="one-time-secret" data-testid={testId} aria-label={title}>
      <h2>{title}</h2>
      <p className="one-time-warning">{t('oneTimeSecret.warning')}</p>
      <div className="one-time-value">
        <code data-testid={`${testId}-value`}>{secret}</code>
        <CopyButton text={secret} />
      </div>
      {children}
      <button type="button" className="button button-small" onClick={onDismiss}>
        {t('oneTimeSecret.dismiss')}
      </button>
    </section>
  );
}
