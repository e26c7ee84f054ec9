import { useTranslation } from 'react-i18next';
import { DateTime, EmptyRow, ReasonAction } from '../components/index.js';
import { compactId } from '../format/index.js';
import type { StoredVersion } from './monitoring-types.js';

interface RuleVersionsTableProps {
  versions: StoredVersion[];
  mayWrite: boolean;
  onEdit: (version: StoredVersion) => void;
  onBacktest: (version: number) => void;
  onRequestActivation: (version: number, reason: string) => Promise<unknown>;
  onActivationRequested: (result: unknown) => void;
}

/** The stored versions of one rule, newest first, with what can be done to each. */
export function RuleVersionsTable(props: RuleVersionsTableProps) {
  const { t } = useTranslation();
  const { versions, mayWrite } = props;
  return (
    <table className="table" data-testid="rule-versions">
      <thead>
        <tr>
          <th>{t('rules.version')}</th>
          <th>{t('common.status')}</th>
          <th>{t('rules.versions.created')}</th>
          <th>{t('rules.versions.activated')}</th>
          {mayWrite ? <th className="cell-actions">{t('rules.versions.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {versions.length === 0 ? (
          <EmptyRow columns={mayWrite ? 5 : 4} text={t('rules.versions.none')} />
        ) : null}
        {versions.map((version) => (
          <tr key={version.version} data-version={version.version} data-status={version.status}>
            <td className="nowrap">v{version.version}</td>
            <td>
              <span className={`badge badge-rule-${version.status}`} data-status={version.status}>
                {t(`rules.status.${version.status}`)}
              </span>
            </td>
            <td>
              <DateTime value={version.createdAt} />
              <div className="small muted id">{compactId(version.createdBy)}</div>
            </td>
            <td>
              {version.activatedAt === null ? (
                version.activationApprovalId === null ? (
                  <span className="muted">—</span>
                ) : (
                  <span className="small muted">
                    {t('rules.versions.awaiting', {
                      approvalId: compactId(version.activationApprovalId),
                    })}
                  </span>
                )
              ) : (
                <>
                  <DateTime value={version.activatedAt} />
                  <div className="small muted id">{compactId(version.activatedBy ?? '')}</div>
                </>
              )}
            </td>
            {mayWrite ? (
              <td className="cell-actions">
                <span className="row-actions">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => props.onEdit(version)}
                  >
                    {t('rules.versions.edit')}
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => props.onBacktest(version.version)}
                  >
                    {t('rules.versions.backtest')}
                  </button>
                  {version.status === 'draft' ? (
                    <ReasonAction
                      label={t('rules.versions.requestActivation')}
                      title={t('rules.versions.requestActivationTitle', {
                        version: version.version,
                      })}
                      description={t('rules.versions.requestActivationDescription')}
                      confirmLabel={t('rules.versions.requestActivation')}
                      tone="primary"
                      onSubmit={(reason) => props.onRequestActivation(version.version, reason)}
                      onDone={props.onActivationRequested}
                    />
                  ) : null}
                </span>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
