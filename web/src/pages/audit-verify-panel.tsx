import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  asApiProblem,
  listAuditEntries,
  type ApiProblem,
  type AuditCheckpoint,
} from '../api/index.js';
import { bytesToHex } from '../audit/audit-bytes.js';
import {
  checkAuditRecord,
  entrySummary,
  SEQ_PATTERN,
  type RecordCheck,
} from '../audit/verify-record.js';
import {
  DateTime,
  EmptyRow,
  FactList,
  ProblemAlert,
  ResourceView,
  Section,
} from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';

const RECENT_RECORDS = 10;

type VerifyState =
  | { status: 'idle' }
  | { status: 'checking'; seq: string }
  | { status: 'invalid'; seq: string }
  | { status: 'missing'; seq: string; problem: ApiProblem }
  | { status: 'failed'; problem: ApiProblem }
  | { status: 'done'; seq: string; check: RecordCheck };

/** "Verify this record": a seq, or one of the latest records, checked against the checkpoint. */
export function AuditVerifyPanel({ checkpoint }: { checkpoint: AuditCheckpoint }) {
  const { t } = useTranslation();
  const [seq, setSeq] = useState('');
  const [state, setState] = useState<VerifyState>({ status: 'idle' });
  const latest = useRef(0);
  const { treeSize } = checkpoint;
  const start = Math.max(0, treeSize - RECENT_RECORDS);
  const recent = useResource(
    (signal) => listAuditEntries(start, treeSize, signal),
    `${start}-${treeSize}`,
  );

  const verify = (wanted: string) => {
    const trimmed = wanted.trim();
    setSeq(trimmed);
    if (!SEQ_PATTERN.test(trimmed)) {
      setState({ status: 'invalid', seq: trimmed });
      return;
    }
    const run = (latest.current += 1);
    setState({ status: 'checking', seq: trimmed });
    checkAuditRecord(trimmed, checkpoint).then(
      (check) => {
        if (run === latest.current) setState({ status: 'done', seq: trimmed, check });
      },
      (error: unknown) => {
        if (run !== latest.current) return;
        const problem = asApiProblem(error);
        setState(
          problem.status === 404
            ? { status: 'missing', seq: trimmed, problem }
            : { status: 'failed', problem },
        );
      },
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    verify(seq);
  };

  return (
    <Section title={t('audit.verifyTitle')} testId="audit-verify">
      <p className="muted">{t('audit.verifyIntro', { treeSize })}</p>
      <form className="audit-verify-form" onSubmit={onSubmit}>
        <label className="field">
          <span>{t('audit.seq')}</span>
          <input
            name="seq"
            inputMode="numeric"
            autoComplete="off"
            value={seq}
            onChange={(event) => setSeq(event.target.value)}
            placeholder="1"
          />
        </label>
        <button
          type="submit"
          className="button button-primary"
          disabled={state.status === 'checking'}
        >
          {state.status === 'checking' ? t('audit.verifying') : t('audit.verify')}
        </button>
      </form>
      <VerifyOutcome state={state} />
      <h3 className="section-title">{t('audit.recentRecords')}</h3>
      <ResourceView resource={recent}>
        {(page) => (
          <table className="table" data-testid="audit-recent">
            <thead>
              <tr>
                <th>{t('audit.seq')}</th>
                <th>{t('audit.leafIndex')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.at')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.length === 0 ? (
                <EmptyRow columns={5} text={t('audit.noRecords')} />
              ) : null}
              {[...page.items].reverse().map((item) => {
                const summary = entrySummary(item.entry);
                return (
                  <tr key={item.leafIndex} data-seq={item.seq ?? undefined}>
                    <td>
                      {item.seq === null ? (
                        <span className="muted">{t('audit.withheld')}</span>
                      ) : (
                        <button
                          type="button"
                          className="audit-record-button"
                          onClick={() => verify(item.seq ?? '')}
                          title={t('audit.verify')}
                        >
                          {item.seq}
                        </button>
                      )}
                    </td>
                    <td>{item.leafIndex}</td>
                    <td>
                      <code>{summary?.action ?? '—'}</code>
                    </td>
                    <td className="cell-wrap">
                      <code className="small">{summary?.actor ?? '—'}</code>
                    </td>
                    <td>
                      <DateTime value={summary?.at || null} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </ResourceView>
    </Section>
  );
}

function VerifyOutcome({ state }: { state: VerifyState }) {
  const { t } = useTranslation();
  switch (state.status) {
    case 'idle':
      return null;
    case 'checking':
      return (
        <p className="loading" aria-busy="true">
          {t('audit.verifying')}
        </p>
      );
    case 'invalid':
      return (
        <Verdict tone="bad" title={t('audit.invalidSeq', { seq: state.seq })} testId="invalid" />
      );
    case 'missing':
      return (
        <>
          <Verdict
            tone="bad"
            title={t('audit.missingTitle', { seq: state.seq })}
            detail={t('audit.missingDetail')}
            testId="missing"
          />
          <ProblemAlert problem={state.problem} />
        </>
      );
    case 'failed':
      return <ProblemAlert problem={state.problem} />;
    case 'done':
      return <CheckResult seq={state.seq} check={state.check} />;
  }
}

function Verdict(props: {
  tone: 'ok' | 'bad' | 'warn';
  title: string;
  detail?: string;
  testId: string;
}) {
  return (
    <div
      className={`audit-verdict audit-verdict-${props.tone}`}
      role="status"
      data-testid="audit-verdict"
      data-verdict={props.testId}
    >
      <strong>{props.title}</strong>
      {props.detail === undefined ? null : <span>{props.detail}</span>}
    </div>
  );
}

function CheckResult({ seq, check }: { seq: string; check: RecordCheck }) {
  const { t } = useTranslation();
  const { record } = check;
  if (check.kind === 'after_checkpoint') {
    return (
      <Verdict
        tone="warn"
        title={t('audit.afterCheckpointTitle', { seq })}
        detail={t('audit.afterCheckpointDetail', {
          leafIndex: record.leafIndex,
          treeSize: check.treeSize,
        })}
        testId="after-checkpoint"
      />
    );
  }
  const { result } = check;
  const verdict = result.verified ? (
    <Verdict
      tone="ok"
      title={`✓ ${t('audit.verified', { seq })}`}
      detail={t('audit.verifiedDetail', { leafIndex: record.leafIndex, treeSize: check.treeSize })}
      testId="verified"
    />
  ) : (
    <Verdict
      tone="bad"
      title={`✗ ${t('audit.notVerified', { seq })}`}
      detail={t(`audit.failure.${result.failure ?? 'root_mismatch'}`)}
      testId="not-verified"
    />
  );
  return (
    <div data-testid="audit-check">
      {verdict}
      <FactList
        facts={[
          { label: t('audit.seq'), value: record.seq },
          { label: t('audit.leafIndex'), value: record.leafIndex },
          { label: t('audit.treeSize'), value: check.treeSize },
          {
            label: t('audit.storedLeafHash'),
            value: check.storedLeafHashMatches ? t('audit.matches') : t('audit.differs'),
          },
        ]}
      />
      <h3 className="section-title">{t('audit.canonicalEntry')}</h3>
      <pre className="audit-entry" data-testid="audit-entry">
        {record.entry}
      </pre>
      <h3 className="section-title">{t('audit.path')}</h3>
      <table className="table" data-testid="audit-path">
        <thead>
          <tr>
            <th>{t('audit.step')}</th>
            <th>{t('audit.siblingHash')}</th>
            <th>{t('audit.siblingSide')}</th>
            <th>{t('audit.runningHash')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>0</td>
            <td colSpan={2} className="muted">
              {t('audit.leafHashStep')}
            </td>
            <td className="audit-hash">{bytesToHex(check.leafHash)}</td>
          </tr>
          {result.steps.map((step, index) => (
            <tr key={index}>
              <td>{index + 1}</td>
              <td className="audit-hash">{bytesToHex(step.sibling)}</td>
              <td>{t(`audit.side.${step.side}`)}</td>
              <td className="audit-hash">{bytesToHex(step.running)}</td>
            </tr>
          ))}
          <tr>
            <td>{t('audit.rootRow')}</td>
            <td colSpan={2} className="muted">
              {t('audit.checkpointRoot')}
            </td>
            <td className="audit-hash">{bytesToHex(check.checkpointRoot)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
