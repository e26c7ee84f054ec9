import { useTranslation } from 'react-i18next';
import { Notice, ReasonAction } from '../components/index.js';
import { requestRetention } from './compliance-endpoints.js';
import type { RetentionLists, RetentionRequest } from './compliance-types.js';

/**
 * Where a request stands: just made (not looked up yet), or as the approvals inbox last said;
 * `approvedNothingDue` when approved but nothing it named was still due (no run recorded);
 * `missing` once the inbox no longer lists it.
 */
export type RequestState =
  'requested' | 'open' | 'approved' | 'approvedNothingDue' | 'rejected' | 'expired' | 'missing';

const NOTICE_KEY: Readonly<Record<RequestState, string>> = {
  requested: 'compliance.retention.requested',
  open: 'compliance.retention.requestOpen',
  approved: 'compliance.retention.requestApproved',
  approvedNothingDue: 'compliance.retention.requestApprovedNothingDue',
  rejected: 'compliance.retention.requestRejected',
  expired: 'compliance.retention.requestExpired',
  missing: 'compliance.retention.requestMissing',
};

/** The state a listed approval status stands for; an unknown status counts as missing. */
export function requestStateOf(status: string | null): RequestState {
  const known: readonly string[] = ['open', 'approved', 'rejected', 'expired'];
  return status !== null && known.includes(status) ? (status as RequestState) : 'missing';
}

/**
 * The four-eyes request to carry out what a dry run found due. Its dialog says what it does:
 * how many customers are anonymized and how many stored report files lose their content.
 */
export function RetentionExecuteAction({
  platformId,
  lists,
  onRequested,
}: {
  platformId: string;
  lists: RetentionLists;
  onRequested: (request: RetentionRequest) => void;
}) {
  const { t } = useTranslation();
  const customers = lists.customers.length;
  const files = lists.reportFiles.length;
  return (
    <ReasonAction
      label={t('compliance.retention.execute')}
      title={t('compliance.retention.executeTitle')}
      description={t('compliance.retention.executeDescription')}
      confirmLabel={t('compliance.retention.executeConfirm')}
      tone="danger"
      action="execute"
      onSubmit={(reason) => requestRetention(platformId, reason)}
      onDone={(result) => onRequested(result as RetentionRequest)}
    >
      <ul className="retention-request-summary" data-testid="retention-request-summary">
        {customers === 0 ? null : (
          <li>{t('compliance.retention.executeCustomers', { count: customers })}</li>
        )}
        {files === 0 ? null : <li>{t('compliance.retention.executeFiles', { count: files })}</li>}
      </ul>
    </ReasonAction>
  );
}

/** What became of the request, with a button to ask the approvals inbox again while open. */
export function RetentionRequestNotice({
  approvalId,
  state,
  checking,
  onCheck,
}: {
  approvalId: string;
  state: RequestState;
  checking: boolean;
  onCheck: () => void;
}) {
  const { t } = useTranslation();
  const undecided = state === 'requested' || state === 'open';
  return (
    <div className="retention-request" data-testid="retention-requested" data-state={state}>
      <Notice>
        {t(NOTICE_KEY[state], { approvalId })}
        {undecided ? (
          <>
            {' '}
            <button
              type="button"
              className="button button-small"
              disabled={checking}
              onClick={onCheck}
              data-action="check-request"
            >
              {t('compliance.retention.checkRequest')}
            </button>
          </>
        ) : null}
      </Notice>
    </div>
  );
}
