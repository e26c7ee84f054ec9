import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { useCan } from '../access/use-can.js';
import {
  CopyButton,
  DateTime,
  EmptyRow,
  PageHeader,
  ProblemAlert,
  ResourceView,
} from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { Link, setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { buildPolRoots, listPolRoots } from './pol-endpoints.js';
import { polPaths } from './pol-paths.js';
import type { PolRoot } from './pol-types.js';
import './pol.css';

/** The published proof-of-liabilities roots of the platform, per currency, newest first. */
export function PolRootsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const platformId = usePlatformId();
  const currency = useSearchParam('currency') ?? '';
  const roots = useResource(
    (signal) => listPolRoots(platformId, currency, signal),
    `${platformId}|${currency}`,
  );
  const [building, setBuilding] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const build = async () => {
    setBuilding(true);
    setProblem(null);
    try {
      await buildPolRoots(platformId);
      roots.reload();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBuilding(false);
    }
  };
  return (
    <>
      <PageHeader
        title={t('pol.roots.title')}
        subtitle={t('pol.roots.subtitle')}
        actions={
          <>
            <Link className="button" to={polPaths.verify}>
              {t('pol.verify.nav')}
            </Link>
            <Link className="button" to={polPaths.transparency(platformId)}>
              {t('pol.roots.publicPage')}
            </Link>
            {can('pol.manage') ? (
              <button
                type="button"
                className="button button-primary"
                disabled={building}
                onClick={() => void build()}
              >
                {building ? t('pol.roots.building') : t('pol.roots.build')}
              </button>
            ) : null}
          </>
        }
      />
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <div className="filters">
        <label className="field field-inline">
          <span>{t('pol.currency')}</span>
          <input
            name="currency"
            value={currency}
            maxLength={3}
            placeholder="CNY"
            onChange={(event) => setSearchParam('currency', event.target.value.toUpperCase())}
          />
        </label>
      </div>
      <ResourceView resource={roots}>
        {(page) => <RootsTable roots={page.roots} canOpen={can('pol.total.read')} />}
      </ResourceView>
    </>
  );
}

function RootsTable({ roots, canOpen }: { roots: PolRoot[]; canOpen: boolean }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="pol-roots">
      <thead>
        <tr>
          <th>{t('pol.date')}</th>
          <th>{t('pol.currency')}</th>
          <th className="cell-amount">{t('pol.customers')}</th>
          <th className="cell-amount">{t('pol.leaves')}</th>
          <th>{t('pol.rootHash')}</th>
          <th>{t('pol.builtAt')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {roots.length === 0 ? <EmptyRow columns={7} text={t('pol.roots.empty')} /> : null}
        {roots.map((root) => (
          <tr key={root.treeId}>
            <td className="nowrap">{root.date}</td>
            <td>{root.currency}</td>
            <td className="cell-amount">{root.customerCount.toLocaleString()}</td>
            <td className="cell-amount">{(2 ** root.height).toLocaleString()}</td>
            <td>
              <code className="audit-hash pol-hash" title={root.rootHash}>
                {root.rootHash.slice(0, 16)}…
              </code>
              <CopyButton text={root.rootHash} />
            </td>
            <td className="nowrap">
              <DateTime value={root.builtAt} />
            </td>
            <td className="cell-actions">
              {canOpen ? (
                <Link className="button button-small" to={polPaths.tree(root.treeId)}>
                  {t('pol.open.action')}
                </Link>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
