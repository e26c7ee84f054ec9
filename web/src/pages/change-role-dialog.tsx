import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestRoleChange, type StaffMember } from '../api/index.js';
import { FormDialog } from '../components/index.js';
import { roleBody, roleChoiceComplete, RoleFields, type RoleChoice } from './role-fields.js';

/** Asks for a new role (or supervision scope); it takes effect when a second admin approves. */
export function ChangeRoleDialog({
  member,
  onClose,
  onRequested,
}: {
  member: StaffMember;
  onClose: () => void;
  onRequested: () => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<RoleChoice>({
    role: member.role,
    platformIds: member.platformIds,
  });
  const unchanged =
    choice.role === member.role &&
    choice.platformIds.length === member.platformIds.length &&
    choice.platformIds.every((id) => member.platformIds.includes(id));
  return (
    <FormDialog
      title={t('staff.changeRoleTitle', { name: member.name })}
      description={t('staff.changeRoleDescription')}
      confirmLabel={t('staff.requestRole')}
      tone="primary"
      ready={!unchanged && roleChoiceComplete(choice)}
      onClose={onClose}
      onSubmit={(reason) => requestRoleChange(member.id, { ...roleBody(choice), reason })}
      onDone={onRequested}
    >
      <RoleFields choice={choice} onChange={setChoice} />
    </FormDialog>
  );
}
