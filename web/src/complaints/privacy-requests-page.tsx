import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { roleHasPermission } from '../access/permissions.js';
import {
  DateTime,
  EmptyRow,
  IdLink,
  PageHeader,
  ProblemAlert,
  ResourceView,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useResource } from '../hooks/use-resource.js';
import { setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId, useSession } from '../session/index.js';
import {
  completePrivacyRequest,
  listPrivacyRequests,
  refusePrivacyRequest,
} from './complaint-endpoints.js';
import type { PrivacyRequestView } from './complaint-types.js';
import './complaints.css';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What was done: kept data with its legal basis, erased data, fields corrected, export hash. */
function Answer({ view, t }: { view: PrivacyRequestView; t: Translate }) {
  const answer = view.answer;
  if (answer === null) return null;
  if (answer.refused === true)
    return <>{t('privacy.answer.refused', { reason: String(answer.reason) })}</>;
  if (Array.isArray(answer.kept)) {
    const kept = answer.kept as { category: string; basis: string; until: string | null }[];
    const erased = (answer.erased as { category: string; items: number }[]).filter(
      (e) => e.items > 0,
    );
    return (
      <div className="privacy-answer">
        <strong>{t('privacy.answer.kept')}</strong>
        <ul>
          {kept.map((k) => (
            <li key={k.category} data-kept={k.category}>
              {t(`privacy.category.${k.category}`, { defaultValue: k.category })}
              <span className="muted">
                {' '}
                — {k.basis}
                {k.until === null ? '' : ` (${t('privacy.answer.until', { date: k.until })})`}
              </span>
            </li>
          ))}
        </ul>
        <strong>{t('privacy.answer.erased')}</strong>{' '}
        {erased.length === 0
          ? t('privacy.answer.nothing')
          : erased
              .map(
                (e) =>
                  `${t(`privacy.category.${e.category}`, { defaultValue: e.category })} (${e.items})`,
              )
              .join(', ')}
      </div>
    );
  }
  if (Array.isArray(answer.fieldsChanged))
    return (
      <>
        {t('privacy.answer.correction', { fields: (answer.fieldsChanged as string[]).join(', ') })}
      </>
    );
  if (typeof answer.sha256 === 'string')
    return (
      <>{t('privacy.answer.export', { sha: answer.sha256.slice(0, 12), bytes: answer.bytes })}</>
    );
  return null;
}

/** PIPL requests: open ones first, with deadlines; carrying them out or refusing with a reason. */
export function PrivacyRequestsPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const { principal } = useSession();
  const state = useSearchParam('state') === 'completed' ? 'completed' : 'received';
  const requests = useResource(
    (signal) => listPrivacyRequests(platformId, state, signal),
    `${platformId}|${state}`,
  );
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const mayManage = roleHasPermission(principal.role, 'privacy.manage');
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      requests.reload();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader title={t('privacy.title')} subtitle={t('privacy.subtitle')} />
      <div className="filters">
        <label className="field field-inline">
          <span>{t('privacy.field.state')}</span>
          <select
            name="state"
            value={state}
            onChange={(event) => setSearchParam('state', event.target.value)}
          >
            <option value="received">{t('privacy.state.received')}</option>
            <option value="completed">{t('privacy.state.completed')}</option>
          </select>
        </label>
      </div>
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <ResourceView resource={requests}>
        {(page) => (
          <table className="table" data-testid="privacy-requests">
            <thead>
              <tr>
                <th>{t('privacy.field.request')}</th>
                <th>{t('privacy.field.kind')}</th>
                <th>{t('complaints.field.customer')}</th>
                <th>{t('privacy.field.due')}</th>
                <th>{t('privacy.field.answer')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {page.items.length === 0 ? <EmptyRow columns={6} text={t('privacy.empty')} /> : null}
              {page.items.map((view) => (
                <tr key={view.id} data-request-id={view.id}>
                  <td className="id">{view.id}</td>
                  <td>{t(`privacy.kind.${view.kind}`)}</td>
                  <td>
                    <IdLink
                      id={view.customerId}
                      compact
                      to={consolePaths.customer(view.customerId)}
                    />
                  </td>
                  <td>
                    <DateTime value={view.dueAt} />{' '}
                    {view.overdue ? (
                      <span className="badge complaint-overdue">{t('privacy.overdue')}</span>
                    ) : null}
                  </td>
                  <td className="cell-wrap privacy-answer-cell">
                    <Answer view={view} t={t} />
                  </td>
                  <td>
                    {mayManage && view.state === 'received' ? (
                      <>
                        <button
                          type="button"
                          className="button button-primary"
                          disabled={busy}
                          onClick={() =>
                            void run(() => completePrivacyRequest(platformId, view.id))
                          }
                        >
                          {t(`privacy.complete.${view.kind}`)}
                        </button>{' '}
                        <button
                          type="button"
                          className="button"
                          disabled={busy}
                          onClick={() => {
                            const reason = window.prompt(t('privacy.refuseReason'));
                            if (reason !== null && reason.trim() !== '')
                              void run(() =>
                                refusePrivacyRequest(platformId, view.id, reason.trim()),
                              );
                          }}
                        >
                          {t('privacy.refuse')}
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ResourceView>
    </>
  );
}
