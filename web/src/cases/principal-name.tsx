import { useTranslation } from 'react-i18next';
import { IdLink } from '../components/index.js';
import { useSession } from '../session/index.js';

const SYSTEM_ACTOR_PREFIX = 'system:';

/**
 * Who did something or holds a case: "you" for the signed-in person, "Custos" for the
 * system, otherwise the principal's id (names are only readable with users.read).
 */
export function AssigneeName({ principalId }: { principalId: string | null }) {
  const { t } = useTranslation();
  const { principal } = useSession();
  if (principalId === null) return <span className="muted">{t('cases.unassigned')}</span>;
  if (principalId === principal.id)
    return (
      <span title={principalId} data-principal-id={principalId}>
        {principal.name} <span className="muted small">{t('cases.you')}</span>
      </span>
    );
  if (principalId.startsWith(SYSTEM_ACTOR_PREFIX))
    return (
      <span className="muted" title={principalId}>
        {t('cases.system')}
      </span>
    );
  return <IdLink id={principalId} compact />;
}
