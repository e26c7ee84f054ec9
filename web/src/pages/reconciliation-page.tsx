import { useState } from 'react';
import { useCan } from '../access/use-can.js';
import { useTranslation } from 'react-i18next';
import {
  asApiProblem,
  decideMatch,
  listBreaks,
  listMatches,
  listStatementImports,
  listUnmatchedLines,
  type ApiProblem,
  type MatchDecision,
  type ReconBreak,
  type ReconMatch,
  type BankStatementLine,
} from '../api/index.js';
import {
  EmptyRow,
  MoneyText,
  Notice,
  ProblemAlert,
  ResourceView,
  Section,
} from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { usePlatformId } from '../session/index.js';
import { ReconciliationImportsTable } from './reconciliation-imports-table.js';
import { ReconciliationMatchesTable } from './reconciliation-matches-table.js';
import { ReconciliationRunPanel } from './reconciliation-run-panel.js';
import { ReconciliationHeader } from './reconciliation-tabs.js';
import { ReconciliationUploadForm } from './reconciliation-upload-form.js';

/**
 * Statements and matching: upload a bank statement, see the imports, run matching (dry run,
 * then commit), decide suggested matches, and see what is still unmatched on both sides.
 */
export function ReconciliationPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  // Bumped after anything that changes the books, so every list below reloads.
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((value) => value + 1);
  const key = `${platformId}|${version}`;
  const imports = useResource((signal) => listStatementImports(platformId, signal), key);
  const suggested = useResource((signal) => listMatches(platformId, 'suggested', signal), key);
  const bankLines = useResource((signal) => listUnmatchedLines(platformId, signal), key);
  const bookBreaks = useResource((signal) => listBreaks(platformId, 'unresolved', signal), key);
  const mayWrite = useCan()('recon.write');

  return (
    <>
      <ReconciliationHeader subtitleKey="recon.statementsSubtitle" />
      {mayWrite ? (
        <Section title={t('recon.upload.title')}>
          <ReconciliationUploadForm platformId={platformId} onImported={refresh} />
        </Section>
      ) : null}
      <Section title={t('recon.imports.title')} testId="imports-section">
        <ResourceView resource={imports}>
          {(page) => <ReconciliationImportsTable imports={page.items} />}
        </ResourceView>
      </Section>
      {mayWrite ? (
        <Section title={t('recon.run.title')}>
          <ReconciliationRunPanel platformId={platformId} onCommitted={refresh} />
        </Section>
      ) : null}
      <Section title={t('recon.matches.suggestedTitle')} testId="suggested-section">
        <ResourceView resource={suggested}>
          {(page) => (
            <SuggestedMatches platformId={platformId} matches={page.items} onDecided={refresh} />
          )}
        </ResourceView>
      </Section>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(520px, 1fr))',
          gap: 18,
          alignItems: 'start',
        }}
      >
        <Section title={t('recon.unmatched.bankTitle')} testId="unmatched-bank-section">
          <ResourceView resource={bankLines}>
            {(page) => <UnmatchedBankLines lines={page.items} />}
          </ResourceView>
        </Section>
        <Section title={t('recon.unmatched.bookTitle')} testId="unmatched-book-section">
          <ResourceView resource={bookBreaks}>
            {(page) => (
              <UnmatchedBookEntries breaks={page.items.filter((item) => item.side === 'book')} />
            )}
          </ResourceView>
        </Section>
      </div>
    </>
  );
}

function SuggestedMatches({
  platformId,
  matches,
  onDecided,
}: {
  platformId: string;
  matches: ReconMatch[];
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const mayWrite = useCan()('recon.write');
  const [busyId, setBusyId] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const decide = async (matchId: string, decision: MatchDecision) => {
    setBusyId(matchId);
    setProblem(null);
    setNotice(null);
    try {
      await decideMatch(platformId, matchId, decision);
      setNotice(decision === 'confirm' ? 'recon.matches.confirmed' : 'recon.matches.rejected');
      onDecided();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusyId(null);
    }
  };
  return (
    <>
      {notice === null ? null : <Notice>{t(notice)}</Notice>}
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <p className="small muted" style={{ margin: '0 0 8px' }}>
        {t('recon.matches.suggestedHint')}
      </p>
      <ReconciliationMatchesTable
        matches={matches}
        testId="suggested-matches"
        emptyText={t('recon.matches.noSuggested')}
        actions={(match) =>
          !mayWrite ? null : (
            <div className="row-actions">
              <button
                type="button"
                className="button button-small button-primary"
                disabled={busyId !== null}
                onClick={() => void decide(match.id, 'confirm')}
              >
                {t('recon.matches.confirm')}
              </button>
              <button
                type="button"
                className="button button-small button-danger"
                disabled={busyId !== null}
                onClick={() => void decide(match.id, 'reject')}
              >
                {t('recon.matches.reject')}
              </button>
            </div>
          )
        }
      />
    </>
  );
}

function UnmatchedBankLines({ lines }: { lines: BankStatementLine[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="unmatched-bank-table">
      <thead>
        <tr>
          <th>{t('recon.unmatched.line')}</th>
          <th>{t('recon.unmatched.bookingDate')}</th>
          <th className="cell-amount">{t('recon.unmatched.amount')}</th>
          <th>{t('recon.unmatched.reference')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.length === 0 ? <EmptyRow columns={4} text={t('recon.unmatched.noBank')} /> : null}
        {lines.map((line) => (
          <tr key={line.id} data-line-id={line.id}>
            <td>
              <code className="id">{line.id}</code>
            </td>
            <td className="nowrap">{line.bookingDate}</td>
            <td className="cell-amount">
              <MoneyText value={line.amount} />
            </td>
            <td className="cell-wrap">
              {line.bankReference ?? line.references[0] ?? <span className="muted">—</span>}
              {line.remittanceText === null ? null : (
                <div className="small muted">{line.remittanceText}</div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function UnmatchedBookEntries({ breaks }: { breaks: ReconBreak[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="unmatched-book-table">
      <thead>
        <tr>
          <th>{t('recon.unmatched.entry')}</th>
          <th>{t('recon.breaks.itemDate')}</th>
          <th className="cell-amount">{t('recon.unmatched.amount')}</th>
          <th>{t('recon.unmatched.reference')}</th>
        </tr>
      </thead>
      <tbody>
        {breaks.length === 0 ? <EmptyRow columns={4} text={t('recon.unmatched.noBook')} /> : null}
        {breaks.map((item) => (
          <tr key={item.id} data-break-id={item.id}>
            <td>
              <code className="id">{item.itemId}</code>
            </td>
            <td className="nowrap">{item.itemDate}</td>
            <td className="cell-amount">
              <MoneyText value={item.amount} />
            </td>
            <td className="cell-wrap">{item.reference ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
