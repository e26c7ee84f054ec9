import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResourceView } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { currentLanguage } from '../i18n/setup-i18n.js';
import { getPortalAccounts, statementUrl } from './portal-endpoints.js';

function thisMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** Monthly or on-demand statements of an own account, as PDF or CSV, in Chinese or English. */
export function StatementsSection() {
  const { t } = useTranslation();
  const accounts = useResource((signal) => getPortalAccounts(signal), 'accounts');
  const [mode, setMode] = useState<'month' | 'range'>('month');
  const [month, setMonth] = useState(thisMonth());
  const [from, setFrom] = useState(`${thisMonth()}-01`);
  const [to, setTo] = useState(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
  const [language, setLanguage] = useState<string>(currentLanguage());
  const period = mode === 'month' ? { month } : { from, to };
  return (
    <section>
      <h1>{t('portal.statements.title')}</h1>
      <p className="muted">{t('portal.statements.subtitle')}</p>
      <div className="portal-form">
        <label>
          {t('portal.statements.period')}
          <select value={mode} onChange={(e) => setMode(e.target.value as 'month' | 'range')}>
            <option value="month">{t('portal.statements.monthly')}</option>
            <option value="range">{t('portal.statements.onDemand')}</option>
          </select>
        </label>
        {mode === 'month' ? (
          <label>
            {t('portal.statements.month')}
            <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
          </label>
        ) : (
          <>
            <label>
              {t('portal.statements.from')}
              <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label>
              {t('portal.statements.to')}
              <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </label>
          </>
        )}
        <label>
          {t('portal.statements.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
      <ResourceView resource={accounts}>
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('portal.statements.account')}</th>
                <th>{t('portal.statements.currency')}</th>
                <th>{t('portal.statements.download')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((account) => (
                <tr key={account.id}>
                  <td>
                    <code className="id">{account.id}</code>
                  </td>
                  <td>{account.currency}</td>
                  <td className="portal-downloads">
                    <a
                      className="button button-small"
                      data-testid="portal-statement-pdf"
                      href={statementUrl(account.id, { ...period, format: 'pdf', language })}
                    >
                      PDF
                    </a>
                    <a
                      className="button button-small"
                      data-testid="portal-statement-csv"
                      href={statementUrl(account.id, { ...period, format: 'csv', language })}
                    >
                      CSV
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ResourceView>
    </section>
  );
}
