import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { usePlatformId, useSession } from '../session/index.js';
import { CaseCloseDialog } from './case-close-dialog.js';
import { CaseDialog, DialogButton } from './case-dialog.js';
import { assignCase, moveCase, requestCaseInformation, startStrDraft } from './case-endpoints.js';
import { CaseEvidenceDialog } from './case-evidence-dialog.js';
import { CaseFreezeDialog } from './case-freeze-dialog.js';
import { CaseNoteDialog } from './case-note-dialog.js';
import { CASE_MOVES, type CaseMove, type CaseWorkspace } from './case-types.js';

/** What the workspace says after an action: a catalogue key and its values. */
export interface CaseNotice {
  key: string;
  values?: Record<string, string>;
}

/** Roles a case can be handed to (round-robin within the role): those who work cases. */
export const ASSIGNABLE_ROLES = [
  'risk_analyst',
  'compliance_officer',
  'operator',
  'admin',
] as const;
const NOTE_LENGTH_MAX = 4_000;

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

function MoveButton({
  data,
  move,
  onActed,
}: {
  data: CaseWorkspace;
  move: CaseMove;
  onActed: (notice: CaseNotice) => void;
}) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const [note, setNote] = useState('');
  return (
    <DialogButton
      label={t(`cases.move.${move}`)}
      testId={`action-${move}`}
      tone={move === 'escalate' ? 'danger' : undefined}
      dialog={(close) => (
        <CaseDialog
          title={t(`cases.move.${move}`)}
          description={t(`cases.moveHelp.${move}`)}
          confirmLabel={t(`cases.move.${move}`)}
          tone={move === 'escalate' ? 'danger' : 'primary'}
          ready
          testId={`dialog-${move}`}
          submit={() => moveCase(platformId, data.case.id, move, note.trim())}
          onClose={close}
          onDone={(reply) => {
            close();
            setNote('');
            onActed({
              key: 'cases.notice.moved',
              values: { state: t(`cases.state.${reply.state}`) },
            });
          }}
        >
          <label className="field">
            <span>{t('cases.field.noteOptional')}</span>
            <textarea
              name="note"
              rows={3}
              maxLength={NOTE_LENGTH_MAX}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </label>
        </CaseDialog>
      )}
    />
  );
}

function AssignButtons({
  data,
  onActed,
}: {
  data: CaseWorkspace;
  onActed: (notice: CaseNotice) => void;
}) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const { principal } = useSession();
  const [role, setRole] = useState<string>('risk_analyst');
  const mine = data.case.assigneeId === principal.id;
  return (
    <>
      {mine ? null : (
        <DialogButton
          label={t('cases.action.assignToMe')}
          testId="action-assign-me"
          dialog={(close) => (
            <CaseDialog
              title={t('cases.action.assignToMe')}
              description={t('cases.assign.toMeHelp')}
              confirmLabel={t('cases.action.assignToMe')}
              tone="primary"
              ready
              testId="dialog-assign-me"
              submit={() => assignCase(platformId, data.case.id, { principalId: principal.id })}
              onClose={close}
              onDone={() => {
                close();
                onActed({ key: 'cases.notice.assignedToMe' });
              }}
            />
          )}
        />
      )}
      <DialogButton
        label={t('cases.action.assignToRole')}
        testId="action-assign-role"
        dialog={(close) => (
          <CaseDialog
            title={t('cases.action.assignToRole')}
            description={t('cases.assign.toRoleHelp')}
            confirmLabel={t('cases.assign.confirm')}
            tone="primary"
            ready
            testId="dialog-assign-role"
            submit={() => assignCase(platformId, data.case.id, { role })}
            onClose={close}
            onDone={() => {
              close();
              onActed({ key: 'cases.notice.assignedToRole', values: { role: t(`role.${role}`) } });
            }}
          >
            <label className="field">
              <span>{t('cases.assign.role')}</span>
              <select name="role" value={role} onChange={(event) => setRole(event.target.value)}>
                {ASSIGNABLE_ROLES.map((option) => (
                  <option key={option} value={option}>
                    {t(`role.${option}`)}
                  </option>
                ))}
              </select>
            </label>
          </CaseDialog>
        )}
      />
    </>
  );
}

function StrDraftButton({
  data,
  onActed,
}: {
  data: CaseWorkspace;
  onActed: (notice: CaseNotice) => void;
}) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  return (
    <DialogButton
      label={t('cases.action.strDraft')}
      testId="action-str-draft"
      dialog={(close) => (
        <CaseDialog
          title={t('cases.action.strDraft')}
          description={t('cases.str.help')}
          confirmLabel={t('cases.str.confirm')}
          tone="primary"
          ready
          testId="dialog-str-draft"
          submit={() => startStrDraft(platformId, data.case.id)}
          onClose={close}
          onDone={(reply) => {
            close();
            onActed({ key: 'cases.notice.strDrafted', values: { draftId: reply.draftId } });
          }}
        />
      )}
    />
  );
}

function InformationButton({
  data,
  onActed,
}: {
  data: CaseWorkspace;
  onActed: (notice: CaseNotice) => void;
}) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const [question, setQuestion] = useState('');
  return (
    <DialogButton
      label={t('cases.action.requestInfo')}
      testId="action-request-info"
      dialog={(close) => (
        <CaseDialog
          title={t('cases.action.requestInfo')}
          description={t('cases.info.help')}
          confirmLabel={t('cases.info.confirm')}
          tone="primary"
          ready={question.trim() !== ''}
          testId="dialog-request-info"
          submit={() => requestCaseInformation(platformId, data.case.id, question.trim())}
          onClose={close}
          onDone={() => {
            close();
            setQuestion('');
            onActed({ key: 'cases.notice.infoRequested' });
          }}
        >
          <label className="field">
            <span>{t('cases.info.question')}</span>
            <textarea
              name="question"
              rows={4}
              maxLength={NOTE_LENGTH_MAX}
              value={question}
              onChange={(event) => setQuestion(event.target.value)}
            />
          </label>
        </CaseDialog>
      )}
    />
  );
}
