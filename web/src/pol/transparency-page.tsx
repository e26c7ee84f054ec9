import { useTranslation } from 'react-i18next';
import {
  DateTime,
  LanguageSwitch,
  MoneyText,
  ResourceView,
  StatusBadge,
} from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { getTransparencyReport } from './pol-endpoints.js';
import type { TransparencyReport } from './pol-types.js';
import './pol.css';

/** The public transparency report of one platform (no sign-in): aggregate figures only. */
export function TransparencyPage({ platformId }: { platformId: string }) {
  const { t } = useTranslation();
  const report = useResource((signal) => getTransparencyReport(platformId, signal), platformId);
  return (
    <main className="transparency">
      <header className="transparency-header">
        <div>
          <p className="muted small">{t('transparency.kicker')}</p>
          <h1>{report.state.status === 'ready' ? report.state.data.platformName : platformId}</h1>
        </div>
        <LanguageSwitch />
      </header>
      <ResourceView resource={report}>{(data) => <ReportBody report={data} />}</ResourceView>
      <p className="muted small transparency-foot">
        {t('transparency.foot')}{' '}
        <a href={`/v1/transparency/${encodeURIComponent(platformId)}`}>JSON</a>
      </p>
    </main>
  );
}

function ReportBody({ report }: { report: TransparencyReport }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted">
        {t('transparency.generated')} <DateTime value={report.generatedAt} /> ·{' '}
        {t('transparency.customers', { count: report.customerCount })}
      </p>
      <div className="card-grid transparency-grid">
        {report.currencies.map((row) => (
          <section className="card" key={row.currency} data-testid={`transparency-${row.currency}`}>
            <h2 className="card-header">{row.currency}</h2>
            <dl className="facts">
              <div className="fact">
                <dt>{t('transparency.custody')}</dt>
                <dd>
                  {row.custodyBalance === null ? (
                    <span className="muted" data-testid="transparency-withheld">
                      {row.custodyBalanceWithheld}
                    </span>
                  ) : (
                    <MoneyText value={row.custodyBalance} />
                  )}
                </dd>
              </div>
              <div className="fact">
                <dt>{t('transparency.reserve')}</dt>
                <dd>
                  <MoneyText value={row.reserve} />
                </dd>
              </div>
              <div className="fact">
                <dt>{t('transparency.accounts')}</dt>
                <dd>{row.customerAccounts.toLocaleString()}</dd>
              </div>
              <div className="fact">
                <dt>{t('transparency.safeguarding')}</dt>
                <dd>
                  {row.safeguarding === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      <StatusBadge status={row.safeguarding.status} /> {row.safeguarding.asOf}
                    </>
                  )}
                </dd>
              </div>
              <div className="fact">
                <dt>{t('transparency.polRoot')}</dt>
                <dd>
                  {row.proofOfLiabilities === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      <code className="pol-hash" data-testid="transparency-root">
                        {row.proofOfLiabilities.rootHash}
                      </code>
                      <span className="muted small">
                        {' '}
                        {row.proofOfLiabilities.date} ·{' '}
                        {t('transparency.customers', {
                          count: row.proofOfLiabilities.customerCount,
                        })}
                      </span>
                    </>
                  )}
                </dd>
              </div>
            </dl>
          </section>
        ))}
      </div>
      <div className="card-grid transparency-grid">
        <section className="card">
          <h2 className="card-header">{t('transparency.reconciliation')}</h2>
          {report.lastReconciliation === null ? (
            <p className="muted">—</p>
          ) : (
            <p>
              {report.lastReconciliation.asOf} ·{' '}
              {t('transparency.matches', {
                matches: report.lastReconciliation.matchCount,
                breaks: report.lastReconciliation.breakCount,
              })}
            </p>
          )}
        </section>
        <section className="card">
          <h2 className="card-header">{t('transparency.checkpoint')}</h2>
          {report.auditCheckpoint === null ? (
            <p className="muted">—</p>
          ) : (
            <p>
              {t('transparency.treeSize', { size: report.auditCheckpoint.treeSize })}{' '}
              <code className="pol-hash">{report.auditCheckpoint.rootHash}</code>{' '}
              <DateTime value={report.auditCheckpoint.signedAt} />
            </p>
          )}
        </section>
      </div>
      <p className="transparency-explain">{t('transparency.explain')}</p>
    </>
  );
}
