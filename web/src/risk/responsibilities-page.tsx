import { useTranslation } from 'react-i18next';
import { EmptyRow, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { OutcomeBadge, ReviewDate } from './risk-badges.js';
import { getResponsibilities } from './risk-endpoints.js';
import { RiskHeader } from './risk-header.js';
import { riskPaths } from './risk-paths.js';
import { RiskTable } from './risk-register-page.js';

/** "My responsibilities": what the signed-in person owns, and which reviews are overdue. */
export function ResponsibilitiesPage() {
  const { t } = useTranslation();
  const mine = useResource((signal) => getResponsibilities(signal), 'me');
  return (
    <>
      <RiskHeader title={t('riskRegister.mine.title')} subtitle={t('riskRegister.mine.subtitle')} />
      <ResourceView resource={mine}>
        {(data) => (
          <>
            <Section
              title={t('riskRegister.mine.overdue')}
              count={data.overdue.length}
              testId="my-overdue"
            >
              <table className="table">
                <tbody>
                  {data.overdue.length === 0 ? (
                    <EmptyRow columns={3} text={t('riskRegister.mine.nothingOverdue')} />
                  ) : null}
                  {data.overdue.map((item) => (
                    <tr key={item.subjectId}>
                      <td>{t(`riskRegister.mine.subject.${item.subjectType}`)}</td>
                      <td>
                        {item.subjectType === 'risk' ? (
                          <Link to={riskPaths.risk(item.subjectId)}>{item.label}</Link>
                        ) : (
                          item.label
                        )}
                      </td>
                      <td>
                        <ReviewDate date={item.dueOn} state="overdue" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
            <Section
              title={t('riskRegister.mine.risks')}
              count={data.risks.length}
              testId="my-risks"
            >
              <RiskTable risks={data.risks} />
            </Section>
            <Section
              title={t('riskRegister.mine.controls')}
              count={data.controls.length}
              testId="my-controls"
            >
              <table className="table">
                <tbody>
                  {data.controls.length === 0 ? (
                    <EmptyRow columns={3} text={t('riskRegister.mine.none')} />
                  ) : null}
                  {data.controls.map((c) => (
                    <tr key={`${c.controlId}|${c.platformId ?? ''}`}>
                      <td className="cell-wrap">
                        <strong>{c.code}</strong> {c.title}
                      </td>
                      <td>{t('riskRegister.mine.linkedRisks', { count: c.riskIds.length })}</td>
                      <td>
                        <OutcomeBadge outcome={c.latestOutcome} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
            <Section
              title={t('riskRegister.mine.partners')}
              count={data.partners.length}
              testId="my-partners"
            >
              <table className="table">
                <tbody>
                  {data.partners.length === 0 ? (
                    <EmptyRow columns={2} text={t('riskRegister.mine.none')} />
                  ) : null}
                  {data.partners.map((p) => (
                    <tr key={p.id}>
                      <td>{p.name}</td>
                      <td>
                        <ReviewDate date={p.nextReviewOn} state={p.reviewState} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          </>
        )}
      </ResourceView>
    </>
  );
}
