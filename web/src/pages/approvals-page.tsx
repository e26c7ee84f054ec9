import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decideApproval, listOpenApprovals, type Approval } from '../api/index.js';
import {
  DateTime,
  DetailList,
  EmptyRow,
  IdLink,
  Notice,
  PageHeader,
  ReasonAction,
  ResourceView,
} from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';

/** The four-eyes inbox: requests someone else made, waiting for a second person. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  const approvals = useResource((signal) => listOpenApprovals(signal), 'approvals');
  const onDecided = (messageKey: string) => {
    setNotice(messageKey);
    approvals.reload();
  };
  return (
    <>
      <PageHeader title={t('approvals.title')} subtitle={t('approvals.subtitle')} />
      {notice === null ? null : <Notice>{t(notice)}</Notice>}
      <ResourceView resource={approvals}>
        {(page) => (
          <table className="table" data-testid="approvals-table">
            <thead>
              <tr>
                <th>{t('approvals.action')}</th>
                <th>{t('approvals.reason')}</th>
                <th>{t('approvals.requestedBy')}</th>
                <th>{t('common.createdAt')}</th>
                <th>{t('approvals.expiresAt')}</th>
                <th>{t('approvals.payload')}</th>
                <th className="cell-actions">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.length === 0 ? (
                <EmptyRow columns={7} text={t('approvals.empty')} />
              ) : null}
              {page.items.map((approval) => (
                <ApprovalRow key={approval.id} approval={approval} onDecided={onDecided} />
              ))}
            </tbody>
          </table>
        )}
      </ResourceView>
    </>
  );
}

function ApprovalRow({
  approval,
  onDecided,
}: {
  approval: Approval;
  onDecided: (messageKey: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <tr data-approval-id={approval.id}>
      <td>
        <strong>
          {t(`approvalAction.${approval.action.replace(/\./g, '_')}`, {
            defaultValue: approval.action,
          })}
        </strong>
      </td>
      <td className="cell-wrap">{approval.reason}</td>
      <td>
        <IdLink id={approval.requestedBy} compact />
      </td>
      <td>
        <DateTime value={approval.createdAt} />
      </td>
      <td>
        <DateTime value={approval.expiresAt} />
      </td>
      <td>
        <DetailList detail={approval.payload} />
      </td>
      <td className="cell-actions">
        <div className="row-actions">
          <ReasonAction
            label={t('approvals.approve')}
            title={t('approvals.approveTitle')}
            confirmLabel={t('approvals.approve')}
            tone="primary"
            onSubmit={(reason) => decideApproval(approval.id, 'approve', { reason })}
            onDone={() => onDecided('approvals.approved')}
          />
          <ReasonAction
            label={t('approvals.reject')}
            title={t('approvals.rejectTitle')}
            confirmLabel={t('approvals.reject')}
            tone="danger"
            onSubmit={(reason) => decideApproval(approval.id, 'reject', { reason })}
            onDone={() => onDecided('approvals.rejected')}
          />
        </div>
      </td>
    </tr>
  );
}
