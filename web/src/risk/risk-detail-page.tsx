import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import {
  DateTime,
  EmptyRow,
  FactList,
  MoneyText,
  ProblemAlert,
  ResourceView,
  Section,
} from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { usePlatformId } from '../session/index.js';
import { OutcomeBadge, OwnerName, ReviewDate, ScoreBadge, ToleranceBadge } from './risk-badges.js';
import { assessRisk, getRisk } from './risk-endpoints.js';
import { RiskHeader } from './risk-header.js';
import type { RiskDetail } from './risk-types.js';

/** One risk: its terms, linked controls with their latest test, assessments and losses. */
export function RiskDetailPage({ riskId }: { riskId: string }) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const [generation, setGeneration] = useState(0);
  const detail = useResource(
    (signal) => getRisk(platformId, riskId, signal),
    `${platformId}|${riskId}|${generation}`,
  );
  return (
    <ResourceView resource={detail}>
      {(data) => (
        <>
          <RiskHeader
            title={`${data.risk.code} ${data.risk.title}`}
            subtitle={t(`riskRegister.category.${data.risk.category}`)}
          />
          <RiskFacts data={data} />
          <AssessForm
            platformId={platformId}
            riskId={riskId}
            onDone={() => setGeneration((g) => g + 1)}
          />
          <ControlsSection data={data} />
          <HistorySection data={data} />
          {data.lossTotals.length === 0 ? null : (
            <Section title={t('riskRegister.detail.losses')} testId="risk-losses">
              <table className="table">
                <tbody>
                  {data.lossTotals.map((total) => (
                    <tr key={total.currency}>
                      <td>{t('riskRegister.losses.eventsCount', { count: total.events })}</td>
                      <td className="numeric">
                        <MoneyText value={total.net} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          )}
        </>
      )}
    </ResourceView>
  );
}

function RiskFacts({ data }: { data: RiskDetail }) {
  const { t } = useTranslation();
  const r = data.risk;
  return (
    <FactList
      facts={[
        { label: t('riskRegister.field.inherent'), value: <ScoreBadge cell={r.inherent} /> },
        { label: t('riskRegister.field.residual'), value: <ScoreBadge cell={r.residual} /> },
        {
          label: t('riskRegister.field.appetite'),
          value: `${r.appetiteScore} / ${r.toleranceScore}`,
        },
        {
          label: t('riskRegister.field.tolerance'),
          value: <ToleranceBadge status={r.toleranceStatus} />,
        },
        { label: t('riskRegister.field.owner'), value: <OwnerName principalId={r.ownerId} /> },
        {
          label: t('riskRegister.field.nextReview'),
          value: <ReviewDate date={r.nextReviewOn} state={r.reviewState} />,
        },
        {
          label: t('riskRegister.field.treatment'),
          value: `${t(`riskRegister.treatment.${r.treatment}`)}${r.transferCover === null ? '' : ` (${r.transferCover})`}`,
        },
        { label: t('riskRegister.field.cause'), value: r.cause },
        { label: t('riskRegister.field.consequence'), value: r.consequence },
        {
          label: t('riskRegister.field.plan'),
          value: r.treatmentPlan === '' ? '—' : r.treatmentPlan,
        },
        {
          label: t('riskRegister.field.partners'),
          value: data.partners.map((p) => p.name).join(', ') || '—',
        },
      ]}
    />
  );
}

function ControlsSection({ data }: { data: RiskDetail }) {
  const { t } = useTranslation();
  return (
    <Section
      title={t('riskRegister.detail.controls')}
      count={data.controls.length}
      testId="risk-controls"
    >
      <table className="table">
        <thead>
          <tr>
            <th>{t('riskRegister.field.control')}</th>
            <th>{t('riskRegister.field.kind')}</th>
            <th>{t('riskRegister.field.declared')}</th>
            <th>{t('riskRegister.field.latestTest')}</th>
            <th>{t('riskRegister.field.effectiveness')}</th>
          </tr>
        </thead>
        <tbody>
          {data.controls.length === 0 ? (
            <EmptyRow columns={5} text={t('riskRegister.detail.noControls')} />
          ) : null}
          {data.controls.map((c) => (
            <tr key={c.controlId} data-control-code={c.code}>
              <td className="cell-wrap">
                <strong>{c.code}</strong> {c.title}
              </td>
              <td>{t(`riskRegister.controlKind.${c.kind}`)}</td>
              <td>{t(`riskRegister.effectiveness.${c.declaredEffectiveness}`)}</td>
              <td>
                <OutcomeBadge outcome={c.latestOutcome} />{' '}
                {c.latestRanAt === null ? null : <DateTime value={c.latestRanAt} />}
              </td>
              <td>{t(`riskRegister.effectiveness.${c.effectiveness}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function HistorySection({ data }: { data: RiskDetail }) {
  const { t } = useTranslation();
  return (
    <Section
      title={t('riskRegister.detail.history')}
      count={data.history.length}
      testId="risk-history"
    >
      <table className="table">
        <thead>
          <tr>
            <th>{t('riskRegister.field.assessedAt')}</th>
            <th>{t('riskRegister.field.reason')}</th>
            <th>{t('riskRegister.field.inherent')}</th>
            <th>{t('riskRegister.field.residual')}</th>
            <th>{t('riskRegister.field.tolerance')}</th>
            <th>{t('riskRegister.field.by')}</th>
            <th>{t('riskRegister.field.note')}</th>
          </tr>
        </thead>
        <tbody>
          {data.history.map((row) => (
            <tr key={row.id}>
              <td>
                <DateTime value={row.assessedAt} />
              </td>
              <td>{t(`riskRegister.reason.${row.reason}`)}</td>
              <td>
                <ScoreBadge cell={row.inherent} />
              </td>
              <td>
                <ScoreBadge cell={row.residual} />
              </td>
              <td>
                <ToleranceBadge status={row.toleranceStatus} />
              </td>
              <td>
                {row.assessedBy.startsWith('system:') ? (
                  t('riskRegister.system')
                ) : (
                  <OwnerName principalId={row.assessedBy} />
                )}
              </td>
              <td className="cell-wrap">{row.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function AssessForm({
  platformId,
  riskId,
  onDone,
}: {
  platformId: string;
  riskId: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const mayWrite = useCan()('risk.write');
  const [likelihood, setLikelihood] = useState(3);
  const [impact, setImpact] = useState(3);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  if (!mayWrite) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await assessRisk(platformId, riskId, { likelihood, impact, note });
      setNote('');
      onDone();
    } catch (error) {
      setProblem(asApiProblem(error));
    }
  };
  const scale = [1, 2, 3, 4, 5];
  return (
    <Section title={t('riskRegister.detail.assess')} testId="assess-form">
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <form className="filters" onSubmit={(e) => void submit(e)}>
        <label>
          {t('riskRegister.field.likelihood')}{' '}
          <select
            value={likelihood}
            onChange={(e) => setLikelihood(Number(e.target.value))}
            name="likelihood"
          >
            {scale.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('riskRegister.field.impact')}{' '}
          <select value={impact} onChange={(e) => setImpact(Number(e.target.value))} name="impact">
            {scale.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('riskRegister.field.note')}{' '}
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            name="note"
            required
            maxLength={2000}
          />
        </label>
        <button type="submit" className="button button-primary">
          {t('riskRegister.detail.record')}
        </button>
      </form>
    </Section>
  );
}
