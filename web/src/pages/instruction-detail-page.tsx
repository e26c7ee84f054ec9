import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getInstruction, type InstructionDetail } from '../api/index.js';
import {
  DateTime,
  FactList,
  IdLink,
  MoneyText,
  Notice,
  PageHeader,
  ResourceView,
  Section,
  StatusBadge,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { useCan } from '../access/use-can.js';
import { InstructionActions } from './instruction-actions.js';
import { InstructionTimeline } from './instruction-timeline.js';
import { JournalTable } from './journal-table.js';

/** One instruction: what it asks, its history, its journal entries, and release / void. */
export function InstructionDetailPage({ instructionId }: { instructionId: string }) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const [notice, setNotice] = useState<string | null>(null);
  const instruction = useResource(
    (signal) => getInstruction(platformId, instructionId, signal),
    `${platformId}|${instructionId}`,
  );
  const maySettle = useCan()('holds.settle');
  const actions = (detail: InstructionDetail) =>
    detail.status !== 'pending' || !maySettle ? undefined : (
      <InstructionActions
        platformId={platformId}
        instructionId={detail.id}
        onActed={(messageKey) => {
          setNotice(messageKey);
          instruction.reload();
        }}
      />
    );
  return (
    <>
      <p className="breadcrumb">
        <Link to={consolePaths.instructions}>{t('instructions.title')}</Link> /
      </p>
      {notice === null ? null : <Notice>{t(notice)}</Notice>}
      <ResourceView resource={instruction}>
        {(detail) => (
          <>
            <PageHeader
              title={t('instructions.detailTitle', { id: detail.id })}
              subtitle={<StatusBadge status={detail.status} />}
              actions={actions(detail)}
            />
            <InstructionFacts detail={detail} />
            <Section title={t('instructions.history')} count={detail.events.length}>
              <InstructionTimeline events={detail.events} />
            </Section>
            <Section title={t('instructions.journal')} count={detail.transfers.length}>
              <JournalTable transfers={detail.transfers} />
            </Section>
          </>
        )}
      </ResourceView>
    </>
  );
}

function InstructionFacts({ detail }: { detail: InstructionDetail }) {
  const { t } = useTranslation();
  return (
    <FactList
      facts={[
        {
          label: t('instructions.type'),
          value: t(`instructionType.${detail.type}`, { defaultValue: detail.type }),
        },
        { label: t('instructions.amount'), value: <MoneyText value={detail.amount} /> },
        {
          label: t('instructions.debitAccount'),
          value: (
            <IdLink id={detail.debitAccountId} to={consolePaths.account(detail.debitAccountId)} />
          ),
        },
        {
          label: t('instructions.creditAccount'),
          value: (
            <IdLink id={detail.creditAccountId} to={consolePaths.account(detail.creditAccountId)} />
          ),
        },
        { label: t('instructions.purpose'), value: detail.purpose },
        {
          label: t('instructions.authorization'),
          value: t(`authorizationKind.${detail.authorizationKind}`),
        },
        {
          label: t('instructions.holdReason'),
          value:
            detail.holdReason === null
              ? '—'
              : t(`holdReason.${detail.holdReason}`, { defaultValue: detail.holdReason }),
        },
        ...(detail.holdNote === null
          ? []
          : [
              {
                label: t('instructions.holdNote'),
                value: (
                  <span data-testid="hold-note">
                    {detail.holdNote}
                    {detail.holdRuleIds.length === 0 ? null : (
                      <code className="hold-rules"> ({detail.holdRuleIds.join(', ')})</code>
                    )}
                  </span>
                ),
              },
            ]),
        {
          label: t('instructions.reverses'),
          value: (
            <IdLink
              id={detail.reversesInstructionId}
              to={
                detail.reversesInstructionId === null
                  ? undefined
                  : consolePaths.instruction(detail.reversesInstructionId)
              }
            />
          ),
        },
        { label: t('instructions.idempotencyKey'), value: <code>{detail.idempotencyKey}</code> },
        { label: t('instructions.submittedBy'), value: <IdLink id={detail.submittedBy} /> },
        { label: t('common.createdAt'), value: <DateTime value={detail.createdAt} /> },
        { label: t('common.updatedAt'), value: <DateTime value={detail.updatedAt} /> },
      ]}
    />
  );
}
