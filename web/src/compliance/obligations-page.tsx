import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { DateTime, ProblemAlert, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { ComplianceHeader } from './compliance-header.js';
import { listObligations, runControlsNow } from './compliance-endpoints.js';
import type { ControlView, ObligationView } from './compliance-types.js';
import { ControlHistoryPanel } from './control-history.js';
import { OutcomeBadge } from './outcome-badge.js';
import './compliance.css';

/**
 * The obligations register: each obligation (jurisdiction, source, article) with the controls
 * that meet it and their latest result for the platform; run every control or one now; a
 * selected control's pass rate and runs.
 */
export function ObligationsPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const mayRun = useCan()('compliance.write');
  const selected = useSearchParam('control');
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [generation, setGeneration] = useState(0);
  const obligations = useResource(
    (signal) => listObligations(platformId, signal),
    `${platformId}|${generation}`,
  );

  const run = async (code?: string) => {
    if (busy !== null) return;
    setBusy(code ?? 'all');
    setProblem(null);
    try {
      await runControlsNow(platformId, code === undefined ? undefined : [code]);
      if (code !== undefined) setSearchParam('control', code);
      setGeneration((value) => value + 1);
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(null);
    }
  };

  const actions = mayRun ? (
    <button
      type="button"
      className="button button-primary"
      disabled={busy !== null}
      onClick={() => void run()}
      data-action="run-all"
    >
      {busy === 'all' ? t('compliance.running') : t('compliance.runAll')}
    </button>
  ) : undefined;

  return (
    <>
      <ComplianceHeader subtitle={t('compliance.obligations.subtitle')} actions={actions} />
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <ResourceView resource={obligations}>
        {(data) => (
          <>
            <Summary obligations={data.items} />
            {selected === '' ? null : (
              <ControlHistoryPanel
                key={selected}
                platformId={platformId}
                code={selected}
                generation={generation}
              />
            )}
            <Section
              title={t('compliance.obligations.title')}
              count={data.items.length}
              testId="obligations"
            >
              <table className="table compliance-register">
                <thead>
                  <tr>
                    <th className="compliance-col-jurisdiction">
                      {t('compliance.obligations.jurisdiction')}
                    </th>
                    <th>{t('compliance.obligations.obligation')}</th>
                    <th className="compliance-col-controls">
                      {t('compliance.obligations.controls')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((obligation) => (
                    <ObligationRow
                      key={obligation.id}
                      obligation={obligation}
                      selected={selected}
                      mayRun={mayRun}
                      busy={busy}
                      onRun={(code) => void run(code)}
                    />
                  ))}
                </tbody>
              </table>
            </Section>
          </>
        )}
      </ResourceView>
    </>
  );
}

function Summary({ obligations }: { obligations: ObligationView[] }) {
  const { t } = useTranslation();
  const controls = new Map(obligations.flatMap((o) => o.controls).map((c) => [c.code, c]));
  const count = (outcome: string | null) =>
    [...controls.values()].filter((c) => (c.latest?.outcome ?? null) === outcome).length;
  return (
    <div className="compliance-summary" data-testid="compliance-summary">
      {(['pass', 'fail', 'error', null] as const).map((outcome) => (
        <div key={outcome ?? 'never'} className="card compliance-summary-item">
          <OutcomeBadge outcome={outcome} />
          <span className="compliance-summary-count">{count(outcome)}</span>
        </div>
      ))}
      <span className="muted">
        {t('compliance.obligations.summary', {
          controls: controls.size,
          obligations: obligations.length,
        })}
      </span>
    </div>
  );
}

function ObligationRow({
  obligation,
  selected,
  mayRun,
  busy,
  onRun,
}: {
  obligation: ObligationView;
  selected: string;
  mayRun: boolean;
  busy: string | null;
  onRun: (code: string) => void;
}) {
  return (
    <tr data-obligation={obligation.id}>
      <td>
        <span className="compliance-jurisdiction">{obligation.jurisdiction}</span>
      </td>
      <td>
        <div className="compliance-obligation-title">{obligation.title}</div>
        <div className="muted compliance-source">
          {obligation.source} · <strong>{obligation.article}</strong>
        </div>
        <div className="compliance-summary-text">{obligation.summary}</div>
      </td>
      <td>
        <ul className="compliance-controls">
          {obligation.controls.map((control) => (
            <ControlLine
              key={control.id}
              control={control}
              selected={selected === control.code}
              mayRun={mayRun}
              busy={busy}
              onRun={onRun}
            />
          ))}
        </ul>
      </td>
    </tr>
  );
}

function ControlLine({
  control,
  selected,
  mayRun,
  busy,
  onRun,
}: {
  control: ControlView;
  selected: boolean;
  mayRun: boolean;
  busy: string | null;
  onRun: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <li
      className={selected ? 'compliance-control compliance-control-selected' : 'compliance-control'}
      data-control={control.code}
    >
      <OutcomeBadge outcome={control.latest?.outcome ?? null} />
      <span>
        <button
          type="button"
          className="link-button"
          onClick={() => setSearchParam('control', control.code)}
          title={control.description}
        >
          {control.code}
        </button>
        {control.latest === null ? null : (
          <span className="muted compliance-control-when">
            {' '}
            · <DateTime value={control.latest.ranAt} />
          </span>
        )}
      </span>
      {mayRun ? (
        <button
          type="button"
          className="button button-small"
          disabled={busy !== null}
          onClick={() => onRun(control.code)}
          data-action="run-control"
        >
          {busy === control.code ? t('compliance.running') : t('compliance.runNow')}
        </button>
      ) : (
        <span />
      )}
      <span className="compliance-control-title">{control.title}</span>
    </li>
  );
}
