import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import {
  FactList,
  MoneyText,
  PageHeader,
  ProblemAlert,
  Section,
  StatusBadge,
} from '../components/index.js';
import { Link } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { openPolTotal } from './pol-endpoints.js';
import { polPaths } from './pol-paths.js';
import type { PolOpening } from './pol-types.js';
import './pol.css';

const Check = ({ ok }: { ok: boolean }) => {
  const { t } = useTranslation();
  return (
    <span className={ok ? 'pol-check pol-check-ok' : 'pol-check pol-check-failed'}>
      {ok ? t('pol.yes') : t('pol.no')}
    </span>
  );
};

/**
 * The supervisor's view of one tree: opening the total (recorded in the audit log) shows
 * the total, the sum of the masks, whether both reproduce the published root, and the
 * comparison with the books' customer liabilities from the safeguarding check.
 */
export function PolOpenPage({ treeId }: { treeId: string }) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const [opening, setOpening] = useState<PolOpening | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const open = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setOpening(await openPolTotal(platformId, treeId));
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p className="breadcrumb">
        <Link to={polPaths.roots}>{t('pol.roots.title')}</Link>
      </p>
      <PageHeader
        title={t('pol.open.title')}
        subtitle={<code>{treeId}</code>}
        actions={
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void open()}
          >
            {busy ? t('pol.open.opening') : t('pol.open.action')}
          </button>
        }
      />
      <p className="muted">{t('pol.open.explain')}</p>
      {problem === null ? null : <ProblemAlert problem={problem} />}
      {opening === null ? null : (
        <div data-testid="pol-opening">
          <FactList
            facts={[
              { label: t('pol.date'), value: opening.date },
              { label: t('pol.customers'), value: opening.customerCount.toLocaleString() },
              { label: t('pol.open.total'), value: <MoneyText value={opening.total} /> },
              { label: t('pol.open.openingMatches'), value: <Check ok={opening.openingMatches} /> },
              { label: t('pol.open.rebuildMatches'), value: <Check ok={opening.rebuildMatches} /> },
            ]}
          />
          <Section title={t('pol.open.safeguarding')}>
            {opening.safeguarding === null ? (
              <p className="muted">{t('pol.open.noSafeguarding')}</p>
            ) : (
              <FactList
                facts={[
                  { label: t('pol.open.checkDate'), value: opening.safeguarding.asOf },
                  {
                    label: t('pol.status'),
                    value: <StatusBadge status={opening.safeguarding.status} />,
                  },
                  {
                    label: t('pol.open.liabilities'),
                    value: <MoneyText value={opening.safeguarding.customerLiabilities} />,
                  },
                  {
                    label: t('pol.open.difference'),
                    value: <MoneyText value={opening.safeguarding.difference} />,
                  },
                  {
                    label: t('pol.open.matches'),
                    value: <Check ok={opening.safeguarding.matches} />,
                  },
                ]}
              />
            )}
          </Section>
          <Section title={t('pol.open.values')}>
            <dl className="facts">
              <div className="fact">
                <dt>{t('pol.open.opening')}</dt>
                <dd>
                  <code className="pol-hash">{opening.opening}</code>
                </dd>
              </div>
              <div className="fact">
                <dt>{t('pol.maskedTotal')}</dt>
                <dd>
                  <code className="pol-hash">{opening.rootMaskedSum}</code>
                </dd>
              </div>
            </dl>
          </Section>
        </div>
      )}
    </>
  );
}
