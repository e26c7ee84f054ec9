import { useTranslation } from 'react-i18next';
import { INSTRUCTION_STATUSES, listInstructions } from '../api/index.js';
import { PageHeader, Pager, ResourceView } from '../components/index.js';
import { useCursorPager } from '../hooks/use-cursor-pager.js';
import { useResource } from '../hooks/use-resource.js';
import { setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { InstructionsTable } from './instructions-table.js';

/** Instructions the platform submitted, newest first, filtered by status (kept in the URL). */
export function InstructionsPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const status = useSearchParam('status');
  const pager = useCursorPager(`${platformId}|${status}`);
  const instructions = useResource(
    (signal) => listInstructions(platformId, status, pager.cursor, signal),
    `${platformId}|${status}|${pager.cursor}`,
  );
  return (
    <>
      <PageHeader title={t('instructions.title')} subtitle={t('instructions.subtitle')} />
      <div className="filters">
        <label className="field field-inline">
          <span>{t('common.status')}</span>
          <select
            name="status"
            value={status}
            onChange={(event) => setSearchParam('status', event.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {INSTRUCTION_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`status.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ResourceView resource={instructions}>
        {(page) => (
          <>
            <InstructionsTable instructions={page.items} />
            <Pager pager={pager} nextCursor={page.nextCursor} />
          </>
        )}
      </ResourceView>
    </>
  );
}
