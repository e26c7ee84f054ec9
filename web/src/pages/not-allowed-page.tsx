import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { Link } from '../router/index.js';
import { useSession } from '../session/index.js';

/** A console page the signed-in role may not use (the server would refuse it as well). */
export function NotAllowedPage() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const role = t(`role.${principal.role}`, { defaultValue: principal.role });
  return (
    <>
      <PageHeader title={t('notAllowed.title')} subtitle={t('notAllowed.subtitle', { role })} />
      <Link to={consolePaths.customers}>{t('notFound.back')}</Link>
    </>
  );
}
