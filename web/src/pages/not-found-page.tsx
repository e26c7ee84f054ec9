import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { Link } from '../router/index.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} subtitle={t('notFound.subtitle')} />
      <Link to={consolePaths.customers}>{t('notFound.back')}</Link>
    </>
  );
}
