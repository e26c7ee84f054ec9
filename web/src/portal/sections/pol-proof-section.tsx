import { useTranslation } from 'react-i18next';
import { ResourceView } from '../../components/index.js';
import { useResource } from '../../hooks/use-resource.js';
import { getTransparencyReport } from '../../pol/pol-endpoints.js';
import { portalRequest } from '../portal-api.js';
import { getPortalSession } from '../portal-endpoints.js';
import { checkMyProof, type MyProofCheck } from './pol-proof-check.js';
import './self-service.css';

/** Fetches my proof and the public report, and checks the proof here, in the browser. */
async function loadCheck(signal: AbortSignal): Promise<MyProofCheck> {
  const session = await getPortalSession(signal);
  const [proof, report] = await Promise.all([
    portalRequest<unknown>('/v1/portal/pol/proof', { signal }),
    getTransparencyReport(session.platformId, signal),
  ]);
  return checkMyProof(proof, report, session.customerId);
}

/** "Proof that my balance is counted" in the platform's published liabilities. */
export function PolProofSection() {
  const { t } = useTranslation();
  const check = useResource((signal) => loadCheck(signal), 'my-pol-proof');
  return (
    <section>
      <h1>{t('portalSelfService.pol.title')}</h1>
      <p className="muted">{t('portalSelfService.pol.subtitle')}</p>
      <ResourceView resource={check}>{(result) => <CheckResult result={result} />}</ResourceView>
    </section>
  );
}

function CheckResult({ result }: { result: MyProofCheck }) {
  const { t } = useTranslation();
  if (!result.ok)
    return (
      <div
        className="portal-card portal-self-failed"
        role="alert"
        data-testid="portal-pol-result"
        data-ok="false"
      >
        <strong>
          {t('portalSelfService.pol.failed', {
            step: t(`portalSelfService.pol.steps.${result.step}`),
          })}
        </strong>
        <p className="portal-self-text">{result.message}</p>
      </div>
    );
  return (
    <div className="portal-card portal-self-ok" data-testid="portal-pol-result" data-ok="true">
      <strong>{t('portalSelfService.pol.ok')}</strong>
      <dl className="portal-self-facts">
        <dt>{t('portalSelfService.pol.balance')}</dt>
        <dd>{result.balance}</dd>
        <dt>{t('portalSelfService.pol.date')}</dt>
        <dd>{result.date}</dd>
        <dt>{t('portalSelfService.pol.root')}</dt>
        <dd>
          <code className="portal-self-hash">{result.rootHash}</code>
        </dd>
        <dt>{t('portalSelfService.pol.tree')}</dt>
        <dd>
          <code className="id">{result.treeId}</code>
        </dd>
      </dl>
      <p className="muted">{t('portalSelfService.pol.explain')}</p>
    </div>
  );
}
