import { useTranslation } from 'react-i18next';
import { EmptyRow, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { OwnerName, ReviewDate } from './risk-badges.js';
import { getPartner, listPartners } from './risk-endpoints.js';
import { RiskHeader } from './risk-header.js';
import type { Partner } from './risk-types.js';

/** Cooperating institutions: rating, review schedule, qualifications expiring; one opens below. */
export function PartnersPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const selected = useSearchParam('partner');
  const partners = useResource((signal) => listPartners(platformId, signal), platformId);
  return (
    <>
      <RiskHeader subtitle={t('riskRegister.partners.subtitle')} />
      <Section title={t('riskRegister.partners.title')} testId="partners">
        <ResourceView resource={partners}>
          {(data) => <PartnerTable partners={data.items} />}
        </ResourceView>
      </Section>
      {selected === '' ? null : (
        <Qualifications key={selected} platformId={platformId} partnerId={selected} />
      )}
    </>
  );
}

function PartnerTable({ partners }: { partners: Partner[] }) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('riskRegister.partners.name')}</th>
          <th>{t('riskRegister.partners.kind')}</th>
          <th>{t('riskRegister.partners.rating')}</th>
          <th>{t('riskRegister.field.nextReview')}</th>
          <th>{t('riskRegister.partners.expiring')}</th>
          <th>{t('riskRegister.field.owner')}</th>
        </tr>
      </thead>
      <tbody>
        {partners.length === 0 ? (
          <EmptyRow columns={6} text={t('riskRegister.partners.empty')} />
        ) : null}
        {partners.map((p) => (
          <tr key={p.id} data-partner={p.name}>
            <td>
              <button
                type="button"
                className="link-button"
                onClick={() => setSearchParam('partner', p.id)}
              >
                {p.name}
              </button>
            </td>
            <td>{t(`riskRegister.partners.kinds.${p.kind}`)}</td>
            <td>{p.rating ?? t('riskRegister.partners.unrated')}</td>
            <td>
              <ReviewDate date={p.nextReviewOn} state={p.reviewState} />
            </td>
            <td>
              {p.qualificationsExpiring === 0 ? (
                <span className="muted">0</span>
              ) : (
                <span className="rr-review rr-review-overdue" data-testid="expiring-count">
                  {p.qualificationsExpiring}
                </span>
              )}
            </td>
            <td>
              <OwnerName principalId={p.ownerId} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Qualifications({ platformId, partnerId }: { platformId: string; partnerId: string }) {
  const { t } = useTranslation();
  const partner = useResource((signal) => getPartner(platformId, partnerId, signal), partnerId);
  return (
    <ResourceView resource={partner}>
      {(data) => (
        <Section
          title={t('riskRegister.partners.qualifications', { name: data.partner.name })}
          testId="qualifications"
        >
          <table className="table">
            <thead>
              <tr>
                <th>{t('riskRegister.partners.qualification')}</th>
                <th>{t('riskRegister.partners.issuer')}</th>
                <th>{t('riskRegister.partners.expiresOn')}</th>
              </tr>
            </thead>
            <tbody>
              {data.qualifications.length === 0 ? (
                <EmptyRow columns={3} text={t('riskRegister.partners.noQualifications')} />
              ) : null}
              {data.qualifications.map((q) => (
                <tr key={q.id}>
                  <td>{q.name}</td>
                  <td>{q.issuer}</td>
                  <td>
                    <span className={`rr-qualification rr-qualification-${q.state}`}>
                      {q.expiresOn ?? '—'} · {t(`riskRegister.partners.state.${q.state}`)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
    </ResourceView>
  );
}
