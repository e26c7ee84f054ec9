import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { roleHasPermission } from '../access/permissions.js';
import {
  DateTime,
  EmptyRow,
  PageHeader,
  ProblemAlert,
  ResourceView,
  Section,
} from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { usePlatformId, useSession } from '../session/index.js';
import { listRiskNotices, publishRiskNotice } from './complaint-endpoints.js';
import type { RiskNotice } from './complaint-types.js';
import './complaints.css';

const EMPTY = {
  productCode: '',
  riskLevel: 'medium' as RiskNotice['riskLevel'],
  titleEn: '',
  bodyEn: '',
  titleZh: '',
  bodyZh: '',
};

/** Product risk notices: the current version of each, and a new version in both languages. */
export function RiskNoticesPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const { principal } = useSession();
  const notices = useResource((signal) => listRiskNotices(platformId, signal), platformId);
  const [draft, setDraft] = useState(EMPTY);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const mayPublish = roleHasPermission(principal.role, 'notices.manage');
  const field = (name: keyof typeof EMPTY, multiline = false) => (
    <label className="field">
      <span>{t(`notices.field.${name}`)}</span>
      {multiline ? (
        <textarea
          name={name}
          rows={5}
          value={draft[name]}
          onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
        />
      ) : (
        <input
          name={name}
          value={draft[name]}
          onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
        />
      )}
    </label>
  );
  const ready = Object.values(draft).every((value) => value.trim() !== '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await publishRiskNotice(platformId, draft);
      setDraft(EMPTY);
      notices.reload();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader title={t('notices.title')} subtitle={t('notices.subtitle')} />
      <ResourceView resource={notices}>
        {(data) => (
          <table className="table" data-testid="risk-notices">
            <thead>
              <tr>
                <th>{t('notices.field.productCode')}</th>
                <th>{t('notices.field.version')}</th>
                <th>{t('notices.field.riskLevel')}</th>
                <th>{t('notices.field.titleEn')}</th>
                <th>{t('notices.field.titleZh')}</th>
                <th>{t('notices.field.publishedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 ? <EmptyRow columns={6} text={t('notices.empty')} /> : null}
              {data.items.map((notice) => (
                <tr key={notice.id} data-product={notice.productCode}>
                  <td className="id">{notice.productCode}</td>
                  <td className="cell-amount">v{notice.version}</td>
                  <td>{t(`notices.risk.${notice.riskLevel}`)}</td>
                  <td title={notice.bodyEn}>{notice.titleEn}</td>
                  <td title={notice.bodyZh}>{notice.titleZh}</td>
                  <td>
                    <DateTime value={notice.publishedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ResourceView>
      {mayPublish ? (
        <Section title={t('notices.publish')} testId="notice-editor">
          <form onSubmit={submit} className="notice-form">
            {field('productCode')}
            <label className="field">
              <span>{t('notices.field.riskLevel')}</span>
              <select
                name="riskLevel"
                value={draft.riskLevel}
                onChange={(event) =>
                  setDraft({ ...draft, riskLevel: event.target.value as RiskNotice['riskLevel'] })
                }
              >
                {(['low', 'medium', 'high'] as const).map((level) => (
                  <option key={level} value={level}>
                    {t(`notices.risk.${level}`)}
                  </option>
                ))}
              </select>
            </label>
            {field('titleEn')}
            {field('bodyEn', true)}
            {field('titleZh')}
            {field('bodyZh', true)}
            {problem === null ? null : <ProblemAlert problem={problem} />}
            <p className="muted">{t('notices.publishHint')}</p>
            <button type="submit" className="button button-primary" disabled={!ready || busy}>
              {t('notices.publishButton')}
            </button>
          </form>
        </Section>
      ) : null}
    </>
  );
}
