import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  asApiProblem,
  getAuditCheckpoint,
  issueAuditCheckpoint,
  listAuditWitnesses,
  type ApiProblem,
  type AuditCheckpoint,
  type AuditWitness,
} from '../api/index.js';
import { base64ToBytes, bytesToHex } from '../audit/audit-bytes.js';
import '../audit/audit.css';
import { parseCosignatureLine, verifierKeyId } from '../audit/cosignature-line.js';
import {
  DateTime,
  EmptyRow,
  FactList,
  IdLink,
  Notice,
  PageHeader,
  ProblemAlert,
  ResourceView,
  Section,
} from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { useCan } from '../access/use-can.js';
import { AuditVerifyPanel } from './audit-verify-panel.js';

/**
 * The tamper-evident audit log: the latest signed checkpoint with its witness cosignatures,
 * the registered witnesses, and "verify this record", checked in the browser.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const mayManage = useCan()('audit_log.manage');
  const checkpoint = useResource((signal) => getAuditCheckpoint(signal), 'checkpoint');
  const witnesses = useResource((signal) => listAuditWitnesses(signal), 'witnesses');
  const [issuing, setIssuing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const issue = () => {
    setIssuing(true);
    setProblem(null);
    setNotice(null);
    issueAuditCheckpoint()
      .then(
        (issued) => {
          setNotice(t('audit.issued', { treeSize: issued.treeSize }));
          checkpoint.reload();
        },
        (error: unknown) => setProblem(asApiProblem(error)),
      )
      .finally(() => setIssuing(false));
  };

  const actions = mayManage ? (
    <button
      type="button"
      className="button button-primary"
      onClick={issue}
      disabled={issuing}
      data-testid="issue-checkpoint"
    >
      {issuing ? t('audit.issuing') : t('audit.issueNow')}
    </button>
  ) : undefined;

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} actions={actions} />
      {notice === null ? null : <Notice>{notice}</Notice>}
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <ResourceView resource={checkpoint}>
        {(data) => (
          <>
            <div className="audit-grid">
              <CheckpointSection checkpoint={data} />
              <CosignaturesSection checkpoint={data} />
            </div>
            <AuditVerifyPanel checkpoint={data} />
          </>
        )}
      </ResourceView>
      <ResourceView resource={witnesses}>
        {(data) => <WitnessesSection witnesses={data.items} />}
      </ResourceView>
    </>
  );
}

function CheckpointSection({ checkpoint }: { checkpoint: AuditCheckpoint }) {
  const { t } = useTranslation();
  const root = base64ToBytes(checkpoint.rootHash);
  return (
    <Section title={t('audit.checkpoint')} testId="audit-checkpoint">
      <FactList
        facts={[
          { label: t('audit.origin'), value: <code>{checkpoint.origin}</code> },
          {
            label: t('audit.treeSize'),
            value: <span data-testid="checkpoint-tree-size">{checkpoint.treeSize}</span>,
          },
          { label: t('audit.issuedAt'), value: <DateTime value={checkpoint.createdAt} /> },
        ]}
      />
      <dl className="detail-list audit-roots">
        <div>
          <dt>{t('audit.rootHex')}</dt>
          <dd className="audit-hash" data-testid="checkpoint-root-hex">
            {root === null ? '—' : bytesToHex(root)}
          </dd>
        </div>
        <div>
          <dt>{t('audit.rootBase64')}</dt>
          <dd className="audit-hash">{checkpoint.rootHash}</dd>
        </div>
      </dl>
      <h3 className="section-title">{t('audit.signedNote')}</h3>
      <pre className="audit-note" data-testid="checkpoint-note">
        {checkpoint.note}
      </pre>
    </Section>
  );
}

function CosignaturesSection({ checkpoint }: { checkpoint: AuditCheckpoint }) {
  const { t } = useTranslation();
  return (
    <Section
      title={t('audit.cosignatures')}
      count={checkpoint.cosignatures.length}
      testId="audit-cosignatures"
    >
      <table className="table">
        <thead>
          <tr>
            <th>{t('audit.witness')}</th>
            <th>{t('audit.keyId')}</th>
            <th>{t('audit.cosignedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {checkpoint.cosignatures.length === 0 ? (
            <EmptyRow columns={3} text={t('audit.noCosignatures')} />
          ) : null}
          {checkpoint.cosignatures.map((cosignature) => {
            const parts = parseCosignatureLine(cosignature.line);
            return (
              <tr key={cosignature.line}>
                <td className="cell-wrap">{cosignature.witness}</td>
                <td>
                  <code>{parts.keyId ?? '—'}</code>
                </td>
                <td>
                  <DateTime value={parts.cosignedAt} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

function WitnessesSection({ witnesses }: { witnesses: AuditWitness[] }) {
  const { t } = useTranslation();
  return (
    <Section title={t('audit.witnesses')} count={witnesses.length} testId="audit-witnesses">
      <table className="table">
        <thead>
          <tr>
            <th>{t('audit.witness')}</th>
            <th>{t('audit.keyId')}</th>
            <th>{t('audit.verifierKey')}</th>
            <th>{t('audit.addedBy')}</th>
            <th>{t('audit.addedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {witnesses.length === 0 ? <EmptyRow columns={5} text={t('audit.noWitnesses')} /> : null}
          {witnesses.map((witness) => (
            <tr key={witness.verifierKey}>
              <td className="cell-wrap">{witness.name}</td>
              <td>
                <code>{verifierKeyId(witness.verifierKey) ?? '—'}</code>
              </td>
              <td className="cell-wrap">
                <code className="audit-hash">{witness.verifierKey}</code>
              </td>
              <td>
                <IdLink id={witness.addedBy} compact />
              </td>
              <td>
                <DateTime value={witness.addedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
