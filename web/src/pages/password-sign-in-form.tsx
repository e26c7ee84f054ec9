import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  asApiProblem,
  getMe,
  startSession,
  type ApiProblem,
  type Principal,
} from '../api/index.js';
import { SignInProblem } from '../components/index.js';

/** The longest code an authenticator shows (the server accepts at most 10 characters). */
const TOTP_CODE_LENGTH_MAX = 10;

/**
 * Login and password first; when the server answers that a code is needed, the code field
 * appears and the same form is sent again with it. A person without a second factor yet is
 * sent on to enrol one.
 */
export function PasswordSignInForm({
  onSignedIn,
  onEnrolmentRequired,
}: {
  onSignedIn: (principal: Principal) => void;
  onEnrolmentRequired: () => void;
}) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [codeAsked, setCodeAsked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || login.trim() === '' || password === '') return;
    const code = totpCode.replace(/\s+/g, '');
    setBusy(true);
    setProblem(null);
    try {
      const reply = await startSession({
        login: login.trim(),
        password,
        ...(codeAsked && code !== '' ? { totpCode: code } : {}),
      });
      if (reply.stage === 'totp_enrolment') {
        onEnrolmentRequired();
        return;
      }
      const me = await getMe(undefined, undefined, true);
      onSignedIn(me.principal);
    } catch (error) {
      const refused = asApiProblem(error);
      setBusy(false);
      setTotpCode('');
      if (refused.code === 'totp_required' && !codeAsked) {
        setCodeAsked(true);
        // The field renders on this update; focus it once it is there.
        requestAnimationFrame(() => codeInput.current?.focus());
        return;
      }
      setProblem(refused);
    }
  };

  const startOver = () => {
    setCodeAsked(false);
    setTotpCode('');
    setPassword('');
    setProblem(null);
  };

  return (
    <form className="sign-in-form" data-testid="password-form" onSubmit={submit}>
      <label className="field">
        <span>{t('signIn.login')}</span>
        <input
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={login}
          readOnly={codeAsked}
          onChange={(event) => setLogin(event.target.value)}
          required
          autoFocus
        />
      </label>
      <label className="field">
        <span>{t('signIn.password')}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          readOnly={codeAsked}
          onChange={(event) => setPassword(event.target.value)}
          required
        />
      </label>
      {codeAsked ? (
        <label className="field">
          <span>{t('signIn.totpCode')}</span>
          <input
            ref={codeInput}
            name="totpCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={TOTP_CODE_LENGTH_MAX}
            value={totpCode}
            onChange={(event) => setTotpCode(event.target.value)}
            required
          />
          <small className="muted">{t('signIn.totpHint')}</small>
        </label>
      ) : null}
      {problem === null ? null : <SignInProblem problem={problem} />}
      <button type="submit" className="button button-primary button-block" disabled={busy}>
        {busy ? t('signIn.signingIn') : codeAsked ? t('signIn.verify') : t('signIn.submit')}
      </button>
      {codeAsked ? (
        <button type="button" className="link-button" onClick={startOver}>
          {t('signIn.startOver')}
        </button>
      ) : null}
    </form>
  );
}
