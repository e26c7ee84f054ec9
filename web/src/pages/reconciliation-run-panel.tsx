import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, runReconciliation, type ApiProblem, type ReconRun } from '../api/index.js';
import { FactList, Notice, ProblemAlert } from '../components/index.js';
import { ReconciliationMatchesTable } from './reconciliation-matches-table.js';
import { todayUtc } from './reconciliation-tabs.js';

/**
 * Matching in two steps: a dry run shows what would be matched and what stays unmatched, and
 * nothing is stored; "commit" runs it again for real (matches and breaks in one transaction).
 */
export function ReconciliationRunPanel({
  platformId,
  onCommitted,
}: {
  platformId: string;
  onCommitted: () => void;
}) {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useState(todayUtc);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [proposal, setProposal] = useState<ReconRun | null>(null);
  const [committed, setCommitted] = useState<ReconRun | null>(null);

  const run = async (dryRun: boolean) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await runReconciliation(platformId, { asOf, dryRun });
      if (dryRun) {
        setProposal(result);
        setCommitted(null);
      } else {
        setProposal(null);
        setCommitted(result);
        onCommitted();
      }
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card" data-testid="run-panel">
      <div className="filters" style={{ border: 'none', padding: 0, margin: 0 }}>
        <label className="field field-inline">
          <span>{t('recon.run.asOf')}</span>
          <input
            type="date"
            name="asOf"
            value={asOf}
            required
            onChange={(event) => {
              setAsOf(event.target.value);
              setProposal(null);
            }}
          />
        </label>
        <button
          type="button"
          className="button"
          disabled={busy || asOf === ''}
          onClick={() => void run(true)}
          data-action="dry-run"
        >
          {t('recon.run.dryRun')}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || proposal === null}
          title={proposal === null ? t('recon.run.commitNeedsDryRun') : undefined}
          onClick={() => void run(false)}
          data-action="commit"
        >
          {t('recon.run.commit')}
        </button>
        <span className="small muted">{t('recon.run.hint')}</span>
      </div>
      {problem === null ? null : (
        <div style={{ marginTop: 12 }}>
          <ProblemAlert problem={problem} />
        </div>
      )}
      {proposal === null ? null : (
        <div style={{ marginTop: 14 }} data-testid="run-proposal">
          <h3 style={{ margin: '0 0 8px', fontSize: 14 }}>
            {t('recon.run.proposalTitle', { asOf: proposal.asOf })}
          </h3>
          <RunFacts run={proposal} />
          <div style={{ marginTop: 12 }}>
            <ReconciliationMatchesTable
              matches={proposal.matches}
              testId="proposed-matches"
              emptyText={t('recon.run.noProposedMatches')}
            />
          </div>
        </div>
      )}
      {committed === null ? null : (
        <div style={{ marginTop: 14 }} data-testid="run-committed">
          <Notice>
            {t('recon.run.committed', {
              matches: committed.matchCount,
              confirmed: committed.confirmedCount,
              suggested: committed.suggestedCount,
              opened: committed.breaksOpened,
              resolved: committed.breaksResolved,
              escalated: committed.breaksEscalated,
            })}
          </Notice>
          <RunFacts run={committed} />
        </div>
      )}
    </div>
  );
}

function RunFacts({ run }: { run: ReconRun }) {
  const { t } = useTranslation();
  return (
    <FactList
      facts={[
        { label: t('recon.run.bankItems'), value: run.bankItemCount },
        { label: t('recon.run.bookItems'), value: run.bookItemCount },
        { label: t('recon.run.confirmed'), value: run.confirmedCount },
        { label: t('recon.run.suggested'), value: run.suggestedCount },
        {
          label: t('recon.run.unmatchedBank'),
          value: <span data-count="unmatched-bank">{run.unmatchedBankCount}</span>,
        },
        {
          label: t('recon.run.unmatchedBook'),
          value: <span data-count="unmatched-book">{run.unmatchedBookCount}</span>,
        },
      ]}
    />
  );
}
