import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { DateTime } from '../components/index.js';
import { useSession } from '../session/index.js';
import { CaseDialog, DialogButton } from './case-dialog.js';
import { completeIncidentStep } from './incident-endpoints.js';
import type { IncidentStep, IncidentView } from './incident-types.js';
import { AssigneeName } from './principal-name.js';

const STEP_NOTE_LENGTH_MAX = 4_000;

/** The playbook's steps in order, with owner role, deadline and who finished each. */
export function IncidentSteps({
  view,
  onActed,
}: {
  view: IncidentView;
  onActed: (key: string) => void;
}) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const mayManage = useCan()('incidents.manage') && view.state === 'open';
  const mayDo = (step: IncidentStep) =>
    mayManage &&
    step.status === 'pending' &&
    (principal.role === step.ownerRole || principal.role === 'admin');
  return (
    <table className="table" data-testid="incident-steps-table">
      <thead>
        <tr>
          <th>#</th>
          <th>{t('incidents.step.title')}</th>
          <th>{t('incidents.step.owner')}</th>
          <th>{t('incidents.step.due')}</th>
          <th>{t('common.status')}</th>
          <th>{t('incidents.step.doneBy')}</th>
          <th>{t('incidents.step.note')}</th>
          <th className="cell-actions">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {view.steps.map((step) => (
          <tr key={step.stepNo} data-step-no={step.stepNo} data-step-status={step.status}>
            <td>{step.stepNo}</td>
            <td className="cell-wrap">{step.title}</td>
            <td>{t(`role.${step.ownerRole}`, { defaultValue: step.ownerRole })}</td>
            <td>
              <DateTime value={step.dueAt} />
              {step.overdue ? (
                <span className="badge case-sla-breached"> {t('incidents.step.overdue')}</span>
              ) : null}
            </td>
            <td>
              <span className={`badge incident-step-${step.status}`}>
                {t(`incidents.stepStatus.${step.status}`)}
              </span>
            </td>
            <td>
              {step.doneBy === null ? (
                <span className="muted">—</span>
              ) : (
                <>
                  <AssigneeName principalId={step.doneBy} />
                  <div className="small muted">
                    <DateTime value={step.doneAt} />
                  </div>
                </>
              )}
            </td>
            <td className="cell-wrap">{step.note ?? <span className="muted">—</span>}</td>
            <td className="cell-actions">
              {mayDo(step) ? (
                <div className="row-actions">
                  <StepButton view={view} step={step} outcome="done" onActed={onActed} />
                  <StepButton view={view} step={step} outcome="skipped" onActed={onActed} />
                </div>
              ) : step.status === 'pending' && view.state === 'open' ? (
                <span className="small muted">{t('incidents.step.otherRole')}</span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StepButton({
  view,
  step,
  outcome,
  onActed,
}: {
  view: IncidentView;
  step: IncidentStep;
  outcome: 'done' | 'skipped';
  onActed: (key: string) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const label = outcome === 'done' ? t('incidents.step.complete') : t('incidents.step.skip');
  return (
    <DialogButton
      label={label}
      tone={outcome === 'done' ? 'primary' : undefined}
      testId={`action-step-${outcome}`}
      dialog={(close) => (
        <CaseDialog
          title={`${label}: ${step.title}`}
          description={outcome === 'skipped' ? t('incidents.step.skipHelp') : undefined}
          confirmLabel={label}
          tone="primary"
          ready={outcome === 'done' || note.trim() !== ''}
          testId={`dialog-step-${outcome}`}
          submit={() =>
            completeIncidentStep(view.id, step.stepNo, {
              outcome,
              ...(note.trim() === '' ? {} : { note: note.trim() }),
            })
          }
          onClose={close}
          onDone={() => {
            close();
            setNote('');
            onActed(
              outcome === 'done' ? 'incidents.notice.stepDone' : 'incidents.notice.stepSkipped',
            );
          }}
        >
          <label className="field">
            <span>
              {outcome === 'done' ? t('incidents.step.noteOptional') : t('incidents.step.note')}
            </span>
            <textarea
              name="note"
              rows={3}
              maxLength={STEP_NOTE_LENGTH_MAX}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </label>
        </CaseDialog>
      )}
    />
  );
}
