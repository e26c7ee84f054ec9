import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { DateTime, IdLink } from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { usePlatformId } from '../session/index.js';
import type { CaseNotice } from './case-actions.js';
import { CaseDialog, DialogButton } from './case-dialog.js';
import { requestCaseUnfreeze } from './case-endpoints.js';
import type { CaseEvent, CaseWorkspace } from './case-types.js';
import { AssigneeName } from './principal-name.js';
import { ReasonField } from './reason-field.js';

/** Detail fields whose value is a code with its own catalogue section. */
const CODED: Readonly<Record<string, (value: string) => string>> = {
  disposition: (v) => `cases.disposition.${v}`,
  move: (v) => `cases.move.${v}`,
  severity: (v) => `cases.severity.${v}`,
  queue: (v) => `cases.queueName.${v}`,
  scope: (v) => `freezeScope.${v}`,
  reasonCode: (v) => `freezeReason.${v}`,
  decision: (v) => `cases.holdDecision.${v}`,
};
/** Fields naming a member of staff. */
const PEOPLE = new Set(['closedBy', 'approvedBy']);
/** Fields naming a record with a page. */
const PAGES: Readonly<Record<string, (id: string) => string>> = {
  instructionId: consolePaths.instruction,
  customerId: consolePaths.customer,
  approvalId: () => consolePaths.approvals,
};

/** The order fields are shown in (the database keeps JSON keys in its own order). */
const FIELD_ORDER = [
  'from',
  'to',
  'move',
  'how',
  'ruleId',
  'alertId',
  'summary',
  'severity',
  'queue',
  'customerId',
  'disposition',
  'reason',
  'closedBy',
  'approvedBy',
  'approvalId',
  'fileName',
  'mediaType',
  'sizeBytes',
  'sha256',
  'evidenceId',
  'instructionId',
  'decision',
  'status',
  'freezeId',
  'scope',
  'reasonCode',
  'question',
  'note',
];

function fieldRank(key: string): number {
  const rank = FIELD_ORDER.indexOf(key);
  return rank < 0 ? FIELD_ORDER.length : rank;
}

/** Every action on the case, oldest first, each with who, when and what. */
export function CaseTimeline({
  data,
  onActed,
}: {
  data: CaseWorkspace;
  onActed: (notice: CaseNotice) => void;
}) {
  const { t } = useTranslation();
  if (data.timeline.length === 0) return <p className="muted">{t('cases.timeline.empty')}</p>;
  return (
    <ol className="timeline case-timeline">
      {data.timeline.map((event) => (
        <li
          key={event.id}
          className={`timeline-item case-event case-event-${event.kind}`}
          data-event-kind={event.kind}
        >
          <div className="timeline-head">
            <strong>{t(`cases.event.${event.kind}`, { defaultValue: event.kind })}</strong>
            <span className="small">
              <AssigneeName principalId={event.actor} />
            </span>
            <span className="small muted">
              <DateTime value={event.at} />
            </span>
          </div>
          <EventDetail event={event} />
          {event.kind === 'freeze_created' && typeof event.detail.freezeId === 'string' ? (
            <UnfreezeButton data={data} freezeId={event.detail.freezeId} onActed={onActed} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function EventDetail({ event }: { event: CaseEvent }) {
  const { t } = useTranslation();
  const entries = Object.entries(event.detail)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .sort(([a], [b]) => fieldRank(a) - fieldRank(b));
  if (entries.length === 0) return null;
  // A note's text is the event itself: shown as a paragraph, not a labelled field.
  if (event.kind === 'note' && typeof event.detail.text === 'string')
    return <p className="case-note-text">{event.detail.text}</p>;
  return (
    <dl className="detail-list">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{t(`cases.eventField.${key}`, { defaultValue: key })}</dt>
          <dd>{eventValue(event.kind, key, value, t)}</dd>
        </div>
      ))}
    </dl>
  );
}

function eventValue(
  kind: string,
  key: string,
  value: unknown,
  t: (key: string, options?: Record<string, unknown>) => string,
): ReactNode {
  if (typeof value !== 'string') return <code>{JSON.stringify(value)}</code>;
  if ((key === 'from' || key === 'to') && kind === 'assigned')
    return <AssigneeName principalId={value} />;
  if (key === 'from' || key === 'to')
    return t(`cases.state.${value}`, {
      defaultValue: t(`cases.severity.${value}`, { defaultValue: value }),
    });
  if (PEOPLE.has(key)) return <AssigneeName principalId={value} />;
  const coded = CODED[key];
  if (coded !== undefined) return t(coded(value), { defaultValue: value });
  const page = PAGES[key];
  if (page !== undefined) return <IdLink id={value} compact to={page(value)} />;
  if (/^[a-z]+_[0-9a-z]{16,}$/.test(value)) return <IdLink id={value} compact />;
  return value;
}

function UnfreezeButton({
  data,
  freezeId,
  onActed,
}: {
  data: CaseWorkspace;
  freezeId: string;
  onActed: (notice: CaseNotice) => void;
}) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const can = useCan();
  if (!can('freezes.lift_request')) return null;
  return (
    <div className="case-event-actions">
      <DialogButton
        label={t('cases.action.requestUnfreeze')}
        testId="action-request-unfreeze"
        dialog={(close) => (
          <UnfreezeDialog
            caseId={data.case.id}
            platformId={platformId}
            freezeId={freezeId}
            onClose={close}
            onDone={() => {
              close();
              onActed({ key: 'cases.notice.unfreezeRequested' });
            }}
          />
        )}
      />
    </div>
  );
}

function UnfreezeDialog(props: {
  caseId: string;
  platformId: string;
  freezeId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ReasonField>
      {(reason, field) => (
        <CaseDialog
          title={t('cases.action.requestUnfreeze')}
          description={t('cases.unfreeze.help')}
          confirmLabel={t('cases.action.requestUnfreeze')}
          tone="primary"
          ready={reason.trim() !== ''}
          testId="dialog-request-unfreeze"
          submit={() =>
            requestCaseUnfreeze(props.platformId, props.caseId, props.freezeId, reason.trim())
          }
          onClose={props.onClose}
          onDone={props.onDone}
        >
          {field}
        </CaseDialog>
      )}
    </ReasonField>
  );
}
