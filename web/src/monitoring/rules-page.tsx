import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyRow, ResourceView } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { getCaseMetrics } from '../cases/case-endpoints.js';
import { getRulePack } from './monitoring-endpoints.js';
import { MonitoringHeader } from './monitoring-header.js';
import { monitoringPaths } from './monitoring-paths.js';
import { ruleRows, type RuleRow } from './rule-summary.js';
import { SeverityBadge } from './severity-badge.js';
import './monitoring.css';

/** The platform's effective rule pack: every rule and typology, and which are overridden. */
export function RulesPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const [query, setQuery] = useState('');
  const pack = useResource((signal) => getRulePack(platformId, signal), platformId);
  // How analysts closed this rule's cases: the rules worth tuning have many false positives.
  const metrics = useResource((signal) => getCaseMetrics(platformId, signal), platformId);
  const outcomes = new Map<string, RuleOutcome>(
    (metrics.state.status === 'ready' ? metrics.state.data.rules : []).map((rule) => [
      rule.ruleId,
      rule,
    ]),
  );
  return (
    <>
      <MonitoringHeader subtitle={t('rules.subtitle')} />
      <ResourceView resource={pack}>
        {(data) => {
          const needle = query.trim().toLowerCase();
          const rows = ruleRows(data).filter(
            (row) =>
              needle === '' ||
              row.id.includes(needle) ||
              row.description.toLowerCase().includes(needle),
          );
          return (
            <>
              <div className="filters">
                <label className="field field-inline">
                  <span>{t('rules.search')}</span>
                  <input
                    type="search"
                    name="ruleSearch"
                    value={query}
                    onChange={(event) => setQuery(event.target.value)}
                  />
                </label>
                <span className="small muted">
                  {t('rules.packLine', { packId: data.packId, count: rows.length })}
                </span>
              </div>
              <RulesTable rows={rows} outcomes={outcomes} />
            </>
          );
        }}
      </ResourceView>
    </>
  );
}

interface RuleOutcome {
  closedCases: number;
  falsePositives: number;
  falsePositiveRate: number | null;
}

function RulesTable({ rows, outcomes }: { rows: RuleRow[]; outcomes: Map<string, RuleOutcome> }) {
  const { t } = useTranslation();
  return (
    <table className="table rules-table" data-testid="rules-table">
      <thead>
        <tr>
          <th>{t('rules.id')}</th>
          <th>{t('rules.template')}</th>
          <th>{t('rules.severity')}</th>
          <th>{t('rules.mode')}</th>
          <th>{t('rules.description')}</th>
          <th>{t('rules.version')}</th>
          <th>{t('rules.falsePositives')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? <EmptyRow columns={7} text={t('rules.none')} /> : null}
        {rows.map((row) => (
          <tr key={row.id} data-rule-id={row.id} data-kind={row.kind}>
            <td className="id nowrap">
              <Link to={monitoringPaths.rule(row.id)}>{row.id}</Link>
            </td>
            <td className="nowrap">
              {t(`rules.templates.${row.template}`, { defaultValue: row.template })}
            </td>
            <td>
              <SeverityBadge severity={row.severity} />
            </td>
            <td className="nowrap" data-mode={row.mode}>
              {t(`rules.modes.${row.mode}`, { defaultValue: row.mode })}
              {row.syncAction === null ? null : (
                <div className="small muted">
                  {t(`rules.syncActions.${row.syncAction}`, { defaultValue: row.syncAction })}
                </div>
              )}
              {row.enabled ? null : <div className="small muted">{t('rules.disabled')}</div>}
            </td>
            <td className="cell-wrap">
              {row.description}
              {row.basis === '' ? null : <div className="small muted rule-basis">{row.basis}</div>}
            </td>
            <td className="nowrap">
              v{row.version}
              <div className="small">
                {row.activeStoredVersion === null ? (
                  <span className="muted">{t('rules.defaultPack')}</span>
                ) : (
                  <span className="badge badge-active" data-overridden="true">
                    {t('rules.overridden', { version: row.activeStoredVersion })}
                  </span>
                )}
              </div>
              {row.drafts + row.pending === 0 ? null : (
                <div className="small muted">
                  {t('rules.storedDrafts', { drafts: row.drafts, pending: row.pending })}
                </div>
              )}
            </td>
            <td className="nowrap" data-testid="rule-false-positives">
              <RuleOutcomeCell outcome={outcomes.get(row.id)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RuleOutcomeCell({ outcome }: { outcome: RuleOutcome | undefined }) {
  const { t } = useTranslation();
  if (outcome === undefined || outcome.closedCases === 0)
    return <span className="muted">{t('rules.noClosedCases')}</span>;
  return (
    <>
      {outcome.falsePositiveRate === null
        ? '—'
        : `${Math.round(outcome.falsePositiveRate * 100)} %`}
      <div className="small muted">
        {t('rules.falsePositivesOf', {
          count: outcome.falsePositives,
          closed: outcome.closedCases,
        })}
      </div>
    </>
  );
}
