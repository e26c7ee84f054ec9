import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { staffStatus } from '../access/staff-status.js';
import { useCan } from '../access/use-can.js';
import { disableStaffMember, listStaff, type StaffMember } from '../api/index.js';
import {
  DateTime,
  EmptyRow,
  IdLink,
  Notice,
  OneTimeSecret,
  PageHeader,
  ReasonAction,
  ResourceView,
  StatusBadge,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { useSession } from '../session/index.js';
import { AddStaffDialog, type AddedStaff } from './add-staff-dialog.js';
import { ChangeRoleDialog } from './change-role-dialog.js';

/**
 * People who sign in to the console and their roles. Adding someone or changing a role is a
 * four-eyes action (a second admin approves it in the inbox); disabling takes effect at once.
 */
export function StaffPage() {
  const { t } = useTranslation();
  const can = useCan();
  const mayManage = can('users.manage');
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<AddedStaff | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const staff = useResource((signal) => listStaff(signal), 'staff');
  const changed = (messageKey: string) => {
    setNotice(messageKey);
    staff.reload();
  };
  return (
    <>
      <PageHeader
        title={t('staff.title')}
        subtitle={t('staff.subtitle')}
        actions={
          mayManage ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setNotice(null);
                setAdding(true);
              }}
            >
              {t('staff.add')}
            </button>
          ) : undefined
        }
      />
      {adding ? (
        <AddStaffDialog
          onClose={() => setAdding(false)}
          onAdded={(member) => {
            setAdding(false);
            setAdded(member);
            staff.reload();
          }}
        />
      ) : null}
      {added === null ? null : (
        <OneTimeSecret
          title={t('staff.initialPasswordTitle', { name: added.name })}
          secret={added.initialPassword}
          testId="initial-password"
          onDismiss={() => setAdded(null)}
        >
          <p>{t('staff.initialPasswordNext', { login: added.login })}</p>
          <p className="muted">
            {t('staff.awaitingSecondAdmin')}{' '}
            <Link to={consolePaths.approvals}>{t('nav.approvals')}</Link>
          </p>
        </OneTimeSecret>
      )}
      {notice === null ? null : <Notice>{t(notice)}</Notice>}
      <ResourceView resource={staff}>
        {(data) => (
          <table className="table" data-testid="staff-table">
            <thead>
              <tr>
                <th>{t('staff.name')}</th>
                <th>{t('staff.login')}</th>
                <th>{t('staff.role')}</th>
                <th>{t('common.status')}</th>
                <th>{t('staff.secondFactor')}</th>
                <th>{t('common.createdAt')}</th>
                {mayManage ? <th className="cell-actions">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 ? (
                <EmptyRow columns={mayManage ? 7 : 6} text={t('staff.empty')} />
              ) : null}
              {data.items.map((member) => (
                <StaffRow
                  key={member.id}
                  member={member}
                  mayManage={mayManage}
                  onChanged={changed}
                />
              ))}
            </tbody>
          </table>
        )}
      </ResourceView>
    </>
  );
}

function StaffRow({
  member,
  mayManage,
  onChanged,
}: {
  member: StaffMember;
  mayManage: boolean;
  onChanged: (messageKey: string) => void;
}) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const [changingRole, setChangingRole] = useState(false);
  const status = staffStatus(member, Date.now());
  const isSelf = member.id === principal.id;
  return (
    <tr data-staff-id={member.id} data-login={member.login ?? undefined}>
      <td>
        <strong>{member.name}</strong>
        {isSelf ? <span className="muted small"> · {t('staff.you')}</span> : null}
        <div>
          <IdLink id={member.id} compact />
        </div>
      </td>
      <td>
        {member.login === null ? <span className="muted">—</span> : <code>{member.login}</code>}
      </td>
      <td>
        {t(`role.${member.role}`, { defaultValue: member.role })}
        {member.platformIds.length === 0 ? null : (
          <div className="small muted">
            {t('staff.supervisesCount', { count: member.platformIds.length })}
          </div>
        )}
      </td>
      <td>
        <StatusBadge status={status} />
        {status === 'locked' ? (
          <div className="small muted">
            {t('staff.lockedUntil')} <DateTime value={member.lockedUntil} />
          </div>
        ) : null}
      </td>
      <td>
        {member.login === null ? (
          <span className="muted">—</span>
        ) : member.totpEnrolledAt === null ? (
          <span className="muted">{t('staff.notEnrolled')}</span>
        ) : (
          <DateTime value={member.totpEnrolledAt} />
        )}
      </td>
      <td>
        <DateTime value={member.createdAt} />
      </td>
      {mayManage ? (
        <td className="cell-actions">
          {status === 'disabled' || isSelf ? null : (
            <div className="row-actions">
              <button
                type="button"
                className="button button-small"
                onClick={() => setChangingRole(true)}
              >
                {t('staff.changeRole')}
              </button>
              <ReasonAction
                label={t('staff.disable')}
                title={t('staff.disableTitle', { name: member.name })}
                description={t('staff.disableDescription')}
                confirmLabel={t('staff.disable')}
                tone="danger"
                onSubmit={(reason) => disableStaffMember(member.id, { reason })}
                onDone={() => onChanged('staff.disabled')}
              />
            </div>
          )}
          {changingRole ? (
            <ChangeRoleDialog
              member={member}
              onClose={() => setChangingRole(false)}
              onRequested={() => {
                setChangingRole(false);
                onChanged('staff.roleRequested');
              }}
            />
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
