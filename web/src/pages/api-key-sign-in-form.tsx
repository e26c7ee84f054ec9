import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, getMe, type ApiProblem, type Principal } from '../api/index.js';
import { ProblemAlert } from '../components/index.js';

/** An API key pasted by a platform's operator; checked with GET /v1/me, kept for this tab. */
export function ApiKeySignInForm({
  onSignedIn,
}: {
  onSignedIn: (key: string, who: Principal) => void;
}) {
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
    <form className="sign-in-form" data-testid="api-key-form" onSubmit={submit}>
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
    </form>
  );
}
