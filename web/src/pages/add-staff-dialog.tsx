import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addStaffMember, type StaffCreated } from '../api/index.js';
import { FormDialog } from '../components/index.js';
import { roleBody, roleChoiceComplete, RoleFields, type RoleChoice } from './role-fields.js';

/** The login pattern the server accepts. */
const LOGIN_PATTERN = /^[a-z0-9._-]{3,64}$/;
const NAME_LENGTH_MAX = 200;

export interface AddedStaff extends StaffCreated {
  login: string;
  name: string;
}

/** Adds a member of staff: login, name and role; the role waits for a second admin. */
export function AddStaffDialog({
  onClose,
  onAdded,
}: {
  onClose: () => void;
  onAdded: (added: AddedStaff) => void;
}) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const [choice, setChoice] = useState<RoleChoice>({ role: 'operator', platformIds: [] });
  const loginOk = LOGIN_PATTERN.test(login);
  const ready = loginOk && name.trim() !== '' && roleChoiceComplete(choice);
  return (
    <FormDialog
      title={t('staff.addTitle')}
      description={t('staff.addDescription')}
      confirmLabel={t('staff.add')}
      tone="primary"
      ready={ready}
      onClose={onClose}
      onSubmit={async (reason) => {
        const created = await addStaffMember({
          login,
          name: name.trim(),
          ...roleBody(choice),
          reason,
        });
        return { ...created, login, name: name.trim() };
      }}
      onDone={onAdded}
    >
      <label className="field">
        <span>{t('staff.login')}</span>
        <input
          name="login"
          autoCapitalize="none"
          spellCheck={false}
          value={login}
          onChange={(event) => setLogin(event.target.value.toLowerCase())}
          required
          autoFocus
        />
        <small className={login === '' || loginOk ? 'muted' : 'field-error'}>
          {t('staff.loginRule')}
        </small>
      </label>
      <label className="field">
        <span>{t('staff.name')}</span>
        <input
          name="name"
          value={name}
          maxLength={NAME_LENGTH_MAX}
          onChange={(event) => setName(event.target.value)}
          required
        />
      </label>
      <RoleFields choice={choice} onChange={setChoice} />
    </FormDialog>
  );
}
