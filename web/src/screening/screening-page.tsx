import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { PageHeader } from '../components/index.js';
import { usePlatformId } from '../session/index.js';
import { AdHocScreening } from './ad-hoc-screening.js';
import { ListVersions } from './list-versions.js';
import { ReviewQueue } from './review-queue.js';
import './screening.css';

export const screeningPaths = { page: '/screening' } as const;

/** Sanctions screening: the review queue, ad-hoc screening with explanations, list versions. */
export function ScreeningPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const canDecide = useCan()('screening.manage');
  return (
    <>
      <PageHeader title={t('screening.title')} subtitle={t('screening.subtitle')} />
      <ReviewQueue platformId={platformId} canDecide={canDecide} />
      <AdHocScreening />
      <ListVersions />
    </>
  );
}
