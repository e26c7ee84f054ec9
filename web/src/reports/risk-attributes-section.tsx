import { useTranslation } from 'react-i18next';
import { FactList } from '../components/index.js';
import { groupDigits } from '../format/index.js';
import type { RatingDetail } from './reports-types.js';

/**
 * What compliance recorded about the customer for the risk model and for monitoring: occupation
 * and industry categories, products, onboarding channel, PEP status, and the declared monthly
 * income (a person) or expected monthly turnover (an entity) that inflows are compared with.
 */
export function RiskAttributesSection({
  data,
  onEdit,
}: {
  data: RatingDetail;
  /** Given to those who may write: shows the "Edit attributes" action. */
  onEdit?: () => void;
}) {
  const { t } = useTranslation();
  const a = data.attributes;
  const code = (value: string | null) => (value === null ? '—' : <code>{value}</code>);
  const declared = a.declaredMonthlyCny ?? null;
  return (
    <div data-testid="risk-attributes">
      <FactList
        facts={[
          { label: t('riskRating.attributes.occupation'), value: code(a.occupationCategory) },
          { label: t('riskRating.attributes.industry'), value: code(a.industryCategory) },
          {
            label: t('riskRating.attributes.products'),
            value: a.products.length === 0 ? '—' : a.products.join(', '),
          },
          {
            label: t('riskRating.attributes.channel'),
            value: t(`riskRating.attributes.channels.${a.onboardingChannel}`, {
              defaultValue: a.onboardingChannel,
            }),
          },
          {
            label: t('riskRating.attributes.pep'),
            value: t(`riskRating.attributes.peps.${a.pepStatus}`, { defaultValue: a.pepStatus }),
          },
          {
            label: t(
              data.customerKind === 'entity'
                ? 'riskRating.attributes.declaredTurnover'
                : 'riskRating.attributes.declaredIncome',
            ),
            value:
              declared === null ? (
                t('riskRating.attributes.notDeclared')
              ) : (
                <span className="money" data-testid="declared-monthly">
                  {groupDigits(declared)}
                  <span className="money-currency">CNY</span>
                </span>
              ),
          },
        ]}
      />
      {onEdit === undefined ? null : (
        <div className="report-actions">
          <button type="button" className="button" data-testid="edit-attributes" onClick={onEdit}>
            {t('riskRating.attributes.edit')}
          </button>
        </div>
      )}
    </div>
  );
}
