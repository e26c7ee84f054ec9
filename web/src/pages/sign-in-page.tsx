import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, getMe, type ApiProblem, type Principal } from '../api/index.js';
import { LanguageSwitch, ProblemAlert } from '../components/index.js';

/**
 * Placeholder sign-in until staff accounts arrive: the user pastes an API key, the console
 * checks it with GET /v1/me, and keeps it for this tab only.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: (key: string, who: Principal) => void }) {
  const { t } = useTranslation();
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = apiKey.trim();
    if (key === '' || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const me = await getMe(undefined, key);
      onSignedIn(key, me.principal);
    } catch (error) {
      setProblem(asApiProblem(error));
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <div className="sign-in-language">
        <LanguageSwitch />
      </div>
      <form className="sign-in-card" onSubmit={submit}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span>Custos</span>
        </div>
        <h1>{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.subtitle')}</p>
        <label className="field">
          <span>{t('signIn.apiKey')}</span>
          <input
            name="apiKey"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={apiKey}
            placeholder={t('signIn.apiKeyPlaceholder')}
            onChange={(event) => setApiKey(event.target.value)}
            required
            autoFocus
          />
        </label>
        {problem === null ? null : <ProblemAlert problem={problem} />}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? t('signIn.checking') : t('signIn.submit')}
        </button>
        <p className="sign-in-note">{t('signIn.note')}</p>
      </form>
    </div>
  );
}
