import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleMayDecide } from '../access/permissions.js';
import { useCan } from '../access/use-can.js';
import {
  APPROVAL_STATUSES,
  decideApproval,
  listApprovals,
  listApiKeys,
  listStaff,
  type Approval,
  type ApprovalStatus,
} from '../api/index.js';
import {
  DateTime,
  DetailList,
  EmptyRow,
  IdLink,
  Notice,
  PageHeader,
  ReasonAction,
  ResourceView,
  StatusBadge,
} from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { setSearchParam, useSearchParam } from '../router/index.js';
import { useSession } from '../session/index.js';
import { describeApproval } from './approval-description.js';

function isApprovalStatus(value: string): value is ApprovalStatus {
  return (APPROVAL_STATUSES as readonly string[]).includes(value);
}

/**
 * The four-eyes inbox: requests waiting for a second person, and (by status) the ones already
 * decided. Your own requests wait for someone else; actions your role cannot decide say so.
 */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { principal } = useSession();
  const param = useSearchParam('status');
  const status: ApprovalStatus = isApprovalStatus(param) ? param : 'open';
  const [notice, setNotice] = useState<string | null>(null);
  const approvals = useResource((signal) => listApprovals(status, signal), status);
  const mayReadStaff = can('users.read');
  const staff = useResource(
    (signal) => (mayReadStaff ? listStaff(signal) : Promise.resolve({ items: [] })),
    `staff|${mayReadStaff}`,
  );
  const mayReadKeys = can('keys.manage');
  const keys = useResource(
    (signal) => (mayReadKeys ? listApiKeys(null, signal) : Promise.resolve({ items: [] })),
    `keys|${mayReadKeys}`,
  );
  // People by name where the role may see them: staff, and the holders of API keys.
  const names = new Map<string, string>();
  if (keys.state.status === 'ready') {
    for (const key of keys.state.data.items) names.set(key.principalId, key.principalName);
  }
  if (staff.state.status === 'ready') {
    for (const member of staff.state.data.items) names.set(member.id, member.name);
  }
  names.set(principal.id, principal.name);
  const nameOf = (principalId: string) => names.get(principalId) ?? null;
  const decided = status !== 'open';
  const onDecided = (messageKey: string) => {
    setNotice(messageKey);
    approvals.reload();
  };
  return (
    <>
      <PageHeader title={t('approvals.title')} subtitle={t('approvals.subtitle')} />
      <div className="filters">
        <label className="field field-inline">
          <span>{t('common.status')}</span>
          <select
            name="status"
            value={status}
            onChange={(event) => {
              setNotice(null);
              setSearchParam('status', event.target.value === 'open' ? '' : event.target.value);
            }}
          >
            {APPROVAL_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`status.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {notice === null ? null : <Notice>{t(notice)}</Notice>}
      <ResourceView resource={approvals}>
        {(page) => (
          <table className="table" data-testid="approvals-table" data-status={status}>
            <thead>
              <tr>
                <th>{t('approvals.action')}</th>
                <th>{t('approvals.reason')}</th>
                <th>{t('approvals.requestedBy')}</th>
                <th>{decided ? t('approvals.decision') : t('approvals.expiresAt')}</th>
                <th>{t('approvals.payload')}</th>
                {decided ? null : <th className="cell-actions">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {page.items.length === 0 ? (
                <EmptyRow columns={decided ? 5 : 6} text={t(`approvals.empty_${status}`)} />
              ) : null}
              {page.items.map((approval) => (
                <ApprovalRow
                  key={approval.id}
                  approval={approval}
                  nameOf={nameOf}
                  onDecided={onDecided}
                />
              ))}
            </tbody>
          </table>
        )}
      </ResourceView>
    </>
  );
}

function Person({ id, nameOf }: { id: string; nameOf: (id: string) => string | null }) {
  const name = nameOf(id);
  if (name === null) return <IdLink id={id} compact />;
  return (
    <span title={id} data-principal-id={id}>
      {name}
    </span>
  );
}

function ApprovalRow({
  approval,
  nameOf,
  onDecided,
}: {
  approval: Approval;
  nameOf: (principalId: string) => string | null;
  onDecided: (messageKey: string) => void;
}) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const open = approval.status === 'open';
  const own = approval.requestedBy === principal.id;
  return (
    <tr data-approval-id={approval.id} data-action={approval.action} data-status={approval.status}>
      <td className="approval-cell">
        <strong>
          {t(`approvalAction.${approval.action.replace(/\./g, '_')}`, {
            defaultValue: approval.action,
          })}
        </strong>
        <div className="approval-description">{describeApproval(approval, t, nameOf)}</div>
      </td>
      <td className="cell-wrap">{approval.reason}</td>
      <td>
        <Person id={approval.requestedBy} nameOf={nameOf} />
        {own ? <span className="small muted"> {t('approvals.you')}</span> : null}
        <div className="small muted">
          <DateTime value={approval.createdAt} />
        </div>
      </td>
      <td>
        {open ? (
          <DateTime value={approval.expiresAt} />
        ) : (
          <div data-testid="decision">
            <StatusBadge status={approval.status} />
            {approval.decidedBy === null ? null : (
              <div className="small">
                {t('approvals.decidedBy')} <Person id={approval.decidedBy} nameOf={nameOf} />
              </div>
            )}
            {approval.decisionReason === null ? null : (
              <div className="small muted cell-wrap">{approval.decisionReason}</div>
            )}
            <DateTime value={approval.decidedAt} />
          </div>
        )}
      </td>
      <td className="cell-wrap">
        <DetailList detail={approval.payload} />
      </td>
      {open ? (
        <td className="cell-actions">
          <DecisionCell approval={approval} own={own} onDecided={onDecided} />
        </td>
      ) : null}
    </tr>
  );
}

function DecisionCell({
  approval,
  own,
  onDecided,
}: {
  approval: Approval;
  own: boolean;
  onDecided: (messageKey: string) => void;
}) {
  const { t } = useTranslation();
  const { principal } = useSession();
  if (own) {
    return (
      <span className="decision-note awaiting-note" data-testid="awaiting-second-person">
        {t('approvals.awaitingSecondPerson')}
      </span>
    );
  }
  if (!roleMayDecide(principal.role, approval.action)) {
    return <span className="muted small decision-note">{t('approvals.otherRoleDecides')}</span>;
  }
  return (
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
  );
}
