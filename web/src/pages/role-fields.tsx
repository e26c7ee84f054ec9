import { useTranslation } from 'react-i18next';
import { STAFF_ROLES } from '../access/permissions.js';
import { listPlatforms } from '../api/index.js';
import { ResourceView } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';

export interface RoleChoice {
  role: string;
  /** Platforms a regulator supervises; empty for every other role. */
  platformIds: string[];
}

/** A regulator must supervise at least one platform; no other role is scoped to platforms. */
export function roleChoiceComplete(choice: RoleChoice): boolean {
  return choice.role !== 'regulator' || choice.platformIds.length > 0;
}

/** The body fields for a role, with platformIds only where the server expects them. */
export function roleBody(choice: RoleChoice): { role: string; platformIds?: string[] } {
  return choice.role === 'regulator'
    ? { role: choice.role, platformIds: choice.platformIds }
    : { role: choice.role };
}

/** Role select, and for a regulator the platforms they supervise. */
export function RoleFields({
  choice,
  onChange,
}: {
  choice: RoleChoice;
  onChange: (choice: RoleChoice) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label className="field">
        <span>{t('staff.role')}</span>
        <select
          name="role"
          value={choice.role}
          onChange={(event) => onChange({ role: event.target.value, platformIds: [] })}
        >
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
        <small className="muted">{t(`roleSummary.${choice.role}`, { defaultValue: '' })}</small>
      </label>
      {choice.role === 'regulator' ? (
        <PlatformChecklist choice={choice} onChange={onChange} />
      ) : null}
    </>
  );
}

function PlatformChecklist({
  choice,
  onChange,
}: {
  choice: RoleChoice;
  onChange: (choice: RoleChoice) => void;
}) {
  const { t } = useTranslation();
  const platforms = useResource((signal) => listPlatforms(signal), 'platforms');
  const toggle = (platformId: string, checked: boolean) => {
    const others = choice.platformIds.filter((id) => id !== platformId);
    onChange({ ...choice, platformIds: checked ? [...others, platformId] : others });
  };
  return (
    <fieldset className="field checklist">
      <legend>{t('staff.supervises')}</legend>
      <ResourceView resource={platforms}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted small">{t('platforms.empty')}</p>
          ) : (
            data.items.map((platform) => (
              <label key={platform.id} className="checklist-item">
                <input
                  type="checkbox"
                  name="platformIds"
                  value={platform.id}
                  checked={choice.platformIds.includes(platform.id)}
                  onChange={(event) => toggle(platform.id, event.target.checked)}
                />
                <span>{platform.name}</span>
                <code className="small muted">{platform.id}</code>
              </label>
            ))
          )
        }
      </ResourceView>
    </fieldset>
  );
}
