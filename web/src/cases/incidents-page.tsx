import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { DateTime, EmptyRow, PageHeader, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { Link, setSearchParam, useSearchParam } from '../router/index.js';
import { DurationText, SeverityBadge } from './case-badges.js';
import { SEVERITIES, type Severity } from './case-types.js';
import { casesPaths } from './cases-paths.js';
import { listIncidents, listPlaybooks } from './incident-endpoints.js';
import { IncidentBadges } from './incident-badges.js';
import type { IncidentSummary, Playbook } from './incident-types.js';
import { OpenIncidentButtons } from './open-incident-dialog.js';
import './cases.css';

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** Incidents and drills, and the emergency playbooks they follow. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const stateParam = useSearchParam('state');
  const drillParam = useSearchParam('drill');
  const state = stateParam === 'open' || stateParam === 'closed' ? stateParam : '';
  const drill = drillParam === 'true' || drillParam === 'false' ? drillParam : '';
  const incidents = useResource(
    (signal) => listIncidents({ state, drill }, signal),
    `${state}|${drill}`,
  );
  const playbooks = useResource((signal) => listPlaybooks(signal), 'playbooks');
  return (
    <>
      <PageHeader title={t('incidents.title')} subtitle={t('incidents.subtitle')} />
      <div className="filters">
        <label className="field field-inline">
          <span>{t('common.status')}</span>
          <select
            name="state"
            value={state}
            onChange={(event) => setSearchParam('state', event.target.value)}
          >
            <option value="">{t('common.all')}</option>
            <option value="open">{t('incidents.state.open')}</option>
            <option value="closed">{t('incidents.state.closed')}</option>
          </select>
        </label>
        <label className="field field-inline">
          <span>{t('incidents.kind')}</span>
          <select
            name="drill"
            value={drill}
            onChange={(event) => setSearchParam('drill', event.target.value)}
          >
            <option value="">{t('common.all')}</option>
            <option value="false">{t('incidents.real')}</option>
            <option value="true">{t('incidents.drill')}</option>
          </select>
        </label>
      </div>
      <ResourceView resource={incidents}>
        {(page) => <IncidentTable items={page.items} />}
      </ResourceView>
      <Section title={t('incidents.playbooks')} testId="playbooks">
        <ResourceView resource={playbooks}>
          {(page) => (
            <div className="playbook-grid">
              {page.items.map((playbook) => (
                <PlaybookCard key={playbook.id} playbook={playbook} />
              ))}
            </div>
          )}
        </ResourceView>
      </Section>
    </>
  );
}

function IncidentTable({ items }: { items: IncidentSummary[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="incidents-table">
      <thead>
        <tr>
          <th>{t('incidents.field.title')}</th>
          <th>{t('incidents.field.type')}</th>
          <th>{t('incidents.field.severity')}</th>
          <th>{t('common.status')}</th>
          <th>{t('incidents.field.openedAt')}</th>
          <th>{t('incidents.field.closedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {items.length === 0 ? <EmptyRow columns={6} text={t('incidents.empty')} /> : null}
        {items.map((incident) => (
          <tr key={incident.id} data-incident-id={incident.id} data-drill={incident.isDrill}>
            <td className="cell-wrap">
              <Link to={casesPaths.incident(incident.id)}>{incident.title}</Link>
            </td>
            <td>{t(`incidents.type.${incident.incidentType}`)}</td>
            <td>
              {isSeverity(incident.severity) ? (
                <SeverityBadge severity={incident.severity} />
              ) : (
                incident.severity
              )}
            </td>
            <td>
              <IncidentBadges incident={incident} />
            </td>
            <td>
              <DateTime value={incident.openedAt} />
            </td>
            <td>
              <DateTime value={incident.closedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PlaybookCard({ playbook }: { playbook: Playbook }) {
  const { t } = useTranslation();
  const mayManage = useCan()('incidents.manage');
  return (
    <article className="card playbook" data-playbook-id={playbook.id}>
      <header className="card-header">
        <h3 className="playbook-title">{t(`incidents.type.${playbook.incidentType}`)}</h3>
        {mayManage ? <OpenIncidentButtons playbook={playbook} /> : null}
      </header>
      <p className="small muted">{playbook.description}</p>
      <ol className="playbook-steps">
        {playbook.steps.map((step) => (
          <li key={step.stepNo} title={step.instructions}>
            <span>{step.title}</span>
            <span className="small muted">
              {' '}
              · {t(`role.${step.ownerRole}`, { defaultValue: step.ownerRole })} ·{' '}
              {t('incidents.within')} <DurationText durationMs={step.deadlineMinutes * 60_000} />
            </span>
          </li>
        ))}
      </ol>
    </article>
  );
}
