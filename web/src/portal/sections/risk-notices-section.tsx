import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../../api/index.js';
import { DateTime, ResourceView } from '../../components/index.js';
import { useResource } from '../../hooks/use-resource.js';
import { currentLanguage } from '../../i18n/setup-i18n.js';
import { shownNoticeSha256 } from './notice-hash.js';
import { acknowledgeRiskNotice, listMyRiskNotices } from './self-service-api.js';
import { SelfServiceProblem } from './self-service-problem.js';
import type { PortalRiskNotice } from './self-service-types.js';
import './self-service.css';

/** The text of a notice in the portal's language: exactly what is shown and hashed. */
function shownText(notice: PortalRiskNotice, language: 'en' | 'zh-CN') {
  return language === 'zh-CN'
    ? { title: notice.titleZh, body: notice.bodyZh }
    : { title: notice.titleEn, body: notice.bodyEn };
}

/** Risk notices of the products: pending ones first, each acknowledged with the hash of its text. */
export function RiskNoticesSection() {
  const { t } = useTranslation();
  const notices = useResource((signal) => listMyRiskNotices(signal), 'my-risk-notices');
  return (
    <section>
      <h1>{t('portalSelfService.notices.title')}</h1>
      <p className="muted">{t('portalSelfService.notices.subtitle')}</p>
      <ResourceView resource={notices}>
        {(data) => {
          const pending = data.items.filter((notice) => !notice.acknowledged);
          const done = data.items.filter((notice) => notice.acknowledged);
          return (
            <>
              {pending.length === 0 ? (
                <p className="portal-self-done" data-testid="portal-notices-none-pending">
                  {t('portalSelfService.notices.nonePending')}
                </p>
              ) : (
                <>
                  <h2>{t('portalSelfService.notices.pending', { count: pending.length })}</h2>
                  {pending.map((notice) => (
                    <NoticeCard key={notice.id} notice={notice} onDone={notices.reload} />
                  ))}
                </>
              )}
              {done.length === 0 ? null : (
                <>
                  <h2>{t('portalSelfService.notices.acknowledged')}</h2>
                  {done.map((notice) => (
                    <NoticeCard key={notice.id} notice={notice} onDone={notices.reload} />
                  ))}
                </>
              )}
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

function NoticeCard({ notice, onDone }: { notice: PortalRiskNotice; onDone: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { title, body } = shownText(notice, language);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const acknowledge = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await acknowledgeRiskNotice({
        productCode: notice.productCode,
        version: notice.version,
        language,
        shownSha256: await shownNoticeSha256(title, body),
      });
      onDone();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <article
      className={`portal-card portal-self-notice portal-self-risk-${notice.riskLevel}`}
      data-testid="portal-notice"
      data-product-code={notice.productCode}
      data-acknowledged={notice.acknowledged ? 'true' : 'false'}
    >
      <header>
        <strong>{title}</strong>
        <span className="muted">
          {notice.productCode} · v{notice.version} ·{' '}
          {t(`portalSelfService.notices.levels.${notice.riskLevel}`)}
        </span>
      </header>
      <p className="portal-self-text">{body}</p>
      <p className="muted">
        {t('portalSelfService.notices.published')} <DateTime value={notice.publishedAt} />
      </p>
      {notice.acknowledged ? (
        <p className="portal-self-done" data-testid="portal-notice-acknowledged">
          {t('portalSelfService.notices.done')}
        </p>
      ) : (
        <div className="portal-self-actions">
          <label>
            <input
              type="checkbox"
              name="understood"
              checked={understood}
              onChange={(event) => setUnderstood(event.target.checked)}
            />{' '}
            {t('portalSelfService.notices.understood')}
          </label>
          <button
            type="button"
            className="button button-primary"
            data-testid="portal-notice-acknowledge"
            disabled={!understood || busy}
            onClick={() => void acknowledge()}
          >
            {t('portalSelfService.notices.acknowledge')}
          </button>
        </div>
      )}
      {problem === null ? null : <SelfServiceProblem problem={problem} />}
    </article>
  );
}
