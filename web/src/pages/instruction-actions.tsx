import { useTranslation } from 'react-i18next';
import { actOnInstruction, actionOutcome, type InstructionAction } from '../api/index.js';
import { ReasonAction } from '../components/index.js';

/** Release (post) or void a held instruction; both need a reason. */
export function InstructionActions({
  platformId,
  instructionId,
  onActed,
}: {
  platformId: string;
  instructionId: string;
  /** Gets the i18n key of the confirmation to show. */
  onActed: (messageKey: string) => void;
}) {
  const { t } = useTranslation();
  const submit = (action: InstructionAction) => (reason: string) =>
    actOnInstruction(platformId, instructionId, action, { reason });
  const done = (action: InstructionAction) => (result: unknown) =>
    onActed(
      actionOutcome(result) === 'approvalRequested'
        ? 'approvals.requested'
        : `instructions.${action}Done`,
    );
  return (
    <>
      <ReasonAction
        label={t('instructions.release')}
        title={t('instructions.releaseTitle')}
        description={t('instructions.releaseDescription')}
        confirmLabel={t('instructions.release')}
        tone="primary"
        onSubmit={submit('release')}
        onDone={done('release')}
      />
      <ReasonAction
        label={t('instructions.void')}
        title={t('instructions.voidTitle')}
        description={t('instructions.voidDescription')}
        confirmLabel={t('instructions.void')}
        tone="danger"
        onSubmit={submit('void')}
        onDone={done('void')}
      />
    </>
  );
}
