import { useTranslation } from 'react-i18next';
import type { DeletionAnswer, PortalPrivacyRequest } from './self-service-types.js';

function isDeletionAnswer(
  answer: Record<string, unknown>,
): answer is Record<string, unknown> & DeletionAnswer {
  return Array.isArray(answer.erased) && Array.isArray(answer.kept);
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The platform's answer to a request: for a deletion what was erased and what is kept, with
 * the legal basis and until when; for a correction the fields changed; a refusal's reason.
 */
export function PrivacyAnswer({ request }: { request: PortalPrivacyRequest }) {
  const { t } = useTranslation();
  const answer = request.answer;
  if (answer === null) return null;
  const category = (name: string) =>
    t(`portalSelfService.privacy.categories.${name}`, { defaultValue: name });
  if (request.state === 'refused')
    return (
      <div className="portal-self-answer" data-testid="portal-privacy-refused">
        <strong>{t('portalSelfService.privacy.refusedBecause')}</strong>
        <p className="portal-self-text">{text(answer.reason) ?? '—'}</p>
      </div>
    );
  if (isDeletionAnswer(answer))
    return (
      <div className="portal-self-answer" data-testid="portal-deletion-answer">
        <h3>{t('portalSelfService.privacy.erased')}</h3>
        {answer.erased.length === 0 ? (
          <p className="muted">{t('portalSelfService.privacy.nothingErased')}</p>
        ) : (
          <ul>
            {answer.erased.map((item) => (
              <li key={`${item.category}-${item.detail}`}>
                <strong>{category(item.category)}</strong> ({item.items}) — {item.detail}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('portalSelfService.privacy.kept')}</h3>
        {answer.kept.length === 0 ? (
          <p className="muted">{t('portalSelfService.privacy.nothingKept')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('portalSelfService.privacy.data')}</th>
                <th>{t('portalSelfService.privacy.why')}</th>
                <th>{t('portalSelfService.privacy.keptUntil')}</th>
              </tr>
            </thead>
            <tbody>
              {answer.kept.map((item) => (
                <tr key={item.category}>
                  <td>{category(item.category)}</td>
                  <td>{item.basis}</td>
                  <td>{item.until ?? t('portalSelfService.privacy.noEndYet')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {answer.restricted ? (
          <p className="muted">{t('portalSelfService.privacy.restricted')}</p>
        ) : null}
      </div>
    );
  if (Array.isArray(answer.fieldsChanged))
    return (
      <p className="portal-self-answer">
        {t('portalSelfService.privacy.corrected')}{' '}
        {answer.fieldsChanged
          .map((field) => t(`portalSelfService.privacy.fields.${String(field)}`))
          .join(', ')}
      </p>
    );
  return null;
}
