import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { consolePaths } from '../console-paths.js';
import { FactList, Notice, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { BacktestPanel } from './backtest-panel.js';
import { getRulePack, requestRuleActivation } from './monitoring-endpoints.js';
import { MonitoringHeader } from './monitoring-header.js';
import { monitoringPaths } from './monitoring-paths.js';
import type { Definition, RuleKind, RulePackView, StoredVersion } from './monitoring-types.js';
import { RuleEditor } from './rule-editor.js';
import { findDefinition, ruleRow } from './rule-summary.js';
import { RuleVersionsTable } from './rule-versions-table.js';
import { SeverityBadge } from './severity-badge.js';
import './monitoring.css';

type Outcome = { kind: 'saved'; version: number } | { kind: 'requested'; version: number };

interface RuleView {
  outcome: Outcome | null;
  /** The stored version the editor starts from; null for the definition in force. */
  baseVersion: number | null;
  backtestVersion: number | null;
}

/** One rule or typology: what is in force, its stored versions, the editor and backtests. */
export function RulePage({ ruleId }: { ruleId: string }) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const [generation, setGeneration] = useState(0);
  // Kept here, above the reload: saving or requesting reloads the pack and remounts the detail.
  const [view, setView] = useState<RuleView>({
    outcome: null,
    baseVersion: null,
    backtestVersion: null,
  });
  const pack = useResource(
    (signal) => getRulePack(platformId, signal),
    `${platformId}|${generation}`,
  );
  return (
    <ResourceView resource={pack}>
      {(data) => {
        const found = findDefinition(data, ruleId);
        const versions = data.versions.filter((version) => version.ruleId === ruleId);
        if (found === null && versions.length === 0)
          return (
            <>
              <MonitoringHeader title={ruleId} subtitle={t('rules.notFound')} />
              <Link to={monitoringPaths.rules}>{t('rules.backToList')}</Link>
            </>
          );
        const kind: RuleKind = found?.kind ?? versions[0]?.kind ?? 'rule';
        const definition = found?.definition ?? versions[0]?.definition ?? {};
        return (
          <RuleDetail
            ruleId={ruleId}
            kind={kind}
            definition={definition}
            pack={data}
            versions={versions}
            view={view}
            onView={(change) => setView((current) => ({ ...current, ...change }))}
            onChanged={() => setGeneration((value) => value + 1)}
          />
        );
      }}
    </ResourceView>
  );
}

interface RuleDetailProps {
  ruleId: string;
  kind: RuleKind;
  definition: Definition;
  pack: RulePackView;
  versions: StoredVersion[];
  view: RuleView;
  onView: (change: Partial<RuleView>) => void;
  onChanged: () => void;
}

function RuleDetail(props: RuleDetailProps) {
  const { ruleId, kind, definition, pack, versions, view, onView, onChanged } = props;
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const mayWrite = useCan()('rules.write');
  const row = ruleRow(definition, kind, pack.versions);
  const baseStored = versions.find((version) => version.version === view.baseVersion);
  const base =
    baseStored === undefined
      ? { label: t('rules.editor.inForce', { version: row.version }), definition }
      : {
          label: t('rules.editor.storedVersion', { version: baseStored.version }),
          definition: baseStored.definition,
        };
  const newestDraft = versions.find((version) => version.status === 'draft');
  const backtestVersion =
    view.backtestVersion ?? newestDraft?.version ?? versions[0]?.version ?? null;
  const outcome = view.outcome;
  const facts = [
    { label: t('rules.kind'), value: t(`rules.kinds.${kind}`) },
    {
      label: t('rules.template'),
      value: t(`rules.templates.${row.template}`, { defaultValue: row.template }),
    },
    { label: t('rules.severity'), value: <SeverityBadge severity={row.severity} /> },
    { label: t('rules.mode'), value: t(`rules.modes.${row.mode}`, { defaultValue: row.mode }) },
    {
      label: t('rules.inForce'),
      value:
        row.activeStoredVersion === null
          ? t('rules.inForceDefault', { version: row.version })
          : t('rules.overridden', { version: row.activeStoredVersion }),
    },
  ];
  return (
    <>
      <MonitoringHeader
        title={<span className="rule-title-id">{ruleId}</span>}
        subtitle={row.description}
      />
      <FactList facts={facts} />
      {row.basis === '' ? null : (
        <p className="rule-basis-line small" data-testid="rule-basis">
          <strong>{t('rules.basis')}:</strong> {row.basis}
        </p>
      )}
      {outcome === null ? null : (
        <Notice>
          {outcome.kind === 'saved' ? (
            t('rules.saved', { version: outcome.version })
          ) : (
            <>
              {t('rules.activationRequested', { version: outcome.version })}{' '}
              <Link to={consolePaths.approvals}>{t('rules.openApprovals')}</Link>
            </>
          )}
        </Notice>
      )}
      <Section title={t('rules.versions.title')} count={versions.length} testId="versions">
        <RuleVersionsTable
          versions={versions}
          mayWrite={mayWrite}
          onEdit={(version) => onView({ baseVersion: version.version })}
          onBacktest={(version) => onView({ backtestVersion: version })}
          onRequestActivation={async (version, reason) => {
            await requestRuleActivation(platformId, ruleId, version, reason);
            return version;
          }}
          onActivationRequested={(version) => {
            onView({ outcome: { kind: 'requested', version: Number(version) } });
            onChanged();
          }}
        />
      </Section>
      {mayWrite ? (
        <>
          <Section title={t('rules.editor.title')} testId="edit">
            <RuleEditor
              key={baseStored?.version ?? 'in-force'}
              kind={kind}
              base={base.definition}
              baseLabel={base.label}
              onSaved={(version) => {
                onView({
                  outcome: { kind: 'saved', version },
                  baseVersion: version,
                  backtestVersion: version,
                });
                onChanged();
              }}
            />
          </Section>
          <Section title={t('rules.backtest.title')} testId="backtest-section">
            <BacktestPanel
              ruleId={ruleId}
              versions={versions}
              version={backtestVersion}
              onVersion={(version) => onView({ backtestVersion: version })}
            />
          </Section>
        </>
      ) : null}
    </>
  );
}
