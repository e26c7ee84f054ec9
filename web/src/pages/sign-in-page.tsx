import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Principal } from '../api/index.js';
import { LanguageSwitch, Notice } from '../components/index.js';
import type { SignInMethod } from '../app/use-auth.js';
import { ApiKeySignInForm } from './api-key-sign-in-form.js';
import { PasswordSignInForm } from './password-sign-in-form.js';

export interface SignInPageProps {
  /** The last session or key stopped working: say so above the form. */
  expired: boolean;
  onSignedIn: (principal: Principal, method: SignInMethod, apiKey?: string) => void;
  onEnrolmentRequired: () => void;
}

/**
 * Staff sign in with login, password and the code of their authenticator app. Platform API
 * clients, which have no password, can still open the console with an API key.
 */
export function SignInPage(props: SignInPageProps) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<SignInMethod>('session');
  return (
    <SignInFrame>
      <h1>{t('signIn.title')}</h1>
      <p className="muted">
        {method === 'session' ? t('signIn.subtitle') : t('signIn.apiKeySubtitle')}
      </p>
      {props.expired ? <Notice>{t('signIn.expired')}</Notice> : null}
      {method === 'session' ? (
        <PasswordSignInForm
          onSignedIn={(principal) => props.onSignedIn(principal, 'session')}
          onEnrolmentRequired={props.onEnrolmentRequired}
        />
      ) : (
        <ApiKeySignInForm onSignedIn={(key, who) => props.onSignedIn(who, 'apiKey', key)} />
      )}
      <button
        type="button"
        className="link-button sign-in-switch"
        data-testid="sign-in-method"
        onClick={() => setMethod(method === 'session' ? 'apiKey' : 'session')}
      >
        {method === 'session' ? t('signIn.useApiKey') : t('signIn.usePassword')}
      </button>
      <p className="sign-in-note">{t('signIn.note')}</p>
    </SignInFrame>
  );
}

/** The branded card on the navy background shared by sign-in and enrolment. */
export function SignInFrame({ children, wide }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className="sign-in">
      <div className="sign-in-language">
        <LanguageSwitch />
      </div>
      <div className={wide === true ? 'sign-in-card sign-in-card-wide' : 'sign-in-card'}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span>Custos</span>
        </div>
        {children}
      </div>
    </div>
  );
}
