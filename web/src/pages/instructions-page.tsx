import { useTranslation } from 'react-i18next';
import { INSTRUCTION_STATUSES, listInstructions } from '../api/index.js';
import {
  DateTime,
  EmptyRow,
  IdLink,
  MoneyText,
  PageHeader,
  Pager,
  ResourceView,
  StatusBadge,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useCursorPager } from '../hooks/use-cursor-pager.js';
import { useResource } from '../hooks/use-resource.js';
import { setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId } from '../session/index.js';

/** Instructions the platform submitted, newest first, filtered by status. */
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
            <table className="table" data-testid="instructions-table">
              <thead>
                <tr>
                  <th>{t('common.createdAt')}</th>
                  <th>{t('common.id')}</th>
                  <th>{t('instructions.type')}</th>
                  <th>{t('common.status')}</th>
                  <th className="cell-amount">{t('instructions.amount')}</th>
                  <th>{t('instructions.debitAccount')}</th>
                  <th>{t('instructions.creditAccount')}</th>
                  <th>{t('instructions.purpose')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.length === 0 ? (
                  <EmptyRow columns={8} text={t('instructions.empty')} />
                ) : null}
                {page.items.map((instruction) => (
                  <tr key={instruction.id} data-instruction-id={instruction.id}>
                    <td>
                      <DateTime value={instruction.createdAt} />
                    </td>
                    <td>
                      <IdLink id={instruction.id} to={consolePaths.instruction(instruction.id)} />
                    </td>
                    <td>
                      {t(`instructionType.${instruction.type}`, { defaultValue: instruction.type })}
                    </td>
                    <td>
                      <StatusBadge status={instruction.status} />
                      {instruction.holdReason === null ? null : (
                        <div className="muted small">
                          {t(`holdReason.${instruction.holdReason}`, {
                            defaultValue: instruction.holdReason,
                          })}
                        </div>
                      )}
                    </td>
                    <td className="cell-amount">
                      <MoneyText value={instruction.amount} />
                    </td>
                    <td>
                      <IdLink
                        id={instruction.debitAccountId} compact
                        to={consolePaths.account(instruction.debitAccountId)}
                      />
                    </td>
                    <td>
                      <IdLink
                        id={instruction.creditAccountId} compact
                        to={consolePaths.account(instruction.creditAccountId)}
                      />
                    </td>
                    <td className="cell-wrap">{instruction.purpose}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager pager={pager} nextCursor={page.nextCursor} />
          </>
        )}
      </ResourceView>
    </>
  );
}
