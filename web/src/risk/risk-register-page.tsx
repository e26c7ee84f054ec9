import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { EmptyRow, ProblemAlert, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { Link, setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { OwnerName, ReviewDate, ScoreBadge, ToleranceBadge } from './risk-badges.js';
import { listRisks, seedRegister } from './risk-endpoints.js';
import { RiskHeader } from './risk-header.js';
import { riskPaths } from './risk-paths.js';
import type { Risk } from './risk-types.js';

const CATEGORIES = [
  'misappropriation',
  'operational',
  'compliance',
  'technical',
  'partner',
  'liquidity',
  'credit',
];

/**
 * The register: every active risk with inherent and residual score, tolerance, owner and next
 * review; filtered by category, or by a heat-map cell (?grid=&likelihood=&impact=).
 */
export function RiskRegisterPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const mayWrite = useCan()('risk.write');
  const category = useSearchParam('category');
  const grid = useSearchParam('grid');
  const likelihood = useSearchParam('likelihood');
  const impact = useSearchParam('impact');
  const overdue = useSearchParam('overdue');
  const [generation, setGeneration] = useState(0);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const query = { category, grid, likelihood, impact, overdue };
  const risks = useResource(
    (signal) => listRisks(platformId, query, signal),
    `${platformId}|${JSON.stringify(query)}|${generation}`,
  );
  const seed = async () => {
    setProblem(null);
    try {
      await seedRegister(platformId);
      setGeneration((g) => g + 1);
    } catch (error) {
      setProblem(asApiProblem(error));
    }
  };
  const cellFilter = likelihood !== '' && impact !== '';
  return (
    <>
      <RiskHeader
        subtitle={t('riskRegister.register.subtitle')}
        actions={
          mayWrite ? (
            <button
              type="button"
              className="button"
              onClick={() => void seed()}
              data-testid="seed-register"
            >
              {t('riskRegister.register.seed')}
            </button>
          ) : undefined
        }
      />
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <div className="filters rr-filters">
        <label>
          {t('riskRegister.field.category')}{' '}
          <select
            value={category}
            onChange={(e) => setSearchParam('category', e.target.value)}
            data-testid="category-filter"
          >
            <option value="">{t('riskRegister.all')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`riskRegister.category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={overdue === 'true'}
            onChange={(e) => setSearchParam('overdue', e.target.checked ? 'true' : '')}
          />{' '}
          {t('riskRegister.register.overdueOnly')}
        </label>
        {cellFilter ? (
          <span className="rr-cell-filter" data-testid="cell-filter">
            {t('riskRegister.register.cellFilter', {
              grid: t(`riskRegister.heatMap.${grid === 'inherent' ? 'inherent' : 'residual'}`),
              likelihood,
              impact,
            })}{' '}
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setSearchParam('likelihood', '');
                setSearchParam('impact', '');
                setSearchParam('grid', '');
              }}
            >
              {t('riskRegister.register.clearCell')}
            </button>
          </span>
        ) : null}
      </div>
      <Section title={t('riskRegister.register.title')} testId="risk-register">
        <ResourceView resource={risks}>{(data) => <RiskTable risks={data.items} />}</ResourceView>
      </Section>
    </>
  );
}

export function RiskTable({ risks }: { risks: Risk[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="risk-table">
      <thead>
        <tr>
          <th>{t('riskRegister.field.code')}</th>
          <th>{t('riskRegister.field.title')}</th>
          <th>{t('riskRegister.field.inherent')}</th>
          <th>{t('riskRegister.field.residual')}</th>
          <th>{t('riskRegister.field.tolerance')}</th>
          <th>{t('riskRegister.field.treatment')}</th>
          <th>{t('riskRegister.field.owner')}</th>
          <th>{t('riskRegister.field.nextReview')}</th>
        </tr>
      </thead>
      <tbody>
        {risks.length === 0 ? (
          <EmptyRow columns={8} text={t('riskRegister.register.empty')} />
        ) : null}
        {risks.map((risk) => (
          <tr key={risk.id} data-risk-code={risk.code}>
            <td>
              <Link to={riskPaths.risk(risk.id)}>{risk.code}</Link>
            </td>
            <td className="cell-wrap">
              {risk.title}
              <div className="muted small">{t(`riskRegister.category.${risk.category}`)}</div>
            </td>
            <td>
              <ScoreBadge cell={risk.inherent} />
            </td>
            <td>
              <ScoreBadge cell={risk.residual} />
            </td>
            <td>
              <ToleranceBadge status={risk.toleranceStatus} />
            </td>
            <td>{t(`riskRegister.treatment.${risk.treatment}`)}</td>
            <td>
              <OwnerName principalId={risk.ownerId} />
            </td>
            <td>
              <ReviewDate date={risk.nextReviewOn} state={risk.reviewState} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
