import { useTranslation } from 'react-i18next';
import type { Instruction } from '../api/index.js';
import { DateTime, EmptyRow, IdLink, MoneyText, StatusBadge } from '../components/index.js';
import { consolePaths } from '../console-paths.js';

/** Instructions with status (and why one is held), amount and the two accounts. */
export function InstructionsTable({ instructions }: { instructions: Instruction[] }) {
  const { t } = useTranslation();
  return (
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
        {instructions.length === 0 ? <EmptyRow columns={8} text={t('instructions.empty')} /> : null}
        {instructions.map((instruction) => (
          <InstructionRow key={instruction.id} instruction={instruction} />
        ))}
      </tbody>
    </table>
  );
}

function InstructionRow({ instruction }: { instruction: Instruction }) {
  const { t } = useTranslation();
  const { holdReason } = instruction;
  return (
    <tr data-instruction-id={instruction.id}>
      <td>
        <DateTime value={instruction.createdAt} />
      </td>
      <td>
        <IdLink id={instruction.id} to={consolePaths.instruction(instruction.id)} />
      </td>
      <td>{t(`instructionType.${instruction.type}`, { defaultValue: instruction.type })}</td>
      <td>
        <StatusBadge status={instruction.status} />
        {holdReason === null ? null : (
          <div className="muted small">
            {t(`holdReason.${holdReason}`, { defaultValue: holdReason })}
          </div>
        )}
      </td>
      <td className="cell-amount">
        <MoneyText value={instruction.amount} />
      </td>
      <td>
        <IdLink
          id={instruction.debitAccountId}
          compact
          to={consolePaths.account(instruction.debitAccountId)}
        />
      </td>
      <td>
        <IdLink
          id={instruction.creditAccountId}
          compact
          to={consolePaths.account(instruction.creditAccountId)}
        />
      </td>
      <td className="cell-wrap">{instruction.purpose}</td>
    </tr>
  );
}
