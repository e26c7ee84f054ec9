import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatformId, useSession } from '../session/index.js';
import type { CaseNotice } from './case-actions.js';
import { CaseActionButton } from './case-action-button.js';
import { assignCase } from './case-endpoints.js';
import type { CaseWorkspace } from './case-types.js';

/** Roles a case can be handed to (round-robin within the role): those who work cases. */
export const ASSIGNABLE_ROLES = [
  'risk_analyst',
  'compliance_officer',
  'operator',
  'admin',
] as const;

/** Taking a case oneself (unless it is already one's own), or handing it to a role. */
export function AssignButtons({
  data,
  onActed,
}: {
  data: CaseWorkspace;
  onActed: (notice: CaseNotice) => void;
}) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const { principal } = useSession();
  const [role, setRole] = useState<string>('risk_analyst');
  const mine = data.case.assigneeId === principal.id;
  return (
    <>
      {mine ? null : (
        <CaseActionButton
          name="assign-me"
          label={t('cases.action.assignToMe')}
          description={t('cases.assign.toMeHelp')}
          submit={() => assignCase(platformId, data.case.id, { principalId: principal.id })}
          notice={() => ({ key: 'cases.notice.assignedToMe' })}
          onActed={onActed}
        />
      )}
      <CaseActionButton
        name="assign-role"
        label={t('cases.action.assignToRole')}
        description={t('cases.assign.toRoleHelp')}
        confirmLabel={t('cases.assign.confirm')}
        submit={() => assignCase(platformId, data.case.id, { role })}
        notice={() => ({ key: 'cases.notice.assignedToRole', values: { role: t(`role.${role}`) } })}
        onActed={onActed}
      >
        <label className="field">
          <span>{t('cases.assign.role')}</span>
          <select name="role" value={role} onChange={(event) => setRole(event.target.value)}>
            {ASSIGNABLE_ROLES.map((option) => (
              <option key={option} value={option}>
                {t(`role.${option}`)}
              </option>
            ))}
          </select>
        </label>
      </CaseActionButton>
    </>
  );
}
