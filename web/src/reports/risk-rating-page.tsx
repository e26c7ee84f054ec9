import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import {
  DateTime,
  EmptyRow,
  FactList,
  FormDialog,
  IdLink,
  Notice,
  PageHeader,
  ResourceView,
  Section,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { FactorChart } from './factor-chart.js';
import { RiskAttributesDialog } from './risk-attributes-dialog.js';
import { RiskAttributesSection } from './risk-attributes-section.js';
import { OwnersSection } from './owners-section.js';
import { getRating, overrideLevel, recordEddItem, rerate } from './reports-endpoints.js';
import { reportsPaths } from './reports-paths.js';
import {
  RISK_LEVELS,
  type AttributesOutcome,
  type RatingDetail,
  type RiskLevel,
} from './reports-types.js';
import { OverdueBadge, RiskLevelBadge } from './report-badges.js';

/** A notice's message key and values, translated when shown: it follows a language switch. */
interface PageNotice {
  key: string;
  values?: Record<string, unknown>;
}

function attributesNotice(outcome: AttributesOutcome): PageNotice {
  if ('status' in outcome)
    return { key: 'riskRating.attributes.pending', values: { approvalId: outcome.approvalId } };
  return { key: 'riskRating.attributes.saved', values: { score: outcome.score } };
}

function OverrideDialog({
  platformId,
  customerId,
  onClose,
  onDone,
}: {
  platformId: string;
  customerId: string;
  onClose: () => void;
  onDone: (notice: PageNotice) => void;
}) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<RiskLevel | 'clear'>('medium');
  return (
    <FormDialog
      title={t('riskRating.override.title')}
      description={t('riskRating.override.description')}
      confirmLabel={t('riskRating.override.confirm')}
      tone="primary"
      ready
      onSubmit={(reason) =>
        overrideLevel(platformId, customerId, level === 'clear' ? null : level, reason)
      }
      onClose={onClose}
      onDone={(result) =>
        onDone(
          result.status === 'applied'
            ? { key: 'riskRating.override.applied' }
            : {
                key: 'riskRating.override.pending',
                values: { approvalId: result.approvalId ?? '' },
              },
        )
      }
    >
      <label className="field">
        <span>{t('riskRating.field.level')}</span>
        <select
          name="overrideLevel"
          value={level}
          onChange={(e) => setLevel(e.target.value as RiskLevel | 'clear')}
        >
          {RISK_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`riskRating.level.${l}`)}
            </option>
          ))}
          <option value="clear">{t('riskRating.override.clear')}</option>
        </select>
      </label>
    </FormDialog>
  );
}

function EddSection({
  data,
  platformId,
  mayWrite,
  onChanged,
}: {
  data: RatingDetail;
  platformId: string;
  mayWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState<string | null>(null);
  const items = data.edd?.items ?? [];
  return (
    <>
      <table className="table" data-testid="edd-checklist">
        <thead>
          <tr>
            <th>{t('riskRating.edd.item')}</th>
            <th>{t('riskRating.edd.status')}</th>
            <th>{t('riskRating.edd.note')}</th>
            {mayWrite ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? (
            <EmptyRow columns={mayWrite ? 4 : 3} text={t('riskRating.edd.none')} />
          ) : null}
          {items.map((i) => (
            <tr key={i.item} data-item={i.item} data-status={i.status}>
              <td>
                {t(`riskRating.eddItem.${i.item}`, { defaultValue: i.item })}
                {i.required ? '' : ` (${t('riskRating.edd.notRequired')})`}
              </td>
              <td>{t(`riskRating.eddStatus.${i.status}`, { defaultValue: i.status })}</td>
              <td>{i.note ?? '—'}</td>
              {mayWrite ? (
                <td>
                  {i.status === 'pending' ? (
                    <button type="button" className="button" onClick={() => setRecording(i.item)}>
                      {t('riskRating.edd.markDone')}
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {recording === null ? null : (
        <FormDialog
          title={t('riskRating.edd.doneTitle', {
            item: t(`riskRating.eddItem.${recording}`, { defaultValue: recording }),
          })}
          confirmLabel={t('riskRating.edd.markDone')}
          tone="primary"
          ready
          onSubmit={(note) => recordEddItem(platformId, data.customerId, recording, 'done', note)}
          onClose={() => setRecording(null)}
          onDone={() => {
            setRecording(null);
            onChanged();
          }}
        >
          {null}
        </FormDialog>
      )}
    </>
  );
}

/** One customer's rating: level, factor contributions, override, owners, EDD and history. */
export function RiskRatingPage({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const can = useCan();
  const detail = useResource(
    (signal) => getRating(platformId, customerId, signal),
    `${platformId}|${customerId}`,
  );
  const [overriding, setOverriding] = useState(false);
  const [editingAttributes, setEditingAttributes] = useState(false);
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const mayWrite = can('risk_rating.write');
  return (
    <ResourceView resource={detail}>
      {(data) => {
        const r = data.rating;
        const reasons =
          data.history.find((h) => h.trigger !== 'override')?.reasons ??
          data.history[0]?.reasons ??
          [];
        return (
          <>
            <PageHeader
              title={
                <>
                  {t('riskRating.detail.title')} <code className="id">{data.customerId}</code>{' '}
                  {r === null ? null : <RiskLevelBadge level={r.level} />}
                </>
              }
              subtitle={<Link to={reportsPaths.ratings}>{t('riskRating.list.back')}</Link>}
              actions={
                <>
                  {mayWrite ? (
                    <button
                      type="button"
                      className="button"
                      data-testid="rerate"
                      onClick={() =>
                        void rerate(platformId, customerId).then(() => detail.reload())
                      }
                    >
                      {t('riskRating.rerate')}
                    </button>
                  ) : null}
                  {can('compliance.write') && r !== null ? (
                    <button
                      type="button"
                      className="button button-primary"
                      data-testid="override"
                      onClick={() => setOverriding(true)}
                    >
                      {t('riskRating.override.open')}
                    </button>
                  ) : null}
                </>
              }
            />
            {notice === null ? null : <Notice>{t(notice.key, notice.values)}</Notice>}
            {r === null ? (
              <p className="muted">{t('riskRating.detail.notRated')}</p>
            ) : (
              <FactList
                facts={[
                  {
                    label: t('riskRating.field.customer'),
                    value: (
                      <IdLink id={data.customerId} to={consolePaths.customer(data.customerId)} />
                    ),
                  },
                  { label: t('riskRating.field.score'), value: String(r.score) },
                  {
                    label: t('riskRating.field.computed'),
                    value: <RiskLevelBadge level={r.computedLevel} />,
                  },
                  {
                    label: t('riskRating.field.override'),
                    value:
                      r.override === null
                        ? r.overrideApprovalId === null
                          ? '—'
                          : t('riskRating.overridePending')
                        : `${t(`riskRating.level.${r.override.level}`)}: ${r.override.reason}`,
                  },
                  {
                    label: t('riskRating.field.nextReview'),
                    value: (
                      <>
                        {r.nextReviewDate}
                        {r.reviewOverdue ? <OverdueBadge /> : null}
                      </>
                    ),
                  },
                  {
                    label: t('riskRating.field.lastReviewed'),
                    value: <DateTime value={r.lastReviewedAt} />,
                  },
                  {
                    label: t('riskRating.field.model'),
                    value:
                      data.modelVersion === 0
                        ? t('riskRating.defaultModel')
                        : `v${data.modelVersion}`,
                  },
                ]}
              />
            )}
            <Section title={t('riskRating.detail.factors')}>
              {reasons.length === 0 ? (
                <p className="muted">—</p>
              ) : (
                <FactorChart reasons={reasons} />
              )}
              <table className="table" data-testid="factor-table">
                <thead>
                  <tr>
                    <th>{t('riskRating.field.factor')}</th>
                    <th>{t('riskRating.field.points')}</th>
                    <th>{t('riskRating.field.detail')}</th>
                    <th>{t('riskRating.field.floor')}</th>
                  </tr>
                </thead>
                <tbody>
                  {reasons.map((x) => (
                    <tr key={x.factor} data-factor={x.factor}>
                      <td>{t(`riskRating.factor.${x.factor}`, { defaultValue: x.factor })}</td>
                      <td className="cell-amount">{x.points}</td>
                      <td>{x.detail}</td>
                      <td>{x.floor === undefined ? '—' : <RiskLevelBadge level={x.floor} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
            <Section title={t('riskRating.detail.attributes')}>
              <RiskAttributesSection
                data={data}
                onEdit={mayWrite ? () => setEditingAttributes(true) : undefined}
              />
            </Section>
            {data.customerKind === 'entity' ? (
              <Section title={t('riskRating.detail.owners')} count={data.beneficialOwners.length}>
                <OwnersSection
                  platformId={platformId}
                  customerId={customerId}
                  owners={data.beneficialOwners}
                  mayWrite={mayWrite}
                  onChanged={detail.reload}
                />
              </Section>
            ) : null}
            <Section title={t('riskRating.detail.edd')}>
              <EddSection
                data={data}
                platformId={platformId}
                mayWrite={mayWrite}
                onChanged={detail.reload}
              />
            </Section>
            <Section title={t('riskRating.detail.history')} count={data.history.length}>
              <table className="table" data-testid="rating-history">
                <thead>
                  <tr>
                    <th>{t('riskRating.field.ratedAt')}</th>
                    <th>{t('riskRating.field.trigger')}</th>
                    <th>{t('riskRating.field.level')}</th>
                    <th>{t('riskRating.field.score')}</th>
                    <th>{t('riskRating.field.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.history.map((h) => (
                    <tr key={h.ratingId}>
                      <td>
                        <DateTime value={h.ratedAt} />
                      </td>
                      <td>{t(`riskRating.trigger.${h.trigger}`, { defaultValue: h.trigger })}</td>
                      <td>
                        <RiskLevelBadge level={h.level} />
                      </td>
                      <td className="cell-amount">{h.score}</td>
                      <td>{h.note ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
            {overriding ? (
              <OverrideDialog
                platformId={platformId}
                customerId={customerId}
                onClose={() => setOverriding(false)}
                onDone={(done) => {
                  setOverriding(false);
                  setNotice(done);
                  detail.reload();
                }}
              />
            ) : null}
            {editingAttributes ? (
              <RiskAttributesDialog
                platformId={platformId}
                detail={data}
                onClose={() => setEditingAttributes(false)}
                onDone={(outcome) => {
                  setEditingAttributes(false);
                  setNotice(attributesNotice(outcome));
                  detail.reload();
                }}
              />
            ) : null}
          </>
        );
      }}
    </ResourceView>
  );
}
