import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../router/index.js';
import { useSession } from '../session/index.js';
import { CaseDialog, DialogButton } from './case-dialog.js';
import { SEVERITIES, type Severity } from './case-types.js';
import { casesPaths } from './cases-paths.js';
import { openIncident } from './incident-endpoints.js';
import type { Playbook } from './incident-types.js';

const TITLE_LENGTH_MAX = 200;
const SUMMARY_LENGTH_MAX = 4_000;

/** "Open incident" and "Run drill" for one playbook. */
export function OpenIncidentButtons({ playbook }: { playbook: Playbook }) {
  const { t } = useTranslation();
  return (
    <div className="row-actions">
      {[false, true].map((drill) => (
        <DialogButton
          key={String(drill)}
          label={drill ? t('incidents.runDrill') : t('incidents.openIncident')}
          tone={drill ? undefined : 'danger'}
          testId={drill ? 'action-run-drill' : 'action-open-incident'}
          dialog={(close) => (
            <OpenIncidentDialog playbook={playbook} drill={drill} onClose={close} />
          )}
        />
      ))}
    </div>
  );
}

function OpenIncidentDialog({
  playbook,
  drill,
  onClose,
}: {
  playbook: Playbook;
  drill: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { platformId } = useSession();
  const [title, setTitle] = useState(
    drill ? t('incidents.drillTitle', { type: t(`incidents.type.${playbook.incidentType}`) }) : '',
  );
  const [summary, setSummary] = useState('');
  const [severity, setSeverity] = useState<Severity>('high');
  const [onPlatform, setOnPlatform] = useState(platformId !== null);
  return (
    <CaseDialog
      title={drill ? t('incidents.runDrill') : t('incidents.openIncident')}
      description={
        drill
          ? t('incidents.drillHelp', { playbook: playbook.title })
          : t('incidents.openHelp', { playbook: playbook.title })
      }
      confirmLabel={drill ? t('incidents.runDrill') : t('incidents.openIncident')}
      tone={drill ? 'primary' : 'danger'}
      ready={title.trim() !== '' && summary.trim() !== ''}
      testId={drill ? 'dialog-run-drill' : 'dialog-open-incident'}
      submit={() =>
        openIncident(
          {
            incidentType: playbook.incidentType,
            title: title.trim(),
            summary: summary.trim(),
            severity,
            ...(onPlatform && platformId !== null ? { platformId } : {}),
          },
          drill,
        )
      }
      onClose={onClose}
      onDone={(reply) => {
        onClose();
        navigate(casesPaths.incident(reply.incidentId));
      }}
    >
      <label className="field">
        <span>{t('incidents.field.title')}</span>
        <input
          type="text"
          name="title"
          maxLength={TITLE_LENGTH_MAX}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('incidents.field.summary')}</span>
        <textarea
          name="summary"
          rows={4}
          maxLength={SUMMARY_LENGTH_MAX}
          value={summary}
          onChange={(event) => setSummary(event.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('incidents.field.severity')}</span>
        <select
          name="severity"
          value={severity}
          onChange={(event) => {
            const next = SEVERITIES.find((value) => value === event.target.value);
            if (next !== undefined) setSeverity(next);
          }}
        >
          {SEVERITIES.map((value) => (
            <option key={value} value={value}>
              {t(`cases.severity.${value}`)}
            </option>
          ))}
        </select>
      </label>
      {platformId === null ? null : (
        <label className="field field-inline">
          <input
            type="checkbox"
            name="onPlatform"
            checked={onPlatform}
            onChange={(event) => setOnPlatform(event.target.checked)}
          />
          <span>{t('incidents.aboutPlatform')}</span>
        </label>
      )}
    </CaseDialog>
  );
}
