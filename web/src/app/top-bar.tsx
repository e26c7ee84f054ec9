import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { Link } from '../router/index.js';
import { useSession } from '../session/index.js';

/** Platform in view, who is signed in, language, sign-out. */
export function TopBar() {
  const { t } = useTranslation();
  const { principal, platformId, signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <header className="top-bar">
      <div className="top-bar-platform">
        <span className="muted">{t('topBar.platform')}</span>{' '}
        {platformId === null ? (
          <span className="muted">{t('topBar.noPlatform')}</span>
        ) : (
          <code className="id" data-testid="current-platform">
            {platformId}
          </code>
        )}
        {principal.kind === 'staff' ? (
          <Link to={consolePaths.platforms} className="top-bar-switch">
            {t('topBar.switchPlatform')}
          </Link>
        ) : null}
      </div>
      <div className="top-bar-right">
        <div className="principal" data-testid="principal">
          <span className="principal-name">{principal.name}</span>
          <span className="principal-role">
            {t(`principalKind.${principal.kind}`)} ·{' '}
            {t(`role.${principal.role}`, { defaultValue: principal.role })}
          </span>
        </div>
        <LanguageSwitch />
        <button
          type="button"
          className="button button-small"
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true);
            void signOut();
          }}
        >
          {t('topBar.signOut')}
        </button>
      </div>
    </header>
  );
}
