import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { ProblemAlert } from '../components/index.js';
import { SignInFrame } from '../pages/sign-in-page.js';
import { enrolPasskey, signInWithPasskey } from './portal-endpoints.js';

/** Sign in with a passkey: no user name, the browser offers this site's passkeys. */
export function PortalSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await signInWithPasskey();
      onSignedIn();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <SignInFrame>
      <h1>{t('portal.signIn.title')}</h1>
      <p className="muted">{t('portal.signIn.subtitle')}</p>
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <button
        type="button"
        className="button button-primary button-block"
        disabled={busy}
        data-testid="portal-passkey-sign-in"
        onClick={() => void start()}
      >
        {t('portal.signIn.button')}
      </button>
      <p className="sign-in-note">{t('portal.signIn.note')}</p>
    </SignInFrame>
  );
}

/** Registers a passkey from the platform's one-time link, then signs the customer in. */
export function PortalEnrol({ token, onEnrolled }: { token: string; onEnrolled: () => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await enrolPasskey(token);
      onEnrolled();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <SignInFrame>
      <h1>{t('portal.enrol.title')}</h1>
      <p className="muted">{t('portal.enrol.subtitle')}</p>
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <button
        type="button"
        className="button button-primary button-block"
        disabled={busy || token === ''}
        data-testid="portal-enrol"
        onClick={() => void start()}
      >
        {t('portal.enrol.button')}
      </button>
      <p className="sign-in-note">{t('portal.enrol.note')}</p>
    </SignInFrame>
  );
}
