import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { usePlatformId } from '../session/index.js';
import { CaseActionButton } from './case-action-button.js';
import { AssignButtons } from './case-assign-buttons.js';
import { CaseCloseDialog } from './case-close-dialog.js';
import { DialogButton } from './case-dialog.js';
import { moveCase, requestCaseInformation, startStrDraft } from './case-endpoints.js';
import { CaseEvidenceDialog } from './case-evidence-dialog.js';
import { CaseFreezeDialog } from './case-freeze-dialog.js';
import { CaseNoteDialog } from './case-note-dialog.js';
import { CaseTextAction } from './case-text-action.js';
import { CASE_MOVES, type CaseMove, type CaseWorkspace } from './case-types.js';

/** What the workspace says after an action: a catalogue key and its values. */
export interface CaseNotice {
  key: string;
  values?: Record<string, string>;
}

function isMove(command: string): command is CaseMove {
  return (CASE_MOVES as readonly string[]).includes(command);
}

/**
 * The actions the case's state allows and the person's role may take. While a close waits for
 * a second person, and once closed, only notes remain.
 */
export function CaseActions({
  data,
  onActed,
}: {
  data: CaseWorkspace;
  onActed: (notice: CaseNotice) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can('cases.work')) return null;
  const view = data.case;
  const workable = view.state !== 'closed' && view.closeApprovalId === null;
  const moves = data.allowedCommands.filter(isMove);
  const mayClose = workable && data.allowedCommands.includes('close');
  return (
    <div className="case-actions" data-testid="case-actions" role="toolbar">
      {workable
        ? moves.map((move) => <MoveButton key={move} data={data} move={move} onActed={onActed} />)
        : null}
      {workable ? <AssignButtons data={data} onActed={onActed} /> : null}
      <DialogButton
        label={t('cases.action.addNote')}
        testId="action-add-note"
        dialog={(close) => <CaseNoteDialog data={data} onClose={close} onActed={onActed} />}
      />
      {workable ? (
        <DialogButton
          label={t('cases.action.uploadEvidence')}
          testId="action-upload-evidence"
          dialog={(close) => <CaseEvidenceDialog data={data} onClose={close} onActed={onActed} />}
        />
      ) : null}
      {workable && can('freezes.create') ? (
        <DialogButton
          label={t('cases.action.freeze')}
          testId="action-freeze"
          tone="danger"
          dialog={(close) => <CaseFreezeDialog data={data} onClose={close} onActed={onActed} />}
        />
      ) : null}
      {workable ? <StrDraftButton data={data} onActed={onActed} /> : null}
      {workable ? <InformationButton data={data} onActed={onActed} /> : null}
      {mayClose ? (
        <DialogButton
          label={t('cases.action.close')}
          testId="action-close"
          tone="primary"
          dialog={(close) => <CaseCloseDialog data={data} onClose={close} onActed={onActed} />}
        />
      ) : null}
    </div>
  );
}

interface ActionProps {
  data: CaseWorkspace;
  onActed: (notice: CaseNotice) => void;
}

function MoveButton({ data, move, onActed }: ActionProps & { move: CaseMove }) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  return (
    <CaseTextAction
      name={move}
      label={t(`cases.move.${move}`)}
      description={t(`cases.moveHelp.${move}`)}
      buttonTone={move === 'escalate' ? 'danger' : undefined}
      tone={move === 'escalate' ? 'danger' : 'primary'}
      field={{ label: t('cases.field.noteOptional'), name: 'note', rows: 3 }}
      textRequired={false}
      submit={(note) => moveCase(platformId, data.case.id, move, note)}
      notice={(reply) => ({
        key: 'cases.notice.moved',
        values: { state: t(`cases.state.${reply.state}`) },
      })}
      onActed={onActed}
    />
  );
}

function StrDraftButton({ data, onActed }: ActionProps) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  return (
    <CaseActionButton
      name="str-draft"
      label={t('cases.action.strDraft')}
      description={t('cases.str.help')}
      confirmLabel={t('cases.str.confirm')}
      submit={() => startStrDraft(platformId, data.case.id)}
      notice={(reply) => ({ key: 'cases.notice.strDrafted', values: { draftId: reply.draftId } })}
      onActed={onActed}
    />
  );
}

function InformationButton({ data, onActed }: ActionProps) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  return (
    <CaseTextAction
      name="request-info"
      label={t('cases.action.requestInfo')}
      description={t('cases.info.help')}
      confirmLabel={t('cases.info.confirm')}
      field={{ label: t('cases.info.question'), name: 'question', rows: 4 }}
      textRequired
      submit={(question) => requestCaseInformation(platformId, data.case.id, question)}
      notice={() => ({ key: 'cases.notice.infoRequested' })}
      onActed={onActed}
    />
  );
}
