import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { DateTime, EmptyRow, IdLink, MoneyText, StatusBadge } from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { usePlatformId } from '../session/index.js';
import type { CaseNotice } from './case-actions.js';
import { CaseDialog, DialogButton } from './case-dialog.js';
import { settleCaseHold } from './case-endpoints.js';
import type { CaseInstruction, CaseWorkspace } from './case-types.js';
import { ReasonField } from './reason-field.js';

/** The customer's recent instructions; held ones can be released or voided from the case. */
export function CaseInstructions({
  data,
  onActed,
}: {
  data: CaseWorkspace;
  onActed: (notice: CaseNotice) => void;
}) {
  const { t } = useTranslation();
  const maySettle = useCan()('holds.settle') && data.case.state !== 'closed';
  return (
    <table className="table" data-testid="case-instructions">
      <thead>
        <tr>
          <th>{t('cases.customer.instruction')}</th>
          <th>{t('cases.customer.type')}</th>
          <th>{t('common.status')}</th>
          <th>{t('cases.customer.direction')}</th>
          <th className="cell-amount">{t('cases.customer.amount')}</th>
          <th>{t('cases.customer.counterparty')}</th>
          <th>{t('cases.customer.purpose')}</th>
          <th>{t('common.createdAt')}</th>
          {maySettle ? <th className="cell-actions">{t('common.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {data.instructions.length === 0 ? (
          <EmptyRow columns={maySettle ? 9 : 8} text={t('cases.customer.noInstructions')} />
        ) : null}
        {data.instructions.map((instruction) => (
          <tr key={instruction.id} data-instruction-id={instruction.id}>
            <td>
              <IdLink id={instruction.id} compact to={consolePaths.instruction(instruction.id)} />
            </td>
            <td>{t(`instructionType.${instruction.type}`, { defaultValue: instruction.type })}</td>
            <td>
              <StatusBadge status={instruction.status} />
            </td>
            <td>{t(`cases.customer.${instruction.direction === 'in' ? 'inflow' : 'outflow'}`)}</td>
            <td className="cell-amount">
              <MoneyText value={instruction.amount} />
            </td>
            <td>
              <Counterparty
                accountId={instruction.counterpartyAccountId}
                accountType={instruction.counterpartyAccountType}
                customerId={instruction.counterpartyCustomerId}
              />
            </td>
            <td className="cell-wrap">{instruction.purpose}</td>
            <td>
              <DateTime value={instruction.createdAt} />
            </td>
            {maySettle ? (
              <td className="cell-actions">
                {instruction.status === 'pending' ? (
                  <HoldButtons data={data} instruction={instruction} onActed={onActed} />
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Counterparty(props: {
  accountId: string;
  accountType: string;
  customerId: string | null;
}) {
  const { t } = useTranslation();
  return (
    <span>
      <IdLink id={props.accountId} compact to={consolePaths.account(props.accountId)} />{' '}
      <span className="small muted">
        {t(`accountType.${props.accountType}`, { defaultValue: props.accountType })}
      </span>
      {props.customerId === null ? null : (
        <div className="small">
          <IdLink id={props.customerId} compact to={consolePaths.customer(props.customerId)} />
        </div>
      )}
    </span>
  );
}

function HoldButtons({
  data,
  instruction,
  onActed,
}: {
  data: CaseWorkspace;
  instruction: CaseInstruction;
  onActed: (notice: CaseNotice) => void;
}) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const button = (decision: 'release' | 'void') => (
    <DialogButton
      label={t(`cases.holdDecision.${decision}`)}
      tone={decision === 'void' ? 'danger' : 'primary'}
      testId={`action-hold-${decision}`}
      dialog={(close) => (
        <ReasonField>
          {(reason, field) => (
            <CaseDialog
              title={t(`cases.hold.${decision}Title`)}
              description={t('cases.hold.help')}
              confirmLabel={t(`cases.holdDecision.${decision}`)}
              tone={decision === 'void' ? 'danger' : 'primary'}
              ready={reason.trim() !== ''}
              testId={`dialog-hold-${decision}`}
              submit={() =>
                settleCaseHold(platformId, data.case.id, instruction.id, {
                  decision,
                  reason: reason.trim(),
                })
              }
              onClose={close}
              onDone={(reply) => {
                close();
                onActed({
                  key: 'cases.notice.holdSettled',
                  values: { status: t(`status.${reply.status}`) },
                });
              }}
            >
              {field}
            </CaseDialog>
          )}
        </ReasonField>
      )}
    />
  );
  return (
    <div className="row-actions">
      {button('release')}
      {button('void')}
    </div>
  );
}

/** Accounts the customer's money went to and came from, with totals each way. */
export function CaseCounterparties({ data }: { data: CaseWorkspace }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="case-counterparties">
      <thead>
        <tr>
          <th>{t('cases.customer.counterparty')}</th>
          <th className="cell-amount">{t('cases.customer.instructionCount')}</th>
          <th className="cell-amount">{t('cases.customer.inflow')}</th>
          <th className="cell-amount">{t('cases.customer.outflow')}</th>
        </tr>
      </thead>
      <tbody>
        {data.counterparties.length === 0 ? (
          <EmptyRow columns={4} text={t('cases.customer.noCounterparties')} />
        ) : null}
        {data.counterparties.map((party) => (
          <tr key={`${party.accountId}|${party.currency}`} data-account-id={party.accountId}>
            <td>
              <Counterparty
                accountId={party.accountId}
                accountType={party.accountType}
                customerId={party.customerId}
              />
            </td>
            <td className="cell-amount">{party.instructionCount}</td>
            <td className="cell-amount">
              <MoneyText value={party.inflow} />
            </td>
            <td className="cell-amount">
              <MoneyText value={party.outflow} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
