import { useState } from 'react';
import { useCan } from '../access/use-can.js';
import { useTranslation } from 'react-i18next';
import {
  asApiProblem,
  fetchSafeguardingReturnCsv,
  listSafeguardingChecks,
  runSafeguardingCheck,
  type ApiProblem,
  type Money,
  type SafeguardingCheck,
} from '../api/index.js';
import {
  DateTime,
  EmptyRow,
  MoneyText,
  Notice,
  ProblemAlert,
  ResourceView,
  Section,
} from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { usePlatformId } from '../session/index.js';
import { ReconStateBadge } from './reconciliation-matches-table.js';
import { ReconciliationHeader, todayUtc } from './reconciliation-tabs.js';

const CRITICAL_ROW_STYLE = {
  background: 'var(--color-danger-bg)',
  boxShadow: 'inset 4px 0 0 var(--color-danger)',
} as const;

/**
 * Safeguarding: run today's check, read the history per currency and day (drift, status, a
 * critical shortfall stands out), the reserve adequacy, and download the monthly return.
 */
export function ReconciliationSafeguardingPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const mayWrite = useCan()('recon.write');
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [ranCount, setRanCount] = useState<number | null>(null);
  const history = useResource(
    (signal) => listSafeguardingChecks(platformId, signal),
    `${platformId}|${version}`,
  );

  const runNow = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setRanCount(null);
    try {
      const result = await runSafeguardingCheck(platformId);
      setRanCount(result.items.length);
      setVersion((value) => value + 1);
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ReconciliationHeader subtitleKey="recon.safeguardingSubtitle" />
      {mayWrite ? (
        <div className="filters">
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void runNow()}
            data-action="run-safeguarding"
          >
            {busy ? t('recon.safeguarding.running') : t('recon.safeguarding.runNow')}
          </button>
          <span className="small muted">{t('recon.safeguarding.runHint')}</span>
        </div>
      ) : null}
      {problem === null ? null : <ProblemAlert problem={problem} />}
      {ranCount === null ? null : (
        <Notice>{t('recon.safeguarding.ran', { count: ranCount })}</Notice>
      )}
      <ResourceView resource={history}>
        {(page) => (
          <>
            <Section title={t('recon.safeguarding.adequacyTitle')} testId="reserve-adequacy">
              <ReserveAdequacy checks={page.items} />
            </Section>
            <Section title={t('recon.safeguarding.historyTitle')} testId="safeguarding-history">
              <ChecksTable checks={page.items} />
            </Section>
            <Section title={t('recon.safeguarding.returnTitle')} testId="safeguarding-return">
              <div className="filters">
                <ReturnDownload platformId={platformId} />
                <span className="small muted">{t('recon.safeguarding.returnHint')}</span>
              </div>
            </Section>
          </>
        )}
      </ResourceView>
    </>
  );
}

/** The latest check of each currency: reserve held against the reserve the rules require. */
function ReserveAdequacy({ checks }: { checks: SafeguardingCheck[] }) {
  const { t } = useTranslation();
  const latest = new Map<string, SafeguardingCheck>();
  for (const check of checks) if (!latest.has(check.currency)) latest.set(check.currency, check);
  if (latest.size === 0) return <p className="muted">{t('recon.safeguarding.noChecks')}</p>;
  return (
    <div
      className="card-grid"
      style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))' }}
    >
      {[...latest.values()].map((check) => (
        <div className="card" key={check.currency} data-currency={check.currency}>
          <div className="card-header">
            <h2>{check.currency}</h2>
            <span
              className={check.reserveAdequate ? 'check check-ok' : 'check check-bad'}
              data-reserve-adequate={check.reserveAdequate}
            >
              {check.reserveAdequate
                ? `✓ ${t('recon.safeguarding.adequate')}`
                : `✗ ${t('recon.safeguarding.inadequate')}`}
            </span>
          </div>
          <p className="small muted" style={{ margin: '-6px 0 10px' }}>
            {t('recon.safeguarding.latestOf', { asOf: check.asOf })}
          </p>
          <dl className="totals" style={{ flexWrap: 'wrap', rowGap: 8 }}>
            <div>
              <dt>{t('recon.safeguarding.reserve')}</dt>
              <dd>
                <MoneyText value={check.reserve} />
              </dd>
            </div>
            <div>
              <dt>{t('recon.safeguarding.reserveRequired')}</dt>
              <dd>
                <MoneyText value={check.reserveRequired} />
              </dd>
            </div>
          </dl>
        </div>
      ))}
    </div>
  );
}

function OptionalMoney({ value }: { value: Money | null }) {
  return value === null ? <span className="muted">—</span> : <MoneyText value={value} />;
}

function ChecksTable({ checks }: { checks: SafeguardingCheck[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="safeguarding-table">
      <thead>
        <tr>
          <th>{t('recon.safeguarding.asOf')}</th>
          <th>{t('accounts.currency')}</th>
          <th>{t('common.status')}</th>
          <th className="cell-amount">{t('recon.safeguarding.bankClosing')}</th>
          <th className="cell-amount">{t('recon.safeguarding.adjustedBank')}</th>
          <th className="cell-amount">{t('recon.safeguarding.required')}</th>
          <th className="cell-amount">{t('recon.safeguarding.drift')}</th>
          <th>{t('recon.safeguarding.reserveColumn')}</th>
        </tr>
      </thead>
      <tbody>
        {checks.length === 0 ? (
          <EmptyRow columns={8} text={t('recon.safeguarding.noChecks')} />
        ) : null}
        {checks.map((check) => {
          const critical = check.severity === 'critical';
          return (
            <tr
              key={check.id}
              data-check-id={check.id}
              data-status={check.status}
              data-severity={check.severity}
              style={critical ? CRITICAL_ROW_STYLE : undefined}
            >
              <td className="nowrap">{check.asOf}</td>
              <td>{check.currency}</td>
              <td>
                <ReconStateBadge state={check.status} />
                <div className="small muted">
                  {t(`recon.severity.${check.severity}`, { defaultValue: check.severity })}
                </div>
              </td>
              <td className="cell-amount">
                <OptionalMoney value={check.bankClosing} />
                {check.bankClosingDate === null ? null : (
                  <div className="small muted">{check.bankClosingDate}</div>
                )}
              </td>
              <td className="cell-amount">
                <OptionalMoney value={check.adjustedBank} />
              </td>
              <td className="cell-amount">
                <MoneyText value={check.required} />
              </td>
              <td className="cell-amount" data-drift>
                {critical ? (
                  <strong>
                    <OptionalMoney value={check.drift} />
                  </strong>
                ) : (
                  <OptionalMoney value={check.drift} />
                )}
              </td>
              <td>
                <span className={check.reserveAdequate ? 'check check-ok' : 'check check-bad'}>
                  {check.reserveAdequate ? '✓' : '✗'}
                </span>{' '}
                <MoneyText value={check.reserve} hideCurrency /> /{' '}
                <MoneyText value={check.reserveRequired} hideCurrency />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Month picker and a button that fetches the monthly return (CSV) and saves it. */
function ReturnDownload({ platformId }: { platformId: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(() => todayUtc().slice(0, 7));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const download = async () => {
    if (busy || !/^\d{4}-\d{2}$/.test(month)) return;
    setBusy(true);
    setProblem(null);
    try {
      const blob = await fetchSafeguardingReturnCsv(platformId, month);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = `safeguarding-${platformId}-${month}.csv`;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setSavedAt(new Date().toISOString());
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <label className="field field-inline">
        <span>{t('recon.safeguarding.month')}</span>
        <input
          type="month"
          name="returnMonth"
          value={month}
          onChange={(event) => setMonth(event.target.value)}
        />
      </label>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void download()}
        data-action="download-return"
      >
        {t('recon.safeguarding.downloadReturn')}
      </button>
      {savedAt === null ? null : (
        <span className="small muted" data-testid="return-downloaded">
          {t('recon.safeguarding.downloaded')} <DateTime value={savedAt} />
        </span>
      )}
      {problem === null ? null : <ProblemAlert problem={problem} />}
    </span>
  );
}
