import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DateTime,
  FormDialog,
  IdLink,
  ReasonAction,
  ResourceView,
  Section,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useResource } from '../hooks/use-resource.js';
import { reportsPaths } from '../reports/reports-paths.js';
import {
  listRetentionHolds,
  placeRetentionHold,
  requestHoldRelease,
} from './compliance-endpoints.js';
import type { RetentionHold, RetentionHoldSubject } from './compliance-types.js';

/** The id pattern the server accepts. */
const ID_PATTERN = /^[a-z]+_[0-9a-z]+$/;
const ID_LENGTH_MAX = 64;

const subjectPath = (hold: Pick<RetentionHold, 'subjectType' | 'subjectId'>) =>
  hold.subjectType === 'customer'
    ? consolePaths.customer(hold.subjectId)
    : reportsPaths.report(hold.subjectId);

/**
 * The active retention holds: each keeps a customer's personal data or a report's stored files
 * past their period until someone releases it. Placing and releasing need `compliance.write`.
 */
export function RetentionHoldsSection({
  platformId,
  mayWrite,
}: {
  platformId: string;
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const holds = useResource((signal) => listRetentionHolds(platformId, signal), platformId);
  const [placing, setPlacing] = useState(false);
  return (
    <Section title={t('compliance.retention.holdsTitle')} testId="retention-holds">
      <p className="muted">{t('compliance.retention.holdsExplained')}</p>
      {mayWrite ? (
        <div className="row-actions">
          <button
            type="button"
            className="button button-small"
            onClick={() => setPlacing(true)}
            data-action="place-hold"
          >
            {t('compliance.retention.placeHold')}
          </button>
        </div>
      ) : null}
      {placing ? (
        <PlaceHoldDialog
          platformId={platformId}
          onClose={() => setPlacing(false)}
          onPlaced={() => {
            setPlacing(false);
            holds.reload();
          }}
        />
      ) : null}
      <ResourceView resource={holds}>
        {(data) =>
          data.length === 0 ? (
            <p className="muted">{t('compliance.retention.holdsNone')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('compliance.retention.holdSubject')}</th>
                  <th>{t('compliance.retention.holdReason')}</th>
                  <th>{t('compliance.retention.placedBy')}</th>
                  <th>{t('compliance.retention.placedAt')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.map((hold) => (
                  <tr key={hold.holdId} data-hold={hold.holdId} data-subject={hold.subjectId}>
                    <td>
                      {t(`compliance.retention.holdSubjects.${hold.subjectType}`)}{' '}
                      <IdLink id={hold.subjectId} to={subjectPath(hold)} />
                    </td>
                    <td className="cell-wrap">{hold.reason}</td>
                    <td>
                      <IdLink id={hold.placedBy} compact />
                    </td>
                    <td>
                      <DateTime value={hold.placedAt} />
                    </td>
                    <td className="cell-wrap">
                      {mayWrite ? (
                        <ReleaseHoldAction
                          platformId={platformId}
                          hold={hold}
                          onRequested={() => holds.reload()}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </ResourceView>
    </Section>
  );
}

/** Names the customer or report to hold; the reason field is the dialog's own. */
function PlaceHoldDialog({
  platformId,
  onClose,
  onPlaced,
}: {
  platformId: string;
  onClose: () => void;
  onPlaced: (hold: RetentionHold) => void;
}) {
  const { t } = useTranslation();
  const [subjectType, setSubjectType] = useState<RetentionHoldSubject>('customer');
  const [subjectId, setSubjectId] = useState('');
  const idOk = ID_PATTERN.test(subjectId);
  return (
    <FormDialog
      title={t('compliance.retention.placeHoldTitle')}
      description={t('compliance.retention.placeHoldDescription')}
      confirmLabel={t('compliance.retention.placeHold')}
      tone="primary"
      ready={idOk}
      onClose={onClose}
      onSubmit={(reason) => placeRetentionHold(platformId, { subjectType, subjectId, reason })}
      onDone={onPlaced}
    >
      <label className="field">
        <span>{t('compliance.retention.holdSubjectType')}</span>
        <select
          name="subjectType"
          value={subjectType}
          onChange={(event) => setSubjectType(event.target.value as RetentionHoldSubject)}
        >
          <option value="customer">{t('compliance.retention.holdSubjects.customer')}</option>
          <option value="report">{t('compliance.retention.holdSubjects.report')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('compliance.retention.holdSubjectId')}</span>
        <input
          name="subjectId"
          autoCapitalize="none"
          spellCheck={false}
          value={subjectId}
          maxLength={ID_LENGTH_MAX}
          onChange={(event) => setSubjectId(event.target.value.trim())}
          required
          autoFocus
        />
        <small className={subjectId === '' || idOk ? 'muted' : 'field-error'}>
          {t('compliance.retention.holdSubjectIdRule')}
        </small>
      </label>
    </FormDialog>
  );
}

/**
 * Asks to release a hold, with the reason the release will record; while a request is open,
 * says who asked and links its approval instead (a second person decides it).
 */
export function ReleaseHoldAction({
  platformId,
  hold,
  onRequested,
}: {
  platformId: string;
  hold: RetentionHold;
  onRequested: () => void;
}) {
  const { t } = useTranslation();
  const request = hold.releaseRequest;
  if (request !== null)
    return (
      <div className="muted" data-release-requested={request.approvalId}>
        {t('compliance.retention.releaseRequested')}{' '}
        <IdLink id={request.approvalId} to={consolePaths.approvals} compact />
        <br />
        {t('compliance.retention.releaseRequestedBy')} <IdLink id={request.requestedBy} compact />
      </div>
    );
  return (
    <ReasonAction
      label={t('compliance.retention.releaseHold')}
      title={t('compliance.retention.releaseTitle', { holdId: hold.holdId })}
      description={t('compliance.retention.releaseDescription')}
      confirmLabel={t('compliance.retention.releaseHold')}
      tone="danger"
      action="release-hold"
      onSubmit={(reason) => requestHoldRelease(platformId, hold.holdId, reason)}
      onDone={onRequested}
    />
  );
}
