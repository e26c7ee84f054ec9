import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { actionOutcome, listActiveFreezes, requestUnfreeze, type Freeze } from '../api/index.js';
import {
  DateTime,
  EmptyRow,
  IdLink,
  Notice,
  PageHeader,
  ReasonAction,
  ResourceView,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useResource } from '../hooks/use-resource.js';
import { usePlatformId } from '../session/index.js';

/** Active freezes; lifting one is a four-eyes action, so the button only requests it. */
export function FreezesPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const [notice, setNotice] = useState<string | null>(null);
  const freezes = useResource((signal) => listActiveFreezes(platformId, signal), platformId);
  const onLifted = (result: unknown) => {
    setNotice(
      actionOutcome(result) === 'approvalRequested' ? 'freezes.liftRequested' : 'freezes.lifted',
    );
    freezes.reload();
  };
  return (
    <>
      <PageHeader title={t('freezes.title')} subtitle={t('freezes.subtitle')} />
      {notice === null ? null : <Notice>{t(notice)}</Notice>}
      <ResourceView resource={freezes}>
        {(page) => (
          <table className="table" data-testid="freezes-table">
            <thead>
              <tr>
                <th>{t('freezes.subject')}</th>
                <th>{t('freezes.scope')}</th>
                <th>{t('freezes.reason')}</th>
                <th>{t('freezes.note')}</th>
                <th>{t('freezes.createdBy')}</th>
                <th>{t('common.createdAt')}</th>
                <th className="cell-actions">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.length === 0 ? <EmptyRow columns={7} text={t('freezes.empty')} /> : null}
              {page.items.map((freeze) => (
                <FreezeRow
                  key={freeze.id}
                  freeze={freeze}
                  platformId={platformId}
                  onLifted={onLifted}
                />
              ))}
            </tbody>
          </table>
        )}
      </ResourceView>
    </>
  );
}

function FreezeRow(props: {
  freeze: Freeze;
  platformId: string;
  onLifted: (result: unknown) => void;
}) {
  const { t } = useTranslation();
  const { freeze } = props;
  const mayRequestLift = useCan()('freezes.lift_request');
  return (
    <tr data-freeze-id={freeze.id}>
      <td>
        {freeze.customerId === null ? null : (
          <div>
            {t('freezes.customer')}{' '}
            <IdLink id={freeze.customerId} compact to={consolePaths.customer(freeze.customerId)} />
          </div>
        )}
        {freeze.accountId === null ? null : (
          <div>
            {t('freezes.account')}{' '}
            <IdLink id={freeze.accountId} compact to={consolePaths.account(freeze.accountId)} />
          </div>
        )}
      </td>
      <td>{t(`freezeScope.${freeze.scope}`, { defaultValue: freeze.scope })}</td>
      <td>
        {t(`freezeReason.${freeze.reasonCode}`, { defaultValue: freeze.reasonCode })}
        <div>
          <code className="small muted">{freeze.reasonCode}</code>
        </div>
      </td>
      <td className="cell-wrap">
        {freeze.note ?? <span className="muted">—</span>}
        {freeze.caseRef === null ? null : (
          <div className="small muted">{t('freezes.caseRef', { caseRef: freeze.caseRef })}</div>
        )}
      </td>
      <td>
        <IdLink id={freeze.createdBy} compact />
      </td>
      <td>
        <DateTime value={freeze.createdAt} />
      </td>
      <td className="cell-actions">
        {!mayRequestLift ? null : (
          <div className="row-actions">
            <ReasonAction
              label={t('freezes.requestLift')}
              title={t('freezes.requestLiftTitle')}
              description={t('freezes.requestLiftDescription')}
              confirmLabel={t('freezes.requestLift')}
              tone="primary"
              onSubmit={(reason) => requestUnfreeze(props.platformId, freeze.id, { reason })}
              onDone={props.onLifted}
            />
          </div>
        )}
      </td>
    </tr>
  );
}
