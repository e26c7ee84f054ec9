import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import {
  DateTime,
  IdLink,
  Notice,
  ReasonAction,
  ResourceView,
  Section,
} from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { listRetentionHolds, placeRetentionHold } from './compliance-endpoints.js';
import { ReleaseHoldAction } from './retention-holds.js';

/**
 * On a customer's page: whether a retention hold keeps the customer's personal data (and the
 * reports that name them) past the period, with a button to place or release one.
 */
export function CustomerRetentionHold({
  platformId,
  customerId,
}: {
  platformId: string;
  customerId: string;
}) {
  const { t } = useTranslation();
  const mayWrite = useCan()('compliance.write');
  const holds = useResource(
    (signal) =>
      listRetentionHolds(platformId, signal, { subjectType: 'customer', subjectId: customerId }),
    `${platformId}|${customerId}`,
  );
  return (
    <Section title={t('compliance.retention.customerHoldTitle')} testId="customer-retention-hold">
      <ResourceView resource={holds}>
        {(data) => {
          const hold = data[0];
          if (hold === undefined)
            return (
              <>
                <p className="muted">{t('compliance.retention.customerNotHeld')}</p>
                {mayWrite ? (
                  <ReasonAction
                    label={t('compliance.retention.placeHold')}
                    title={t('compliance.retention.placeHoldTitle')}
                    description={t('compliance.retention.placeHoldDescription')}
                    confirmLabel={t('compliance.retention.placeHold')}
                    tone="primary"
                    action="place-hold"
                    onSubmit={(reason) =>
                      placeRetentionHold(platformId, {
                        subjectType: 'customer',
                        subjectId: customerId,
                        reason,
                      })
                    }
                    onDone={() => holds.reload()}
                  />
                ) : null}
              </>
            );
          return (
            <>
              <Notice>
                {t('compliance.retention.customerHeld', { reason: hold.reason })}{' '}
                <IdLink id={hold.holdId} compact /> · <DateTime value={hold.placedAt} />
              </Notice>
              {mayWrite ? (
                <ReleaseHoldAction
                  platformId={platformId}
                  hold={hold}
                  onRequested={() => holds.reload()}
                />
              ) : null}
            </>
          );
        }}
      </ResourceView>
    </Section>
  );
}
