import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { newPasswordProblem, PASSWORD_LENGTH_MIN } from '../access/password-rules.js';
import {
  asApiProblem,
  completeEnrolment,
  getMe,
  startEnrolment,
  type ApiProblem,
  type EnrolmentStart,
  type Principal,
} from '../api/index.js';
import { CopyButton, ProblemAlert, SignInProblem } from '../components/index.js';
import { SignInFrame } from './sign-in-page.js';
import { svgDataUri, groupSecret } from './totp-secret-text.js';

type Started =
  | { status: 'loading' }
  | { status: 'ready'; enrolment: EnrolmentStart }
  | { status: 'failed'; problem: ApiProblem };

/**
 * A first sign-in: scan the QR code (or type the secret) into an authenticator app, prove it
 * works with a current code, and replace the one-time password with one of your own.
 */
export function EnrolmentPage({
  onEnrolled,
  onCancel,
}: {
  onEnrolled: (principal: Principal) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [started, setStarted] = useState<Started>({ status: 'loading' });
  // One secret per page: a second start would replace the secret already scanned.
  const request = useRef<Promise<EnrolmentStart> | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    request.current ??= startEnrolment();
    request.current.then(
      (enrolment) => {
        if (live) setStarted({ status: 'ready', enrolment });
      },
      (error: unknown) => {
        if (live) setStarted({ status: 'failed', problem: asApiProblem(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const retry = () => {
    request.current = null;
    setStarted({ status: 'loading' });
    setAttempt((value) => value + 1);
  };

  return (
    <SignInFrame wide>
      <h1>{t('enrolment.title')}</h1>
      <p className="muted">{t('enrolment.subtitle')}</p>
      {started.status === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {started.status === 'failed' ? (
        <ProblemAlert problem={started.problem} onRetry={retry} />
      ) : null}
      {started.status === 'ready' ? (
        <div className="enrolment">
          <AuthenticatorStep enrolment={started.enrolment} />
          <EnrolmentForm onEnrolled={onEnrolled} />
        </div>
      ) : null}
      <button type="button" className="link-button" onClick={onCancel}>
        {t('enrolment.cancel')}
      </button>
    </SignInFrame>
  );
}

function AuthenticatorStep({ enrolment }: { enrolment: EnrolmentStart }) {
  const { t } = useTranslation();
  return (
    <section className="enrolment-step">
      <h2>{t('enrolment.scanTitle')}</h2>
      <p className="muted small">{t('enrolment.scanHint')}</p>
      <img
        className="enrolment-qr"
        src={svgDataUri(enrolment.qrSvg)}
        alt={t('enrolment.qrAlt')}
        width={200}
        height={200}
      />
      <p className="small">{t('enrolment.manualHint')}</p>
      <div className="enrolment-secret">
        <code data-testid="totp-secret">{groupSecret(enrolment.secret)}</code>
        <CopyButton text={enrolment.secret} />
      </div>
    </section>
  );
}

function EnrolmentForm({ onEnrolled }: { onEnrolled: (principal: Principal) => void }) {
  const { t } = useTranslation();
  const [totpCode, setTotpCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [showRule, setShowRule] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const passwordProblem = newPasswordProblem(newPassword, confirmation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowRule(true);
    const code = totpCode.replace(/\s+/g, '');
    if (busy || passwordProblem !== null || code === '') return;
    setBusy(true);
    setProblem(null);
    try {
      await completeEnrolment({ totpCode: code, newPassword });
      const me = await getMe(undefined, undefined, true);
      onEnrolled(me.principal);
    } catch (error) {
      setProblem(asApiProblem(error));
      setTotpCode('');
      setBusy(false);
    }
  };

  return (
    <form className="enrolment-step" data-testid="enrolment-form" onSubmit={submit}>
      <h2>{t('enrolment.confirmTitle')}</h2>
      <label className="field">
        <span>{t('enrolment.code')}</span>
        <input
          name="totpCode"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={10}
          value={totpCode}
          onChange={(event) => setTotpCode(event.target.value)}
          required
        />
      </label>
      <label className="field">
        <span>{t('enrolment.newPassword')}</span>
        <input
          name="newPassword"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          required
        />
        <small className="muted">{t('enrolment.passwordRule', { min: PASSWORD_LENGTH_MIN })}</small>
      </label>
      <label className="field">
        <span>{t('enrolment.confirmPassword')}</span>
        <input
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          required
        />
      </label>
      {showRule && passwordProblem !== null ? (
        <p className="field-error" role="alert" data-password-problem={passwordProblem}>
          {t(`passwordProblem.${passwordProblem}`, { min: PASSWORD_LENGTH_MIN })}
        </p>
      ) : null}
      {problem === null ? null : <SignInProblem problem={problem} />}
      <button type="submit" className="button button-primary button-block" disabled={busy}>
        {busy ? t('enrolment.saving') : t('enrolment.submit')}
      </button>
    </form>
  );
}
